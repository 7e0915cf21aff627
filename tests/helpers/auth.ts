import { createUserWithPassword } from "../../src/modules/accounts/index.js";
import type { Role } from "../../src/platform/auth/actor.js";
import { newId } from "../../src/platform/db/ids.js";
import type { Platform } from "../../src/platform/platform.js";
import type { Browser } from "./test-app.js";

export const TEST_PASSWORD = "Test-Passwort-2026!";

/**
 * Test factory: a verified account with a password, created through the accounts
 * service (argon2id hash, Better Auth's credential account). Sign it in with signIn().
 */
export async function createUser(
  platform: Platform,
  options: { role: Role; email?: string; password?: string; name?: string },
): Promise<{ id: string; email: string; password: string }> {
  const email = options.email ?? `${options.role}-${newId().slice(0, 8)}@test.example`;
  const password = options.password ?? TEST_PASSWORD;
  const { id } = await createUserWithPassword(platform, {
    email,
    password,
    role: options.role,
    name: options.name ?? `Test ${options.role}`,
  });
  return { id, email, password };
}

/**
 * Signs a Browser in through the real /anmelden form (CSRF token, rate limit and
 * all); afterwards its requests carry the session cookie. Throws when it fails.
 */
export async function signIn(browser: Browser, email: string, password: string): Promise<void> {
  const res = await browser.submit("/anmelden", "/anmelden", { email, password });
  if (res.statusCode !== 303) {
    throw new Error(`sign-in of ${email} failed with status ${res.statusCode}`);
  }
}

/** Shortcut: a new user of the role, signed in on the given Browser. */
export async function signInAs(
  platform: Platform,
  browser: Browser,
  role: Role,
): Promise<{ id: string; email: string; password: string }> {
  const user = await createUser(platform, { role });
  await signIn(browser, user.email, user.password);
  return user;
}
