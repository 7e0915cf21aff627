import type { Role } from "../../src/platform/auth/actor.js";
import { createApiToken } from "../../src/platform/auth/api-tokens.js";
import { newId } from "../../src/platform/db/ids.js";
import type { Platform } from "../../src/platform/platform.js";

/**
 * Test factory: a verified user of the given role (no password; for sign-in
 * journeys use the accounts helpers) and an API token for it.
 */
export async function createUserWithToken(
  platform: Platform,
  role: Role,
  email = `${role}-${newId().slice(0, 8)}@test.example`,
): Promise<{ id: string; email: string; token: string; authorization: string }> {
  const id = newId();
  const now = new Date();
  const time = platform.db.dialect === "postgres" ? now : now.toISOString();
  await platform.db.kysely
    .insertInto("users")
    .values({
      id,
      name: `Test ${role}`,
      email,
      email_verified: platform.db.dialect === "postgres" ? true : 1,
      image: null,
      role,
      locale: null,
      created_at: time,
      updated_at: time,
    })
    .execute();
  const { token } = await createApiToken(platform.db.kysely, id, "Test");
  return { id, email, token, authorization: `Bearer ${token}` };
}
