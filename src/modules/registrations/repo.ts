import { type Kysely, PostgresAdapter, type Selectable, sql, type Transaction } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import type { EventSessionsTable, EventsTable } from "../events/tables.js";
import type {
  RegistrationQuestionsTable,
  RegistrationStatus,
  RegistrationsTable,
  RegistrationWorkshopsTable,
} from "./tables.js";

// All SQL of the registrations module. Functions take `db` or a transaction first.

export type Conn = Kysely<Database> | Transaction<Database>;
export type RegistrationRow = Selectable<RegistrationsTable>;
export type QuestionRow = Selectable<RegistrationQuestionsTable>;
export type EventRow = Selectable<EventsTable>;
export type SessionRow = Selectable<EventSessionsTable>;

/** Statuses that hold a person's one registration for an event (see the partial unique index). */
export const activeStatuses: RegistrationStatus[] = ["pending", "confirmed", "waitlisted"];

const isPostgres = (db: Conn) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Reads the event row and serialises every capacity decision for this event.
 * PostgreSQL: `SELECT … FOR UPDATE` locks the row until the transaction ends, so
 * concurrent transactions — also from other app instances — queue here.
 * SQLite: Kysely runs every transaction on the one connection, one after another,
 * so the plain read is already serialised.
 */
export async function lockEventForCapacity(trx: Transaction<Database>, eventId: string): Promise<EventRow | undefined> {
  return eventWhere(trx, "id", eventId, isPostgres(trx));
}

/** lockEventForCapacity for a path parameter that may be the id or the slug. */
export async function lockEventByIdOrSlug(trx: Transaction<Database>, idOrSlug: string): Promise<EventRow | undefined> {
  return eventByIdOrSlug(trx, idOrSlug, isPostgres(trx));
}

export async function findEvent(db: Conn, idOrSlug: string): Promise<EventRow | undefined> {
  return eventByIdOrSlug(db, idOrSlug, false);
}

// Two lookups, by primary key and by the unique slug, cost less than one `id = ? or slug = ?`.
async function eventByIdOrSlug(db: Conn, idOrSlug: string, forUpdate: boolean): Promise<EventRow | undefined> {
  return (await eventWhere(db, "id", idOrSlug, forUpdate)) ?? eventWhere(db, "slug", idOrSlug, forUpdate);
}

