import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from "../../platform/auth/password.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { invitationOrResetMail, verificationMail } from "./mails.js";
import { isDeactivated, markEmailVerified } from "./users.repo.js";

/** The error code of a sign-in refused because the account is switched off (sign-in.service.ts). */
export const ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED";

/** A user as Better Auth's adapter returns it, with our column (declared in additionalFields). */
type Deactivatable = { deactivated_at?: string | null } | null;

/** Session cookies are named "bn.session_token" ("__Secure-bn.session_token" in production). */
const COOKIE_PREFIX = "bn";
const SESSION_DAYS = 7;
/** How long a password-reset link stays valid (1 hour); invitations get longer, see users.service.ts. */
const RESET_TOKEN_SECONDS = 3600;

/**
 * Better Auth on our own Kysely instance and our snake_case tables (migration
 * 2026-11-27-0001). Its HTTP handler is not mounted: our HTML form routes call
 * `auth.api.*` and forward the cookies it sets. Rate limiting is Fastify's.
 */
function createAuth(platform: Platform) {
  const { config } = platform;
  return betterAuth({
    appName: "Bildungsnetz",
    baseURL: config.baseUrl,
    secret: config.sessionSecret,
    database: { db: platform.db.kysely, type: platform.db.dialect, transaction: true },
    telemetry: { enabled: false },
    rateLimit: { enabled: false },
    trustedOrigins: [config.baseUrl],
    user: {
      modelName: "users",
      fields: { emailVerified: "email_verified", createdAt: "created_at", updatedAt: "updated_at" },
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "member", input: false },
        locale: { type: "string", required: false, input: false },
        // Read with every session (session.ts); written only by users.service.ts.
        deactivated_at: { type: "string", required: false, input: false },
      },
    },
    session: {
      modelName: "sessions",
      fields: {
        userId: "user_id",
        expiresAt: "expires_at",
        ipAddress: "ip_address",
        userAgent: "user_agent",
        createdAt: "created_at",
        updatedAt: "updated_at",
      },
      expiresIn: SESSION_DAYS * 24 * 3600,
      // The session is read on every page; it is not extended on read (no write per request).
      disableSessionRefresh: true,
    },
    account: {
      modelName: "accounts",
      fields: {
        accountId: "account_id",
        providerId: "provider_id",
        userId: "user_id",
        accessToken: "access_token",
        refreshToken: "refresh_token",
        idToken: "id_token",
        accessTokenExpiresAt: "access_token_expires_at",
        refreshTokenExpiresAt: "refresh_token_expires_at",
        createdAt: "created_at",
        updatedAt: "updated_at",
      },
    },
    verification: {
      modelName: "verifications",
      fields: { expiresAt: "expires_at", createdAt: "created_at", updatedAt: "updated_at" },
      // Reset tokens are stored as SHA-256 hashes: a database leak gives no working links.
      storeIdentifier: "hashed",
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true, // accounts are created by admins and the CLI, never by strangers
      requireEmailVerification: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      resetPasswordTokenExpiresIn: RESET_TOKEN_SECONDS,
      revokeSessionsOnPasswordReset: true,
      password: {
        hash: hashPassword,
        verify: ({ hash, password }) => verifyPassword(hash, password),
      },
      sendResetPassword: async ({ user, token }) => {
        // A switched-off account gets no link; the page answers the same either way.
        if (await isDeactivated(platform.db.kysely, user.id)) return;
        const link = `${config.baseUrl}/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`;
        await enqueueMail(platform.db.kysely, {
          idempotencyKey: `accounts:reset:${token}`,
          to: user.email,
          ...invitationOrResetMail("reset", { name: user.name, link, district: config.district.name }),
        });
      },
      // Setting a password through an e-mailed link proves the address.
      onPasswordReset: async ({ user }) => {
        await markEmailVerified(platform.db.kysely, platform.db.dialect, user.id);
      },
    },
    emailVerification: {
      sendOnSignIn: true,
      sendOnSignUp: false,
      autoSignInAfterVerification: false,
      expiresIn: 24 * 3600,
      sendVerificationEmail: async ({ user, token }) => {
        if (await isDeactivated(platform.db.kysely, user.id)) return;
        const link = `${config.baseUrl}/e-mail-bestaetigen?token=${encodeURIComponent(token)}`;
        await enqueueMail(platform.db.kysely, {
          idempotencyKey: `accounts:verify:${token.slice(-40)}`,
          to: user.email,
          ...verificationMail({ name: user.name, link, district: config.district.name }),
        });
      },
    },
    databaseHooks: {
      session: {
        create: {
          // Every way to a session (sign-in, password change) passes here, after the password
          // was checked: only who knows the password learns that the account is switched off.
          // The user is read through Better Auth's adapter: a session made inside its own
          // transaction (the password change) would wait forever for a second connection to
          // SQLite's only one.
          before: async (session, context) => {
            const deactivated = context
              ? Boolean(
                  ((await context.context.internalAdapter.findUserById(session.userId)) as Deactivatable)
                    ?.deactivated_at,
                )
              : await isDeactivated(platform.db.kysely, session.userId);
            if (deactivated) {
              throw APIError.from("FORBIDDEN", { code: ACCOUNT_DEACTIVATED, message: "Account deactivated" });
            }
          },
        },
      },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: config.isProduction,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: config.isProduction, path: "/" },
      ipAddress: { disableIpTracking: true },
      database: { generateId: () => randomUUID() },
    },
    logger: {
      level: "error",
      log: (level, message, ...args) => {
        if (level === "error") platform.logger.error({ args: args.length ? String(args[0]) : undefined }, message);
        else if (level === "warn") platform.logger.warn(message);
      },
    },
  });
}

type Auth = ReturnType<typeof createAuth>;

const instances = new WeakMap<Platform, Auth>();

/** One Better Auth instance per platform (server, test app or CLI run). */
export function authFor(platform: Platform): Auth {
  let instance = instances.get(platform);
  if (!instance) {
    instance = createAuth(platform);
    instances.set(platform, instance);
  }
  return instance;
}

/** The cookie that carries the session: present means "look it up", absent means anonymous. */
export function sessionCookieName(platform: Platform): string {
  return `${platform.config.isProduction ? "__Secure-" : ""}${COOKIE_PREFIX}.session_token`;
}
