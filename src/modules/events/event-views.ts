import type { Selectable } from "kysely";
import { fromDbBool } from "../../platform/db/time.js";
import { type RegistrationClosedReason, registrationState } from "./registration-state.js";
import { slotIndexById } from "./slots.js";
import type { EventSessionsTable, EventStatus, EventsTable, SessionKind } from "./tables.js";

// The view models of a Fachtag and its programme: what leaves the events module
// (views, the API, the registrations module) instead of table rows.

export interface Speaker {
  name: string;
  role?: string | undefined;
  organisation?: string | undefined;
}

export interface Venue {
  name: string;
  room: string | null;
  address: string | null;
  accessibility: string | null;
  directions: string | null;
}

export interface EventView {
  id: string;
  slug: string;
  /** Path of the public page, e.g. "/fachtage/2025-03-28-kindliche-entwicklung". */
  url: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  themes: string[];
  targetGroups: string[];
  organisers: string[];
  /** ISO UTC. */
  startsAt: string;
  endsAt: string;
  venue: Venue;
  capacity: number;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  confirmByEmail: boolean;
  holdHours: number;
  reminderDays: number;
  fee: string | null;
  creditHours: number | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  status: EventStatus;
  workshopChoice: "first_come" | "preferences";
  /** Ranked wishes per time slot in preference mode (1–5). */
  maxChoices: number;
  /** When the allocation was published (preference mode): wishes are final from then on. */
  allocationPublishedAt: string | null;
  /** Months after the end until the personal data is removed (DSGVO retention). */
  retentionMonths: number;
  /** When the personal data was removed; null before. */
  personalDataRemovedAt: string | null;
  createdBy: string | null;
  /** Derived from status, registration window and start time (see registrationState). */
  registrationOpen: boolean;
  registrationClosedReason?: RegistrationClosedReason;
  /** iCalendar SEQUENCE of the Fachtag's one calendar entry. */
  icsSequence: number;
  createdAt: string;
  updatedAt: string;
}

export interface SessionView {
  id: string;
  eventId: string;
  kind: SessionKind;
  title: string;
  abstract: string | null;
  speakers: Speaker[];
  room: string | null;
  startsAt: string;
  endsAt: string;
  /** Workshops only; null = limited only by the event's capacity. */
  capacity: number | null;
  position: number;
  /** Index of the time slot of parallel workshops (workshops only), else null. */
  slotIndex: number | null;
}

const parseList = <T>(text: string | null): T[] => {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
};

const organiserName = (o: unknown): string =>
  typeof o === "string" ? o : o && typeof o === "object" && "name" in o ? String(o.name) : "";

export function toEventView(row: Selectable<EventsTable>, now: Date = new Date()): EventView {
  const view: EventView = {
    id: row.id,
    slug: row.slug,
    url: `/fachtage/${row.slug}`,
    title: row.title,
    subtitle: row.subtitle,
    description: row.description,
    themes: parseList<string>(row.themes),
    targetGroups: parseList<string>(row.target_groups),
    organisers: parseList<unknown>(row.organisers).map(organiserName).filter(Boolean),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    venue: {
      name: row.venue_name,
      room: row.venue_room,
      address: row.venue_address,
      accessibility: row.venue_accessibility,
      directions: row.venue_directions,
    },
    capacity: Number(row.capacity),
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    confirmByEmail: fromDbBool(row.confirm_by_email),
    holdHours: Number(row.hold_hours),
    reminderDays: Number(row.reminder_days),
    fee: row.fee,
    creditHours: row.credit_hours === null ? null : Number(row.credit_hours),
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    status: row.status,
    workshopChoice: row.workshop_choice,
    maxChoices: Number(row.max_choices ?? 3),
    allocationPublishedAt: row.allocation_published_at ?? null,
    retentionMonths: Number(row.retention_months ?? 6),
    personalDataRemovedAt: row.personal_data_removed_at ?? null,
    createdBy: row.created_by,
    registrationOpen: false,
    icsSequence: Number(row.ics_sequence ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  const state = registrationState(view, now);
  view.registrationOpen = state.open;
  if (!state.open) view.registrationClosedReason = state.reason;
  return view;
}

export function toSessionViews(rows: Selectable<EventSessionsTable>[]): SessionView[] {
  const base = rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    title: row.title,
    abstract: row.abstract,
    speakers: parseList<Speaker>(row.speakers),
    room: row.room,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity === null ? null : Number(row.capacity),
    position: Number(row.position),
  }));
  const slots = slotIndexById(base);
  return base.map((s) => ({ ...s, slotIndex: slots.get(s.id) ?? null }));
}
