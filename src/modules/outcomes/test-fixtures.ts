import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { createOrganisation, inputFromApi, linkMemberByEmail } from "../directory/index.js";

// Test data for the outcomes tests: a Fachtag written straight into the events table, and
// organisations through the directory (created by an admin: published at once).

export interface FixtureEvent {
  id: string;
  slug: string;
  title: string;
}

export async function createFachtag(
  platform: Platform,
  options: { createdBy?: string | null; startsInDays?: number; status?: "draft" | "published" | "documented" } = {},
): Promise<FixtureEvent> {
  const id = newId();
  const slug = `fachtag-${id.slice(0, 8)}`;
  const title = `Schätze statt Schwächen ${id.slice(0, 4)}`;
  const day = new Date(Date.now() + (options.startsInDays ?? -30) * 24 * 3600_000);
  day.setUTCHours(8, 0, 0, 0);
  const at = (hours: number) => new Date(day.getTime() + hours * 3600_000).toISOString();
  const now = nowIso();
  await platform.db.kysely
    .insertInto("events")
    .values({
      id,
      slug,
      title,
      subtitle: null,
      description: null,
      themes: JSON.stringify(["Frühkindliche Bildung"]),
      target_groups: "[]",
      organisers: "[]",
      starts_at: at(0),
      ends_at: at(6),
      venue_name: "Kreishaus Celle",
      venue_room: null,
      venue_address: null,
      venue_accessibility: null,
      venue_directions: null,
      capacity: 150,
      registration_opens_at: null,
      registration_closes_at: null,
      confirm_by_email: 0,
      hold_hours: 24,
      reminder_days: 3,
      fee: null,
      credit_hours: null,
      contact_name: null,
      contact_email: null,
      contact_phone: null,
      status: options.status ?? "documented",
      workshop_choice: "first_come",
      created_by: options.createdBy ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
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
