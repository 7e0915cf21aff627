import { newId } from "../../src/platform/db/ids.js";
import { nowIso } from "../../src/platform/db/time.js";
import type { Platform } from "../../src/platform/platform.js";

// A Fachtag written straight into the events table, for the tests of modules that hang
// things on a Fachtag (documents, outcomes) without going through the events forms.

export interface InsertedFachtag {
  id: string;
  slug: string;
  title: string;
  /** The instant `hours` after 08:00 UTC of the Fachtag's day (its programme's times). */
  at(hours: number): string;
}

export async function insertFachtag(
  platform: Platform,
  options: {
    /** Followed by the first characters of the id, so each Fachtag of a test has its own title. */
    title: string;
    themes?: string[];
    /** Days from now; negative for a past Fachtag. */
    startsInDays: number;
    status: "draft" | "published" | "documented";
    capacity: number;
    createdBy?: string | null | undefined;
  },
): Promise<InsertedFachtag> {
  const id = newId();
  const slug = `fachtag-${id.slice(0, 8)}`;
  const title = `${options.title} ${id.slice(0, 4)}`;
  const day = new Date(Date.now() + options.startsInDays * 24 * 3600_000);
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
      themes: JSON.stringify(options.themes ?? []),
      target_groups: "[]",
      organisers: "[]",
      starts_at: at(0),
      ends_at: at(6),
      venue_name: "Kreishaus Celle",
      venue_room: null,
      venue_address: null,
      venue_accessibility: null,
      venue_directions: null,
      capacity: options.capacity,
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
      status: options.status,
      workshop_choice: "first_come",
      created_by: options.createdBy ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, slug, title, at };
}
