import type { Kysely, Transaction } from "kysely";
import { type Actor, isUser, requireRole, requireUser } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import type { Database } from "../../platform/db/schema.js";
import { nowIso, toDbBool } from "../../platform/db/time.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import { translator } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import {
  findOrganisationByLabel,
  findPublishedOrganisation,
  getOrganisationSummaries,
  organisationChoices,
} from "../directory/service.js";
import { listManagedEvents } from "../events/service.js";
import {
  AlreadyRegisteredError,
  CapacityBelowTakenError,
  isUniqueViolation,
  RegistrationClosedError,
  RegistrationExpiredError,
  RegistrationNotActiveError,
  WorkshopFullError,
} from "./errors.js";
import { buildMail, type MailContext, type MailKind, organiserMail } from "./mails.js";
import type { EventRow, QuestionRow, RegistrationRow, SessionRow } from "./repo.js";
import * as repo from "./repo.js";
import type { QuestionKind, RegistrationSource, RegistrationStatus } from "./tables.js";
import { hashToken, manageTokenFor, newConfirmToken, revokedManageHash } from "./tokens.js";

type Conn = Kysely<Database> | Transaction<Database>;

// ---------------------------------------------------------------------------
// View models
// ---------------------------------------------------------------------------

export interface WorkshopAvailability {
  capacity: number | null;
  taken: number;
  free: number | null;
}

export interface Availability {
  capacity: number;
  taken: number;
  free: number;
  waitlist: number;
  workshops: Record<string, WorkshopAvailability>;
}

export interface WorkshopView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
  capacity: number | null;
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
}

export interface RegistrationInput {
  firstName: string;
  lastName: string;
  email: string;
  organisation?: string | undefined;
  organisationId?: string | undefined;
  organisationKind?: string | undefined;
  role?: string | undefined;
  municipality?: string | undefined;
  dietaryNeeds?: string | undefined;
  accessibilityNeeds?: string | undefined;
  workshopIds: string[];
  consents: { privacy: boolean; photos: boolean; participantList: boolean };
  answers: Record<string, string>;
}

export interface RegistrationResult {
  id: string;
  status: "pending" | "confirmed" | "waitlisted";
  waitlistPosition?: number;
  workshopIds: string[];
  manageToken: string;
  eventSlug: string;
}

// ---------------------------------------------------------------------------
// Rules that need no database
// ---------------------------------------------------------------------------

export type ClosedReason = "not_published" | "cancelled" | "not_yet_open" | "closed" | "over";

/** Whether the public may register now, and if not, why. */
export function registrationState(
  event: EventRow,
  now: string,
): { open: true } | { open: false; reason: ClosedReason } {
  if (event.status === "cancelled") return { open: false, reason: "cancelled" };
  if (event.status === "draft") return { open: false, reason: "not_published" };
  if (event.status === "held" || event.status === "documented") return { open: false, reason: "over" };
  if (event.status !== "published" && event.status !== "registration_open") return { open: false, reason: "closed" };
  if (event.starts_at <= now) return { open: false, reason: "over" };
  if (event.registration_opens_at && event.registration_opens_at > now) return { open: false, reason: "not_yet_open" };
  if (event.registration_closes_at && event.registration_closes_at <= now) return { open: false, reason: "closed" };
  return { open: true };
}

/**
 * Groups workshops into parallel time slots: a workshop that starts before the
 * current slot has ended runs in parallel with it. One workshop per slot per person.
 */
export function workshopSlots(workshops: SessionRow[]): SlotView[] {
  const sorted = [...workshops].sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.position - b.position);
  const slots: SlotView[] = [];
  for (const w of sorted) {
    let slot = slots.at(-1);
    if (!slot || w.starts_at >= slot.endsAt) {
      slot = { index: slots.length, key: w.starts_at, startsAt: w.starts_at, endsAt: w.ends_at, workshops: [] };
      slots.push(slot);
    }
    if (w.ends_at > slot.endsAt) slot.endsAt = w.ends_at;
    slot.workshops.push({
      id: w.id,
      title: w.title,
      startsAt: w.starts_at,
      endsAt: w.ends_at,
      room: w.room,
      capacity: w.capacity,
      slot: slot.key,
      slotIndex: slot.index,
    });
  }
  return slots;
}

const toQuestionView = (q: QuestionRow): QuestionView => ({
  id: q.id,
  kind: q.kind,
  label: q.label,
  options: JSON.parse(q.options) as string[],
  required: Boolean(q.required),
});

/** Editors manage the Fachtage they created; the education office (admin) manages all. */
export function canManageEvent(actor: Actor, event: Pick<EventRow, "created_by">): boolean {
  if (!isUser(actor)) return false;
  if (actor.role === "admin") return true;
  return actor.role === "editor" && event.created_by === actor.id;
}

