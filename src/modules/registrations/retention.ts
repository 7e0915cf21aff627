import { sql } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import { purgeMailsAbout } from "../../platform/mail/purge.js";

// The registrations' part of the retention (the retention module emits
// "retention.anonymiseEvent" in one transaction per Fachtag): the people become rows
// without a person. Kept for the figures: kind of organisation, the directory's
// organisation, municipality, status, consents given, source, times, attendance and the
// workshops (and wishes) — none of which names anybody once name and address are gone.

const removed = sql<string>`${"removed:"} || id`;

/**
 * What anonymising a registration sets: the person goes, the row (and so every figure) stays.
 * E-mail, manage token and ticket code are NOT NULL and unique (per Fachtag or overall): they
 * become "removed:<id>", which matches no address, no token hash (hex) and no code in a QR
 * image. The retention uses it for a whole Fachtag, a data subject's erasure for one person.
 */
export const anonymisedPerson = {
  first_name: "",
  last_name: "",
  email: removed,
  organisation: null,
  role: null,
  dietary_needs: null,
  accessibility_needs: null,
  answers: "{}",
  manage_token_hash: removed,
  confirm_token_hash: null,
  ticket_code: removed,
  hold_until: null,
};

/** Anonymises every registration of the Fachtag and deletes the mails written to them; counts only. */
export async function anonymiseRegistrations(
  db: Conn,
  eventId: string,
): Promise<{ registrations: number; mails: number }> {
  const people = await db
    .selectFrom("registrations")
    .select(["id", "email"])
    .where("event_id", "=", eventId)
    .where("manage_token_hash", "not like", "removed:%")
    .execute();
  // The outbox first, while the addresses are still known: every mail about a registration
  // carries its id in the idempotency key (confirmation, reminder, ticket, allocation, certificate).
  const mails = await purgeMailsAbout(
    db,
    people.map((p) => ({ to: p.email, keyPart: p.id })),
  );
  // One statement for the whole Fachtag.
  const result = await db
    .updateTable("registrations")
    .set(anonymisedPerson)
    .where("event_id", "=", eventId)
    .where("manage_token_hash", "not like", "removed:%")
    .executeTakeFirst();
  return { registrations: Number(result.numUpdatedRows), mails };
}
