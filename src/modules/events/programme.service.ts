import { berlinDay } from "../../lib/berlin-time.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, type SessionView, type Speaker, toSessionViews } from "./event-views.js";
import { clean, getManageableEvent, invalid } from "./events.service.js";
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
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = new Date(input.endsAt).toISOString();
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
  await deleteSessionRow(platform.db.kysely, row.id);
}
