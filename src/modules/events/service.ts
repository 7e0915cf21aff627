import type { Kysely, Transaction } from "kysely";
import { berlinDay, berlinToUtc, utcToBerlin } from "../../lib/berlin-time.js";
import { type Actor, hasRole, isUser, requireRole } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import type { Database } from "../../platform/db/schema.js";
import { fromDbBool, nowIso, toDbBool } from "../../platform/db/time.js";
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { notifyCapacityChanged, notifyEventChanged } from "./registration-hooks.js";
import {
  deleteEventRow,
  deleteSessionRow,
  type EventRow,
  findEvent,
  findEventForUpdate,
  findSession,
  insertEvent,
  insertSession,
  listEventRows,
  listSessionRows,
  maxSessionPosition,
  type SessionRow,
  slugExists,
  updateEventRow,
  updateSessionRow,
} from "./repo.js";
import { slotIndexById } from "./slots.js";
import type { EventStatus, SessionKind } from "./tables.js";

export { berlinToUtc, toBerlinIso, utcToBerlin } from "../../lib/berlin-time.js";
export type { TimeSlot } from "./slots.js";
export { timeSlots, timetable } from "./slots.js";
export type { EventStatus, SessionKind } from "./tables.js";

// ---------------------------------------------------------------------------
// View models (what leaves this module; the registrations module uses them too)

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

export type RegistrationClosedReason = "not_published" | "cancelled" | "not_yet_open" | "closed" | "past";

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
  createdBy: string | null;
  /** Derived from status, registration window and start time (see registrationState). */
  registrationOpen: boolean;
  registrationClosedReason?: RegistrationClosedReason;
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

export const sessionKinds: SessionKind[] = ["welcome", "talk", "panel", "workshop", "break", "other"];
export const eventStatuses: EventStatus[] = [
  "draft",
  "published",
  "registration_open",
  "registration_closed",
  "held",
  "documented",
  "cancelled",
];

// ---------------------------------------------------------------------------
// Rules

/**
 * Whether people can register now. Drafts, cancelled, held and documented events
 * and events whose registration was closed by hand are closed; otherwise the
 * window decides (opens/closes, each optional) and registration ends when the
 * event starts.
 */
export function registrationState(
  event: Pick<EventView, "status" | "startsAt" | "registrationOpensAt" | "registrationClosesAt">,
  now: Date = new Date(),
): { open: boolean; reason?: RegistrationClosedReason } {
  const at = now.toISOString();
  switch (event.status) {
    case "draft":
      return { open: false, reason: "not_published" };
    case "cancelled":
      return { open: false, reason: "cancelled" };
    case "held":
    case "documented":
      return { open: false, reason: "past" };
    case "registration_closed":
      return { open: false, reason: "closed" };
    default:
      break;
  }
  if (at >= event.startsAt) return { open: false, reason: "past" };
  if (event.registrationOpensAt && at < event.registrationOpensAt) return { open: false, reason: "not_yet_open" };
  if (event.registrationClosesAt && at >= event.registrationClosesAt) return { open: false, reason: "closed" };
  return { open: true };
}

export const isRegistrationOpen = (
  event: Pick<EventView, "status" | "startsAt" | "registrationOpensAt" | "registrationClosesAt">,
  now: Date = new Date(),
): boolean => registrationState(event, now).open;

/** Which status may follow which (the same status is always allowed). */
const transitions: Record<EventStatus, EventStatus[]> = {
  draft: ["published", "registration_open", "cancelled"],
  published: ["registration_open", "registration_closed", "held", "cancelled"],
  registration_open: ["published", "registration_closed", "held", "cancelled"],
  registration_closed: ["published", "registration_open", "held", "cancelled"],
  held: ["documented"],
  documented: ["held"],
  cancelled: [],
};

export const allowedNextStatuses = (status: EventStatus): EventStatus[] => transitions[status];

export function canManageEvent(actor: Actor, event: { createdBy: string | null } | { created_by: string | null }) {
  if (!isUser(actor)) return false;
  if (actor.role === "admin") return true;
  const owner = "createdBy" in event ? event.createdBy : event.created_by;
  return actor.role === "editor" && owner === actor.id;
}

