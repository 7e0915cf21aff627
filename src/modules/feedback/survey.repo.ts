import type { Conn } from "../../platform/db/database.js";
import type { SurveyAnswersTable } from "./tables.js";

// All SQL of the feedback survey. The answer is written by one INSERT and the token
// removed by one conditional DELETE in the same transaction: two posts of the same link
// at once store one answer.

export async function findQuestionnaire(db: Conn, eventId: string) {
  return db.selectFrom("survey_questionnaires").selectAll().where("event_id", "=", eventId).executeTakeFirst();
}

export async function saveQuestionnaire(db: Conn, eventId: string, questions: string, updatedAt: string) {
  await db
    .insertInto("survey_questionnaires")
    .values({ event_id: eventId, questions, updated_at: updatedAt })
    .onConflict((oc) => oc.column("event_id").doUpdateSet({ questions, updated_at: updatedAt }))
    .execute();
}

export async function findAutoSendDays(db: Conn, eventId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("survey_settings")
    .select("auto_send_days")
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  return row ? Number(row.auto_send_days) : undefined;
}

export async function saveAutoSendDays(db: Conn, eventId: string, days: number): Promise<void> {
  await db
    .insertInto("survey_settings")
    .values({ event_id: eventId, auto_send_days: days })
    .onConflict((oc) => oc.column("event_id").doUpdateSet({ auto_send_days: days }))
    .execute();
}

export async function invitedIds(db: Conn, eventId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("survey_invitations")
    .select("registration_id")
    .where("event_id", "=", eventId)
    .execute();
  return new Set(rows.map((r) => r.registration_id));
}

const CHUNK = 200;

/** Invitations and tokens of one sending, each list in its own order (the caller shuffles the tokens). */
export async function insertInvitations(
  db: Conn,
  eventId: string,
  registrationIds: string[],
  tokenHashes: string[],
): Promise<void> {
  for (let i = 0; i < registrationIds.length; i += CHUNK) {
    const ids = registrationIds.slice(i, i + CHUNK);
    await db
      .insertInto("survey_invitations")
      .values(ids.map((id) => ({ event_id: eventId, registration_id: id })))
      .execute();
  }
  for (let i = 0; i < tokenHashes.length; i += CHUNK) {
    const hashes = tokenHashes.slice(i, i + CHUNK);
    await db
      .insertInto("survey_tokens")
      .values(hashes.map((h) => ({ token_hash: h, event_id: eventId })))
      .execute();
  }
}

export async function findToken(db: Conn, tokenHash: string) {
  return db.selectFrom("survey_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Removes an unused link; false when it was used (or removed) in the meantime. */
export async function consumeToken(db: Conn, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom("survey_tokens").where("token_hash", "=", tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function insertAnswer(db: Conn, row: SurveyAnswersTable) {
  await db.insertInto("survey_answers").values(row).execute();
}

/** The answers of a Fachtag in the order of their random ids (never the order they came in). */
export async function listAnswers(db: Conn, eventId: string): Promise<{ id: string; answers: string }[]> {
  return db
    .selectFrom("survey_answers")
    .select(["id", "answers"])
    .where("event_id", "=", eventId)
    .orderBy("id")
    .execute();
}

export async function countAnswers(db: Conn, eventId: string): Promise<number> {
  const row = await db
    .selectFrom("survey_answers")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function answersOfEvents(db: Conn, eventIds: string[]) {
  if (!eventIds.length) return [];
  return db.selectFrom("survey_answers").select(["event_id", "answers"]).where("event_id", "in", eventIds).execute();
}

export async function questionnairesOf(db: Conn, eventIds: string[]) {
  if (!eventIds.length) return [];
  return db
    .selectFrom("survey_questionnaires")
    .select(["event_id", "questions"])
    .where("event_id", "in", eventIds)
    .execute();
}

/**
 * Retention: the unused links and the list of who was sent one. The answers are anonymous
 * and stay. Returns how many rows of each went.
 */
export async function clearLinksOfEvent(db: Conn, eventId: string): Promise<{ links: number; invitations: number }> {
  const links = await db.deleteFrom("survey_tokens").where("event_id", "=", eventId).executeTakeFirst();
  const invitations = await db.deleteFrom("survey_invitations").where("event_id", "=", eventId).executeTakeFirst();
  return { links: Number(links.numDeletedRows), invitations: Number(invitations.numDeletedRows) };
}
