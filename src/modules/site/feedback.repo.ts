import type { Conn } from "../../platform/db/database.js";

export async function insertFeedback(
  db: Conn,
  row: {
    id: string;
    name: string | null;
    email: string | null;
    page_url: string | null;
    message: string;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto("accessibility_feedback").values(row).execute();
}

export async function countFeedback(db: Conn): Promise<number> {
  const row = await db
    .selectFrom("accessibility_feedback")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
