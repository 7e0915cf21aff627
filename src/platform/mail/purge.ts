import type { Conn } from "../db/database.js";

// Deleting personal data includes the e-mails written about it: the outbox keeps sent
// mails (their bodies hold names and links), so a retention run removes them here.

/** One person's mails: their address, and a part of the idempotency key every mail about them carries (e.g. the registration id). */
export interface MailsAbout {
  to: string;
  keyPart: string;
}

/**
 * Deletes queued, failed and sent mails to these addresses whose idempotency key names
 * the given part — so a person's mails about other things (another Fachtag) stay.
 * Returns the number of mails deleted.
 */
export async function purgeMailsAbout(db: Conn, people: readonly MailsAbout[]): Promise<number> {
  const partsByAddress = new Map<string, string[]>();
  for (const p of people) {
    const address = p.to.trim().toLowerCase();
    if (!address || !p.keyPart) continue;
    partsByAddress.set(address, [...(partsByAddress.get(address) ?? []), p.keyPart]);
  }
  const addresses = [...partsByAddress.keys()];
  let deleted = 0;
  for (let i = 0; i < addresses.length; i += 500) {
    const chunk = addresses.slice(i, i + 500);
    const rows = await db
      .selectFrom("outbox")
      .select(["id", "to_address", "idempotency_key"])
      .where((eb) => eb(eb.fn("lower", ["to_address"]), "in", chunk))
      .execute();
    const ids = rows
      .filter((r) => partsByAddress.get(r.to_address.toLowerCase())?.some((part) => r.idempotency_key.includes(part)))
      .map((r) => r.id);
    for (let j = 0; j < ids.length; j += 500) {
      const result = await db
        .deleteFrom("outbox")
        .where("id", "in", ids.slice(j, j + 500))
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
  }
  return deleted;
}
