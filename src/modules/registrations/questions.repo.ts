import type { Selectable } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { RegistrationQuestionsTable } from "./tables.js";

// SQL on the organisers' own questions of a Fachtag.

export type QuestionRow = Selectable<RegistrationQuestionsTable>;

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