/** Drafts are seen only by the people who may edit them. */
export const canSeeEvent = (actor: Actor, event: EventView): boolean =>
  event.status !== "draft" || canManageEvent(actor, event);

// ---------------------------------------------------------------------------
// Mapping

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

export function toEventView(row: EventRow, now: Date = new Date()): EventView {
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
    createdBy: row.created_by,
    registrationOpen: false,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  const state = registrationState(view, now);
  view.registrationOpen = state.open;
  if (state.reason) view.registrationClosedReason = state.reason;
  return view;
}

export function toSessionViews(rows: SessionRow[]): SessionView[] {
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

// ---------------------------------------------------------------------------
// Reading (no access check: public data; callers check drafts with canSeeEvent)

/** For the registrations module: the event by id or slug, or undefined. Drafts included. */
export async function getEventForRegistration(db: Kysely<Database>, idOrSlug: string): Promise<EventView | undefined> {
  const row = await findEvent(db, idOrSlug);
  return row ? toEventView(row) : undefined;
}

/** The programme of an event in order of time, workshops with their slot index. */
export async function listSessions(db: Kysely<Database>, eventId: string): Promise<SessionView[]> {
  return toSessionViews(await listSessionRows(db, eventId));
}

/** An event as the given person may see it; 404 for drafts of others and unknown ids. */
export async function getVisibleEvent(db: Kysely<Database>, actor: Actor, idOrSlug: string): Promise<EventView> {
  const event = await getEventForRegistration(db, idOrSlug);
  if (!event || !canSeeEvent(actor, event)) throw new NotFoundError("events.error.notFound");
  return event;
}

/** An event the actor may change; 404 unknown, 403 someone else's. */
export async function getManageableEvent(db: Kysely<Database>, actor: Actor, idOrSlug: string): Promise<EventView> {
  requireRole(actor, "admin", "editor");
  const event = await getEventForRegistration(db, idOrSlug);
  if (!event) throw new NotFoundError("events.error.notFound");
  if (!canManageEvent(actor, event)) throw new ForbiddenError("events.error.notYours");
  return event;
}

/** Public events (not drafts) that have not ended yet, soonest first. */
export async function listUpcomingEvents(db: Kysely<Database>, now = new Date(), limit?: number) {
  const rows = await listEventRows(db, {
    excludeStatuses: ["draft"],
    endsFrom: now.toISOString(),
    ...(limit ? { limit } : {}),
  });
  return rows.map((r) => toEventView(r, now));
}

/** Public events that are over, latest first. */
export async function listPastEvents(db: Kysely<Database>, now = new Date()) {
  const rows = await listEventRows(db, { excludeStatuses: ["draft"], endsBefore: now.toISOString(), order: "desc" });
  return rows.map((r) => toEventView(r, now));
}

/** Public events for the API and the feed, optionally within [from, to). */
export async function listPublicEvents(db: Kysely<Database>, range: { from?: string; to?: string } = {}) {
  const rows = await listEventRows(db, {
    excludeStatuses: ["draft"],
    ...(range.from ? { endsFrom: range.from } : {}),
    ...(range.to ? { startsBefore: range.to } : {}),
  });
  return rows.map((r) => toEventView(r));
}

/** The back-office list: an editor's own events, all events for admins. */
export async function listManagedEvents(db: Kysely<Database>, actor: Actor): Promise<EventView[]> {
  const user = requireRole(actor, "admin", "editor");
  const rows = await listEventRows(db, { order: "desc", ...(user.role === "admin" ? {} : { createdBy: user.id }) });
  return rows.map((r) => toEventView(r));
}

// ---------------------------------------------------------------------------
// Changing

export interface EventInput {
  title: string;
  subtitle?: string | null | undefined;
  description?: string | null | undefined;
  themes?: string[] | undefined;
  targetGroups?: string[] | undefined;
  organisers?: string[] | undefined;
  startsAt: string;
  endsAt: string;
  venue: {
    name: string;
    room?: string | null | undefined;
    address?: string | null | undefined;
    accessibility?: string | null | undefined;
    directions?: string | null | undefined;
  };
  capacity: number;
  registrationOpensAt?: string | null | undefined;
  registrationClosesAt?: string | null | undefined;
  confirmByEmail?: boolean | undefined;
  holdHours?: number | undefined;
  reminderDays?: number | undefined;
  fee?: string | null | undefined;
  creditHours?: number | null | undefined;
  contact?: { name?: string | null | undefined; email?: string | null | undefined; phone?: string | null | undefined };
  status?: "draft" | "published" | undefined;
  workshopChoice?: "first_come" | "preferences" | undefined;
}

export type EventPatch = Partial<Omit<EventInput, "venue" | "contact" | "status">> & {
  venue?: Partial<EventInput["venue"]> | undefined;
  contact?: EventInput["contact"] | undefined;
  status?: EventStatus | undefined;
};

const umlauts: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "ae", Ö: "oe", Ü: "ue" };