function requireEventManager(actor: Actor, event: EventRow): void {
  requireRole(actor, "admin", "editor");
  if (!canManageEvent(actor, event)) throw new ForbiddenError();
}

const addHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

/** Checks the chosen workshops: known, of this event, at most one per slot. Returns slot per workshop. */
function checkWorkshopChoice(workshops: SessionRow[], ids: string[]): Map<string, WorkshopView> {
  const byId = new Map(workshopSlots(workshops).flatMap((s) => s.workshops.map((w) => [w.id, w] as const)));
  const chosen = new Map<string, WorkshopView>();
  const slotsTaken = new Set<string>();
  for (const id of new Set(ids)) {
    const w = byId.get(id);
    if (!w) throw new ValidationError({ workshopIds: "registrations.validation.workshopUnknown" });
    if (slotsTaken.has(w.slot)) {
      throw new ValidationError({ [`workshop_${w.slotIndex}`]: "registrations.validation.oneWorkshopPerSlot" });
    }
    slotsTaken.add(w.slot);
    chosen.set(id, w);
  }
  return chosen;
}

function checkAnswers(questions: QuestionRow[], answers: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  const clean: Record<string, string> = {};
  for (const q of questions.map(toQuestionView)) {
    const value = (answers[q.id] ?? "").trim();
    if (!value) {
      if (q.required) errors[`q_${q.id}`] = "validation.required";
      continue;
    }
    if (value.length > 1000) errors[`q_${q.id}`] = "registrations.validation.answerTooLong";
    else if (q.kind === "choice" && !q.options.includes(value)) errors[`q_${q.id}`] = "validation.choice";
    else if (q.kind === "yesno" && value !== "ja" && value !== "nein") errors[`q_${q.id}`] = "validation.choice";
    else clean[q.id] = value;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return clean;
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/** Free places of the event and of each workshop (for the event page and the API). */
export async function getAvailability(db: Conn, eventId: string): Promise<Availability> {
  const event = await repo.findEvent(db, eventId);
  if (!event) throw new NotFoundError();
  const now = nowIso();
  const [taken, counts, workshops, wTaken] = await Promise.all([
    repo.countTaken(db, event.id, now),
    repo.countByStatus(db, event.id),
    repo.listWorkshops(db, event.id),
    repo.workshopTaken(db, event.id, now),
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

export interface RegistrationFormModel {
  event: EventRow;
  slots: SlotView[];
  questions: QuestionView[];
  availability: Availability;
  state: ReturnType<typeof registrationState>;
}

/** Everything the public registration form needs. Unpublished events are not found. */
export async function getRegistrationForm(platform: Platform, idOrSlug: string): Promise<RegistrationFormModel> {
  const db = platform.db.kysely;
  const event = await repo.findEvent(db, idOrSlug);
  if (!event || event.status === "draft") throw new NotFoundError();
  const [workshops, questions, availability] = await Promise.all([
    repo.listWorkshops(db, event.id),
    repo.listQuestions(db, event.id),
    getAvailability(db, event.id),
  ]);
  return {
    event,
    slots: workshopSlots(workshops),
    questions: questions.map(toQuestionView),
    availability,
    state: registrationState(event, nowIso()),
  };
}

export async function listQuestionsForEvent(db: Conn, eventId: string): Promise<QuestionView[]> {
  return (await repo.listQuestions(db, eventId)).map(toQuestionView);
}

async function toViews(db: Conn, rows: RegistrationRow[], eventId: string): Promise<RegistrationView[]> {
  const [choices, workshops] = await Promise.all([
    repo.workshopChoicesOf(
      db,
      rows.map((r) => r.id),
    ),
    repo.listWorkshops(db, eventId),
  ]);
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
    const waiting = (await repo.listRegistrationsOfEvent(db, eventId, { statuses: ["waitlisted"] })).sort(
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
    };
  });
}

// ---------------------------------------------------------------------------
// Registering
// ---------------------------------------------------------------------------

async function workshopsOfRegistration(db: Conn, registrationId: string, eventId: string): Promise<SessionRow[]> {
  const [choices, workshops] = await Promise.all([
    repo.workshopChoicesOf(db, [registrationId]),
    repo.listWorkshops(db, eventId),
  ]);
  const ids = new Set(choices.map((c) => c.session_id));
  return workshops.filter((w) => ids.has(w.id));
}

async function mail(trx: Conn, kind: MailKind, ctx: Omit<MailContext, "workshops"> & { workshops?: SessionRow[] }) {
  const workshops = ctx.workshops ?? (await workshopsOfRegistration(trx, ctx.registration.id, ctx.event.id));
  const programme =
    kind === "confirmed" || kind === "promoted" ? await repo.listSessionsOfEvent(trx, ctx.event.id) : undefined;
  await enqueueMail(trx, buildMail(kind, { ...ctx, workshops, ...(programme ? { programme } : {}) }));
}

/**
 * Registers a person for a Fachtag. Every capacity decision happens inside one
 * transaction that holds the event's lock (see repo.lockEventForCapacity): places
 * taken = confirmed + pending on hold; a full event puts the person on the
 * waitlist; a full workshop is refused (409 workshop_full). The registration and
 * its e-mail are committed before the caller answers.
 * Public for source "web"/"api"; "manual" (phone registrations) needs the organiser.
 */
export async function register(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  input: RegistrationInput,
  source: RegistrationSource,
): Promise<RegistrationResult> {
  const email = input.email.trim().toLowerCase();
  const id = newId();
  const manageToken = manageTokenFor(platform.config.sessionSecret, id);
  const confirmToken = newConfirmToken();
  const organisation = await organisationOf(platform, input, source);

  try {
    // One transaction from the first read on: on SQLite the request takes the one
    // connection once (docs/decisions/0008), on PostgreSQL the event row is locked
    // from the start, so nothing below can see an outdated event.
    return await platform.db.kysely.transaction().execute(async (trx) => {
      const event = await repo.lockEventByIdOrSlug(trx, eventIdOrSlug);
      if (!event) throw new NotFoundError();
      if (source === "manual") requireEventManager(actor, event);
      if (!input.consents.privacy) throw new ValidationError({ consentPrivacy: "registrations.validation.privacy" });
      const questions = await repo.listQuestions(trx, event.id);
      const answers =
        source === "api" ? checkAnswersLenient(questions, input.answers) : checkAnswers(questions, input.answers);
      const now = nowIso();
      const state = registrationState(event, now);
      if (!state.open && !(source === "manual" && state.reason !== "cancelled")) {
        throw new RegistrationClosedError(state.reason);
      }
      // Holds that ran out are expired first (and their places given to the waitlist):
      // an address whose confirmation lapsed may register again.
      let snapshot = await repo.capacitySnapshot(trx, event.id, now);
      if (snapshot.lapsed > 0) {
        await expireStale(trx, platform, event, now);
        snapshot = await repo.capacitySnapshot(trx, event.id, now);
      }
      if (await repo.findActiveByEmail(trx, event.id, email)) throw new AlreadyRegisteredError();

      const workshops = await repo.listWorkshops(trx, event.id);
      const chosen = checkWorkshopChoice(workshops, input.workshopIds);
      const full = snapshot.taken >= event.capacity;
      if (!full && chosen.size > 0) {
        const wTaken = await repo.workshopTaken(trx, event.id, now, [...chosen.keys()]);
        for (const w of chosen.values()) {
          if (w.capacity !== null && (wTaken[w.id] ?? 0) >= w.capacity) {
            throw new WorkshopFullError(w.title, `workshop_${w.slotIndex}`);
          }
        }
      }
      const needsOptIn = Boolean(event.confirm_by_email) && source !== "manual";
      const status: RegistrationResult["status"] = full ? "waitlisted" : needsOptIn ? "pending" : "confirmed";
      const row = {
        id,
        event_id: event.id,
        status,
        waitlist_order: full ? snapshot.lastOrder + 1 : null,
        first_name: input.firstName,
        last_name: input.lastName,
        email,
        organisation: organisation.name,
        organisation_id: organisation.id,
        organisation_kind: organisation.kind,
        role: input.role ?? null,
        municipality: organisation.municipality,
        dietary_needs: input.dietaryNeeds ?? null,
        accessibility_needs: input.accessibilityNeeds ?? null,
        consent_privacy: 1,
        consent_photos: toDbBool(input.consents.photos),
        consent_participant_list: toDbBool(input.consents.participantList),
        consents_at: now,
        answers: JSON.stringify(answers),
        manage_token_hash: hashToken(manageToken),
        confirm_token_hash: status === "pending" ? hashToken(confirmToken) : null,
        hold_until: status === "pending" ? addHours(now, event.hold_hours) : null,
        source,
        created_at: now,
        updated_at: now,
        confirmed_at: status === "confirmed" ? now : null,
        cancelled_at: null,
      } satisfies RegistrationRow;
      await repo.insertRegistration(trx, row);
      await repo.insertWorkshopChoices(
        trx,
        [...chosen.values()].map((w) => ({ registration_id: id, session_id: w.id, slot: w.slot, created_at: now })),
      );
      const mine = workshops.filter((w) => chosen.has(w.id));
      // Everybody waiting has a smaller number: the newcomer is last in line.
      const waitlistPosition = full ? snapshot.waiting + 1 : undefined;
      const kind: MailKind = full ? "waitlisted" : status === "pending" ? "confirmRequest" : "confirmed";
      await mail(trx, kind, {
        platform,
        event,
        registration: row,
        workshops: mine,
        confirmToken,
        manageToken,
        ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
      });
      return {
        id,
        status,
        ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
        workshopIds: mine.map((w) => w.id),
        manageToken,
        eventSlug: event.slug,
      };
    });
  } catch (error) {
    // Two requests for the same e-mail can only meet at the unique index on PostgreSQL
    // when their transactions overlap; the second is told the same as any duplicate.
    if (isUniqueViolation(error)) throw new AlreadyRegisteredError();
    throw error;
  }
}

/**
 * How the form's organisation field offers the Bildungsportal: its names in the page
 * (`choices`, no JavaScript needed), or — for a directory too large to list — the
 * address a small script searches while the person types (`searchUrl`).
 */
export interface OrganisationField {
  choices?: string[];
  searchUrl?: string;
}

export async function organisationField(platform: Platform): Promise<OrganisationField> {
  const choices = await organisationChoices(platform);
  return choices ? { choices: choices.map((c) => c.label) } : { searchUrl: "/api/v1/organisations" };
}

/** The directory's kinds of organisation, in the coarser list of the registration form. */
const kindFromDirectory: Record<string, string> = {
  kita: "kita",
  grundschule: "grundschule",
  oberschule: "schule",
  gymnasium: "schule",
  gesamtschule: "schule",
  foerderschule: "schule",
  berufsbildende_schule: "bbs",
  hochschule: "hochschule",
  erwachsenenbildung: "erwachsenenbildung",
  jugendhilfe: "jugendhilfe",
  beratungsstelle: "beratung",
  verein: "verein",
  unternehmen: "unternehmen",
  verwaltung: "verwaltung",
};

/**
 * Who the person comes from. An `organisationId` (API) must be a published organisation
 * of the directory; a name typed or picked in the form is linked to the directory entry
 * when it denotes exactly one, and then the directory's spelling, kind and municipality
 * fill what the person left empty. Anything else stays free text.
 */
async function organisationOf(
  platform: Platform,
  input: RegistrationInput,
  source: RegistrationSource,
): Promise<{ id: string | null; name: string | null; kind: string | null; municipality: string | null }> {
  const typed = {
    id: null,
    name: input.organisation ?? null,
    kind: input.organisationKind ?? null,
    municipality: input.municipality ?? null,
  };
  let found: Awaited<ReturnType<typeof findPublishedOrganisation>>;
  if (input.organisationId) {
    found = await findPublishedOrganisation(platform.db, input.organisationId);
    if (!found) throw new ValidationError({ organisationId: "registrations.validation.organisationUnknown" });
  } else if (source !== "api" && input.organisation) {
    found = await findOrganisationByLabel(platform.db, input.organisation);
  }
  if (!found) return typed;
  return {
    id: found.id,
    name: found.name,
    kind: typed.kind ?? kindFromDirectory[found.kind] ?? null,
    municipality: typed.municipality ?? found.municipality,
  };
}

/** The API has no form for organiser questions: only answers it sends are checked. */
function checkAnswersLenient(questions: QuestionRow[], answers: Record<string, string>): Record<string, string> {
  return checkAnswers(
    questions.map((q) => ({ ...q, required: 0 })),
    answers,
  );
}

// ---------------------------------------------------------------------------
// Waitlist, expiry, cancellation
// ---------------------------------------------------------------------------

/** Marks pending registrations whose hold ran out as expired (caller holds the event lock). */
async function expireStale(trx: Transaction<Database>, platform: Platform, event: EventRow, now: string) {
  const stale = await repo.stalePending(trx, now, event.id);
  for (const r of stale) {
    await repo.updateRegistration(trx, r.id, {
      status: "expired",
      updated_at: now,
      manage_token_hash: revokedManageHash(r.id),
    });
  }
  if (stale.length) await promoteFromWaitlist(trx, platform, event, now);
  return stale.length;
}

/**
 * Moves people from the waitlist into free places, first come first served, and
 * mails each of them. A wished workshop that has become full is dropped (and said
 * so in the mail). Call with the event locked (repo.lockEventForCapacity).
 */
export async function promoteFromWaitlist(
  trx: Transaction<Database>,
  platform: Platform,
  event: EventRow,
  now = nowIso(),
): Promise<string[]> {
  const promoted: string[] = [];
  let free = event.capacity - (await repo.countTaken(trx, event.id, now));
  if (free <= 0 || event.status === "cancelled") return promoted;
  const workshops = await repo.listWorkshops(trx, event.id);
  while (free > 0) {
    const next = await repo.firstWaitlisted(trx, event.id);
    if (!next) break;
    const wTaken = await repo.workshopTaken(trx, event.id, now);
    const choices = await repo.workshopChoicesOf(trx, [next.id]);
    const dropped: string[] = [];
    const kept: SessionRow[] = [];
    for (const c of choices) {
      const w = workshops.find((x) => x.id === c.session_id);
      if (!w) continue;
      if (w.capacity !== null && (wTaken[w.id] ?? 0) >= w.capacity) {
        dropped.push(w.title);
        await repo.deleteWorkshopChoice(trx, next.id, c.slot);
      } else kept.push(w);
    }
    // Double opt-in also holds for people who waited: an address nobody has confirmed
    // never gets a binding place. They get the place held and a confirmation link.
    const needsOptIn = Boolean(event.confirm_by_email) && next.source !== "manual" && next.confirmed_at === null;
    const confirmToken = needsOptIn ? newConfirmToken() : undefined;
    const changes = needsOptIn
      ? {
          status: "pending" as const,
          waitlist_order: null,
          confirm_token_hash: hashToken(confirmToken as string),
          hold_until: addHours(now, event.hold_hours),
          updated_at: now,
        }
      : { status: "confirmed" as const, waitlist_order: null, confirmed_at: now, updated_at: now, hold_until: null };
    const updated: RegistrationRow = { ...next, ...changes };
    await repo.updateRegistration(trx, next.id, changes);
    await mail(trx, "promoted", {
      platform,
      event,
      registration: updated,
      workshops: kept,
      droppedWorkshops: dropped,
      ...(confirmToken ? { confirmToken } : {}),
    });
    promoted.push(next.id);
    free--;
  }
  return promoted;
}

/** Job: expires unconfirmed registrations whose hold ran out and fills their places from the waitlist. */
export async function expireUnconfirmed(platform: Platform): Promise<number> {
  const stale = await repo.stalePending(platform.db.kysely, nowIso());
  const eventIds = [...new Set(stale.map((r) => r.event_id))];
  let expired = 0;
  for (const eventId of eventIds) {
    expired += await platform.db.kysely.transaction().execute(async (trx) => {
      const event = await repo.lockEventForCapacity(trx, eventId);
      return event ? expireStale(trx, platform, event, nowIso()) : 0;
    });
  }
  return expired;
}

/** Called by the events module after it raised a capacity: fills free places from the waitlist. */
export async function onCapacityChanged(platform: Platform, eventId: string): Promise<void> {
  await platform.db.kysely.transaction().execute(async (trx) => {
    const event = await repo.lockEventForCapacity(trx, eventId);
    if (event) await promoteFromWaitlist(trx, platform, event);
  });
}

/**
 * Called by the events module inside its transaction when time or venue changed or
 * the event was cancelled: queues a notice to every active registrant.
 */
export async function onEventChanged(
  trx: Transaction<Database>,
  platform: Platform,
  eventId: string,
  changes: { time?: boolean; venue?: boolean; cancelled?: boolean },
): Promise<void> {
  if (!changes.time && !changes.venue && !changes.cancelled) return;
  const event = await repo.findEvent(trx, eventId);
  if (!event) return;
  const occasion = `${Date.now().toString(36)}${changes.time ? "t" : ""}${changes.venue ? "v" : ""}`;
  for (const registration of await repo.activeRegistrationsOfEvent(trx, eventId)) {
    if (changes.cancelled) await mail(trx, "eventCancelled", { platform, event, registration });
    else await mail(trx, "changed", { platform, event, registration, changes, occasion });
  }
}

async function cancelLocked(
  trx: Transaction<Database>,
  platform: Platform,
  event: EventRow,
  registration: RegistrationRow,
): Promise<void> {
  if (registration.status === "cancelled" || registration.status === "expired") throw new RegistrationNotActiveError();
  const now = nowIso();
  await repo.updateRegistration(trx, registration.id, {
    status: "cancelled",
    cancelled_at: now,
    updated_at: now,
    waitlist_order: null,
    hold_until: null,
    // The manage link is spent: using it again finds nothing (404).
    manage_token_hash: revokedManageHash(registration.id),
  });
  await mail(trx, "cancelled", { platform, event, registration });
  await promoteFromWaitlist(trx, platform, event, now);
}

async function findByManageToken(db: Conn, token: string): Promise<RegistrationRow> {
  if (!token || token.length > 200) throw new NotFoundError();
  const found = await repo.findByManageHash(db, hashToken(token));
  if (!found) throw new NotFoundError();
  return found;
}

/** Cancellation through the private manage link (no account). */
export async function cancelByToken(platform: Platform, token: string): Promise<{ id: string; eventSlug: string }> {
  const found = await findByManageToken(platform.db.kysely, token);
  return platform.db.kysely.transaction().execute(async (trx) => {
    const event = await repo.lockEventForCapacity(trx, found.event_id);
    const current = await repo.findRegistration(trx, found.id);
    if (!event || !current || current.manage_token_hash !== found.manage_token_hash) throw new NotFoundError();
    await cancelLocked(trx, platform, event, current);
    return { id: current.id, eventSlug: event.slug };
  });
}

/** Cancellation by id: the event's organiser, or anybody holding the manage token. */
export async function cancelRegistration(
  platform: Platform,
  actor: Actor,
  registrationId: string,
  token?: string,
): Promise<{ id: string; status: "cancelled" }> {
  const db = platform.db.kysely;
  const found = await repo.findRegistration(db, registrationId);
  const viaToken = token !== undefined && found !== undefined && found.manage_token_hash === hashToken(token);
  if (!viaToken) {
    if (token !== undefined && !isUser(actor)) throw new NotFoundError();
    requireRole(actor, "admin", "editor");
    if (!found) throw new NotFoundError();
    const event = await repo.findEvent(db, found.event_id);
    if (!event) throw new NotFoundError();
    requireEventManager(actor, event);
  }
  if (!found) throw new NotFoundError();
  await db.transaction().execute(async (trx) => {
    const event = await repo.lockEventForCapacity(trx, found.event_id);
    const current = await repo.findRegistration(trx, found.id);
    if (!event || !current) throw new NotFoundError();
    await cancelLocked(trx, platform, event, current);
  });
  return { id: found.id, status: "cancelled" };
}

/** Double opt-in: the e-mailed link confirms a pending registration (idempotent). */
export async function confirmByToken(
  platform: Platform,
  token: string,
): Promise<{ registration: RegistrationView; event: EventRow; already: boolean }> {
  if (!token || token.length > 200) throw new NotFoundError();
  const db = platform.db.kysely;
  const found = await repo.findByConfirmHash(db, hashToken(token));
  if (!found) throw new NotFoundError();
  const result = await db.transaction().execute(async (trx) => {
    const event = await repo.lockEventForCapacity(trx, found.event_id);
    const current = await repo.findRegistration(trx, found.id);
    if (!event || !current) throw new NotFoundError();
    if (current.status === "confirmed") return { event, already: true };
    if (current.status !== "pending") throw new RegistrationExpiredError();
    const now = nowIso();
    if (!current.hold_until || current.hold_until <= now) {
      await expireStale(trx, platform, event, now);
      return { event, expired: true as const };
    }
    const confirmed: RegistrationRow = {
      ...current,
      status: "confirmed",
      confirmed_at: now,
      updated_at: now,
      hold_until: null,
    };
    await repo.updateRegistration(trx, current.id, {
      status: "confirmed",
      confirmed_at: now,
      updated_at: now,
      hold_until: null,
    });
    await mail(trx, "confirmed", { platform, event, registration: confirmed });
    return { event, already: false };
  });
  // Raised after the commit so that the expiry (and any promotion) is kept.
  if ("expired" in result) throw new RegistrationExpiredError();
  const [view] = await toViews(db, [(await repo.findRegistration(db, found.id)) as RegistrationRow], found.event_id);
  return { registration: view as RegistrationView, event: result.event, already: result.already };
}

export interface ManagedRegistration {
  registration: RegistrationView;
  event: EventRow;
  slots: SlotView[];
  availability: Availability;
}

/** The manage page: a stale or forged token finds nothing (404). */
export async function getByManageToken(platform: Platform, token: string): Promise<ManagedRegistration> {
  const db = platform.db.kysely;
  const found = await findByManageToken(db, token);
  const event = await repo.findEvent(db, found.event_id);
  if (!event) throw new NotFoundError();
  const [view] = await toViews(db, [found], event.id);
  return {
    registration: view as RegistrationView,
    event,
    slots: workshopSlots(await repo.listWorkshops(db, event.id)),
    availability: await getAvailability(db, event.id),
  };
}

/**
 * Replaces the workshop choice of one registration, subject to capacity (a place
 * already held by this person is kept). Used by the manage link and by organisers.
 */
async function changeWorkshopsLocked(
  trx: Transaction<Database>,
  event: EventRow,
  current: RegistrationRow,
  workshopIds: string[],
  onlySlot?: string,
): Promise<void> {
  if (current.status === "cancelled" || current.status === "expired") throw new RegistrationNotActiveError();
  const now = nowIso();
  const workshops = await repo.listWorkshops(trx, event.id);
  const chosen = checkWorkshopChoice(workshops, workshopIds);
  const before = await repo.workshopChoicesOf(trx, [current.id]);
  const held = new Set(before.map((c) => c.session_id));
  const holdsPlace =
    current.status === "confirmed" || (current.status === "pending" && (current.hold_until ?? "") > now);
  if (holdsPlace) {
    const wTaken = await repo.workshopTaken(trx, event.id, now);
    for (const w of chosen.values()) {
      if (held.has(w.id)) continue;
      if (w.capacity !== null && (wTaken[w.id] ?? 0) >= w.capacity) {
        throw new WorkshopFullError(w.title, `workshop_${w.slotIndex}`);
      }
    }
  }
  if (onlySlot !== undefined) await repo.deleteWorkshopChoice(trx, current.id, onlySlot);
  else await repo.deleteWorkshopChoices(trx, current.id);
  await repo.insertWorkshopChoices(
    trx,
    [...chosen.values()].map((w) => ({ registration_id: current.id, session_id: w.id, slot: w.slot, created_at: now })),
  );
  await repo.updateRegistration(trx, current.id, { updated_at: now });
}

export async function changeWorkshopsByToken(platform: Platform, token: string, workshopIds: string[]): Promise<void> {
  const found = await findByManageToken(platform.db.kysely, token);
  await platform.db.kysely.transaction().execute(async (trx) => {
    const event = await repo.lockEventForCapacity(trx, found.event_id);
    const current = await repo.findRegistration(trx, found.id);
    if (!event || !current || current.manage_token_hash !== found.manage_token_hash) throw new NotFoundError();
    await changeWorkshopsLocked(trx, event, current, workshopIds);
  });
}

// ---------------------------------------------------------------------------
// Organisers
// ---------------------------------------------------------------------------

async function eventForManager(platform: Platform, actor: Actor, eventId: string): Promise<EventRow> {
  requireUser(actor);
  const event = await repo.findEvent(platform.db.kysely, eventId);
  if (!event) throw new NotFoundError();
  requireEventManager(actor, event);
  return event;
}

export interface RegistrationFilter {
  status?: RegistrationStatus | undefined;
  sessionId?: string | undefined;
}

export interface OrganiserOverview {
  event: EventRow;
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
  const rows = await repo.listRegistrationsOfEvent(db, event.id, {
    ...(filter.status ? { statuses: [filter.status] } : {}),
    ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
  });
  const [counts, availability, workshops, questions, registrations] = await Promise.all([
    repo.countByStatus(db, event.id),
    getAvailability(db, event.id),
    repo.listWorkshops(db, event.id),
    repo.listQuestions(db, event.id),
    toViews(db, rows, event.id),
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
    const locked = await repo.lockEventForCapacity(trx, event.id);
    const current = await repo.findRegistration(trx, registrationId);
    if (!locked || !current || current.event_id !== event.id) throw new NotFoundError();
    await cancelLocked(trx, platform, locked, current);
  });
}

/** Moves a person to another workshop of a slot (or out of the slot with sessionId null). */
export async function moveWorkshop(
  platform: Platform,
  actor: Actor,
  eventId: string,
  registrationId: string,
  slot: string,
  sessionId: string | null,
): Promise<void> {
  const event = await eventForManager(platform, actor, eventId);
  await platform.db.kysely.transaction().execute(async (trx) => {
    const locked = await repo.lockEventForCapacity(trx, event.id);
    const current = await repo.findRegistration(trx, registrationId);
    if (!locked || !current || current.event_id !== event.id) throw new NotFoundError();
    await changeWorkshopsLocked(trx, locked, current, sessionId ? [sessionId] : [], slot);
  });
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
    const locked = await repo.lockEventForCapacity(trx, event.id);
    if (!locked) throw new NotFoundError();
    const now = nowIso();
    const taken = await repo.countTaken(trx, locked.id, now);
    if (input.capacity < taken) throw new CapacityBelowTakenError("capacity", taken);
    const wTaken = await repo.workshopTaken(trx, locked.id, now);
    const workshops = await repo.listWorkshops(trx, locked.id);
    for (const w of workshops) {
      if (!(w.id in input.workshops)) continue;
      const cap = input.workshops[w.id] ?? null;
      if (cap !== null && cap < (wTaken[w.id] ?? 0)) throw new CapacityBelowTakenError(`ws_${w.id}`, wTaken[w.id] ?? 0);
    }
    await repo.setEventCapacity(trx, locked.id, input.capacity, now);
    for (const w of workshops) {
      if (w.id in input.workshops)
        await repo.setSessionCapacity(trx, locked.id, w.id, input.workshops[w.id] ?? null, now);
    }
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
    const rows = await repo.listRegistrationsOfEvent(trx, event.id, {
      statuses: statuses.filter((s) => s !== "cancelled" && s !== "expired"),
      ...(input.filter.sessionId ? { sessionId: input.filter.sessionId } : {}),
    });
    for (const r of rows)
      await enqueueMail(trx, organiserMail(platform, event, r, input.subject, input.text, occasion));
    return rows.length;
  });
}

export async function addQuestion(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: { kind: QuestionKind; label: string; options: string[]; required: boolean },
): Promise<string> {
  const event = await eventForManager(platform, actor, eventId);
  if (input.kind === "choice" && input.options.length < 2) {
    throw new ValidationError({ options: "registrations.validation.twoOptions" });
  }
  const id = newId();
  const existing = await repo.listQuestions(platform.db.kysely, event.id);
  await repo.insertQuestion(platform.db.kysely, {
    id,
    event_id: event.id,
    kind: input.kind,
    label: input.label,
    options: JSON.stringify(input.kind === "choice" ? input.options : []),
    required: toDbBool(input.required),
    position: existing.length,
    created_at: nowIso(),
  });
  return id;
}

export async function removeQuestion(platform: Platform, actor: Actor, eventId: string, questionId: string) {
  const event = await eventForManager(platform, actor, eventId);
  if ((await repo.deleteQuestion(platform.db.kysely, event.id, questionId)) === 0) throw new NotFoundError();
}

/** The rows for the CSV/XLSX export (organiser only). */
export async function exportRows(
  platform: Platform,
  actor: Actor,
  eventId: string,
  filter: RegistrationFilter = {},
): Promise<{ event: EventRow; headers: string[]; rows: (string | number)[][] }> {
  const overview = await listRegistrations(platform, actor, eventId, filter);
  const t = translator("de");
  const headers = [
    t("registrations.col.status"),
    t("registrations.col.waitlistPosition"),
    t("registrations.col.lastName"),
    t("registrations.col.firstName"),
    t("registrations.col.email"),
    t("registrations.col.organisation"),
    t("registrations.col.directoryEntry"),
    t("registrations.col.organisationKind"),
    t("registrations.col.role"),
    t("registrations.col.municipality"),
    ...overview.slots.map((_s, i) => t("registrations.col.workshopSlot", { n: i + 1 })),
    t("registrations.col.dietaryNeeds"),
    t("registrations.col.accessibilityNeeds"),
    t("registrations.col.consentPhotos"),
    t("registrations.col.consentParticipantList"),
    ...overview.questions.map((q) => q.label),
    t("registrations.col.source"),
    t("registrations.col.createdAt"),
  ];
  const yes = (b: boolean) => (b ? t("registrations.yes") : t("registrations.no"));
  const berlin = new Intl.DateTimeFormat("de-DE", {
    timeZone: "Europe/Berlin",
    dateStyle: "short",
    timeStyle: "short",
  });
  const rows = overview.registrations.map((r) => [
    t(`registrations.status.${r.status}`),
    r.waitlistPosition ?? "",
    r.lastName,
    r.firstName,
    r.email,
    r.organisation ?? "",
    r.organisationId && overview.organisationPaths[r.organisationId]
      ? `${platform.config.baseUrl}${overview.organisationPaths[r.organisationId]}`
      : "",
    r.organisationKind ? t(`registrations.orgKind.${r.organisationKind}`) : "",
    r.role ?? "",
    r.municipality ?? "",
    ...overview.slots.map((s) => r.workshops.find((w) => w.slot === s.key)?.title ?? ""),
    r.dietaryNeeds ?? "",
    r.accessibilityNeeds ?? "",
    yes(r.consents.photos),
    yes(r.consents.participantList),
    ...overview.questions.map((q) => r.answers[q.id] ?? ""),
    t(`registrations.source.${r.source}`),
    berlin.format(new Date(r.createdAt)),
  ]);
  return { event: overview.event, headers, rows };
}

/** Job: reminder mails `reminder_days` before the event (one per registration, by idempotency key). */
export async function sendReminders(platform: Platform): Promise<number> {
  const db = platform.db.kysely;
  const now = nowIso();
  const horizon = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  let queued = 0;
  for (const event of await repo.eventsStartingBetween(db, now, horizon)) {
    if (event.reminder_days <= 0) continue;
    const due = new Date(Date.parse(event.starts_at) - event.reminder_days * 24 * 3600_000).toISOString();
    if (due > now) continue;
    await db.transaction().execute(async (trx) => {
      for (const registration of await repo.confirmedOfEvent(trx, event.id)) {
        await mail(trx, "reminder", { platform, event, registration });
        queued++;
      }
    });
  }
  return queued;
}

/** The Fachtage whose registrations this organiser manages, newest first, with counts. */
export async function listManagedEventsWithCounts(platform: Platform, actor: Actor) {
  const events = await listManagedEvents(platform.db.kysely, actor);
  return Promise.all(
    events.map(async (e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      status: e.status,
      counts: await repo.countByStatus(platform.db.kysely, e.id),
      capacity: e.capacity,
    })),
  );
}

/** API view: exactly the contract fields plus a few more. */
export async function listForApi(platform: Platform, actor: Actor, eventId: string) {
  const { registrations } = await listRegistrations(platform, actor, eventId);
  return registrations.map((r) => ({
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
  }));
}
