import { isAPIError } from "better-auth/api";
import type { Transaction } from "kysely";
import { z } from "zod";
import { type Actor, type Role, requireRole, requireUser, roles } from "../../platform/auth/actor.js";
import { createApiToken } from "../../platform/auth/api-tokens.js";
import { hashPassword, passwordWeakness } from "../../platform/auth/password.js";
import { newId, newToken } from "../../platform/db/ids.js";
import type { Database } from "../../platform/db/schema.js";
import { fromDbBool, toIso } from "../../platform/db/time.js";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import type { NavItem } from "../../platform/views/page-context.js";
import { authFor } from "./better-auth.js";
import { invitationOrResetMail } from "./mails.js";
import {
  deleteResetTokens,
  deleteUserRow,
  findUserByEmail,
  findUserById,
  hasCredential,
  insertCredentialAccount,
  insertResetToken,
  insertUser,
  listTokens,
  listUsers,
  revokeToken,
  type UserRow,
  updateRole,
} from "./repo.js";
import type { InviteInput } from "./schema.js";

/** Invitation links stay valid for a week; reset links for an hour (Better Auth setting). */
export const INVITATION_DAYS = 7;

export class EmailTakenError extends ConflictError {
  constructor() {
    super("email_taken", "accounts.users.emailTaken");
  }
}

// --- creating accounts ----------------------------------------------------------

const systemUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("validation.email")),
  name: z.string().trim().min(1, "validation.required").max(200),
  role: z.enum(roles, { error: "validation.choice" }),
  password: z.string(),
});

export interface SystemUserInput {
  email: string;
  name?: string;
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
  const db = platform.db;
  if (await findUserByEmail(db.kysely, email)) throw new EmailTakenError();
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await insertOnce(platform, email, async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await insertUser(db, trx, { id, name, email, role, verified: input.verified ?? true });
      await insertCredentialAccount(db, trx, { id: newId(), userId: id, passwordHash });
    });
  });
  return { id, email };
}

/**
 * An admin creates an account with a role; the person gets an e-mail with a link
 * to set their own password. User, link and mail are stored in one transaction.
 */
export async function inviteUser(platform: Platform, actor: Actor, input: InviteInput): Promise<{ id: string }> {
  requireRole(actor, "admin");
  const db = platform.db;
  if (await findUserByEmail(db.kysely, input.email)) throw new EmailTakenError();
  const id = newId();
  await insertOnce(platform, input.email, async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await insertUser(db, trx, { id, name: input.name, email: input.email, role: input.role, verified: false });
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
  requireRole(actor, "admin");
  const db = platform.db;
  const user = await findUserById(db.kysely, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  if (fromDbBool(user.email_verified) || (await hasCredential(db.kysely, userId))) {
    throw new ConflictError("already_active", "accounts.users.alreadyActive");
  }
  await db.kysely.transaction().execute(async (trx) => {
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
  await insertResetToken(platform.db, trx, { id: tokenId, token, userId: user.id, expiresAt });
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

// --- signing in and out -----------------------------------------------------------

export type SignInResult = { ok: true; cookies: string[] } | { ok: false; reason: "failed" | "unverified" };

/** Signs in with e-mail and password; on success, the Set-Cookie lines to forward. */
export async function signIn(platform: Platform, email: string, password: string): Promise<SignInResult> {
  try {
    const { headers } = await authFor(platform).api.signInEmail({
      body: { email, password, rememberMe: true },
      headers: new Headers(),
      returnHeaders: true,
    });
    return { ok: true, cookies: headers.getSetCookie() };
  } catch (error) {
    if (isAPIError(error) && error.body?.code === "EMAIL_NOT_VERIFIED") return { ok: false, reason: "unverified" };
    // Wrong password, unknown address, no password set yet: one answer for all.
    if (isAPIError(error)) return { ok: false, reason: "failed" };
    throw error;
  }
}

/** Ends the session of this cookie; returns the Set-Cookie lines that clear it. */
export async function signOut(platform: Platform, cookieHeader: string): Promise<string[]> {
  try {
    const { headers } = await authFor(platform).api.signOut({
      headers: new Headers({ cookie: cookieHeader }),
      returnHeaders: true,
    });
    return headers.getSetCookie();
  } catch (error) {
    if (isAPIError(error)) return [];
    throw error;
  }
}

/** Always succeeds (never reveals whether an account exists); a mail goes out when one does. */
export async function requestPasswordReset(platform: Platform, email: string): Promise<void> {
  try {
    await authFor(platform).api.requestPasswordReset({ body: { email }, headers: new Headers() });
  } catch (error) {
    if (!isAPIError(error)) throw error;
    platform.logger.warn({ code: error.body?.code }, "password reset request failed");
  }
}

/** Sets a new password from an e-mailed link (reset or invitation). False: link invalid or expired. */
export async function resetPassword(platform: Platform, token: string, password: string): Promise<boolean> {
  const weakness = passwordWeakness(password);
  if (weakness) throw new ValidationError({ password: `accounts.password.${weakness}` });
  try {
    await authFor(platform).api.resetPassword({ body: { newPassword: password, token }, headers: new Headers() });
    return true;
  } catch (error) {
    if (isAPIError(error)) return false;
    throw error;
  }
}

/** Confirms an e-mail address from the link in the verification mail. */
export async function verifyEmail(platform: Platform, token: string): Promise<boolean> {
  try {
    await authFor(platform).api.verifyEmail({ query: { token }, headers: new Headers() });
    return true;
  } catch (error) {
    if (isAPIError(error)) return false;
    throw error;
  }
}

/** Changes the signed-in user's password and ends their other sessions; returns the new cookie. */
export async function changePassword(
  platform: Platform,
  actor: Actor,
  cookieHeader: string,
  input: { current: string; password: string },
): Promise<string[]> {
  const user = requireUser(actor);
  if (user.via !== "session") throw new DomainError(403, "session_required", "error.forbidden.text");
  const weakness = passwordWeakness(input.password);
  if (weakness) throw new ValidationError({ password: `accounts.password.${weakness}` });
  try {
    const { headers } = await authFor(platform).api.changePassword({
      body: { currentPassword: input.current, newPassword: input.password, revokeOtherSessions: true },
      headers: new Headers({ cookie: cookieHeader }),
      returnHeaders: true,
    });
    return headers.getSetCookie();
  } catch (error) {
    if (isAPIError(error) && error.body?.code === "INVALID_PASSWORD") {
      throw new ValidationError({ current: "accounts.password.wrongCurrent" });
    }
    throw error;
  }
}

// --- my account and API tokens -------------------------------------------------------

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  active: boolean;
}

export async function listMyTokens(platform: Platform, actor: Actor): Promise<TokenView[]> {
  const user = requireUser(actor);
  const rows = await listTokens(platform.db.kysely, user.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    active: r.revoked_at === null,
  }));
}

/** Creates an API token with the actor's role; the token itself is returned once and never stored. */
export async function createMyToken(platform: Platform, actor: Actor, name: string): Promise<{ token: string }> {
  const user = requireUser(actor);
  const { token } = await createApiToken(platform.db.kysely, user.id, name);
  return { token };
}

export async function revokeMyToken(platform: Platform, actor: Actor, tokenId: string): Promise<void> {
  const user = requireUser(actor);
  if (!(await revokeToken(platform.db.kysely, user.id, tokenId))) throw new NotFoundError();
}

/** The account behind a token or session (GET /api/v1/me). */
export function whoAmI(actor: Actor): { id: string; email: string; name: string; role: Role } {
  const user = requireUser(actor);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

// --- user management (admin) -------------------------------------------------------------

export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  verified: boolean;
  createdAt: string;
  isSelf: boolean;
}

const toRole = (role: string): Role => ((roles as readonly string[]).includes(role) ? (role as Role) : "member");

export async function listAccounts(platform: Platform, actor: Actor): Promise<UserView[]> {
  const admin = requireRole(actor, "admin");
  const rows = await listUsers(platform.db.kysely);
  return rows.map((r) => toUserView(r, admin.id));
}

const toUserView = (r: UserRow, selfId: string): UserView => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: toRole(r.role),
  verified: fromDbBool(r.email_verified),
  createdAt: toIso(r.created_at),
  isSelf: r.id === selfId,
});

