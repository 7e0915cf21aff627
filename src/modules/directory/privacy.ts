import type { HookHandler, HookResult } from "../../platform/hooks.js";

// The directory's part of a data subject request. Art. 15: the organisations the person
// represents (membership), the contact entries with the address, the organisations they
// proposed. Art. 17: contact entries with the address are deleted, the proposer's name and
// address are cleared from proposals (the organisation stays); memberships go with the account.

export const exportDirectory: HookHandler<"privacy.exportPerson"> = async ({ email, userId }, { db }) => {
  const contacts = await db
    .selectFrom("contacts")
    .innerJoin("organisations", "organisations.id", "contacts.organisation_id")
    .select([
      "organisations.name as organisation",
      "contacts.name",
      "contacts.function",
      "contacts.email",
      "contacts.phone",
      "contacts.public_consent as publicConsent",
      "contacts.consent_date as consentDate",
    ])
    .where((eb) => eb(eb.fn("lower", ["contacts.email"]), "=", email))
    .execute();
  const proposals = await db
    .selectFrom("organisations")
    .select([
      "name as organisation",
      "proposer_name as proposerName",
      "proposer_email as proposerEmail",
      "proposal_note as note",
      "status",
      "created_at as createdAt",
    ])
    .where((eb) => eb(eb.fn("lower", ["proposer_email"]), "=", email))
    .execute();
  const memberships = userId
    ? await db
        .selectFrom("organisation_members")
        .innerJoin("organisations", "organisations.id", "organisation_members.organisation_id")
        .select(["organisations.name as organisation", "organisation_members.created_at as since"])
        .where("organisation_members.user_id", "=", userId)
        .execute()
    : [];
  if (!contacts.length && !proposals.length && !memberships.length) return null;
  return {
    part: "directory",
    counts: { contacts: contacts.length, proposals: proposals.length, memberships: memberships.length },
    data: {
      contacts: contacts.map((c) => ({ ...c, publicConsent: Number(c.publicConsent) === 1 })),
      proposals,
      memberships,
    },
  };
};

export const eraseDirectory: HookHandler<"privacy.erasePerson"> = async (
  { email, userId },
  { db },
): Promise<HookResult<"privacy.erasePerson">> => {
  const contacts = await db
    .deleteFrom("contacts")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email))
    .executeTakeFirst();
  const proposals = await db
    .updateTable("organisations")
    .set({ proposer_name: null, proposer_email: null, proposal_note: null })
    .where((eb) => eb(eb.fn("lower", ["proposer_email"]), "=", email))
    .executeTakeFirst();
  const memberships = userId
    ? await db.deleteFrom("organisation_members").where("user_id", "=", userId).executeTakeFirst()
    : { numDeletedRows: 0n };
  const removed = {
    contacts: Number(contacts.numDeletedRows),
    proposals: Number(proposals.numUpdatedRows),
    memberships: Number(memberships.numDeletedRows),
  };
  return { part: "directory", removed: Object.fromEntries(Object.entries(removed).filter(([, n]) => n > 0)), kept: {} };
};
