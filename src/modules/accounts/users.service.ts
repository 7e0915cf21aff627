import { z } from "zod";
import { type Actor, isUser, type Role, roles } from "../../platform/auth/actor.js";
import { hashPassword, passwordWeakness } from "../../platform/auth/password.js";
import type { Conn } from "../../platform/db/database.js";
import { newId, newToken } from "../../platform/db/ids.js";
import { fromDbBool, nowIso, toIso } from "../../platform/db/time.js";
import { DomainError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { accountsAccess } from "./access.js";
import { invitationOrResetMail } from "./mails.js";
import { type InviteInput, invitationContext, inviteForm } from "./schema.js";
import {
  deleteResetTokens,
  deleteSessions,
  deleteUserRow,
  findUserByEmail,
  findUserById,
  hasCredential,
  insertCredentialAccount,
  insertResetToken,
  insertUser,
  listUsers,
  setDeactivation,
  type UserRow,
  updateRole,
} from "./users.repo.js";
import type { UserView } from "./views/admin-pages.js";

const { requireAccess } = accountsAccess;

/** Invitation links stay valid for a week; reset links for an hour (Better Auth setting). */
const INVITATION_DAYS = 7;

/**
 * A refusal in user management that the user list explains itself (an alert above the
 * list, or the message beside the e-mail field), so the field key is set: the form
 * handler re-renders the list with it instead of showing an error page.
 */
class UserListConflict extends DomainError {
  constructor(code: string, messageKey: string, field = "_form") {
    super(409, code, messageKey, {}, { [field]: messageKey });
  }
}

class EmailTakenError extends UserListConflict {
  constructor() {
    super("email_taken", "accounts.users.emailTaken", "email");
  }
}

// --- creating accounts ----------------------------------------------------------

const systemUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("validation.email")),
  name: z.string().trim().min(1, "validation.required").max(200),
  role: z.enum(roles, { error: "validation.choice" }),
  password: z.string(),
});

interface SystemUserInput {
  email: string;
  name?: string | undefined;
  role: string;
  password: string;
  /** Defaults to true: CLI, demo data and tests create ready-to-use accounts. */
  verified?: boolean;
}

/**
 * Creates an account with a password. For the operator's tools only (CLI, demo
 * data, test factories): whoever runs them already holds the server's keys, so
 * there is no actor. Throws ValidationError (field → message key) or EmailTakenError.
 */
export async function createUserWithPassword(
  platform: Platform,
  input: SystemUserInput,
): Promise<{ id: string; email: string }> {
  const parsed = systemUserInput.safeParse({ ...input, name: input.name ?? input.email.split("@")[0] });
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  const weakness = passwordWeakness(input.password);
  if (weakness) errors.password = `accounts.password.${weakness}`;
  if (!parsed.success || Object.keys(errors).length) throw new ValidationError(errors);
  const { email, name, role } = parsed.data;
  const { kysely, dialect } = platform.db;
  if (await findUserByEmail(kysely, email)) throw new EmailTakenError();
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await insertOnce(platform, kysely, email, async () => {
    await kysely.transaction().execute(async (trx) => {
      await insertUser(trx, dialect, { id, name, email, role, verified: input.verified ?? true });
      await insertCredentialAccount(trx, dialect, { id: newId(), userId: id, passwordHash });
    });
  });
  return { id, email };
}

/**
 * What an invitation may say besides name and role, and where it is written. Another
 * module that creates an account as part of its own change (the directory: "an account
 * for this organisation, linked to it") passes its open transaction as `db`: user, link
 * and mail then commit or roll back with that change. Without `db` the invitation is a
 * transaction of its own.
 */
export interface InvitationOptions {
  /** The organisation the person represents; the invitation names it. */
  organisationName?: string | undefined;
  /** An open transaction of the caller (or the database: then one is opened here). */
  db?: Conn | undefined;
}

/**
 * An admin creates an account with a role; the person gets an e-mail with a link
 * to set their own password. User, link and mail are stored in one transaction.
 * Input from another module is checked like the form's (ValidationError otherwise).
 */
export async function inviteUser(
  platform: Platform,
  actor: Actor,
  input: InviteInput,
  options: InvitationOptions = {},
): Promise<{ id: string; email: string }> {
  requireAccess(actor, "users.manage", undefined);
  const person = checked(inviteForm, input);
  const { organisationName } = checked(invitationContext, { organisationName: options.organisationName });
  const db = options.db ?? platform.db.kysely;
  if (await findUserByEmail(db, person.email)) throw new EmailTakenError();
  const id = newId();
  const write = async (trx: Conn) => {
    await insertUser(trx, platform.db.dialect, { id, ...person, verified: false });
    await writeInvitation(platform, trx, { id, ...person }, organisationName);
  };
  await insertOnce(platform, db, person.email, () => (db.isTransaction ? write(db) : db.transaction().execute(write)));
  return { id, email: person.email };
}

/** Parses with a form schema; its messages become a ValidationError (field → message key). */
function checked<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  throw new ValidationError(errors);
}

/**
 * Sends an invited person a new invitation (the first expired, or went astray). Only for
 * accounts that have not set a password yet; earlier links stop working.
 */
