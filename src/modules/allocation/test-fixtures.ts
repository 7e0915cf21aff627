import { anonymous } from "../../platform/auth/actor.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { listWorkshops, timeSlots } from "../events/index.js";
import { insertPreferences } from "../registrations/preferences.repo.js";
import { register } from "../registrations/register.service.js";
import { createFachtag, type FixtureEvent } from "../registrations/test-fixtures.js";

// Test data for the allocation tests: a Fachtag in preference mode and confirmed
// registrations with ranked wishes (written with the registrations module's repository).

export async function preferenceFachtag(
  platform: Platform,
  options: Parameters<typeof createFachtag>[1] = {},
): Promise<FixtureEvent & { slotKeys: string[] }> {
  const ev = await createFachtag(platform, { confirmByEmail: false, ...options });
  await platform.db.kysely
    .updateTable("events")
    .set({ workshop_choice: "preferences" })
    .where("id", "=", ev.id)
    .execute();
  const slots = timeSlots(await listWorkshops(platform.db.kysely, ev.id));
  return { ...ev, slotKeys: slots.map((s) => s.startsAt) };
}

let n = 0;

/** A confirmed registration with one ranked list of workshop ids per slot (in slot order). */
export async function registerWithWishes(
  platform: Platform,
  ev: FixtureEvent & { slotKeys: string[] },
  wishes: string[][],
  name: { firstName?: string; lastName?: string } = {},
): Promise<{ id: string; email: string }> {
  n++;
  const email = `wish-${n}-${Date.now()}@example.org`;
  const result = await register(
    platform,
    anonymous,
    ev.id,
    {
      firstName: name.firstName ?? "Jörg",
      lastName: name.lastName ?? `Wünsche ${n}`,
      email,
      workshopIds: [],
      consents: { privacy: true, photos: false, participantList: false },
      answers: {},
    },
    "api",
  );
  const rows = wishes.flatMap((list, s) =>
    list.map((sessionId, r) => ({ slot: ev.slotKeys[s] ?? "", rank: r + 1, sessionId })),
  );
  await insertPreferences(platform.db.kysely, result.id, rows, nowIso());
  return { id: result.id, email };
}