/** One account, for the delete confirmation page. */
export async function getAccount(platform: Platform, actor: Actor, userId: string): Promise<UserView> {
  const admin = requireRole(actor, "admin");
  const row = await findUserById(platform.db.kysely, userId);
  if (!row) throw new NotFoundError("accounts.users.notFound");
  return toUserView(row, admin.id);
}

export async function changeRole(
  platform: Platform,
  actor: Actor,
  userId: string,
  role: Role,
): Promise<{ name: string; role: Role }> {
  const admin = requireRole(actor, "admin");
  if (userId === admin.id && role !== "admin") throw new ConflictError("own_admin_role", "accounts.users.ownAdmin");
  const db = platform.db;
  const user = await findUserById(db.kysely, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  await db.kysely.transaction().execute((trx) => updateRole(db, trx, userId, role));
  return { name: user.name, role };
}

export async function deleteAccount(platform: Platform, actor: Actor, userId: string): Promise<{ name: string }> {
  const admin = requireRole(actor, "admin");
  if (userId === admin.id) throw new ConflictError("own_account", "accounts.users.ownDelete");
  const user = await findUserById(platform.db.kysely, userId);
  if (!user) throw new NotFoundError("accounts.users.notFound");
  await platform.db.kysely.transaction().execute((trx) => deleteUserRow(trx, userId));
  return { name: user.name };
}

// --- back office --------------------------------------------------------------------------

/** The dashboard's links: every module's admin links the actor's role may see. */
export function dashboardLinks(actor: Actor, links: NavItem[]): NavItem[] {
  const user = requireRole(actor, "admin", "editor", "member");
  return links
    .filter((link) => !link.roles || link.roles.includes(user.role))
    .sort((a, b) => a.order - b.order || a.href.localeCompare(b.href));
}

// --- demo data --------------------------------------------------------------------------------

export const DEMO_PASSWORD = "Demo-Passwort-2026";
export const demoAccounts = [
  { email: "admin@bildungsnetz.example", name: "Ada Admin (Demo)", role: "admin" },
  { email: "redaktion@bildungsnetz.example", name: "Erik Redaktion (Demo)", role: "editor" },
  { email: "mitglied@bildungsnetz.example", name: "Mia Mitglied (Demo)", role: "member" },
] as const;

/** The three demo accounts; returns the lines to announce. Existing accounts are left alone. */
export async function seedDemoAccounts(platform: Platform, password: string): Promise<string[]> {
  const lines: string[] = [];
  for (const account of demoAccounts) {
    if (!(await findUserByEmail(platform.db.kysely, account.email))) {
      await createUserWithPassword(platform, { ...account, password, verified: true });
    }
    lines.push(`${account.name.padEnd(24)} ${account.email.padEnd(34)} Passwort: ${password}`);
  }
  return lines;
}
