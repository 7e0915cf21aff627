import type { Insertable } from "kysely";
import { berlinDay, berlinToUtc, utcToBerlin } from "../../lib/berlin-time.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso, toDbBool } from "../../platform/db/time.js";
import { MAX_YEAR, MIN_YEAR } from "../../platform/http/dates.js";
import { DomainError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { eventsAccess, requireEventManager } from "./access.js";
import { type EventView, toEventView } from "./event-views.js";
import {
  deleteEventRow,
  findEvent,
  findEventForUpdate,
  insertEvent,
  listEventRows,
  slugExists,
  updateEventRow,
} from "./events.repo.js";
import { registrationState } from "./registration-state.js";
import { insertSession, listSessionRows, updateSessionRow } from "./sessions.repo.js";
import type { EventStatus, EventsTable } from "./tables.js";

// A Fachtag's life in the back office: create, change, publish, cancel, delete.

interface StatusFacts {
  status: EventStatus;
  /** ISO UTC. */
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
}

/**
 * The status changes that make sense now — the one rule for the buttons the back office
 * offers and for what the service accepts. A step is offered only when it changes
 * something: "Anmeldung schließen" while people can register, "wieder öffnen" only when
 * that would really let them in again, "durchgeführt" once the Fachtag has begun,
 * "absagen" for a published Fachtag that has not ended (a draft is deleted instead).
 */
export function nextStatuses(event: StatusFacts, now: Date = new Date()): EventStatus[] {
  const at = now.toISOString();
  switch (event.status) {
    case "draft":
      return ["published"];
    case "held":
      return ["documented"];
    case "documented":
      return ["held"];
    case "cancelled":
      return [];
    default: {
      const steps: EventStatus[] = [];
      if (registrationState(event, now).open) steps.push("registration_closed");
      else if (
        event.status === "registration_closed" &&
        registrationState({ ...event, status: "registration_open" }, now).open
      ) {
        steps.push("registration_open");
      }
      if (at >= event.startsAt) steps.push("held");
      if (at < event.endsAt) steps.push("cancelled");
      return steps;
    }
  }
}

/** The status steps a person may take on this Fachtag now (none for those who may not manage it). */
export function statusSteps(actor: Actor, event: EventView, now: Date = new Date()): EventStatus[] {
  return eventsAccess.can(actor, "event.manage", event) ? nextStatuses(event, now) : [];
}

/** Whether an admin or an organiser may change the Fachtag; a draft of others stays unknown (404). */
function requireManagerOf(actor: Actor, event: { createdBy: string | null; status: EventStatus }): void {
  eventsAccess.requireAccess(actor, "event.see", event, { hide: true });
  requireEventManager(actor, event);
}

/** An event as the given person may see it; 404 for drafts of others and unknown ids. */
export async function getVisibleEvent(platform: Platform, actor: Actor, idOrSlug: string): Promise<EventView> {
  const row = await findEvent(platform.db.kysely, idOrSlug);
  if (!row) throw new NotFoundError("events.error.notFound");
  const event = toEventView(row);
  eventsAccess.requireAccess(actor, "event.see", event, { hide: true });
  return event;
}

/** An event the actor may change; 404 unknown, 403 someone else's. */
export async function getManageableEvent(platform: Platform, actor: Actor, idOrSlug: string): Promise<EventView> {
  eventsAccess.requireAccess(actor, "event.organise", undefined);
  const row = await findEvent(platform.db.kysely, idOrSlug);
  if (!row) throw new NotFoundError("events.error.notFound");
  const event = toEventView(row);
  requireManagerOf(actor, event);
  return event;
}

/** The back-office list: an editor's own events, all events for admins (`all`). */
export async function listManagedEvents(
  platform: Platform,
  actor: Actor,
): Promise<{ events: EventView[]; all: boolean }> {
  eventsAccess.requireAccess(actor, "event.organise", undefined);
  const all = eventsAccess.can(actor, "event.manageAll", undefined);
  const createdBy = actor.kind === "user" && !all ? { createdBy: actor.id } : {};
  const rows = await listEventRows(platform.db.kysely, { order: "desc", ...createdBy });
  return { events: rows.map((r) => toEventView(r)), all };
}

/** The empty form for a new Fachtag: only for organisers. */
export function startNewEvent(_platform: Platform, actor: Actor): void {
  eventsAccess.requireAccess(actor, "event.organise", undefined);
}

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
  /** Ranked wishes per time slot in preference mode, 1–5 (default 3). */
  maxChoices?: number | undefined;
  /** Months after the end until personal data is removed, 1–60 (default 6). */
  retentionMonths?: number | undefined;
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

async function uniqueSlug(db: Conn, base: string): Promise<string> {
  let slug = base;
  for (let n = 2; await slugExists(db, slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** The first problem becomes the problem document's `detail`; all of them go to `errors`. */
export const invalid = (errors: Record<string, string>) => new ValidationError(errors, Object.values(errors)[0]);

/** ISO text (or null) within the years every form and the API accept; the service checks it again for every caller. */
export function inYearRange(iso: string | null): boolean {
  if (iso === null) return true;
  const year = Date.parse(iso) ? new Date(iso).getUTCFullYear() : Number.NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** ISO text → canonical ISO UTC; what does not parse is left as it is for the range check to refuse. */
export const toIso = (v: string): string => (Number.isNaN(Date.parse(v)) ? v : new Date(v).toISOString());

function checkEventRules(e: {
  startsAt: string;
  endsAt: string;
  capacity: number;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
}): void {
  const errors: Record<string, string> = {};
  for (const field of ["startsAt", "endsAt", "registrationOpensAt", "registrationClosesAt"] as const) {
    if (!inYearRange(e[field])) errors[field] = "events.validation.year";
  }
  if (Object.keys(errors).length) throw invalid(errors);
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

export const clean = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};
const cleanList = (list: string[] | undefined): string => {
  const items = (list ?? []).map((s) => s.trim()).filter(Boolean);
  return JSON.stringify([...new Set(items)]);
};

/** 1–5 wishes per slot: the form offers that many selects, the allocation ranks them. */
function checkMaxChoices(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 5) throw invalid({ maxChoices: "events.validation.maxChoices" });
  return n;
}

/** 1–60 months: stated in the privacy text at registration, applied by the retention job. */
function checkRetentionMonths(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 60) throw invalid({ retentionMonths: "events.validation.retentionMonths" });
  return n;
}

/**
 * The way workshops are chosen, and the number of wishes, may change only where it
 * cannot take anything from somebody: switching the mode once people registered would
 * leave their choice (places held, or wishes) meaningless, and after the allocation is
 * published the wishes are history. Lowering the number of wishes would drop wishes
 * people gave, so it waits for an event without registrations too; raising is harmless.
 */
async function checkChoiceChange(
  platform: Platform,
  trx: Conn,
  row: { id: string; workshop_choice: string; max_choices: number; allocation_published_at: string | null },
  patch: { workshopChoice?: string | undefined; maxChoices?: number | undefined },
): Promise<void> {
  const switching = patch.workshopChoice !== undefined && patch.workshopChoice !== row.workshop_choice;
  const lowering = patch.maxChoices !== undefined && patch.maxChoices < Number(row.max_choices);
  if (!switching && !lowering) return;
  if (switching && row.allocation_published_at) {
    throw new DomainError(
      409,
      "workshop_choice_locked",
      "events.error.choicePublished",
      {},
      {
        workshopChoice: "events.error.choicePublished",
      },
    );
  }
  const answers = await platform.hooks.emit("events.activeRegistrations", { eventId: row.id }, { platform, db: trx });
  const active = answers.reduce((sum, n) => sum + n, 0);
  if (active === 0) return;
  if (switching) {
    throw new DomainError(
      409,
      "workshop_choice_locked",
      "events.error.choiceRegistered",
      { count: active },
      {
        workshopChoice: "events.error.choiceRegisteredField",
      },
    );
  }
  throw new DomainError(
    409,
    "max_choices_locked",
    "events.error.maxChoicesRegistered",
    { count: active },
    {
      maxChoices: "events.error.maxChoicesRegisteredField",
    },
  );
}

/** For the edit form: why the workshop mode can no longer change, or null while it can. */
export async function choiceLock(platform: Platform, event: EventView): Promise<"published" | "registered" | null> {
  if (event.allocationPublishedAt) return "published";
  const db = platform.db.kysely;
  const answers = await platform.hooks.emit("events.activeRegistrations", { eventId: event.id }, { platform, db });
  return answers.some((n) => n > 0) ? "registered" : null;
}

export async function createEvent(platform: Platform, actor: Actor, input: EventInput): Promise<EventView> {
  eventsAccess.requireAccess(actor, "event.organise", undefined);
  const iso = (v: string | null | undefined) => (v ? toIso(v) : null);
  const startsAt = toIso(input.startsAt);
  const endsAt = toIso(input.endsAt);
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
    max_choices: checkMaxChoices(input.maxChoices ?? 3),
    retention_months: checkRetentionMonths(input.retentionMonths ?? 6),
    created_by: actor.kind === "user" ? actor.id : null,
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
  await platform.hooks.emit("events.saved", { eventId: id }, { platform, db });
  const created = await findEvent(db, id);
  if (!created) throw new NotFoundError("events.error.notFound");
  return toEventView(created);
}

/**
 * Changes an event. A change of time or venue and the cancellation raise the calendar
 * SEQUENCE and are told to subscribers ("events.changed") inside the same transaction,
 * so participants' notices commit with the change; a raised capacity lets the waitlist
 * move up in that transaction too ("events.capacityRaised").
 */
export async function updateEvent(platform: Platform, actor: Actor, idOrSlug: string, patch: EventPatch) {
  eventsAccess.requireAccess(actor, "event.organise", undefined);
  const db = platform.db.kysely;
  const found = await findEvent(db, idOrSlug);
  if (!found) throw new NotFoundError("events.error.notFound");
  const id = found.id;
  await db.transaction().execute(async (trx) => {
    const row = await findEventForUpdate(trx, id);
    if (!row) throw new NotFoundError("events.error.notFound");
    requireManagerOf(actor, { createdBy: row.created_by, status: row.status });
    const has = (key: keyof EventPatch) => Object.hasOwn(patch, key) && patch[key] !== undefined;
    const iso = (v: string | null | undefined) => (v ? toIso(v) : null);
    const next = {
      starts_at: has("startsAt") ? toIso(patch.startsAt as string) : row.starts_at,
      ends_at: has("endsAt") ? toIso(patch.endsAt as string) : row.ends_at,
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
    if (patch.maxChoices !== undefined) checkMaxChoices(patch.maxChoices);
    await checkChoiceChange(platform, trx, row, patch);
    if (patch.retentionMonths !== undefined) checkRetentionMonths(patch.retentionMonths);
    const status = patch.status ?? row.status;
    const facts = {
      status: row.status,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      registrationOpensAt: row.registration_opens_at,
      registrationClosesAt: row.registration_closes_at,
    };
    if (status !== row.status && !nextStatuses(facts).includes(status)) {
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
    const changes = {
      time: next.starts_at !== row.starts_at || next.ends_at !== row.ends_at,
      venue:
        venue.venue_name !== row.venue_name ||
        venue.venue_room !== row.venue_room ||
        venue.venue_address !== row.venue_address,
      cancelled: status === "cancelled" && row.status !== "cancelled",
    };
    const calendarChanged = changes.time || changes.venue || changes.cancelled;
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
      max_choices: patch.maxChoices ?? row.max_choices,
      status,
      retention_months: patch.retentionMonths ?? row.retention_months,
      ...(calendarChanged ? { ics_sequence: Number(row.ics_sequence ?? 0) + 1 } : {}),
      updated_at: nowIso(),
    });
    await moveProgrammeWithEvent(trx, id, row.starts_at, next.starts_at);
    const ctx = { platform, db: trx };
    await platform.hooks.emit("events.saved", { eventId: id }, ctx);
    // Participants are told only about events they could have registered for.
    if (row.status !== "draft" && calendarChanged) {
      await platform.hooks.emit("events.changed", { eventId: id, changes }, ctx);
    }
    if (next.capacity > Number(row.capacity) && status !== "cancelled") {
      await platform.hooks.emit("events.capacityRaised", { eventId: id }, ctx);
    }
  });
  const updated = await findEvent(db, id);
  if (!updated) throw new NotFoundError("events.error.notFound");
  return toEventView(updated);
}

/** Whole days between two Berlin calendar days ("2027-03-12" → "2027-03-19": 7). */
export const dayDelta = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An instant moved by whole days keeping its Berlin wall-clock time (09:00 stays 09:00 across summer time). */
export function shiftDays(iso: string, days: number): string {
  if (days === 0) return iso;
  const wall = utcToBerlin(iso);
  return berlinToUtc(addDays(wall.date, days), wall.time) ?? iso;
}

/** When an event moves to another day, its programme moves with it and keeps its wall-clock times. */
async function moveProgrammeWithEvent(trx: Conn, eventId: string, oldStart: string, newStart: string) {
  const days = dayDelta(berlinDay(oldStart), berlinDay(newStart));
  if (days === 0) return;
  const now = nowIso();
  for (const session of await listSessionRows(trx, eventId)) {
    await updateSessionRow(trx, session.id, {
      starts_at: shiftDays(session.starts_at, days),
      ends_at: shiftDays(session.ends_at, days),
      updated_at: now,
    });
  }
}

/** The Fachtag a copy starts from: any the organiser may see (their own, or a published one, e.g. from the archive). */
export async function getCopySource(platform: Platform, actor: Actor, idOrSlug: string): Promise<EventView> {
  eventsAccess.requireAccess(actor, "event.organise", undefined);
  return getVisibleEvent(platform, actor, idOrSlug);
}

/**
 * A new draft from an earlier Fachtag: everything but its dates and its registrations.
 * Start, end, registration window and programme move by the days between the old and
 * the new date and keep their wall-clock times. Modules further down copy their part
 * (the registration form's questions) on "events.copied" inside the same transaction.
 */
export async function copyEvent(
  platform: Platform,
  actor: Actor,
  idOrSlug: string,
  input: { title: string; date: string },
): Promise<EventView> {
  const source = await getCopySource(platform, actor, idOrSlug);
  const db = platform.db.kysely;
  const row = await findEvent(db, source.id);
  if (!row) throw new NotFoundError("events.error.notFound");
  const days = dayDelta(berlinDay(row.starts_at), input.date);
  const shift = (iso: string | null) => (iso === null ? null : shiftDays(iso, days));
  const startsAt = shiftDays(row.starts_at, days);
  const endsAt = shiftDays(row.ends_at, days);
  const window = { opens: shift(row.registration_opens_at), closes: shift(row.registration_closes_at) };
  checkEventRules({
    startsAt,
    endsAt,
    capacity: Number(row.capacity),
    registrationOpensAt: window.opens,
    registrationClosesAt: window.closes,
  });
  const id = newId();
  const now = nowIso();
  const title = input.title.trim();
  const { ics_sequence: _sequence, ...fields } = row;
  // The copy's calendar entry is new: its SEQUENCE starts again at the column's default.
  const copy: Insertable<EventsTable> = {
    ...fields,
    id,
    slug: await uniqueSlug(db, slugFor(title, startsAt)),
    title,
    starts_at: startsAt,
    ends_at: endsAt,
    registration_opens_at: window.opens,
    registration_closes_at: window.closes,
    status: "draft",
    // The copy's wishes have not been allocated yet.
    allocation_published_at: null,
    created_by: actor.kind === "user" ? actor.id : null,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await insertEvent(trx, copy);
    for (const session of await listSessionRows(trx, row.id)) {
      await insertSession(trx, {
        ...session,
        id: newId(),
        event_id: id,
        starts_at: shiftDays(session.starts_at, days),
        ends_at: shiftDays(session.ends_at, days),
        created_at: now,
        updated_at: now,
      });
    }
    await platform.hooks.emit("events.copied", { fromEventId: row.id, toEventId: id }, { platform, db: trx });
  });
  const created = await findEvent(db, id);
  if (!created) throw new NotFoundError("events.error.notFound");
  return toEventView(created);
}

export async function changeEventStatus(platform: Platform, actor: Actor, idOrSlug: string, status: EventStatus) {
  return updateEvent(platform, actor, idOrSlug, { status });
}

/** Only drafts can be deleted; published events are cancelled instead (people may have registered). */
export async function deleteDraftEvent(platform: Platform, actor: Actor, idOrSlug: string): Promise<void> {
  const event = await getManageableEvent(platform, actor, idOrSlug);
  if (event.status !== "draft") throw new DomainError(409, "not_a_draft", "events.error.onlyDrafts");
  await platform.db.kysely.transaction().execute(async (trx) => {
    await platform.hooks.emit("events.deleting", { eventId: event.id }, { platform, db: trx });
    await deleteEventRow(trx, event.id);
  });
}
