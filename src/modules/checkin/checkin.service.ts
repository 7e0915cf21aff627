import type { Actor, UserActor } from "../../platform/auth/actor.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import {
  type EventView,
  getEventForRegistration,
  listUpcomingEvents,
  listWorkshops,
  timeSlots,
} from "../events/index.js";
import {
  type AttendanceRow,
  attendanceCounts,
  attendanceList,
  clearCheckIn,
  findAttendance,
  findByTicketCode,
  getAvailability,
  markCheckedIn,
  type RegistrationInput,
  register,
} from "../registrations/index.js";
import { checkinAccess } from "./access.js";
import { NotCheckedInError, NotConfirmedError, UnknownTicketError } from "./errors.js";

// Letting people in on the day. Present is one column (registrations.checked_in_at) set by
// one conditional UPDATE: whoever comes first — a second device, a replayed offline
// check-in — finds it set and is told when the person was let in, so nobody counts twice.

export interface CheckInResult {
  registrationId: string;
  firstName: string;
  lastName: string;
  workshopIds: string[];
  /** The first check-in's time, also when this one came second. */
  checkedInAt: string;
  alreadyCheckedIn: boolean;
}

export interface Counts {
  expected: number;
  present: number;
}

/** The Fachtag of an entrance, by id or slug; a draft is unknown to helpers (404). */
async function entranceEvent(platform: Platform, actor: Actor, eventIdOrSlug: string): Promise<EventView> {
  checkinAccess.requireAccess(actor, "checkin.list", undefined);
  const event = await getEventForRegistration(platform.db.kysely, eventIdOrSlug);
  if (!event) throw new NotFoundError();
  checkinAccess.requireAccess(actor, "checkin.entrance", event, { hide: event.status === "draft" });
  return event;
}

/**
 * When the check-in happened. A queued offline check-in brings the time it was made on the
 * device; a time in the future or days back (a wrong clock) is replaced by the server's.
 */
function checkInTime(at: string | undefined, now: string): string {
  if (!at) return now;
  const t = Date.parse(at);
  const n = Date.parse(now);
  if (Number.isNaN(t) || t > n + 5 * 60_000 || t < n - 2 * 24 * 3600_000) return now;
  return new Date(t).toISOString();
}

async function checkInRow(
  platform: Platform,
  actor: Actor,
  eventId: string,
  row: AttendanceRow | undefined,
  at: string | undefined,
): Promise<CheckInResult> {
  if (!row) throw new UnknownTicketError();
  const answer = (checkedInAt: string, alreadyCheckedIn: boolean): CheckInResult => ({
    registrationId: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    workshopIds: row.workshopIds,
    checkedInAt,
    alreadyCheckedIn,
  });
  if (row.status !== "confirmed") throw new NotConfirmedError(row.status);
  if (row.checkedInAt) return answer(row.checkedInAt, true);
  const time = checkInTime(at, nowIso());
  if (await markCheckedIn(platform.db.kysely, row.id, time, (actor as UserActor).id)) return answer(time, false);
  // Somebody was a moment faster (or the registration was cancelled just now): read again.
  const again = await findAttendance(platform.db.kysely, eventId, row.id);
  if (again?.checkedInAt) return answer(again.checkedInAt, true);
  throw new NotConfirmedError(again?.status ?? "cancelled");
}

/** Checks a person in by the code of their ticket (QR code or typed). */
export async function checkInByCode(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  input: { code: string; at?: string | undefined },
): Promise<CheckInResult> {
  const event = await entranceEvent(platform, actor, eventIdOrSlug);
  const row = await findByTicketCode(platform.db.kysely, event.id, ticketCodeOf(input.code));
  return checkInRow(platform, actor, event.id, row, input.at);
}

/** Checks a person in from the list (found by name). */
export async function checkInById(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  input: { registrationId: string; at?: string | undefined },
): Promise<CheckInResult> {
  const event = await entranceEvent(platform, actor, eventIdOrSlug);
  const row = await findAttendance(platform.db.kysely, event.id, input.registrationId);
  return checkInRow(platform, actor, event.id, row, input.at);
}

/**
 * What a scanner read: the bare code, or a link that ends in it (a ticket may carry an
 * address so that a phone's camera app opens something useful).
 */
