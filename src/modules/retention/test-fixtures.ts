import { sql } from "kysely";
import { anonymous } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { ownCertificate } from "../certificates/certificates.service.js";
import { markCheckedIn, register } from "../registrations/index.js";
import { createFachtag } from "../registrations/test-fixtures.js";
import { manageTokenFor } from "../registrations/tokens.js";

// Test data for the retention: a Fachtag that took place, with people who left every kind
// of personal data (names, addresses, organisation in free text, needs, an answer), some
// present (one with a certificate), some cancelled, an internal and a public document.

export interface RetentionPerson {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  token: string;
  present: boolean;
  participantList: boolean;
}

const kinds = ["kita", "grundschule", "schule"];
const places = ["Celle", "Bergen", "Hambühren"];

export async function heldFachtag(
  platform: Platform,
  options: { people?: number; createdBy?: string | null; endedDaysAgo?: number; retentionMonths?: number } = {},
) {
  const db = platform.db.kysely;
  const tag = newId().slice(0, 6);
  const ev = await createFachtag(platform, {
    confirmByEmail: false,
    capacity: 5000,
    createdBy: options.createdBy ?? null,
    title: `Vernetzung früher Bildung ${tag}`,
    workshops: [
      { title: "Sprachförderung", capacity: null },
      { title: "Bewegung", capacity: null },
    ],
  });
  const questionId = newId();
  await db
    .insertInto("registration_questions")
    .values({
      id: questionId,
      event_id: ev.id,
      kind: "text",
      label: "Was erwarten Sie?",
      options: "[]",
      required: 0,
      position: 0,
      created_at: nowIso(),
    })
    .execute();
  const people: RetentionPerson[] = [];
  const count = options.people ?? 12;
  for (let i = 0; i < count; i++) {
    const person = {
      firstName: `Quirina${tag}`,
      lastName: `Zwetschgenbaum${tag}x${i}`,
      email: `quirina.${tag}.${i}@beispiel-kita.de`,
    };
    const participantList = i % 2 === 0;
    const r = await register(
      platform,
      anonymous,
      ev.id,
      {
        ...person,
        organisation: `Kita Pusteblume${tag} ${i}`,
        organisationKind: kinds[i % kinds.length],
        municipality: places[i % places.length],
        role: `Leitung${tag}`,
        dietaryNeeds: `laktosefrei${tag}`,
        accessibilityNeeds: `Rollstuhl${tag}`,
        workshopIds: [ev.workshops[i % 2] as string],
        consents: { privacy: true, photos: i % 3 === 0, participantList },
        answers: { [questionId]: `Austausch mit Nachbarkitas${tag}` },
      },
      "api",
    );
    const present = i % 3 !== 2;
    if (present) await markCheckedIn(db, r.id, nowIso(), "test");
    people.push({
      id: r.id,
      ...person,
      token: manageTokenFor(platform.config.sessionSecret, r.id),
      present,
      participantList,
    });
  }
  // One cancelled: the figures per status must survive too.
  const last = people[count - 1];
  if (last) {
    await db
      .updateTable("registrations")
      .set({ status: "cancelled", cancelled_at: nowIso() })
      .where("id", "=", last.id)
      .execute();
    last.present = false;
    await db.updateTable("registrations").set({ checked_in_at: null }).where("id", "=", last.id).execute();
  }
  // Into the past: ended `endedDaysAgo` days ago (default 2).
  // 08:00 to 15:00 UTC: one Berlin day, as the Fachtag's form expects.
  const day = new Date(Date.now() - (options.endedDaysAgo ?? 2) * 86_400_000);
  day.setUTCHours(8, 0, 0, 0);
  const start = day;
  const end = new Date(start.getTime() + 7 * 3_600_000);
  const slot = new Date(start.getTime() + 2 * 3_600_000).toISOString();
  await db
    .updateTable("events")
    .set({
      starts_at: start.toISOString(),
      ends_at: end.toISOString(),
      status: "held",
      ...(options.retentionMonths ? { retention_months: options.retentionMonths } : {}),
    })
    .where("id", "=", ev.id)
    .execute();
  await db
    .updateTable("event_sessions")
    .set({ starts_at: slot, ends_at: new Date(start.getTime() + 3 * 3_600_000).toISOString() })
    .where("event_id", "=", ev.id)
    .execute();
  // The booked workshops keep their slot: the start of their (moved) session.
  await db.updateTable("registration_workshops").set({ slot }).where("session_id", "in", ev.workshops).execute();
  // A certificate for the first present person (issued on first download), with its mail.
  const first = people.find((p) => p.present) as RetentionPerson;
  await ownCertificate(platform, anonymous, first.token);
  const code = (
    await db.selectFrom("certificates").select("code").where("registration_id", "=", first.id).executeTakeFirstOrThrow()
  ).code;
  // Documents: an internal signature list (personal data) and the public documentation.
  const internalKey = `documents/${ev.id}/${newId()}.pdf`;
  const publicKey = `documents/${ev.id}/${newId()}.pdf`;
  await platform.storage.put(internalKey, Buffer.from(`%PDF-1.4 Unterschriften ${first.lastName}`));
  await platform.storage.put(publicKey, Buffer.from("%PDF-1.4 Dokumentation"));
  for (const [key, isPublic] of [
    [internalKey, 0],
    [publicKey, 1],
  ] as const) {
    await db
      .insertInto("event_documents")
      .values({
        id: newId(),
        event_id: ev.id,
        session_id: null,
        kind: isPublic ? "documentation" : "other",
        title: isPublic ? "Dokumentation" : "Unterschriftenliste",
        alt_text: null,
        public: isPublic,
        storage_key: key,
        content_type: "application/pdf",
        size_bytes: 30,
        sha256: "0".repeat(64),
        original_name: isPublic ? "dokumentation.pdf" : `unterschriften-${first.lastName}.pdf`,
        uploaded_by: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
  }
  const row = await db.selectFrom("events").select(["ends_at"]).where("id", "=", ev.id).executeTakeFirstOrThrow();
  return { ...ev, tag, people, code, internalKey, publicKey, endsAt: row.ends_at };
}

/** The figures a report shows of a Fachtag: per status, present, per kind, per municipality, per workshop. */
export async function figuresOf(platform: Platform, eventId: string) {
  const db = platform.db.kysely;
  const group = async (column: "status" | "organisation_kind" | "municipality") =>
    Object.fromEntries(
      (
        await db
          .selectFrom("registrations")
          .select([column, sql<number>`count(*)`.as("n")])
          .where("event_id", "=", eventId)
          .groupBy(column)
          .execute()
      ).map((r) => [String(r[column]), Number(r.n)]),
    );
  const present = await db
    .selectFrom("registrations")
    .select(sql<number>`count(*)`.as("n"))
    .where("event_id", "=", eventId)
    .where("checked_in_at", "is not", null)
    .executeTakeFirstOrThrow();
  const workshops = await db
    .selectFrom("registration_workshops")
    .innerJoin("registrations", "registrations.id", "registration_workshops.registration_id")
    .select(["registration_workshops.session_id", sql<number>`count(*)`.as("n")])
    .where("registrations.event_id", "=", eventId)
    .groupBy("registration_workshops.session_id")
    .execute();
  return {
    status: await group("status"),
    kind: await group("organisation_kind"),
    municipality: await group("municipality"),
    present: Number(present.n),
    workshops: Object.fromEntries(workshops.map((w) => [w.session_id, Number(w.n)])),
  };
}

/** Every row of every table as text, for "nothing personal left anywhere". */
export async function everyRowAsText(platform: Platform): Promise<{ table: string; text: string }[]> {
  const db = platform.db.kysely;
  const tables =
    platform.db.dialect === "sqlite"
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
            db,
          )
        ).rows.map((r) => r.name);
  const out: { table: string; text: string }[] = [];
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    for (const row of rows) {
      out.push({
        table,
        text: JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString("latin1") : v)),
      });
    }
  }
  return out;
}
