import { newId } from "../../platform/db/ids.js";
import type { SeedContext } from "../../platform/module.js";
import { directoryModule, listOrganisationsForNetwork } from "../directory/index.js";
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
/** Where the demo Kitas are (as in the directory demo; Hermannsburg belongs to Südheide). */
const kitaMunicipality: Record<string, string> = {
  "Kita Sonnenblume (fiktiv)": "Celle",
  "Kita Regenbogen (fiktiv)": "Bergen",
  "Kita Wirbelwind (fiktiv)": "Faßberg",
  "Ev. Kita Arche (fiktiv)": "Celle",
  "Waldkindergarten Eulennest (fiktiv)": "Winsen (Aller)",
  "Kita Pusteblume (fiktiv)": "Südheide",
};
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
  // Their people name organisations of the directory demo (for the reports' areas), so it
  // comes first; it adds nothing when the directory has organisations already.
  await directoryModule.seedDemo?.(context);
  for (const past of pastFachtage) await seedPastDemo(context, past);
}

/** An organisation of the directory demo (same names), its kind, municipality and who came from there. */
type Sender = [organisation: string | null, kind: string | null, municipality: string | null, roles: string[]];

/**
 * The other two Fachtage that took place (2024 and 2026, first come): full, with a few
 * cancellations and a waitlist that never got a place, and a workshop for everybody who
 * had one. Who came and answered the survey is the feedback demo's part, as for 2025.
 * People come from many kinds of organisations and municipalities — and some
 * municipalities sent nobody, which the reports show.
 */
interface PastFachtag {
  /** The Berlin day of the Fachtag, to find it. */
  day: string;
  /** The local part of the demo addresses: `<prefix>-001@demo.example`. */
  prefix: string;
  /** Places taken (at most the Fachtag's capacity), cancelled ones and the waitlist. */
  confirmed: number;
  cancelled: number;
  waitlisted: number;
  /** When the first registration came in; one every `everyHours`. */
  firstAt: string;
  everyHours: number;
  senders: Sender[];
}

const teacher = ["Lehrkraft", "Schulleitung", "Schulsozialarbeit"];
const kitaStaff = ["Leitung", "Pädagogische Fachkraft", "Sprach-Kita-Fachkraft"];
const pastFachtage: PastFachtag[] = [
  {
    day: "2024-02-23",
    prefix: "vielfalt",
    confirmed: 60,
    cancelled: 6,
    waitlisted: 26,
    firstAt: "2024-01-08T08:00:00.000Z",
    everyHours: 9,
    senders: [
      ["Kita Sonnenblume (fiktiv)", "kita", "Celle", kitaStaff],
      ["Kita Wirbelwind (fiktiv)", "kita", "Faßberg", kitaStaff],
      ["Kita Pusteblume (fiktiv)", "kita", "Südheide", kitaStaff],
      ["Grundschule Am Beispielweg (fiktiv)", "grundschule", "Celle", teacher],
      ["Grundschule Lindenhof (fiktiv)", "grundschule", "Hambühren", teacher],
      ["Oberschule Südheide (fiktiv)", "oberschule", "Südheide", teacher],
      ["Integrierte Gesamtschule Allertal (fiktiv)", "gesamtschule", "Winsen (Aller)", teacher],
      [
        "Berufsbildende Schulen Beispielstadt (fiktiv)",
        "berufsbildende_schule",
        "Celle",
        ["Lehrkraft", "Bildungsgangleitung"],
      ],
      ["Volkshochschule Heide-Aller (fiktiv)", "erwachsenenbildung", "Celle", ["Kursleitung", "Fachbereichsleitung"]],
      ["Familienbildungsstätte Lachendorf (fiktiv)", "erwachsenenbildung", "Lachendorf", ["Kursleitung"]],
      ["Interkultureller Treffpunkt Celle (fiktiv)", "integration", "Celle", ["Integrationslotsin", "Projektleitung"]],
      ["Bildungsberatung Aller-Leine (fiktiv)", "beratungsstelle", "Wietze", ["Beraterin"]],
      ["Jugendhilfe Südheide e. V. (fiktiv)", "jugendhilfe", "Südheide", ["Sozialpädagoge"]],
      ["Kita Regenbogen (fiktiv)", "kita", "Bergen", kitaStaff],
      ["Sportverein Eintracht Eschede (fiktiv)", "verein", "Eschede", ["Übungsleitung"]],
      [null, null, null, ["Ehrenamtliche Sprachpatin"]],
    ],
  },
  {
    day: "2026-09-25",
    prefix: "ganztag",
    confirmed: 90,
    cancelled: 5,
    waitlisted: 9,
    firstAt: "2026-07-20T08:00:00.000Z",
    everyHours: 11,
    senders: [
      ["Grundschule Am Beispielweg (fiktiv)", "grundschule", "Celle", ["Schulleitung", "Ganztagskoordination"]],
      ["Grundschule Heideblick (fiktiv)", "grundschule", "Südheide", ["Schulleitung", "Ganztagskoordination"]],
      ["Grundschule Allerwiesen (fiktiv)", "grundschule", "Winsen (Aller)", ["Schulleitung", "Lehrkraft"]],
      ["Grundschule Lindenhof (fiktiv)", "grundschule", "Hambühren", ["Ganztagskoordination"]],
      ["Grundschule Unter den Eichen (fiktiv)", "grundschule", "Eschede", ["Schulleitung"]],
      ["Grundschule Wathlingen-Süd (fiktiv)", "grundschule", "Wathlingen", ["Lehrkraft"]],
      ["Sportverein Eintracht Eschede (fiktiv)", "verein", "Eschede", ["Übungsleitung", "Vorstand"]],
      ["Musikschule Heidekreis-Celle (fiktiv)", "bibliothek_kultur", "Bergen", ["Musikpädagogin"]],
      ["Stadtbibliothek Beispielhausen (fiktiv)", "bibliothek_kultur", "Celle", ["Leseförderung"]],
      ["Gemeindebücherei Faßberg (fiktiv)", "bibliothek_kultur", "Faßberg", ["Ehrenamt"]],
      ["Jugendzentrum Bahnhof (fiktiv)", "jugendhilfe", "Celle", ["Sozialpädagoge"]],
      ["Naturschutzbund Aller-Gruppe (fiktiv)", "verein", "Winsen (Aller)", ["Umweltpädagogin"]],
      ["Heimatverein Wietze (fiktiv)", "verein", "Wietze", ["Museumspädagogik"]],
      ["Lernwerkstatt Eicklingen (fiktiv)", "sonstige", "Eicklingen", ["Leitung"]],
      ["Gemeindeverwaltung Hambühren (fiktiv)", "verwaltung", "Hambühren", ["Fachbereich Schule"]],
      ["Handwerksbetrieb Beispiel & Söhne (fiktiv)", "unternehmen", "Nienhagen", ["Ausbilder"]],
      ["Hort Kleine Strolche (fiktiv)", "jugendhilfe", "Lachendorf", ["Erzieherin"]],
    ],
  },
];

