import type { Transaction } from "kysely";
import { z } from "zod";
import { type Actor, isUser, type Role, roles } from "../../platform/auth/actor.js";
import { hashPassword, passwordWeakness } from "../../platform/auth/password.js";
import { newId, newToken } from "../../platform/db/ids.js";
import type { Database } from "../../platform/db/schema.js";
import { fromDbBool, toIso } from "../../platform/db/time.js";
import { DomainError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { accountsAccess } from "./access.js";
import { invitationOrResetMail } from "./mails.js";
import type { InviteInput } from "./schema.js";
import {
  deleteResetTokens,
  deleteUserRow,
  findUserByEmail,
  findUserById,
  hasCredential,
  insertCredentialAccount,
  insertResetToken,
  insertUser,
  listUsers,
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
  await insertOnce(platform, email, async () => {
    await kysely.transaction().execute(async (trx) => {
      await insertUser(trx, dialect, { id, name, email, role, verified: input.verified ?? true });
      await insertCredentialAccount(trx, dialect, { id: newId(), userId: id, passwordHash });
    });
  });
  return { id, email };
}

/**
 * An admin creates an account with a role; the person gets an e-mail with a link
 * to set their own password. User, link and mail are stored in one transaction.
 */
export async function inviteUser(platform: Platform, actor: Actor, input: InviteInput): Promise<{ id: string }> {
  requireAccess(actor, "users.manage", undefined);
  const { kysely, dialect } = platform.db;
  if (await findUserByEmail(kysely, input.email)) throw new EmailTakenError();
  const id = newId();
  await insertOnce(platform, input.email, async () => {
    await kysely.transaction().execute(async (trx) => {
      await insertUser(trx, dialect, { id, name: input.name, email: input.email, role: input.role, verified: false });
      await writeInvitation(platform, trx, { id, ...input });
    });
  });
  return { id };
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
  await db.transaction().execute(async (trx) => {
    await deleteResetTokens(trx, userId);
    await writeInvitation(platform, trx, { ...user, role: toRole(user.role) });
  });
  return { email: user.email };
}

/** A password-setting link, valid INVITATION_DAYS, and the invitation mail that carries it. */
async function writeInvitation(
  platform: Platform,
  trx: Transaction<Database>,
  user: { id: string; name: string; email: string; role: Role },
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
    }),
  });
}

/** Two requests for the same new address at once: the unique index decides, the loser gets 409. */
async function insertOnce(platform: Platform, email: string, insert: () => Promise<void>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (await findUserByEmail(platform.db.kysely, email)) throw new EmailTakenError();
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