function eventWhere(db: Conn, column: "id" | "slug", value: string, forUpdate: boolean): Promise<EventRow | undefined> {
  const query = db.selectFrom("events").selectAll().where(column, "=", value);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function listWorkshops(db: Conn, eventId: string): Promise<SessionRow[]> {
  return db
    .selectFrom("event_sessions")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("kind", "=", "workshop")
    .orderBy("starts_at")
    .orderBy("position")
    .orderBy("title")
    .execute();
}

export async function listSessionsOfEvent(db: Conn, eventId: string): Promise<SessionRow[]> {
  return db
    .selectFrom("event_sessions")
    .selectAll()
    .where("event_id", "=", eventId)
    .orderBy("starts_at")
    .orderBy("position")
    .execute();
}

/** Places taken: confirmed plus pending whose hold has not run out. */
export async function countTaken(db: Conn, eventId: string, now: string): Promise<number> {
  return (await capacitySnapshot(db, eventId, now)).taken;
}

/**
 * What a capacity decision needs: places taken (confirmed + pending on hold), people
 * waiting, the last waitlist number and pending holds that have lapsed (to be expired). Each figure is its own lookup in the index
 * registrations_event_capacity_idx (event_id, status, …), so the cost grows with the
 * places and the waitlist, not with every cancelled or expired registration, and the
 * last number is a single seek.
 */
export async function capacitySnapshot(
  db: Conn,
  eventId: string,
  now: string,
): Promise<{ taken: number; waiting: number; lastOrder: number; lapsed: number }> {
  const withStatus = (status: RegistrationStatus) =>
    db.selectFrom("registrations").where("event_id", "=", eventId).where("status", "=", status);
  const row = await db
    .selectNoFrom((eb) => [
      withStatus("confirmed").select(eb.fn.countAll<number>().as("n")).as("confirmed"),
      withStatus("pending").where("hold_until", ">", now).select(eb.fn.countAll<number>().as("n")).as("held"),
      withStatus("pending").where("hold_until", "<=", now).select(eb.fn.countAll<number>().as("n")).as("lapsed"),
      withStatus("waitlisted").select(eb.fn.countAll<number>().as("n")).as("waiting"),
      withStatus("waitlisted")
        .select((w) => w.fn.max("waitlist_order").as("n"))
        .as("lastOrder"),
    ])
    .executeTakeFirstOrThrow();
  return {
    taken: Number(row.confirmed ?? 0) + Number(row.held ?? 0),
    waiting: Number(row.waiting ?? 0),
    lastOrder: Number(row.lastOrder ?? 0),
    lapsed: Number(row.lapsed ?? 0),
  };
}

export async function countByStatus(db: Conn, eventId: string): Promise<Record<RegistrationStatus, number>> {
  const rows = await db
    .selectFrom("registrations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("event_id", "=", eventId)
    .groupBy("status")
    .execute();
  const counts: Record<RegistrationStatus, number> = {
    pending: 0,
    confirmed: 0,
    waitlisted: 0,
    cancelled: 0,
    expired: 0,
  };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/**
 * Workshop places taken per session (same rule as the event: confirmed + pending on hold).
 * With `sessionIds`, only those sessions are counted (through the session index: the
 * cost follows their places, not the whole event).
 */
export async function workshopTaken(
  db: Conn,
  eventId: string,
  now: string,
  sessionIds?: readonly string[],
): Promise<Record<string, number>> {
  if (sessionIds?.length === 0) return {};
  const rows = await db
    .selectFrom("registration_workshops as rw")
    .innerJoin("registrations as r", "r.id", "rw.registration_id")
    .select(["rw.session_id", (eb) => eb.fn.countAll<number>().as("n")])
    .$if(sessionIds !== undefined, (q) => q.where("rw.session_id", "in", sessionIds ?? []))
    .where("r.event_id", "=", eventId)
    .where((eb) =>
      eb.or([eb("r.status", "=", "confirmed"), eb.and([eb("r.status", "=", "pending"), eb("r.hold_until", ">", now)])]),
    )
    .groupBy("rw.session_id")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.session_id, Number(r.n)]));
}

/**
 * The statuses as literals, written exactly as in the partial unique index
 * registrations_active_email_uq: only then can SQLite prove that the index covers the
 * query (it cannot with bound parameters) and look the address up instead of scanning
 * every waiting person of the event.
 */
const isActive = sql<boolean>`${sql.ref("status")} in (${sql.join(activeStatuses.map((s) => sql.lit(s)))})`;

export async function findActiveByEmail(
  db: Conn,
  eventId: string,
  email: string,
): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("email", "=", email)
    .where(isActive)
    .executeTakeFirst();
}

export async function insertRegistration(db: Conn, row: RegistrationsTable): Promise<void> {
  await db.insertInto("registrations").values(row).execute();
}

export async function insertWorkshopChoices(db: Conn, rows: RegistrationWorkshopsTable[]): Promise<void> {
  if (rows.length) await db.insertInto("registration_workshops").values(rows).execute();
}

export async function deleteWorkshopChoices(db: Conn, registrationId: string): Promise<void> {
  await db.deleteFrom("registration_workshops").where("registration_id", "=", registrationId).execute();
}

export async function deleteWorkshopChoice(db: Conn, registrationId: string, slot: string): Promise<void> {
  await db
    .deleteFrom("registration_workshops")
    .where("registration_id", "=", registrationId)
    .where("slot", "=", slot)
    .execute();
}

/** Position on the waitlist (1 = next to move up) of the given order number. */
export async function waitlistRank(db: Conn, eventId: string, order: number): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("event_id", "=", eventId)
    .where("status", "=", "waitlisted")
    .where("waitlist_order", "<=", order)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function firstWaitlisted(db: Conn, eventId: string): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("status", "=", "waitlisted")
    .orderBy("waitlist_order")
    .limit(1)
    .executeTakeFirst();
}

