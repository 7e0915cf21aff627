import { type Selectable, sql } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { RegistrationStatus, RegistrationsTable, RegistrationWorkshopsTable } from "./tables.js";

// SQL on registrations and their workshop choices. Functions take `db` or a transaction first.

export type RegistrationRow = Selectable<RegistrationsTable>;

/** Statuses that hold a person's one registration for an event (see the partial unique index). */
const activeStatuses: RegistrationStatus[] = ["pending", "confirmed", "waitlisted"];

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

/** Every active registration of one address, for any Fachtag ("Link erneut zusenden"). */
export async function activeRegistrationsByEmail(db: Conn, email: string): Promise<RegistrationRow[]> {
  return db.selectFrom("registrations").selectAll().where("email", "=", email).where(isActive).limit(50).execute();
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

export async function confirmedOfEvent(db: Conn, eventId: string): Promise<RegistrationRow[]> {
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .execute();
}