async function seedPastDemo({ platform }: SeedContext, past: PastFachtag): Promise<void> {
  const db = platform.db.kysely;
  const next = new Date(Date.parse(`${past.day}T12:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
  const events = await listPublicEvents(db, { from: `${past.day}T00:00:00.000Z`, to: `${next}T00:00:00.000Z` });
  const event = events.find((e) => e.workshopChoice === "first_come");
  if (!event) return;
  const counts = await countByStatus(db, event.id);
  if (Object.values(counts).some((n) => n > 0)) return;
  const slots = workshopSlots(await listWorkshops(db, event.id));
  const directory = new Map((await listOrganisationsForNetwork(db)).map((o) => [o.name, o.id]));
  const places = Math.min(past.confirmed, event.capacity);
  const start = Date.parse(past.firstAt);
  const closedAt = new Date(Date.parse(event.startsAt) - 2 * 86_400_000).toISOString();
  const withPlace = places + past.cancelled;
  // Some of those who had a place cancelled a week later (before registration closed, so
  // nobody moved up); those after them only made the waitlist.
  const cancelledOnes = new Set(
    Array.from({ length: past.cancelled }, (_, k) => Math.floor(((k + 0.5) * withPlace) / past.cancelled)),
  );
  await db.transaction().execute(async (trx) => {
    let held = 0;
    for (let i = 0; i < withPlace + past.waitlisted; i++) {
      const id = newId();
      const at = new Date(start + i * past.everyHours * 3600_000).toISOString();
      const [organisation, kind, municipality, jobs] = past.senders[(i * 5 + (i >> 2)) % past.senders.length] as Sender;
      const base = demoRow(platform.config.sessionSecret, id, event.id, i + Number(past.day.slice(0, 4)), at);
      const waitlisted = i >= withPlace;
      const cancelled = !waitlisted && cancelledOnes.has(i);
      const placed = !waitlisted && !cancelled;
      if (placed) held++;
      const later = new Date(Math.min(Date.parse(at) + 7 * 86_400_000, Date.parse(closedAt))).toISOString();
      await insertRegistration(trx, {
        ...base,
        email: `${past.prefix}-${String(i + 1).padStart(3, "0")}@demo.example`,
        organisation,
        organisation_id: organisation ? (directory.get(organisation) ?? null) : null,
        organisation_kind: kind,
        municipality,
        role: jobs[i % jobs.length] as string,
        status: cancelled ? "cancelled" : waitlisted ? "waitlisted" : "confirmed",
        waitlist_order: waitlisted ? i - withPlace + 1 : null,
        confirmed_at: waitlisted ? null : at,
        cancelled_at: cancelled ? later : null,
        updated_at: cancelled ? later : at,
      });
      if (!placed) continue;
      // First come: the workshops fill evenly, everybody got one per slot.
      await insertWorkshopChoices(
        trx,
        slots.flatMap((slot) => {
          const w = slot.workshops[(held + slot.index) % slot.workshops.length];
          return w ? [{ registration_id: id, session_id: w.id, slot: slot.key, created_at: at }] : [];
        }),
      );
    }
  });
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
      await insertRegistration(trx, { ...row, municipality: kitaMunicipality[row.organisation as string] ?? "Celle" });
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