export async function findRegistration(db: Conn, id: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom("registrations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findByManageHash(db: Conn, hash: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom("registrations").selectAll().where("manage_token_hash", "=", hash).executeTakeFirst();
}

export async function findByConfirmHash(db: Conn, hash: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom("registrations").selectAll().where("confirm_token_hash", "=", hash).executeTakeFirst();
}

export async function updateRegistration(
  db: Conn,
  id: string,
  patch: Partial<Omit<RegistrationsTable, "id" | "event_id">>,
): Promise<void> {
  await db.updateTable("registrations").set(patch).where("id", "=", id).execute();
}

/** Pending registrations whose hold has run out (of one event, or of all events). */
export async function stalePending(db: Conn, now: string, eventId?: string): Promise<RegistrationRow[]> {
  let query = db.selectFrom("registrations").selectAll().where("status", "=", "pending").where("hold_until", "<=", now);
  if (eventId) query = query.where("event_id", "=", eventId);
  return query.execute();
}

export async function workshopChoicesOf(
  db: Conn,
  registrationIds: string[],
): Promise<Selectable<RegistrationWorkshopsTable>[]> {
  if (registrationIds.length === 0) return [];
  const out: Selectable<RegistrationWorkshopsTable>[] = [];
  // Chunked: SQLite limits the number of bound parameters.
  for (let i = 0; i < registrationIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom("registration_workshops")
        .selectAll()
        .where("registration_id", "in", registrationIds.slice(i, i + 500))
        .orderBy("slot")
        .execute()),
    );
  }
  return out;
}

export async function listRegistrationsOfEvent(
  db: Conn,
  eventId: string,
  filter: { statuses?: RegistrationStatus[]; sessionId?: string } = {},
): Promise<RegistrationRow[]> {
  let query = db.selectFrom("registrations").selectAll("registrations").where("registrations.event_id", "=", eventId);
  if (filter.statuses?.length) query = query.where("registrations.status", "in", filter.statuses);
  if (filter.sessionId) {
    const sessionId = filter.sessionId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("registration_workshops as rw")
          .select("rw.session_id")
          .whereRef("rw.registration_id", "=", "registrations.id")
          .where("rw.session_id", "=", sessionId),
      ),
    );
  }
  return query.orderBy("registrations.created_at").orderBy("registrations.id").execute();
}

export async function activeRegistrationsOfEvent(db: Conn, eventId: string): Promise<RegistrationRow[]> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("status", "in", activeStatuses)
    .execute();
}

export async function listQuestions(db: Conn, eventId: string): Promise<QuestionRow[]> {
  return db
    .selectFrom("registration_questions")
    .selectAll()
    .where("event_id", "=", eventId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function insertQuestion(db: Conn, row: RegistrationQuestionsTable): Promise<void> {
  await db.insertInto("registration_questions").values(row).execute();
}

export async function deleteQuestion(db: Conn, eventId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom("registration_questions")
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setEventCapacity(db: Conn, eventId: string, capacity: number, now: string): Promise<void> {
  await db.updateTable("events").set({ capacity, updated_at: now }).where("id", "=", eventId).execute();
}

export async function setSessionCapacity(
  db: Conn,
  eventId: string,
  sessionId: string,
  capacity: number | null,
  now: string,
): Promise<void> {
  await db
    .updateTable("event_sessions")
    .set({ capacity, updated_at: now })
    .where("id", "=", sessionId)
    .where("event_id", "=", eventId)
    .execute();
}

/** Events starting within the window: candidates for reminder mails. */
export async function eventsStartingBetween(db: Conn, from: string, to: string): Promise<EventRow[]> {
  return db
    .selectFrom("events")
    .selectAll()
    .where("starts_at", ">", from)
    .where("starts_at", "<=", to)
    .where("status", "!=", "cancelled")
    .execute();
}

export async function confirmedOfEvent(db: Conn, eventId: string): Promise<RegistrationRow[]> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .execute();
}
