import { insertFachtag } from "../../../tests/helpers/fachtag.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Platform } from "../../platform/platform.js";
import { createOrganisation, inputFromApi, linkMemberByEmail } from "../directory/index.js";

// Test data for the outcomes tests: a Fachtag written straight into the events table (the
// shared tests/helpers/fachtag.ts), and organisations through the directory (created by an
// admin: published at once).

export interface FixtureEvent {
  id: string;
  slug: string;
  title: string;
}

/** A past Fachtag, documented, by default (the one whose results and agreements are recorded). */
export async function createFachtag(
  platform: Platform,
  options: { createdBy?: string | null; startsInDays?: number; status?: "draft" | "published" | "documented" } = {},
): Promise<FixtureEvent> {
  const { id, slug, title } = await insertFachtag(platform, {
    title: "Schätze statt Schwächen",
    themes: ["Frühkindliche Bildung"],
    startsInDays: options.startsInDays ?? -30,
    status: options.status ?? "documented",
    capacity: 150,
    createdBy: options.createdBy,
  });
  return { id, slug, title };
}

/** A published organisation; with `memberEmail`, that person's account represents it. */
export async function createOrg(
  platform: Platform,
  admin: Actor,
  name: string,
  kind = "kita",
  memberEmail?: string,
): Promise<{ id: string; slug: string; name: string }> {
  const view = await createOrganisation(
    platform,
    admin,
    inputFromApi({ name, kind, areas: ["fruehkindlich"], municipality: "Celle" } as Parameters<typeof inputFromApi>[0]),
  );
  if (memberEmail) await linkMemberByEmail(platform, admin, view.id, memberEmail);
  return { id: view.id, slug: view.slug, name };
}
