import type { Transaction } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { getOrganisationSummaries } from "../directory/index.js";
import {
  changeCapacities,
  type EventView,
  getEventForRegistration,
  listManagedEvents,
  listWorkshops,
  lockEventForCapacity,
} from "../events/index.js";
import { registrationsAccess } from "./access.js";
import { countByStatus, countTaken, workshopTaken } from "./capacity.repo.js";
import { CapacityBelowTakenError } from "./errors.js";
import { recipientOf } from "./mail-queue.js";
import { organiserMail } from "./mails.js";
import { listQuestions } from "./questions.repo.js";
import { cancelLocked, changeWorkshopsLocked } from "./registration-changes.js";
import { findRegistration, listRegistrationsOfEvent, type RegistrationRow } from "./registrations.repo.js";
import type { RegistrationStatus } from "./tables.js";
import {
  type Availability,
  availabilityOf,
  type QuestionView,
  type RegistrationView,
  type SlotView,
  toQuestionView,
  toRegistrationViews,
  workshopSlots,
} from "./view-models.js";
import { promoteFromWaitlist } from "./waitlist.service.js";

// The organiser's registration desk of one Fachtag: the list with counts, cancelling,
// moving between workshops, capacities and messages to a group of participants.

/**
 * The Fachtag whose desk the actor opens: 401/403 for non-organisers, 404 unknown, 403 another's
 * published Fachtag, 404 another's draft (a draft is not known to exist for those who may not see it).
 */
export async function eventForManager(platform: Platform, actor: Actor, eventId: string): Promise<EventView> {
  registrationsAccess.requireAccess(actor, "registration.desk", undefined);
  const event = await getEventForRegistration(platform.db.kysely, eventId);
  if (!event) throw new NotFoundError();
  registrationsAccess.requireAccess(actor, "registration.manage", event, { hide: event.status === "draft" });
  return event;
}

export interface RegistrationFilter {
  status?: RegistrationStatus | undefined;
  sessionId?: string | undefined;
  /** Part of the name ("Erika Mü") or of the e-mail address, any case. */
  search?: string | undefined;
}

const fold = (text: string) => text.normalize("NFC").toLocaleLowerCase("de-DE");

/**
 * The desk's search. Done here rather than in SQL: SQLite's LOWER() folds only ASCII
 * ("Ö" stays), and one Fachtag's list is read whole anyway.
 */
function matchesSearch(r: RegistrationRow, search: string | undefined): boolean {
  if (!search) return true;
  const needle = fold(search);
  return fold(`${r.first_name} ${r.last_name}\n${r.last_name} ${r.first_name}\n${r.email}`).includes(needle);
}

export interface OrganiserOverview {
  event: EventView;
  counts: Record<RegistrationStatus, number>;
  availability: Availability;
  slots: SlotView[];
  questions: QuestionView[];
  registrations: RegistrationView[];
  filter: RegistrationFilter;
  /** Directory profile path of each linked organisation (by organisation id). */
  organisationPaths: Record<string, string>;
}

export async function listRegistrations(
  platform: Platform,
  actor: Actor,
  eventId: string,
  filter: RegistrationFilter = {},
): Promise<OrganiserOverview> {
  const event = await eventForManager(platform, actor, eventId);
  const db = platform.db.kysely;
  const rows = (
    await listRegistrationsOfEvent(db, event.id, {
      ...(filter.status ? { statuses: [filter.status] } : {}),
      ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
    })
  ).filter((r) => matchesSearch(r, filter.search));
  const workshops = await listWorkshops(db, event.id);
  const [counts, availability, questions, registrations] = await Promise.all([
    countByStatus(db, event.id),
    availabilityOf(db, event, workshops),
    listQuestions(db, event.id),
    toRegistrationViews(db, rows, event.id, workshops),
  ]);
  const linked = await getOrganisationSummaries(
    db,
    rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : [])),
  );
  return {
    event,
    counts,
    availability,
    slots: workshopSlots(workshops),
    questions: questions.map(toQuestionView),
    registrations,
    filter,
    organisationPaths: Object.fromEntries(linked.map((o) => [o.id, `/akteure/${o.slug}`])),
  };
}

export async function cancelByOrganiser(
  platform: Platform,
  actor: Actor,
  eventId: string,
  registrationId: string,
): Promise<void> {
  const event = await eventForManager(platform, actor, eventId);
  await platform.db.kysely.transaction().execute(async (trx) => {
    const locked = await lockEventForCapacity(trx, event.id);
    const current = await findRegistration(trx, registrationId);
    if (!locked || !current || current.event_id !== event.id) throw new NotFoundError();
    await cancelLocked(trx, platform, locked, current);
  });
}

/**
 * Moves a person to another workshop of a slot (or out of the slot with sessionId null).
 * With `within`, the move joins the caller's open transaction, which then commits or rolls
 * back the move together with its own writes (a hand placement and its record); every
 * read then goes through that transaction (SQLite has a single connection).
 */
