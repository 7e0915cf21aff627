import { insertUser } from "../../src/modules/accounts/users.repo.js";
import type { Role } from "../../src/platform/auth/actor.js";
import { createApiToken } from "../../src/platform/auth/api-tokens.js";
import { newId } from "../../src/platform/db/ids.js";
import type { Platform } from "../../src/platform/platform.js";

/**
 * Test factory: a verified user of the given role (no password, so no slow hashing;
 * for sign-in journeys use the helpers in auth.ts) and an API token for it.
 */
export async function createUserWithToken(
  platform: Platform,
  role: Role,
  email = `${role}-${newId().slice(0, 8)}@test.example`,
): Promise<{ id: string; email: string; token: string; authorization: string }> {
  const id = newId();
  await insertUser(platform.db.kysely, platform.db.dialect, { id, name: `Test ${role}`, email, role, verified: true });
  const { token } = await createApiToken(platform.db.kysely, id, "Test");
  return { id, email, token, authorization: `Bearer ${token}` };
}
