import type { Conn } from "../../platform/db/database.js";
import {
  type EventAvailability,
  getEventForRegistration,
  listWorkshops,
  type SessionView,
  timeSlots,
} from "../events/index.js";
import { countByStatus, countTaken, workshopTaken } from "./capacity.repo.js";
import { type PreferenceRow, preferencesOf } from "./preferences.repo.js";
import type { QuestionRow } from "./questions.repo.js";
import { listRegistrationsOfEvent, type RegistrationRow, workshopChoicesOf } from "./registrations.repo.js";
import type { QuestionKind, RegistrationSource, RegistrationStatus } from "./tables.js";

// What leaves this module's services for views, mails and the API: plain view models
// built from rows, never the rows themselves.

/** Free places of a Fachtag and its workshops: the shape the events module shows. */
export type Availability = EventAvailability;

export interface WorkshopView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
  capacity: number | null;
  /** The slot's key: its start time (ISO UTC), stored with each choice. */
  slot: string;
  slotIndex: number;
}

export interface SlotView {
  index: number;
  key: string;
  startsAt: string;
  endsAt: string;
  workshops: WorkshopView[];
}

export interface QuestionView {
  id: string;
  kind: QuestionKind;
  label: string;
  options: string[];
  required: boolean;
}

export interface RegistrationView {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  waitlistPosition?: number;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string | null;
  /** The organisation's entry in the directory, when the name was picked from it. */
  organisationId: string | null;
  organisationKind: string | null;
  role: string | null;
  municipality: string | null;
  dietaryNeeds: string | null;
  accessibilityNeeds: string | null;
  consents: { privacy: boolean; photos: boolean; participantList: boolean; at: string };
  answers: Record<string, string>;
  workshops: { id: string; title: string; slot: string }[];
  workshopIds: string[];
  source: RegistrationSource;
  holdUntil: string | null;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  /** The code in the ticket's QR code. */
  ticketCode: string;
  /** When the person was checked in on the day (present); null before. */
  checkedInAt: string | null;
  /** Ranked wishes (preference mode): one list of workshop ids per time slot, in time order; [] for none. */
  preferences: string[][];
}

/** The workshops in their time slots (the events module's rule), one choice per slot. */
export function workshopSlots(workshops: readonly SessionView[]): SlotView[] {
  return timeSlots(workshops).map((slot) => ({
    index: slot.index,
    key: slot.startsAt,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    workshops: slot.sessions.map((w) => ({
      id: w.id,
      title: w.title,
      startsAt: w.startsAt,
      endsAt: w.endsAt,
      room: w.room,
      capacity: w.capacity,
      slot: slot.startsAt,
      slotIndex: slot.index,
    })),
  }));
}

export const toQuestionView = (q: QuestionRow): QuestionView => ({
  id: q.id,
  kind: q.kind,
  label: q.label,
  options: JSON.parse(q.options) as string[],
  required: Boolean(q.required),
});

/** Free places of the event and of each workshop (for the event page and the API). */
export async function availabilityOf(
  db: Conn,
  event: { id: string; capacity: number },
  workshops: readonly SessionView[],
): Promise<Availability> {
  const now = new Date().toISOString();
  const [taken, counts, wTaken] = await Promise.all([
    countTaken(db, event.id, now),
    countByStatus(db, event.id),
    workshopTaken(db, event.id, now),
  ]);
  return {
    capacity: event.capacity,
    taken,
    free: Math.max(0, event.capacity - taken),
    waitlist: counts.waitlisted,
    workshops: Object.fromEntries(
      workshops.map((w) => {
        const n = wTaken[w.id] ?? 0;
        return [
          w.id,
          { capacity: w.capacity, taken: n, free: w.capacity === null ? null : Math.max(0, w.capacity - n) },
        ];
      }),
    ),
  };
}

/** Registrations as the desk, the manage page and the API show them: workshops by title, waitlist rank. */
export async function toRegistrationViews(
  db: Conn,
  rows: RegistrationRow[],
  eventId: string,
  workshops: readonly SessionView[],
): Promise<RegistrationView[]> {
  const ids = rows.map((r) => r.id);
  const [choices, wishes] = await Promise.all([workshopChoicesOf(db, ids), preferencesOf(db, ids)]);
  const slots = workshopSlots(workshops);
  const wishesByReg = new Map<string, PreferenceRow[]>();
  for (const w of wishes) wishesByReg.set(w.registrationId, [...(wishesByReg.get(w.registrationId) ?? []), w]);
  const titles = new Map(workshops.map((w) => [w.id, w.title]));
  const byReg = new Map<string, { id: string; title: string; slot: string }[]>();
  for (const c of choices) {
    const list = byReg.get(c.registration_id) ?? [];
    list.push({ id: c.session_id, title: titles.get(c.session_id) ?? "", slot: c.slot });
    byReg.set(c.registration_id, list);
  }
  // Waitlist positions: rank among those still waiting, in registration order.
  const rank = new Map<string, number>();
  if (rows.some((r) => r.status === "waitlisted")) {
    const waiting = (await listRegistrationsOfEvent(db, eventId, { statuses: ["waitlisted"] })).sort(
      (a, b) => (a.waitlist_order ?? 0) - (b.waitlist_order ?? 0),
    );
    for (const [i, r] of waiting.entries()) rank.set(r.id, i + 1);
  }
  return rows.map((r) => {
    const ws = byReg.get(r.id) ?? [];
    const position = rank.get(r.id);
    return {
      id: r.id,
      eventId: r.event_id,
      status: r.status,
      ...(r.status === "waitlisted" && position !== undefined ? { waitlistPosition: position } : {}),
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      organisation: r.organisation,
      organisationId: r.organisation_id,
      organisationKind: r.organisation_kind,
      role: r.role,
      municipality: r.municipality,
      dietaryNeeds: r.dietary_needs,
      accessibilityNeeds: r.accessibility_needs,
      consents: {
        privacy: Boolean(r.consent_privacy),
        photos: Boolean(r.consent_photos),
        participantList: Boolean(r.consent_participant_list),
        at: r.consents_at,
      },
      answers: JSON.parse(r.answers) as Record<string, string>,
      workshops: ws,
      workshopIds: ws.map((w) => w.id),
      source: r.source,
      holdUntil: r.hold_until,
      createdAt: r.created_at,
      confirmedAt: r.confirmed_at,
      cancelledAt: r.cancelled_at,
      ticketCode: r.ticket_code,
      checkedInAt: r.checked_in_at,
      preferences: wishLists(wishesByReg.get(r.id) ?? [], slots),
    };
  });
}

/** The free places of one Fachtag by id; undefined when it does not exist. */
export async function getAvailability(db: Conn, eventId: string): Promise<Availability | undefined> {
  const event = await getEventForRegistration(db, eventId);
  if (!event) return undefined;
  return availabilityOf(db, event, await listWorkshops(db, event.id));
}

/** Stored wishes as lists per slot index (by the workshop's slot today), for views and the API. */
export function wishLists(rows: readonly Pick<PreferenceRow, "rank" | "sessionId">[], slots: SlotView[]): string[][] {
  const slotOf = new Map(slots.flatMap((s) => s.workshops.map((w) => [w.id, s.index] as const)));
  const lists: { rank: number; id: string }[][] = slots.map(() => []);
  for (const r of rows) {
    const at = slotOf.get(r.sessionId);
    if (at !== undefined) lists[at]?.push({ rank: r.rank, id: r.sessionId });
  }
  const out = lists.map((l) => l.sort((a, b) => a.rank - b.rank).map((w) => w.id));
  while (out.length && out.at(-1)?.length === 0) out.pop();
  return out;
}
