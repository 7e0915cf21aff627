import type { Conn } from "../../platform/db/database.js";
import type { RegistrationStatus } from "./tables.js";

// SQL on attendance: who was let in on the day (checked_in_at) and by whom. The check-in
// module decides who may do it; the one rule kept here is that a person is marked present
// by a single conditional UPDATE, so two devices or a replayed offline check-in can never
// count anybody twice.

export interface AttendanceRow {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  firstName: string;
  lastName: string;
  /** For mails after the day (the certificate); never sent to the entrance's devices. */
  email: string;
  organisation: string | null;
  ticketCode: string;
  checkedInAt: string | null;
  /** The workshops the person holds (session ids, in slot order). */
  workshopIds: string[];
}

const columns = [
  "id",
  "event_id",
  "status",
  "first_name",
  "last_name",
  "email",
  "organisation",
  "ticket_code",
  "checked_in_at",
] as const;

type Row = {
  id: string;
  event_id: string;
  status: RegistrationStatus;
  first_name: string;
  last_name: string;
  email: string;
  organisation: string | null;
  ticket_code: string;
  checked_in_at: string | null;
};

async function withWorkshops(db: Conn, rows: Row[]): Promise<AttendanceRow[]> {
  const byRegistration = new Map<string, string[]>();
  // Chunked: SQLite limits the number of bound parameters.
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const choices = await db
      .selectFrom("registration_workshops")
      .select(["registration_id", "session_id"])
      .where("registration_id", "in", ids)
      .orderBy("slot")
      .execute();
    for (const c of choices)
      byRegistration.set(c.registration_id, [...(byRegistration.get(c.registration_id) ?? []), c.session_id]);
  }
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    status: r.status,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    organisation: r.organisation,
    ticketCode: r.ticket_code,
    checkedInAt: r.checked_in_at,
    workshopIds: byRegistration.get(r.id) ?? [],
  }));
}

/**
 * The registration a ticket code belongs to — only within this Fachtag, so a code of
 * another Fachtag is as unknown as a forged one.
 */
export async function findByTicketCode(db: Conn, eventId: string, code: string): Promise<AttendanceRow | undefined> {
  const row = await db
    .selectFrom("registrations")
    .select(columns)
    .where("event_id", "=", eventId)
    .where("ticket_code", "=", code)
    .executeTakeFirst();
  return row ? (await withWorkshops(db, [row]))[0] : undefined;
}

export async function findAttendance(
  db: Conn,
  eventId: string,
  registrationId: string,
): Promise<AttendanceRow | undefined> {
  const row = await db
    .selectFrom("registrations")
    .select(columns)
    .where("event_id", "=", eventId)
    .where("id", "=", registrationId)
    .executeTakeFirst();
  return row ? (await withWorkshops(db, [row]))[0] : undefined;
}

/**
 * Marks a confirmed person present, atomically: the row changes only while nobody has
 * checked them in yet. True the first time; false when somebody (another device, an
 * earlier replay of the same queued check-in) was first — or when the registration is no
 * longer confirmed (cancelled a moment ago), which the caller tells apart by reading it.
 */
export async function markCheckedIn(db: Conn, registrationId: string, at: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable("registrations")
    .set({ checked_in_at: at, checked_in_by: by })
    .where("id", "=", registrationId)
    .where("status", "=", "confirmed")
    .where("checked_in_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Takes a check-in back (made by mistake). True when there was one. */
export async function clearCheckIn(db: Conn, registrationId: string): Promise<boolean> {
  const result = await db
    .updateTable("registrations")
    .set({ checked_in_at: null, checked_in_by: null })
    .where("id", "=", registrationId)
    .where("checked_in_at", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Expected = confirmed registrations; present = those of them checked in. */
export async function attendanceCounts(db: Conn, eventId: string): Promise<{ expected: number; present: number }> {
  const row = await db
    .selectFrom("registrations")
    .select((eb) => [
      eb.fn.countAll<number | string | bigint>().as("expected"),
      eb.fn.count<number | string | bigint>("checked_in_at").as("present"),
    ])
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .executeTakeFirst();
  return { expected: Number(row?.expected ?? 0), present: Number(row?.present ?? 0) };
}

/** Everybody expected at the entrance (confirmed). The caller sorts (SQLite sorts umlauts after z). */
export async function attendanceList(db: Conn, eventId: string): Promise<AttendanceRow[]> {
  const rows = await db
    .selectFrom("registrations")
    .select(columns)
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .execute();
  return withWorkshops(db, rows);
}

/** Those marked present (checked in), for what comes after the day (certificates). */
export async function presentList(db: Conn, eventId: string): Promise<AttendanceRow[]> {
  const rows = await db
    .selectFrom("registrations")
    .select(columns)
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .where("checked_in_at", "is not", null)
    .execute();
  return withWorkshops(db, rows);
}

/** One registration's attendance by its id alone (the API names no Fachtag). */
export async function findAttendanceById(db: Conn, registrationId: string): Promise<AttendanceRow | undefined> {
  const row = await db.selectFrom("registrations").select(columns).where("id", "=", registrationId).executeTakeFirst();
  return row ? (await withWorkshops(db, [row]))[0] : undefined;
}

/**
 * The registration whose manage link hashes to `manageHash` (a revoked link never
 * matches). Whoever holds the link may see their own attendance.
 */
export async function findAttendanceByManageHash(db: Conn, manageHash: string): Promise<AttendanceRow | undefined> {
  const row = await db
    .selectFrom("registrations")
    .select(columns)
    .where("manage_token_hash", "=", manageHash)
    .executeTakeFirst();
  return row ? (await withWorkshops(db, [row]))[0] : undefined;
}
