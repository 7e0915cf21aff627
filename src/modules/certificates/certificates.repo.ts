import type { Selectable } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { CertificateSettingsTable, CertificatesTable } from "./tables.js";

// All SQL of the certificates: the issued certificates and each Fachtag's settings.

export type CertificateRow = Selectable<CertificatesTable>;
export type SettingsRow = Selectable<CertificateSettingsTable>;

export async function findByRegistration(db: Conn, registrationId: string): Promise<CertificateRow | undefined> {
  return db.selectFrom("certificates").selectAll().where("registration_id", "=", registrationId).executeTakeFirst();
}

export async function findByCode(db: Conn, code: string): Promise<CertificateRow | undefined> {
  return db.selectFrom("certificates").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function listOfEvent(db: Conn, eventId: string): Promise<CertificateRow[]> {
  return db.selectFrom("certificates").selectAll().where("event_id", "=", eventId).execute();
}

/** The codes of some registrations (chunked: SQLite limits bound parameters). */
export async function codesOf(db: Conn, registrationIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < registrationIds.length; i += 500) {
    const rows = await db
      .selectFrom("certificates")
      .select(["registration_id", "code"])
      .where("registration_id", "in", registrationIds.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.registration_id) out.set(r.registration_id, r.code);
  }
  return out;
}

/**
 * Stores a certificate unless the registration has one already (a second request at the
 * same moment loses quietly); the caller reads back the one that counts.
 */
export async function insertIfAbsent(db: Conn, row: CertificateRow): Promise<void> {
  await db
    .insertInto("certificates")
    .values(row)
    .onConflict((oc) => oc.column("registration_id").doNothing())
    .execute();
}

/** Marks a certificate as mailed, only the first time: true when this call did it. */
export async function markMailed(db: Conn, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("certificates")
    .set({ mailed_at: at })
    .where("id", "=", id)
    .where("mailed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findSettings(db: Conn, eventId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom("certificate_settings").selectAll().where("event_id", "=", eventId).executeTakeFirst();
}

export async function saveSettings(db: Conn, row: SettingsRow): Promise<void> {
  const { event_id: _, ...changes } = row;
  await db
    .insertInto("certificate_settings")
    .values(row)
    .onConflict((oc) => oc.column("event_id").doUpdateSet(changes))
    .execute();
}

/**
 * Retention: the Fachtag's certificates no longer point at their (anonymised) registrations.
 * Code, name, title and date stay, so the codes keep verifying. Returns how many there are.
 */
export async function unlinkRegistrationsOfEvent(db: Conn, eventId: string): Promise<number> {
  await db.updateTable("certificates").set({ registration_id: null }).where("event_id", "=", eventId).execute();
  const row = await db
    .selectFrom("certificates")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
