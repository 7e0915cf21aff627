// Test helpers of the directory (imported by *.test.ts only).

import { createUserWithToken } from "../../../tests/helpers/users.js";
import type { UserActor } from "../../platform/auth/actor.js";
import type { Platform } from "../../platform/platform.js";
import { createOrganisation } from "./organisations.service.js";
import type { OrganisationInput } from "./schema.js";
import type { OrganisationView } from "./view-models.js";

export async function adminActor(platform: Platform): Promise<UserActor & { authorization: string }> {
  const u = await createUserWithToken(platform, "admin");
  return {
    kind: "user",
    id: u.id,
    email: u.email,
    name: "Test admin",
    role: "admin",
    via: "token",
    authorization: u.authorization,
  };
}

export const orgInput = (overrides: Partial<OrganisationInput> = {}): OrganisationInput => ({
  name: "Testorganisation",
  kind: "sonstige",
  areas: ["non_formal"],
  municipality: "Celle",
  targetGroups: [],
  themes: [],
  languages: [],
  ...overrides,
});

export async function makeOrg(
  platform: Platform,
  admin: UserActor,
  overrides: Partial<OrganisationInput> = {},
): Promise<OrganisationView> {
  return createOrganisation(platform, admin, orgInput(overrides));
}

/** A multipart/form-data body with text fields (e.g. the CSRF token) and one file (for app.inject). */
export function multipartBody(
  fieldName: string,
  fileName: string,
  content: Buffer,
  contentType = "text/csv",
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----bn${Math.random().toString(16).slice(2)}`;
  const text = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("");
  const head = Buffer.from(
    `${text}--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
