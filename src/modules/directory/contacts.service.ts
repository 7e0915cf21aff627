import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess, userOf } from "./access.js";
import { diff, type Flat, recordChange } from "./change-log.service.js";
import * as contacts from "./contacts.repo.js";
import * as organisations from "./organisations.repo.js";
import { keptOrganisation, visibleOrganisation } from "./organisations.service.js";
import type { ContactInput } from "./schema.js";
import type { ContactsTable } from "./tables.js";
import { type ContactView, contactToView } from "./view-models.js";

// Contact persons of an organisation. Data protection: a person is shown on the
// public profile only with recorded consent (flag and date); keepers see all.

const flatContact = (row: ContactsTable): Flat => ({
  name: row.name,
  function: row.function,
  email: row.email,
  phone: row.phone,
  publicConsent: Boolean(row.public_consent),
  consentDate: row.consent_date,
});

function contactColumns(input: ContactInput) {
  const consent = input.publicConsent && Boolean(input.consentDate);
  return {
    name: input.name,
    function: input.function ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    public_consent: consent ? 1 : 0,
    consent_date: consent ? (input.consentDate ?? null) : null,
  };
}

export async function listContactsForKeeping(
  platform: Platform,
  actor: Actor,
  organisationId: string,
): Promise<ContactView[]> {
  const db = platform.db.kysely;
  directoryAccess.requireAccess(actor, "contact.manage", await keptOrganisation(db, organisationId));
  return (await contacts.contactsOf(db, organisationId)).map(contactToView);
}

export async function addContact(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  input: ContactInput,
): Promise<ContactView> {
  const db = platform.db.kysely;
  directoryAccess.requireAccess(actor, "contact.manage", await keptOrganisation(db, organisationId));
  visibleOrganisation(actor, await organisations.findOrganisation(db, organisationId));
  const now = nowIso();
  const row: ContactsTable = {
    id: newId(),
    organisation_id: organisationId,
    ...contactColumns(input),
    position: (await contacts.contactsOf(db, organisationId)).length,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await contacts.insertContact(trx, row);
    await recordChange(trx, userOf(actor), {
      entity: "contact",
      entityId: row.id,
      organisationId,
      action: "create",
      changes: diff({}, flatContact(row)),
    });
  });
  return contactToView(row);
}

/** The contact, once the actor's right to change the organisation's contacts is checked. */
async function contactToChange(db: Conn, actor: Actor, organisationId: string, contactId: string) {
  const contact = await contacts.findContact(db, contactId);
  if (!contact || contact.organisation_id !== organisationId) throw new NotFoundError();
  directoryAccess.requireAccess(actor, "contact.manage", await keptOrganisation(db, organisationId));
  return contact;
}

export async function updateContact(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  contactId: string,
  input: ContactInput,
): Promise<void> {
  const db = platform.db.kysely;
  const contact = await contactToChange(db, actor, organisationId, contactId);
  const values = { ...contactColumns(input), updated_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await contacts.updateContact(trx, contactId, values);
    await recordChange(trx, userOf(actor), {
      entity: "contact",
      entityId: contactId,
      organisationId,
      action: "update",
      changes: diff(flatContact(contact), flatContact({ ...contact, ...values })),
    });
  });
}

export async function removeContact(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  contactId: string,
): Promise<void> {
  const db = platform.db.kysely;
  const contact = await contactToChange(db, actor, organisationId, contactId);
  await db.transaction().execute(async (trx) => {
    await contacts.deleteContact(trx, contactId);
    await recordChange(trx, userOf(actor), {
      entity: "contact",
      entityId: contactId,
      organisationId,
      action: "delete",
      changes: diff(flatContact(contact), {}),
    });
  });
}
