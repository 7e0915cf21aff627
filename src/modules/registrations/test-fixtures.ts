import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import type { EventStatus } from "../events/tables.js";

// Test data for the registrations tests: a Fachtag with workshops, written straight
// into the events tables so the tests do not depend on the events module's forms.

export interface FixtureEvent {
  id: string;
  slug: string;
  workshops: string[];
}

export async function createFachtag(
  platform: Platform,
  options: {
    capacity?: number;
    workshops?: { title: string; capacity: number | null; slot?: number }[];
    status?: EventStatus;
    confirmByEmail?: boolean;
    createdBy?: string | null;
    startsInDays?: number;
    title?: string;
    registrationClosesAt?: string | null;
  } = {},
): Promise<FixtureEvent> {
  const id = newId();
  const slug = `fachtag-${id.slice(0, 8)}`;
  const day = new Date(Date.now() + (options.startsInDays ?? 30) * 24 * 3600_000);
  day.setUTCHours(8, 0, 0, 0);
  const at = (hours: number) => new Date(day.getTime() + hours * 3600_000).toISOString();
  const now = nowIso();
  await platform.db.kysely
    .insertInto("events")
    .values({
      id,
      slug,
      title: options.title ?? "Kindliche Entwicklung stärken – Schätze statt Schwächen",
      subtitle: null,
      description: null,
      themes: "[]",
      target_groups: "[]",
      organisers: "[]",
      starts_at: at(0),
      ends_at: at(8),
      venue_name: "Neuer Kreistagssaal",
      venue_room: null,
      venue_address: "Trift 26, 29221 Celle",
      venue_accessibility: null,
      venue_directions: null,
      capacity: options.capacity ?? 150,
      registration_opens_at: null,
      registration_closes_at: options.registrationClosesAt ?? null,
      confirm_by_email: options.confirmByEmail === false ? 0 : 1,
      hold_hours: 24,
      reminder_days: 3,
      fee: null,
      credit_hours: 6,
      contact_name: null,
      contact_email: null,
      contact_phone: null,
      status: options.status ?? "published",
      workshop_choice: "first_come",
      created_by: options.createdBy ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const workshops: string[] = [];
  let position = 0;
  for (const w of options.workshops ?? []) {
    const sid = newId();
    const slot = w.slot ?? 0;
    await platform.db.kysely
      .insertInto("event_sessions")
      .values({
        id: sid,
        event_id: id,
        kind: "workshop",
        title: w.title,
        abstract: null,
        speakers: "[]",
        room: null,
        starts_at: at(2 + slot * 2),
        ends_at: at(3.5 + slot * 2),
        capacity: w.capacity,
        position: position++,
        created_at: now,
        updated_at: now,
      })
      .execute();
    workshops.push(sid);
  }
  return { id, slug, workshops };
}

export const validApiBody = (n: number | string, extra: Record<string, unknown> = {}) => ({
  firstName: "Erika",
  lastName: `Müller ${n}`,
  email: `person-${n}@example.org`,
  organisation: "Kita Sonnenschein",
  consents: { privacy: true },
  ...extra,
});
