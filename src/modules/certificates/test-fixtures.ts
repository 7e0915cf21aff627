import { anonymous } from "../../platform/auth/actor.js";
import type { Platform } from "../../platform/platform.js";
import { markCheckedIn, register } from "../registrations/index.js";
import { createFachtag } from "../registrations/test-fixtures.js";
import { manageTokenFor } from "../registrations/tokens.js";

// Test data for the certificates: a Fachtag with people registered (confirmed), some of
// them checked in at the entrance, and — unless asked otherwise — moved into the past.

export interface Attendee {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  token: string;
  present: boolean;
}

let n = 0;

export async function attendedFachtag(
  platform: Platform,
  options: {
    createdBy?: string | null;
    people?: { firstName?: string; lastName?: string; present: boolean; workshop?: boolean }[];
    /** Days from now of the Fachtag's start after the registrations (negative: past). */
    startsInDays?: number;
    title?: string;
  } = {},
) {
  const ev = await createFachtag(platform, {
    confirmByEmail: false,
    createdBy: options.createdBy ?? null,
    capacity: 500,
    ...(options.title ? { title: options.title } : {}),
    workshops: [{ title: "Sprachförderung im Alltag", capacity: null }],
  });
  const people: Attendee[] = [];
  for (const p of options.people ?? [{ present: true }]) {
    n++;
    const person = {
      firstName: p.firstName ?? "Erika",
      lastName: p.lastName ?? `Muster ${n}`,
      email: `bescheinigung-${n}-${ev.id.slice(0, 6)}@example.org`,
    };
    const r = await register(
      platform,
      anonymous,
      ev.id,
      {
        ...person,
        workshopIds: p.workshop ? [ev.workshops[0] as string] : [],
        consents: { privacy: true, photos: false, participantList: false },
        answers: {},
      },
      "api",
    );
    if (p.present) await markCheckedIn(platform.db.kysely, r.id, new Date().toISOString(), "test");
    people.push({
      id: r.id,
      ...person,
      token: manageTokenFor(platform.config.sessionSecret, r.id),
      present: p.present,
    });
  }
  await moveFachtag(platform, ev.id, options.startsInDays ?? -3);
  return { ...ev, people };
}

/** Moves a Fachtag (and its programme) so that it starts `days` from now, 08:00 UTC, for 7 hours. */
async function moveFachtag(platform: Platform, eventId: string, days: number) {
  const day = new Date(Date.now() + days * 86_400_000);
  day.setUTCHours(8, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3_600_000).toISOString();
  const db = platform.db.kysely;
  await db
    .updateTable("events")
    .set({ starts_at: at(0), ends_at: at(7) })
    .where("id", "=", eventId)
    .execute();
  await db
    .updateTable("event_sessions")
    .set({ starts_at: at(2), ends_at: at(3.5) })
    .where("event_id", "=", eventId)
    .execute();
}