export async function resendInvitation(platform: Platform, actor: Actor, userId: string): Promise<{ email: string }> {
  requireAccess(actor, "users.manage", undefined);
  const db = platform.db.kysely;
  const user = await findUserById(db, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  if (fromDbBool(user.email_verified) || (await hasCredential(db, userId))) {
    throw new UserListConflict("already_active", "accounts.users.alreadyActive");
  }
  // A switched-off account gets no working link; it is reactivated first.
  if (user.deactivated_at) throw new UserListConflict("deactivated", "accounts.users.inviteDeactivated");
  await db.transaction().execute(async (trx) => {
    await deleteResetTokens(trx, userId);
    await writeInvitation(platform, trx, { ...user, role: toRole(user.role) });
  });
  return { email: user.email };
}

/** A password-setting link, valid INVITATION_DAYS, and the invitation mail that carries it. */
async function writeInvitation(
  platform: Platform,
  trx: Conn,
  user: { id: string; name: string; email: string; role: Role },
  organisationName?: string,
): Promise<void> {
  const token = newToken(24);
  const tokenId = newId();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000);
  await insertResetToken(trx, platform.db.dialect, { id: tokenId, token, userId: user.id, expiresAt });
  await enqueueMail(trx, {
    idempotencyKey: `accounts:invite:${user.id}:${tokenId}`,
    to: user.email,
    ...invitationOrResetMail("invite", {
      name: user.name,
      link: `${platform.config.baseUrl}/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`,
      role: user.role,
      district: platform.config.district.name,
      organisation: organisationName,
    }),
  });
}

/**
 * Two requests for the same new address at once: the unique index decides, the loser gets
 * 409. Whether the address was taken meanwhile is asked outside the failed transaction
 * (on PostgreSQL it accepts no more statements). Inside a caller's transaction on SQLite
 * there is no race to explain (a transaction holds the only connection and runs alone) and
 * asking outside would wait for that very transaction.
 */
async function insertOnce(platform: Platform, db: Conn, email: string, insert: () => Promise<void>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    const canAsk = !(db.isTransaction && platform.db.dialect === "sqlite");
    if (canAsk && (await findUserByEmail(platform.db.kysely, email))) throw new EmailTakenError();
    throw error;
  }
}

// --- the user list, role changes, deleting ------------------------------------------

const toRole = (role: string): Role => ((roles as readonly string[]).includes(role) ? (role as Role) : "member");

const toUserView = (r: UserRow, selfId: string | undefined): UserView => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: toRole(r.role),
  verified: fromDbBool(r.email_verified),
  createdAt: toIso(r.created_at),
  deactivatedAt: r.deactivated_at,
  deactivationReason: r.deactivation_reason,
  isSelf: r.id === selfId,
});

const actorId = (actor: Actor) => (isUser(actor) ? actor.id : undefined);

export async function listAccounts(platform: Platform, actor: Actor): Promise<UserView[]> {
  requireAccess(actor, "users.manage", undefined);
  const rows = await listUsers(platform.db.kysely);
  return rows.map((r) => toUserView(r, actorId(actor)));
}

/** One account, for the delete confirmation page. */
export async function getAccount(platform: Platform, actor: Actor, userId: string): Promise<UserView> {
  requireAccess(actor, "users.manage", undefined);
  const row = await findUserById(platform.db.kysely, userId);
  if (!row) throw new NotFoundError("accounts.users.notFound");
  return toUserView(row, actorId(actor));
}

export async function changeRole(
  platform: Platform,
  actor: Actor,
  userId: string,
  role: Role,
): Promise<{ name: string; role: Role }> {
  requireAccess(actor, "users.manage", undefined);
  // The office must never lock itself out: an admin cannot take away their own admin role.
  if (userId === actorId(actor) && role !== "admin") {
    throw new UserListConflict("own_admin_role", "accounts.users.ownAdmin");
  }
  const { kysely, dialect } = platform.db;
  const user = await findUserById(kysely, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  await kysely.transaction().execute((trx) => updateRole(trx, dialect, userId, role));
  return { name: user.name, role };
}

export async function deleteAccount(platform: Platform, actor: Actor, userId: string): Promise<{ name: string }> {
  requireAccess(actor, "users.manage", undefined);
  if (userId === actorId(actor)) throw new UserListConflict("own_account", "accounts.users.ownDelete");
  const db = platform.db.kysely;
  const user = await findUserById(db, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  await db.transaction().execute((trx) => deleteUserRow(trx, userId));
  return { name: user.name };
}

// --- deactivating -------------------------------------------------------------------

/**
 * Switches an account off without deleting it: the person keeps their data, their links
 * to organisations and Fachtage, and their tokens, but cannot sign in; their sessions end
 * now, their API tokens answer as unknown and open invitation links stop working.
 * Signing in checks it again (better-auth.ts), and so does every request (session.ts,
 * platform/auth/api-tokens.ts), so a sign-in racing this change gets nothing either.
 */
export async function deactivateAccount(
  platform: Platform,
  actor: Actor,
  userId: string,
  reason?: string | undefined,
): Promise<{ name: string }> {
  requireAccess(actor, "users.manage", undefined);
  // The office must never lock itself out.
  if (userId === actorId(actor)) throw new UserListConflict("own_account", "accounts.users.ownDeactivate");
  const { kysely, dialect } = platform.db;
  const user = await findUserById(kysely, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  if (user.deactivated_at) return { name: user.name };
  await kysely.transaction().execute(async (trx) => {
    await setDeactivation(trx, dialect, userId, { at: nowIso(), reason: reason ?? null });
    await deleteSessions(trx, userId);
    await deleteResetTokens(trx, userId);
  });
  return { name: user.name };
}

/** Switches an account on again: sign-in and the kept API tokens work as before. */
export async function reactivateAccount(platform: Platform, actor: Actor, userId: string): Promise<{ name: string }> {
  requireAccess(actor, "users.manage", undefined);
  const { kysely, dialect } = platform.db;
  const user = await findUserById(kysely, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  if (user.deactivated_at) await kysely.transaction().execute((trx) => setDeactivation(trx, dialect, userId, null));
  return { name: user.name };
}
