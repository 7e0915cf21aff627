import { isAPIError } from "better-auth/api";
import type { Actor } from "../../platform/auth/actor.js";
import { passwordWeakness } from "../../platform/auth/password.js";
import { ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { accountsAccess } from "./access.js";
import { ACCOUNT_DEACTIVATED, authFor } from "./better-auth.js";

// Signing in and out, the forgotten-password link and the e-mail confirmation link.
// Open to everybody: these are the ways somebody proves who they are. Better Auth does
// the work; its API errors become plain answers here, never a hint whether an account exists.

/** The sign-in page sends somebody already signed in on to their account. */
export const isSignedIn = (actor: Actor): boolean => accountsAccess.can(actor, "account.own", undefined);

type SignInResult = { ok: true; cookies: string[] } | { ok: false; reason: "failed" | "unverified" | "deactivated" };

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
    // Only reached with the right password: a stranger trying addresses still learns nothing.
    if (isAPIError(error) && error.body?.code === ACCOUNT_DEACTIVATED) return { ok: false, reason: "deactivated" };
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
