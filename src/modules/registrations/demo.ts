import { newId } from "../../platform/db/ids.js";
import type { SeedContext } from "../../platform/module.js";
import { listPublicEvents, listWorkshops } from "../events/index.js";
import { countByStatus } from "./capacity.repo.js";
import { insertPreferences } from "./preferences.repo.js";
import { insertRegistration, insertWorkshopChoices, type RegistrationRow } from "./registrations.repo.js";
import { hashToken, manageTokenFor, newTicketCode } from "./tokens.js";
import { workshopSlots } from "./view-models.js";

// Demo participants. For the Fachtag in preference mode (the 2025 Kita Fachtag of the
// events demo): 150 confirmed registrations, each with three ranked wishes per time
// slot, so the allocation page has something to allocate on first start. Some workshops
// are wanted far more than they have places, as on a real Fachtag. Nothing is allocated
// here: that is the organiser's step. Names are invented; the draw is seeded, so every
// fresh demo looks the same.

const firstNames = [
  "Anna",
  "Jonas",
  "Leonie",
  "Mehmet",
  "Sophie",
  "Lukas",
  "Marie",
  "Finn",
  "Hanna",
  "Elias",
  "Lena",
  "Paul",
  "Emilia",
  "Ben",
  "Mia",
  "Noah",
  "Clara",
  "Emil",
  "Ida",
  "Karim",
  "Greta",
  "Theo",
  "Jana",
  "Malte",
  "Svenja",
];
const lastNames = [
  "Brandt",
  "Çelik",
  "Dreyer",
  "Ebeling",
  "Fricke",
  "Gärtner",
  "Heuer",
  "Ißleib",
  "Jürgens",
  "Köhler",
  "Lüdecke",
  "Meyer",
  "Nowak",
  "Oltmanns",
  "Peters",
  "Quast",
  "Röhrs",
  "Schütte",
];
const kitas = [
  "Kita Sonnenblume (fiktiv)",
  "Kita Regenbogen (fiktiv)",
  "Kita Wirbelwind (fiktiv)",
  "Ev. Kita Arche (fiktiv)",
  "Waldkindergarten Eulennest (fiktiv)",
  "Kita Pusteblume (fiktiv)",
];
const roles = ["Leitung", "Pädagogische Fachkraft", "Stellvertretende Leitung", "Heilpädagogin"];
/** How much each workshop (in programme order) is wanted: the first two are crowded. */
const appeal = [9, 6, 4, 3, 2, 2, 1.5, 1];

/** A small seeded generator (mulberry32): the same demo on every fresh start. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` different indexes, each drawn by its weight among those left. */
function drawRanked(weights: number[], count: number, random: () => number): number[] {
  const left = weights.map((w, i) => ({ w, i }));
  const out: number[] = [];
  while (out.length < count && left.length) {
    let r = random() * left.reduce((sum, x) => sum + x.w, 0);
    let k = 0;
    while (k < left.length - 1 && r >= (left[k] as { w: number }).w) {
      r -= (left[k] as { w: number }).w;
      k++;
    }
    out.push((left[k] as { i: number }).i);
    left.splice(k, 1);
  }
  return out;
}

export async function seedRegistrationsDemo(context: SeedContext): Promise<void> {
  await seedWishesDemo(context);
  await seedUpcomingDemo(context);
}

/**
 * The next demo Fachtag ("Übergänge gestalten", first come) gets 24 confirmed people with a
 * workshop per slot, so the entrance page, the badges and the signature lists show
 * something on first start (sign in as the demo check-in helper).
 */