export async function moveWorkshop(
  platform: Platform,
  actor: Actor,
  eventId: string,
  registrationId: string,
  slot: string,
  sessionId: string | null,
  within?: Transaction<Database>,
): Promise<void> {
  const move = async (trx: Transaction<Database>, id: string) => {
    const locked = await lockEventForCapacity(trx, id);
    if (!locked) throw new NotFoundError();
    registrationsAccess.requireAccess(actor, "registration.manage", locked, { hide: locked.status === "draft" });
    const current = await findRegistration(trx, registrationId);
    if (!current || current.event_id !== locked.id) throw new NotFoundError();
    await changeWorkshopsLocked(trx, locked, current, sessionId ? [sessionId] : [], slot);
  };
  if (within) {
    registrationsAccess.requireAccess(actor, "registration.desk", undefined);
    return move(within, eventId);
  }
  // Checked before the transaction too, so nobody without the right takes the Fachtag's lock.
  const event = await eventForManager(platform, actor, eventId);
  await platform.db.kysely.transaction().execute((trx) => move(trx, event.id));
}

/**
 * Raises or lowers the capacity of the event and its workshops. Lowering below the
 * places already taken is refused; raising fills the new places from the waitlist.
 */
export async function setCapacities(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: { capacity: number; workshops: Record<string, number | null> },
): Promise<{ promoted: number }> {
  const event = await eventForManager(platform, actor, eventId);
  return platform.db.kysely.transaction().execute(async (trx) => {
    const locked = await lockEventForCapacity(trx, event.id);
    if (!locked) throw new NotFoundError();
    const now = nowIso();
    const taken = await countTaken(trx, locked.id, now);
    if (input.capacity < taken) throw new CapacityBelowTakenError("capacity", taken);
    const wTaken = await workshopTaken(trx, locked.id, now);
    const workshops = await listWorkshops(trx, locked.id);
    const changed: Record<string, number | null> = {};
    for (const w of workshops) {
      if (!(w.id in input.workshops)) continue;
      const cap = input.workshops[w.id] ?? null;
      if (cap !== null && cap < (wTaken[w.id] ?? 0)) throw new CapacityBelowTakenError(`ws_${w.id}`, wTaken[w.id] ?? 0);
      changed[w.id] = cap;
    }
    await changeCapacities(trx, locked.id, { capacity: input.capacity, workshops: changed }, now);
    const promoted = await promoteFromWaitlist(trx, platform, { ...locked, capacity: input.capacity }, now);
    return { promoted: promoted.length };
  });
}

/** Sends a message from the organiser to a group of participants, through the outbox. */
export async function mailParticipants(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: { subject: string; text: string; filter: RegistrationFilter },
): Promise<number> {
  const event = await eventForManager(platform, actor, eventId);
  const occasion = newId();
  return platform.db.kysely.transaction().execute(async (trx) => {
    const statuses: RegistrationStatus[] = input.filter.status
      ? [input.filter.status]
      : ["pending", "confirmed", "waitlisted"];
    const rows = (
      await listRegistrationsOfEvent(trx, event.id, {
        statuses: statuses.filter((s) => s !== "cancelled" && s !== "expired"),
        ...(input.filter.sessionId ? { sessionId: input.filter.sessionId } : {}),
      })
    ).filter((r) => matchesSearch(r, input.filter.search));
    for (const r of rows) {
      await enqueueMail(trx, organiserMail(platform, event, recipientOf(r), input.subject, input.text, occasion));
    }
    return rows.length;
  });
}

/** The Fachtage whose registrations this organiser manages, newest first, with counts. */
export async function listManagedEventsWithCounts(platform: Platform, actor: Actor) {
  registrationsAccess.requireAccess(actor, "registration.desk", undefined);
  const { events } = await listManagedEvents(platform, actor);
  return Promise.all(
    events.map(async (e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      status: e.status,
      counts: await countByStatus(platform.db.kysely, e.id),
      capacity: e.capacity,
    })),
  );
}

export type ManagedEventSummary = Awaited<ReturnType<typeof listManagedEventsWithCounts>>[number];

/** The API's list of a Fachtag's registrations (the organisers' fields). */
export async function listForApi(platform: Platform, actor: Actor, eventId: string) {
  const { event, registrations } = await listRegistrations(platform, actor, eventId);
  // Modules further down add their fields (the certificate's code) without being imported.
  const answers = await platform.hooks.emit(
    "registrations.apiListFields",
    { eventId: event.id, registrationIds: registrations.map((r) => r.id) },
    { platform, db: platform.db.kysely },
  );
  return registrations.map((r) => ({
    ...Object.assign({}, ...answers.map((a) => a[r.id] ?? {})),
    id: r.id,
    status: r.status,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    workshopIds: r.workshopIds,
    ...(r.waitlistPosition !== undefined ? { waitlistPosition: r.waitlistPosition } : {}),
    createdAt: r.createdAt,
    organisation: r.organisation,
    organisationId: r.organisationId,
    role: r.role,
    ticketCode: r.ticketCode,
    checkedInAt: r.checkedInAt,
    preferences: r.preferences,
  }));
}