export function ticketCodeOf(scanned: string): string {
  const text = scanned.trim();
  if (!text.includes("/")) return text;
  const path = text.split(/[?#]/)[0] ?? "";
  return path.split("/").filter(Boolean).pop() ?? "";
}

export async function attendanceSummary(platform: Platform, actor: Actor, eventIdOrSlug: string): Promise<Counts> {
  const event = await entranceEvent(platform, actor, eventIdOrSlug);
  return attendanceCounts(platform.db.kysely, event.id);
}

/** Takes a check-in back (organisers only): the person counts as expected again. */
export async function undoCheckIn(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  registrationId: string,
): Promise<{ firstName: string; lastName: string }> {
  const event = await entranceEvent(platform, actor, eventIdOrSlug);
  checkinAccess.requireAccess(actor, "checkin.undo", event);
  const row = await findAttendance(platform.db.kysely, event.id, registrationId);
  if (!row) throw new NotFoundError();
  if (!(await clearCheckIn(platform.db.kysely, row.id))) throw new NotCheckedInError();
  return { firstName: row.firstName, lastName: row.lastName };
}

export interface ExpectedPerson {
  registrationId: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  workshops: string[];
  ticketCode: string;
  checkedInAt: string | null;
}

export interface WalkInSlot {
  index: number;
  startsAt: string;
  endsAt: string;
  workshops: { id: string; title: string; free: number | null }[];
}

export interface Entrance {
  event: EventView;
  counts: Counts;
  /** Everybody expected, by last name (German order). */
  people: ExpectedPerson[];
  /** Workshops with free places, per slot, for the walk-in form. */
  slots: WalkInSlot[];
  /** Free places of the Fachtag. */
  free: number;
  canUndo: boolean;
}

const collator = new Intl.Collator("de-DE", { sensitivity: "base" });

/** Everything the entrance page needs; the same list goes to the page's script for offline search. */
export async function getEntrance(platform: Platform, actor: Actor, eventIdOrSlug: string): Promise<Entrance> {
  const event = await entranceEvent(platform, actor, eventIdOrSlug);
  const db = platform.db.kysely;
  const [rows, counts, workshops, availability] = await Promise.all([
    attendanceList(db, event.id),
    attendanceCounts(db, event.id),
    listWorkshops(db, event.id),
    getAvailability(db, event.id),
  ]);
  const titles = new Map(workshops.map((w) => [w.id, w.title]));
  const people = rows
    .map((r) => ({
      registrationId: r.id,
      firstName: r.firstName,
      lastName: r.lastName,
      organisation: r.organisation,
      workshops: r.workshopIds.map((id) => titles.get(id) ?? ""),
      ticketCode: r.ticketCode,
      checkedInAt: r.checkedInAt,
    }))
    .sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName));
  const slots = timeSlots(workshops).map((slot) => ({
    index: slot.index,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    workshops: slot.sessions
      .map((w) => ({ id: w.id, title: w.title, free: availability?.workshops[w.id]?.free ?? null }))
      .filter((w) => w.free === null || w.free > 0),
  }));
  return {
    event,
    counts,
    people,
    slots,
    free: availability?.free ?? 0,
    canUndo: checkinAccess.can(actor, "checkin.undo", event),
  };
}

const fold = (text: string) => text.normalize("NFC").toLocaleLowerCase("de-DE");

/** The page's search by name (no JavaScript): part of the first or last name, any case. */
export function searchPeople(people: ExpectedPerson[], query: string): ExpectedPerson[] {
  const needle = fold(query.trim());
  if (!needle) return [];
  return people.filter((p) =>
    fold(`${p.firstName} ${p.lastName}\n${p.lastName} ${p.firstName}\n${p.organisation ?? ""}`).includes(needle),
  );
}

export interface WalkInInput {
  firstName: string;
  lastName: string;
  email: string;
  organisation?: string | undefined;
  workshopIds: string[];
  privacy: boolean;
}

/**
 * Registers somebody at the door and lets them in at once. The registrations module
 * decides capacity under the Fachtag's lock: a full Fachtag or workshop is refused.
 */
export async function walkIn(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  input: WalkInInput,
): Promise<CheckInResult> {
  const event = await entranceEvent(platform, actor, eventIdOrSlug);
  const registration: RegistrationInput = {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    organisation: input.organisation,
    workshopIds: input.workshopIds,
    consents: { privacy: input.privacy, photos: false, participantList: false },
    answers: {},
  };
  const result = await register(platform, actor, event.id, registration, "walkin");
  return checkInById(platform, actor, event.id, { registrationId: result.id });
}

export interface EntranceListItem {
  id: string;
  slug: string;
  title: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  counts: Counts;
}

/** The Fachtage whose entrance the actor may open: upcoming and today's, soonest first. */
export async function listEntrances(platform: Platform, actor: Actor): Promise<EntranceListItem[]> {
  checkinAccess.requireAccess(actor, "checkin.list", undefined);
  const events = (await listUpcomingEvents(platform.db.kysely)).filter(
    (e) => e.status !== "cancelled" && checkinAccess.can(actor, "checkin.entrance", e),
  );
  return Promise.all(
    events.map(async (e) => ({
      id: e.id,
      slug: e.slug,
      title: e.title,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      venue: e.venue.name,
      counts: await attendanceCounts(platform.db.kysely, e.id),
    })),
  );
}
