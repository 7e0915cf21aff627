// Test helpers of the Austausch (imported by *.test.ts only).

import { readFileSync } from "node:fs";
import { userActor } from "../../../tests/helpers/access.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { type Actor, anonymous, type UserActor } from "../../platform/auth/actor.js";
import type { Platform } from "../../platform/platform.js";
import { createOrganisation, linkMemberByEmail } from "../directory/index.js";
import type { PostInput } from "./schema.js";

export interface World {
  admin: UserActor & { authorization: string };
  /** A member of `school`, with an API token. */
  member: UserActor & { authorization: string };
  /** A member of `club`. */
  otherMember: UserActor & { authorization: string };
  /** A member of no organisation. */
  loneMember: Actor;
  editor: Actor;
  helper: Actor;
  school: { id: string; name: string };
  club: { id: string; name: string };
}

async function tokenActor(
  platform: Platform,
  role: "admin" | "member",
): Promise<UserActor & { authorization: string }> {
  const u = await createUserWithToken(platform, role);
  return {
    kind: "user",
    id: u.id,
    email: u.email,
    name: `Test ${role}`,
    role,
    via: "token",
    authorization: u.authorization,
  };
}

export async function makeWorld(platform: Platform): Promise<World> {
  const admin = await tokenActor(platform, "admin");
  const org = (name: string, kind: string) =>
    createOrganisation(platform, admin, {
      name,
      kind,
      areas: ["schule"],
      municipality: "Celle",
      targetGroups: [],
      themes: [],
      languages: [],
    });
  const school = await org("Grundschule Testweg", "grundschule");
  const club = await org("Turnverein Test", "verein");
  const member = await tokenActor(platform, "member");
  const otherMember = await tokenActor(platform, "member");
  await linkMemberByEmail(platform, admin, school.id, member.email);
  await linkMemberByEmail(platform, admin, club.id, otherMember.email);
  return {
    admin,
    member,
    otherMember,
    loneMember: await userActor(platform, "member"),
    editor: await userActor(platform, "editor"),
    helper: await userActor(platform, "checkin"),
    school: { id: school.id, name: school.name },
    club: { id: club.id, name: club.name },
  };
}

/** Everybody of a role table: nobody, the school's member, the club's member, a member of none, an editor, an admin, a check-in helper. */
export const actorsOf = (w: World) => ({
  anonymous,
  member: w.member as Actor,
  otherMember: w.otherMember as Actor,
  loneMember: w.loneMember,
  editor: w.editor,
  admin: w.admin as Actor,
  helper: w.helper,
});

export const postInput = (overrides: Partial<PostInput> = {}): PostInput => ({
  kind: "idea",
  title: "Lesepaten gesucht",
  body: "Wir möchten **Lesepatenschaften** aufbauen.",
  areas: ["schule"],
  themes: ["Lesen"],
  targetGroups: ["Kinder"],
  status: "published",
  ...overrides,
});

/** The known XSS payloads of xss-payloads.txt, one a line. */
export const payloads = readFileSync(new URL("./xss-payloads.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("# "));

const allowedTags = new Set([
  "p",
  "br",
  "strong",
  "em",
  "del",
  "s",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "code",
  "pre",
  "hr",
  "h3",
  "h4",
]);

/** Every problem of a piece of HTML that a browser could run or load. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  for (const [, tag = "", attrs = ""] of html.matchAll(/<\/?([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    if (!allowedTags.has(tag.toLowerCase())) problems.push(`element <${tag}>`);
    for (const [, name = "", value = ""] of attrs.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      if (tag === "a" && name === "href") {
        if (!/^(https?:\/\/|mailto:)/i.test(value)) problems.push(`href ${value}`);
      } else if (!(tag === "a" && name === "rel" && value === "nofollow noopener ugc")) {
        problems.push(`attribute ${name} on <${tag}>`);
      }
    }
    if (tag === "a" && !attrs.startsWith("/") && attrs.trim() !== "" && !/rel="nofollow noopener ugc"/.test(attrs)) {
      problems.push("link without rel");
    }
  }
  if (/<script/i.test(html)) problems.push("<script");
  if (/<[^>]*\son\w+\s*=/i.test(html)) problems.push("event handler");
  if (/<[^>]*(javascript|vbscript|data):/i.test(html)) problems.push("dangerous scheme inside a tag");
  return problems;
}

/** A multipart/form-data body with text fields (the CSRF token …) and one file, for app.inject. */
export function multipart(
  file: { name: string; content: Buffer; type: string },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----bn${Math.random().toString(16).slice(2)}`;
  const text = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("");
  const head = Buffer.from(
    `${text}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
