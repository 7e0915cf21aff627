import type { Conn } from "../../platform/db/database.js";

// The platform's own tables that hold a person's address: the outbox (every mail written to
// them, with its text) and the accessibility feedback form (name and address are optional).

export async function mailsTo(db: Conn, email: string) {
  return db
    .selectFrom("outbox")
    .select(["subject", "text_body as text", "status", "created_at as createdAt", "sent_at as sentAt"])
    .where((eb) => eb(eb.fn("lower", ["to_address"]), "=", email))
    .orderBy("created_at")
    .execute();
}

/** Deletes every mail to the address, queued or sent: a queued one would reach a person who asked to be forgotten. */
export async function deleteMailsTo(db: Conn, email: string): Promise<number> {
  const r = await db
    .deleteFrom("outbox")
    .where((eb) => eb(eb.fn("lower", ["to_address"]), "=", email))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function accessibilityFeedbackFrom(db: Conn, email: string) {
  return db
    .selectFrom("accessibility_feedback")
    .select(["name", "email", "page_url as pageUrl", "message", "created_at as createdAt"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .orderBy("created_at")
    .execute();
}

/** The message stays (it is about a page, and the office answers it); who sent it goes. */
export async function clearAccessibilityFeedbackSender(db: Conn, email: string): Promise<number> {
  const r = await db
    .updateTable("accessibility_feedback")
    .set({ name: null, email: null })
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