/** "Kindliche Entwicklung stärken" on 28.03.2025 → "2025-03-28-kindliche-entwicklung-staerken". */
export function slugFor(title: string, startsAt: string): string {
  const words = title
    .replace(/[äöüßÄÖÜ]/g, (c) => umlauts[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${berlinDay(startsAt)}${words ? `-${words}` : ""}`;
}

async function uniqueSlug(db: Kysely<Database>, base: string): Promise<string> {
  let slug = base;
  for (let n = 2; await slugExists(db, slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** The first problem becomes the problem document's `detail`; all of them go to `errors`. */
const invalid = (errors: Record<string, string>) => new ValidationError(errors, Object.values(errors)[0]);

function checkEventRules(e: {
  startsAt: string;
  endsAt: string;
  capacity: number;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
}): void {
  const errors: Record<string, string> = {};
  if (e.endsAt <= e.startsAt) errors.endsAt = "events.validation.endBeforeStart";
  if (!Number.isInteger(e.capacity) || e.capacity < 1) errors.capacity = "events.validation.capacityMin";
  if (e.registrationOpensAt && e.registrationClosesAt && e.registrationClosesAt <= e.registrationOpensAt) {
    errors.registrationClosesAt = "events.validation.closesBeforeOpens";
  }
  if (e.registrationClosesAt && e.registrationClosesAt > e.endsAt) {
    errors.registrationClosesAt = "events.validation.closesAfterEvent";
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

const clean = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};
const cleanList = (list: string[] | undefined): string => {
  const items = (list ?? []).map((s) => s.trim()).filter(Boolean);
  return JSON.stringify([...new Set(items)]);
};

export async function createEvent(platform: Platform, actor: Actor, input: EventInput): Promise<EventView> {
  const user = requireRole(actor, "admin", "editor");
  const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
  const opens = iso(input.registrationOpensAt);
  const closes = iso(input.registrationClosesAt);
  checkEventRules({
    startsAt,
    endsAt,
    capacity: input.capacity,
    registrationOpensAt: opens,
    registrationClosesAt: closes,
  });
  const db = platform.db.kysely;
  const id = newId();
  const now = nowIso();
  const base = slugFor(input.title, startsAt);
  const row = {
    id,
    slug: await uniqueSlug(db, base),
    title: input.title.trim(),
    subtitle: clean(input.subtitle),
    description: clean(input.description),
    themes: cleanList(input.themes),
    target_groups: cleanList(input.targetGroups),
    organisers: cleanList(input.organisers),
    starts_at: startsAt,
    ends_at: endsAt,
    venue_name: input.venue.name.trim(),
    venue_room: clean(input.venue.room),
    venue_address: clean(input.venue.address),
    venue_accessibility: clean(input.venue.accessibility),
    venue_directions: clean(input.venue.directions),
    capacity: input.capacity,
    registration_opens_at: opens,
    registration_closes_at: closes,
    confirm_by_email: toDbBool(input.confirmByEmail ?? true),
    hold_hours: input.holdHours ?? 24,
    reminder_days: input.reminderDays ?? 3,
    fee: clean(input.fee),
    credit_hours: input.creditHours ?? null,
    contact_name: clean(input.contact?.name),
    contact_email: clean(input.contact?.email),
    contact_phone: clean(input.contact?.phone),
    status: input.status ?? "draft",
    workshop_choice: input.workshopChoice ?? "first_come",
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  try {
    await insertEvent(db, row);
  } catch (error) {
    // Two events with the same title and day created at the same moment: the
    // unique slug index refuses the second; it gets a random suffix instead.
    if (!(await slugExists(db, row.slug))) throw error;
    await insertEvent(db, { ...row, slug: `${base}-${newId().slice(0, 6)}` });
  }
  const created = await getEventForRegistration(db, id);
  if (!created) throw new NotFoundError("events.error.notFound");
  return created;
}

/**
 * Changes an event. Time, venue and cancellation are told to the registrations
 * module inside the same transaction (it mails participants); a raised capacity
 * lets it promote people from the waitlist after the commit.
 */
export async function updateEvent(platform: Platform, actor: Actor, idOrSlug: string, patch: EventPatch) {
  requireRole(actor, "admin", "editor");
  const db = platform.db.kysely;
  const found = await findEvent(db, idOrSlug);
  if (!found) throw new NotFoundError("events.error.notFound");
  const id = found.id;
  let capacityRaised = false;
  await db.transaction().execute(async (trx) => {
    const row = await findEventForUpdate(trx, id, platform.db.dialect === "postgres");
    if (!row) throw new NotFoundError("events.error.notFound");
    if (!canManageEvent(actor, row)) throw new ForbiddenError("events.error.notYours");
    const has = (key: keyof EventPatch) => Object.hasOwn(patch, key) && patch[key] !== undefined;
    const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);
    const next = {
      starts_at: has("startsAt") ? new Date(patch.startsAt as string).toISOString() : row.starts_at,
      ends_at: has("endsAt") ? new Date(patch.endsAt as string).toISOString() : row.ends_at,
      capacity: patch.capacity ?? Number(row.capacity),
      registration_opens_at:
        patch.registrationOpensAt !== undefined ? iso(patch.registrationOpensAt) : row.registration_opens_at,
      registration_closes_at:
        patch.registrationClosesAt !== undefined ? iso(patch.registrationClosesAt) : row.registration_closes_at,
    };
    checkEventRules({
      startsAt: next.starts_at,
      endsAt: next.ends_at,
      capacity: next.capacity,
      registrationOpensAt: next.registration_opens_at,
      registrationClosesAt: next.registration_closes_at,
    });
    const status = patch.status ?? row.status;
    if (status !== row.status && !transitions[row.status].includes(status)) {
      throw new DomainError(409, "invalid_status_change", "events.error.statusChange", {
        from: row.status,
        to: status,
      });
    }
    const venue = {
      venue_name: patch.venue?.name !== undefined ? patch.venue.name.trim() : row.venue_name,
      venue_room: patch.venue?.room !== undefined ? clean(patch.venue.room) : row.venue_room,
      venue_address: patch.venue?.address !== undefined ? clean(patch.venue.address) : row.venue_address,
      venue_accessibility:
        patch.venue?.accessibility !== undefined ? clean(patch.venue.accessibility) : row.venue_accessibility,
      venue_directions: patch.venue?.directions !== undefined ? clean(patch.venue.directions) : row.venue_directions,
    };
    const pick = <T>(key: keyof EventPatch, value: T, fallback: T): T => (has(key) ? value : fallback);
    await updateEventRow(trx, id, {
      ...next,
      ...venue,
      title: pick("title", patch.title?.trim() ?? row.title, row.title),
      subtitle: patch.subtitle !== undefined ? clean(patch.subtitle) : row.subtitle,
      description: patch.description !== undefined ? clean(patch.description) : row.description,
      themes: pick("themes", cleanList(patch.themes), row.themes),
      target_groups: pick("targetGroups", cleanList(patch.targetGroups), row.target_groups),
      organisers: pick("organisers", cleanList(patch.organisers), row.organisers),
      confirm_by_email: has("confirmByEmail") ? toDbBool(Boolean(patch.confirmByEmail)) : row.confirm_by_email,
      hold_hours: patch.holdHours ?? row.hold_hours,
      reminder_days: patch.reminderDays ?? row.reminder_days,
      fee: patch.fee !== undefined ? clean(patch.fee) : row.fee,
      credit_hours: patch.creditHours !== undefined ? patch.creditHours : row.credit_hours,
      contact_name: patch.contact?.name !== undefined ? clean(patch.contact.name) : row.contact_name,
      contact_email: patch.contact?.email !== undefined ? clean(patch.contact.email) : row.contact_email,
      contact_phone: patch.contact?.phone !== undefined ? clean(patch.contact.phone) : row.contact_phone,
      workshop_choice: patch.workshopChoice ?? row.workshop_choice,
      status,
      updated_at: nowIso(),
    });
    await moveProgrammeWithEvent(trx, id, row.starts_at, next.starts_at);
    const changes = {
      time: next.starts_at !== row.starts_at || next.ends_at !== row.ends_at,
      venue:
        venue.venue_name !== row.venue_name ||
        venue.venue_room !== row.venue_room ||
        venue.venue_address !== row.venue_address,
      cancelled: status === "cancelled" && row.status !== "cancelled",
    };
    // Participants are told only about events they could have registered for.
    if (row.status !== "draft" && (changes.time || changes.venue || changes.cancelled)) {
      await notifyEventChanged(trx, platform, id, changes);
    }
    capacityRaised = next.capacity > Number(row.capacity) && status !== "cancelled";
  });
  if (capacityRaised) await notifyCapacityChanged(platform, id);
  const updated = await getEventForRegistration(db, id);
  if (!updated) throw new NotFoundError("events.error.notFound");
  return updated;
}

/** Whole days between two Berlin calendar days ("2027-03-12" → "2027-03-19": 7). */
const dayDelta = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * When an event moves to another day, its programme moves with it and keeps its
 * wall-clock times (09:00 stays 09:00, also across a change to summer time).
 */
async function moveProgrammeWithEvent(trx: Transaction<Database>, eventId: string, oldStart: string, newStart: string) {
  const days = dayDelta(berlinDay(oldStart), berlinDay(newStart));
  if (days === 0) return;
  const now = nowIso();
  for (const session of await listSessionRows(trx, eventId)) {
    const shift = (iso: string) => {
      const wall = utcToBerlin(iso);
      return berlinToUtc(addDays(wall.date, days), wall.time) ?? iso;
    };
    await updateSessionRow(trx, session.id, {
      starts_at: shift(session.starts_at),
      ends_at: shift(session.ends_at),
      updated_at: now,
    });
  }
}

export async function changeEventStatus(platform: Platform, actor: Actor, idOrSlug: string, status: EventStatus) {
  return updateEvent(platform, actor, idOrSlug, { status });
}

/** Only drafts can be deleted; published events are cancelled instead (people may have registered). */
export async function deleteDraftEvent(platform: Platform, actor: Actor, idOrSlug: string): Promise<void> {
  const event = await getManageableEvent(platform.db.kysely, actor, idOrSlug);
  if (event.status !== "draft") throw new DomainError(409, "not_a_draft", "events.error.onlyDrafts");
  await platform.db.kysely.transaction().execute((trx) => deleteEventRow(trx, event.id));
}

export interface SessionInput {
  kind: SessionKind;
  title: string;
  abstract?: string | null | undefined;
  speakers?: Speaker[] | undefined;
  room?: string | null | undefined;
  startsAt: string;
  endsAt: string;
  capacity?: number | null | undefined;
}

function checkSessionRules(event: EventView, s: { startsAt: string; endsAt: string; capacity: number | null }) {
  const errors: Record<string, string> = {};
  if (s.endsAt <= s.startsAt) errors.endsAt = "events.validation.endBeforeStart";
  const first = berlinDay(event.startsAt);
  const last = berlinDay(event.endsAt);
  if (berlinDay(s.startsAt) < first || berlinDay(s.startsAt) > last) errors.startsAt = "events.validation.sessionDay";
  else if (berlinDay(s.endsAt) > last || berlinDay(s.endsAt) < first) errors.endsAt = "events.validation.sessionDay";
  if (s.capacity !== null && (!Number.isInteger(s.capacity) || s.capacity < 1)) {
    errors.capacity = "events.validation.capacityMin";
  }
  if (Object.keys(errors).length) throw invalid(errors);
}

const cleanSpeakers = (speakers: Speaker[] | undefined): string =>
  JSON.stringify(
    (speakers ?? [])
      .map((s) => ({
        name: s.name.trim(),
        ...(clean(s.role) ? { role: clean(s.role) } : {}),
        ...(clean(s.organisation) ? { organisation: clean(s.organisation) } : {}),
      }))
      .filter((s) => s.name),
  );

export async function addSession(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  input: SessionInput,
): Promise<SessionView> {
  const db = platform.db.kysely;
  const event = await getManageableEvent(db, actor, eventIdOrSlug);
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
  const capacity = input.kind === "workshop" ? (input.capacity ?? null) : null;
  checkSessionRules(event, { startsAt, endsAt, capacity });
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      id,
      event_id: event.id,
      kind: input.kind,
      title: input.title.trim(),
      abstract: clean(input.abstract),
      speakers: cleanSpeakers(input.speakers),
      room: clean(input.room),
      starts_at: startsAt,
      ends_at: endsAt,
      capacity,
      position: (await maxSessionPosition(trx, event.id)) + 1,
      created_at: now,
      updated_at: now,
    });
  });
  const session = (await listSessions(db, event.id)).find((s) => s.id === id);
  if (!session) throw new NotFoundError("events.error.notFound");
  return session;
}

export async function getSession(db: Kysely<Database>, actor: Actor, eventIdOrSlug: string, sessionId: string) {
  const event = await getManageableEvent(db, actor, eventIdOrSlug);
  const sessions = await listSessions(db, event.id);
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) throw new NotFoundError("events.error.sessionNotFound");
  return { event, session };
}

export async function updateSession(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  sessionId: string,
  input: SessionInput,
): Promise<SessionView> {
  const db = platform.db.kysely;
  const event = await getManageableEvent(db, actor, eventIdOrSlug);
  const row = await findSession(db, event.id, sessionId);
  if (!row) throw new NotFoundError("events.error.sessionNotFound");
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
  const capacity = input.kind === "workshop" ? (input.capacity ?? null) : null;
  checkSessionRules(event, { startsAt, endsAt, capacity });
  await updateSessionRow(db, row.id, {
    kind: input.kind,
    title: input.title.trim(),
    abstract: clean(input.abstract),
    speakers: cleanSpeakers(input.speakers),
    room: clean(input.room),
    starts_at: startsAt,
    ends_at: endsAt,
    capacity,
    updated_at: nowIso(),
  });
  const old = row.capacity === null ? Number.POSITIVE_INFINITY : Number(row.capacity);
  const now = capacity === null ? Number.POSITIVE_INFINITY : capacity;
  if (input.kind === "workshop" && now > old) await notifyCapacityChanged(platform, event.id);
  const session = (await listSessions(db, event.id)).find((s) => s.id === row.id);
  if (!session) throw new NotFoundError("events.error.sessionNotFound");
  return session;
}

export async function deleteSession(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  sessionId: string,
): Promise<void> {
  const db = platform.db.kysely;
  const event = await getManageableEvent(db, actor, eventIdOrSlug);
  const row = await findSession(db, event.id, sessionId);
  if (!row) throw new NotFoundError("events.error.sessionNotFound");
  await deleteSessionRow(db, row.id);
}

/** Wall-clock parts of an event for the edit form. */
export const eventFormTimes = (event: EventView) => ({
  date: utcToBerlin(event.startsAt).date,
  startTime: utcToBerlin(event.startsAt).time,
  endTime: utcToBerlin(event.endsAt).time,
});

export const hasEventsRole = (actor: Actor) => hasRole(actor, "admin", "editor");
