import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { inviteUser } from "../accounts/index.js";
import { directoryAccess, userOf } from "./access.js";
import { recordChange } from "./change-log.service.js";
import * as members from "./members.repo.js";
import * as organisations from "./organisations.repo.js";
import { getOrganisationBySlug, organisationViews } from "./organisations.service.js";
import type { MemberView, OrganisationView } from "./view-models.js";

// Members: user accounts linked to an organisation as its representatives. They keep
// the organisation's entry, offers and contacts (see access.ts); admins link them.

/** True when the user is linked to the organisation. Reads in the caller's connection, also a transaction. */
export function isMemberOf(db: Conn, userId: string, organisationId: string): Promise<boolean> {
  return members.isMember(db, userId, organisationId);
}

/** The ids of the organisations a user is linked to. Reads in the caller's connection. */
export async function organisationIdsOfMember(db: Conn, userId: string): Promise<string[]> {
  return (await members.organisationsOfMember(db, userId)).map((o) => o.id);
}

/** Name and e-mail of the accounts linked to an organisation: whom to ask about it. Reads in the caller's connection. */
export async function memberContactsOf(
  db: Conn,
  organisationId: string,
): Promise<{ userId: string; name: string; email: string }[]> {
  return (await members.membersOf(db, organisationId)).map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
  }));
}

/** The organisations a member keeps (admins keep all; none are listed for them here). */
export async function myOrganisations(platform: Platform, actor: Actor, locale: Locale): Promise<OrganisationView[]> {
  directoryAccess.requireAccess(actor, "organisation.listOwn", undefined);
  const db = platform.db.kysely;
  const user = userOf(actor);
  return organisationViews(db, user ? await members.organisationsOfMember(db, user.id) : [], locale);
}

/** The members page of an organisation: the organisation and its linked accounts. */
export async function getMembersPage(
  platform: Platform,
  actor: Actor,
  slug: string,
  locale: Locale,
): Promise<{ organisation: OrganisationView; members: MemberView[] }> {
  directoryAccess.requireAccess(actor, "members.link", undefined);
  const organisation = await getOrganisationBySlug(platform, actor, slug, locale);
  const rows = await members.membersOf(platform.db.kysely, organisation.id);
  return {
    organisation,
    members: rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, since: r.created_at })),
  };
}

/** Links a user account (found by e-mail) to an organisation. */
export async function linkMemberByEmail(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  email: string,
): Promise<void> {
  directoryAccess.requireAccess(actor, "members.link", undefined);
  const db = platform.db.kysely;
  if (!(await organisations.findOrganisation(db, organisationId))) throw new NotFoundError();
  const member = await members.findUserByEmail(db, email);
  if (!member) throw new ValidationError({ email: "directory.validation.unknownUser" });
  await db.transaction().execute(async (trx) => {
    await members.insertMember(trx, organisationId, member.id, nowIso());
    await recordChange(trx, userOf(actor), {
      entity: "member",
      entityId: member.id,
      organisationId,
      action: "create",
      changes: { member: { from: null, to: member.email } },
    });
  });
}

export async function unlinkMember(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<void> {
  directoryAccess.requireAccess(actor, "members.link", undefined);
  await platform.db.kysely.transaction().execute(async (trx) => {
    await members.deleteMember(trx, organisationId, userId);
    await recordChange(trx, userOf(actor), {
      entity: "member",
      entityId: userId,
      organisationId,
      action: "delete",
      changes: { member: { from: userId, to: null } },
    });
  });
}

/**
 * Creates an account for a representative and links it to the organisation in one
 * transaction: the accounts module makes the account and puts the invitation, which
 * names the organisation, into the outbox; the link and the log entry commit with it —
 * or nothing does. An address that has an account already is refused (link it instead).
 */
export async function inviteMember(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  person: { name: string; email: string },
): Promise<{ id: string; email: string }> {
  directoryAccess.requireAccess(actor, "members.link", undefined);
  const db = platform.db.kysely;
  const organisation = await organisations.findOrganisation(db, organisationId);
  if (!organisation) throw new NotFoundError();
  return db.transaction().execute(async (trx) => {
    const account = await inviteUser(
      platform,
      actor,
      { ...person, role: "member" },
      { organisationName: organisation.name, db: trx },
    );
    await members.insertMember(trx, organisationId, account.id, nowIso());
    await recordChange(trx, userOf(actor), {
      entity: "member",
      entityId: account.id,
      organisationId,
      action: "create",
      changes: { member: { from: null, to: account.email } },
    });
    return account;
  });
}
