import { berlinDay, utcToBerlin } from "../../lib/berlin-time.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, type SessionView, type Speaker, toSessionViews } from "./event-views.js";
import { clean, getManageableEvent, invalid, inYearRange, toIso } from "./events.service.js";
import {
  deleteSessionRow,
  findSession,
  insertSession,
  listSessionRows,
  maxSessionPosition,
  updateSessionRow,
} from "./sessions.repo.js";
import type { SessionKind } from "./tables.js";

// The programme of a Fachtag: talks, breaks and workshops, edited by its organisers.

export const sessionKinds: SessionKind[] = ["welcome", "talk", "panel", "workshop", "break", "other"];

/** The programme of an event in order of time, workshops with their slot index (public data). */
export async function listSessions(db: Conn, eventId: string): Promise<SessionView[]> {
  return toSessionViews(await listSessionRows(db, eventId));
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
  if (!inYearRange(s.startsAt)) errors.startsAt = "events.validation.year";
  if (!inYearRange(s.endsAt)) errors.endsAt = "events.validation.year";
  if (Object.keys(errors).length) throw invalid(errors);
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

/** The programme editor's page: the event and its programme, for its organisers. */
export async function getProgramme(platform: Platform, actor: Actor, eventIdOrSlug: string) {
  const event = await getManageableEvent(platform, actor, eventIdOrSlug);
  return { event, sessions: await listSessions(platform.db.kysely, event.id) };
}

export async function addSession(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  input: SessionInput,
): Promise<SessionView> {
  const event = await getManageableEvent(platform, actor, eventIdOrSlug);
  const db = platform.db.kysely;
  const startsAt = toIso(input.startsAt);
  const endsAt = toIso(input.endsAt);
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
    await platform.hooks.emit("events.saved", { eventId: event.id }, { platform, db: trx });
  });
  const session = (await listSessions(db, event.id)).find((s) => s.id === id);
  if (!session) throw new NotFoundError("events.error.notFound");
  return session;
}

export async function getSession(platform: Platform, actor: Actor, eventIdOrSlug: string, sessionId: string) {
  const event = await getManageableEvent(platform, actor, eventIdOrSlug);
  const sessions = await listSessions(platform.db.kysely, event.id);
  const session = sessions.find((s) => s.id === sessionId);
  if (!session) throw new NotFoundError("events.error.sessionNotFound");
  return { event, session };
}

/** Changes a programme item; a workshop with more places lets the waitlist move up in the same transaction. */
export async function updateSession(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  sessionId: string,
  input: SessionInput,
): Promise<SessionView> {
  const event = await getManageableEvent(platform, actor, eventIdOrSlug);
  const db = platform.db.kysely;
  const row = await findSession(db, event.id, sessionId);
  if (!row) throw new NotFoundError("events.error.sessionNotFound");
  const startsAt = toIso(input.startsAt);
  const endsAt = toIso(input.endsAt);
  const capacity = input.kind === "workshop" ? (input.capacity ?? null) : null;
  checkSessionRules(event, { startsAt, endsAt, capacity });
  const old = row.capacity === null ? Number.POSITIVE_INFINITY : Number(row.capacity);
  const raised = input.kind === "workshop" && (capacity === null ? Number.POSITIVE_INFINITY : capacity) > old;
  await db.transaction().execute(async (trx) => {
    await updateSessionRow(trx, row.id, {
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
    if (raised) await platform.hooks.emit("events.capacityRaised", { eventId: event.id }, { platform, db: trx });
    await platform.hooks.emit("events.saved", { eventId: event.id }, { platform, db: trx });
  });
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
  const event = await getManageableEvent(platform, actor, eventIdOrSlug);
  const row = await findSession(platform.db.kysely, event.id, sessionId);
  if (!row) throw new NotFoundError("events.error.sessionNotFound");
  await platform.db.kysely.transaction().execute(async (trx) => {
    await deleteSessionRow(trx, row.id);
    await platform.hooks.emit("events.saved", { eventId: event.id }, { platform, db: trx });
  });
}

/** "Raum 1.03" → "Raum 1.04", "Seminarraum 9" → "Seminarraum 10"; a room without a number stays. */
export function nextRoom(room: string | null): string {
  if (!room) return "";
  return room.replace(/(\d+)(\D*)$/, (_, digits: string, rest: string) => {
    const next = String(Number(digits) + 1);
    return next.padStart(digits.length, "0") + rest;
  });
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/**
 * What the "add item" form offers after an item was saved: the same kind, starting when
 * the last added item ended and lasting as long, the next room and the same places —
 * the organiser enters a day's programme one item after the other and types only titles.
 */
export function nextItemDefaults(sessions: SessionView[]): Record<string, string> {
  const last = sessions.reduce<SessionView | undefined>((a, s) => (!a || s.position > a.position ? s : a), undefined);
  if (!last) return { kind: "workshop" };
  const start = minutes(utcToBerlin(last.endsAt).time);
  const length = minutes(utcToBerlin(last.endsAt).time) - minutes(utcToBerlin(last.startsAt).time);
  const end = start + Math.max(length, 0);
  return {
    kind: last.kind,
    startTime: clock(start),
    endTime: length > 0 && end < 24 * 60 ? clock(end) : "",
    room: nextRoom(last.room),
    capacity: last.capacity === null ? "" : String(last.capacity),
  };
}