async function seedUpcomingDemo({ platform }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  const events = await listPublicEvents(db, { from: "2027-03-12T00:00:00.000Z", to: "2027-03-13T00:00:00.000Z" });
  const event = events.find((e) => e.workshopChoice === "first_come");
  if (!event) return;
  const counts = await countByStatus(db, event.id);
  if (Object.values(counts).some((n) => n > 0)) return;
  const slots = workshopSlots(await listWorkshops(db, event.id));
  const start = Date.parse("2026-11-16T08:00:00.000Z");
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 24; i++) {
      const id = newId();
      const at = new Date(start + i * 9 * 3600_000).toISOString();
      await insertRegistration(trx, {
        ...demoRow(platform.config.sessionSecret, id, event.id, i, at),
        email: `uebergang-${String(i + 1).padStart(2, "0")}@demo.example`,
        organisation: i % 2 ? (kitas[i % kitas.length] as string) : "Grundschule am Beispielweg (fiktiv)",
        organisation_kind: i % 2 ? "kita" : "grundschule",
        role: i % 2 ? (roles[i % roles.length] as string) : "Lehrkraft",
      });
      // Workshops of 60 places: alternate, far from full.
      await insertWorkshopChoices(
        trx,
        slots.flatMap((slot) => {
          const w = slot.workshops[i % slot.workshops.length];
          return w ? [{ registration_id: id, session_id: w.id, slot: slot.key, created_at: at }] : [];
        }),
      );
    }
  });
}

/** A confirmed demo registration (invented person `i`), as the web form would store it. */
function demoRow(secret: string, id: string, eventId: string, i: number, at: string): RegistrationRow {
  const first = firstNames[i % firstNames.length] as string;
  const last = lastNames[(i * 7) % lastNames.length] as string;
  return {
    id,
    event_id: eventId,
    status: "confirmed",
    waitlist_order: null,
    first_name: first,
    last_name: `${last} (fiktiv)`,
    email: `teilnahme-${String(i + 1).padStart(3, "0")}@demo.example`,
    organisation: kitas[i % kitas.length] as string,
    organisation_id: null,
    organisation_kind: "kita",
    role: roles[i % roles.length] as string,
    municipality: "Celle",
    dietary_needs: i % 9 === 0 ? "vegetarisch" : null,
    accessibility_needs: null,
    consent_privacy: 1,
    consent_photos: i % 3 === 0 ? 1 : 0,
    consent_participant_list: i % 2,
    consents_at: at,
    answers: "{}",
    manage_token_hash: hashToken(manageTokenFor(secret, id)),
    confirm_token_hash: null,
    hold_until: null,
    source: "web",
    created_at: at,
    updated_at: at,
    confirmed_at: at,
    cancelled_at: null,
    ticket_code: newTicketCode(),
    checked_in_at: null,
    checked_in_by: null,
  };
}

async function seedWishesDemo({ platform }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  const events = await listPublicEvents(db, { from: "2025-03-28T00:00:00.000Z", to: "2025-03-29T00:00:00.000Z" });
  const event = events.find((e) => e.workshopChoice === "preferences");
  if (!event) return;
  const counts = await countByStatus(db, event.id);
  if (Object.values(counts).some((n) => n > 0)) return;
  const slots = workshopSlots(await listWorkshops(db, event.id));
  if (!slots.length) return;
  const random = seeded(2025);
  const participants = Math.min(150, event.capacity);
  // Registrations came in over the six weeks before the closing date.
  const start = Date.parse("2025-02-10T08:00:00.000Z");
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < participants; i++) {
      const id = newId();
      const at = new Date(start + i * 6.5 * 3600_000).toISOString();
      const row = demoRow(platform.config.sessionSecret, id, event.id, i, at);
      await insertRegistration(trx, row);
      const wishes = slots.flatMap((slot) =>
        drawRanked(
          slot.workshops.map((_, k) => appeal[k] ?? 1),
          Math.min(event.maxChoices, 3, slot.workshops.length),
          random,
        ).map((k, rank) => ({ slot: slot.key, rank: rank + 1, sessionId: (slot.workshops[k] as { id: string }).id })),
      );
      await insertPreferences(trx, id, wishes, at);
    }
  });
}
