import { newId } from "../../platform/db/ids.js";
import type { SeedContext } from "../../platform/module.js";
import { listOrganisationsForNetwork } from "../directory/index.js";
import type { PostKind } from "./kinds.js";
import { renderMarkdown } from "./markdown.js";
import * as repo from "./posts.repo.js";
import { today } from "./posts.service.js";

// A handful of posts, so the Austausch shows something on first start: the practice
// example of a primary school's social work, a Kita's offer of its hall on Friday
// afternoons and a Verein's request for a room in the same town with the same themes
// (what a later matching pairs), an idea and an experience report. All fictitious.
// Behind them, older posts from 2024 to autumn 2026 (fixed dates), so the reports show the
// Austausch over three years: offers and requests of those years are marked "erledigt" or
// ran out, so today's open ones stay the five above.

interface DemoPost {
  org: string;
  kind: PostKind;
  title: string;
  body: string;
  areas: string[];
  themes: string[];
  targetGroups: string[];
  municipality: string;
  validDays?: number;
  practice?: Record<string, string>;
  byMember?: boolean;
}

const posts: DemoPost[] = [
  {
    org: "Grundschule Am Beispielweg (fiktiv)",
    kind: "practice",
    title: "Sprachförderung für neu zugewanderte Kinder",
    body: "Unsere Schulsozialarbeit hat mit der Kita nebenan und dem Sprachcafé eine **Sprachpatenschaft** aufgebaut: Jedes neu zugewanderte Kind bekommt in den ersten Wochen eine Patin oder einen Paten aus Klasse 4.\n\n- zweimal pro Woche 30 Minuten Spiel- und Sprechzeit\n- Bildkarten und Wortschatzkisten aus der Schulbibliothek\n- ein Elterncafé einmal im Monat\n\nMehr zur Methode: https://www.example.org/sprachpaten",
    areas: ["schule", "fruehkindlich"],
    themes: ["Sprachförderung", "Integration", "Übergang Kita–Grundschule"],
    targetGroups: ["Neu zugewanderte Kinder", "Eltern"],
    municipality: "Celle",
    byMember: true,
    practice: {
      goal: "Neu zugewanderte Kinder finden schneller in die Sprache und in die Klasse.",
      audience: "Kinder von 6 bis 10 Jahren in den ersten Monaten in Deutschland, ihre Eltern.",
      actors: "Schulsozialarbeit, Klassenlehrkräfte, Kita Sonnenblume, Sprachcafé des Familienzentrums.",
      activities:
        "Patenschaften aus Klasse 4, feste Spiel- und Sprechzeiten, monatliches Elterncafé mit Dolmetscherin.",
      results: "Nach einem Halbjahr sprechen die Kinder im Unterricht mit; Eltern kommen öfter zu Elterngesprächen.",
      transfer:
        "Eine Ansprechperson (Schulsozialarbeit), ein Raum zweimal die Woche, Bildkarten, 2 Stunden Vorbereitung für die Paten.",
      contact: "Schulsozialarbeit der Grundschule Am Beispielweg, schulsozialarbeit@example.org",
    },
  },
  {
    org: "Kita Sonnenblume (fiktiv)",
    kind: "offer",
    title: "Turnhalle freitags nachmittags",
    body: "Unsere kleine Turnhalle (80 m², Matten, Bänke, Kleingeräte) ist **freitags von 14 bis 18 Uhr** frei. Gern für Kinderturnen, Eltern-Kind-Gruppen oder Bewegungsangebote eines Vereins – kostenlos gegen Absprache.",
    areas: ["fruehkindlich", "non_formal"],
    themes: ["Räume", "Bewegung"],
    targetGroups: ["Kinder", "Familien"],
    municipality: "Celle",
    validDays: 180,
    byMember: true,
  },
  {
    org: "Sportverein Eintracht Eschede (fiktiv)",
    kind: "request",
    title: "Raum für Kinderturnen in Celle gesucht",
    body: "Für eine neue Kinderturngruppe (8–12 Kinder, 4–6 Jahre) suchen wir einen **Bewegungsraum in Celle**, am liebsten am Freitagnachmittag. Übungsleitung und Versicherung bringen wir mit.",
    areas: ["non_formal"],
    themes: ["Räume", "Bewegung"],
    targetGroups: ["Kinder"],
    municipality: "Celle",
    validDays: 90,
  },
  {
    org: "Kita Regenbogen (fiktiv)",
    kind: "idea",
    title: "Gemeinsamer Naturtag für Kitas und Grundschulen",
    body: "Wie wäre ein jährlicher Naturtag, an dem Kitas und Grundschulen eines Ortes gemeinsam in den Wald gehen? Wer hätte Lust, das mit uns zu planen?",
    areas: ["fruehkindlich", "schule"],
    themes: ["Naturpädagogik", "Übergang Kita–Grundschule"],
    targetGroups: ["Kinder bis 6 Jahre", "Schülerinnen und Schüler"],
    municipality: "Bergen",
  },
  {
    org: "Heimatverein Wietze (fiktiv)",
    kind: "experience",
    title: "Ehrenamtliche für die Museumspädagogik gewinnen – was bei uns geklappt hat",
    body: "Wir haben zwei Jahre gebraucht, aber inzwischen führen sechs Ehrenamtliche Schulklassen durch das Museum. Was geholfen hat:\n\n1. kurze, feste Einsätze statt offener Zusagen\n2. eine Einführung mit Kaffee und Kuchen\n3. ein gemeinsamer Messenger-Kanal",
    areas: ["non_formal"],
    themes: ["Ehrenamt", "Kulturelle Bildung"],
    targetGroups: ["Erwachsene"],
    municipality: "Wietze",
  },
];

/** An older post: the day it was made public, and whether (offers, requests) it was marked "erledigt". */
type EarlierPost = [
  day: string,
  org: string,
  kind: PostKind,
  title: string,
  body: string,
  themes: string[],
  done?: boolean,
];

const earlier: EarlierPost[] = [
  [
    "2024-01-15",
    "Volkshochschule Heide-Aller (fiktiv)",
    "offer",
    "Deutschkurs mit Kinderbetreuung",
    "Vormittagskurs (A1) mit Betreuung der Kinder im Nebenraum, ab Februar.",
    ["Sprachkurse", "Integration"],
    true,
  ],
  [
    "2024-03-04",
    "Interkultureller Treffpunkt Celle (fiktiv)",
    "experience",
    "Was wir vom Fachtag Vielfalt mitgenommen haben",
    "Drei neue Kontakte zu Kitas, ein Elterncafé in Planung – und die Einsicht, dass Sprachmittlung früh mitgedacht werden muss.",
    ["Integration", "Vielfalt"],
  ],
  [
    "2024-05-21",
    "Grundschule Lindenhof (fiktiv)",
    "request",
    "Lesepatinnen und Lesepaten gesucht",
    "Für unsere Sprachlernklasse suchen wir Ehrenamtliche, die einmal pro Woche vorlesen.",
    ["Lesen", "Ehrenamt"],
    true,
  ],
  [
    "2024-08-12",
    "Jugendhilfe Südheide e. V. (fiktiv)",
    "idea",
    "Ein Praktikumstag für alle Schulen der Südheide",
    "Wie wäre ein gemeinsamer Tag, an dem Betriebe der Region Praktikumsplätze vorstellen?",
    ["Berufsorientierung"],
  ],
  [
    "2024-10-28",
    "Stadtbibliothek Beispielhausen (fiktiv)",
    "practice",
    "Lesesommer mit Kitas und Grundschulen",
    "Sechs Wochen, 400 Kinder, ein Abschlussfest: wie der Lesesommer in Celle funktioniert.",
    ["Lesen", "Übergang Kita–Grundschule"],
  ],
  [
    "2024-11-18",
    "Maschinenbau Musterfirma GmbH (fiktiv)",
    "offer",
    "Werkstatttag für Schulklassen",
    "Einmal im Monat zeigen Auszubildende einer Schulklasse die Werkstatt.",
    ["Berufsorientierung", "Ausbildung"],
  ],
  [
    "2025-01-20",
    "Familienbildungsstätte Lachendorf (fiktiv)",
    "offer",
    "Elternkurs „Starke Eltern – starke Kinder“",
    "Acht Abende für Eltern von Kita-Kindern, kostenlos für Familien aus dem Landkreis.",
    ["Elternbildung"],
    true,
  ],
  [
    "2025-02-17",
    "Kita Pusteblume (fiktiv)",
    "request",
    "Dolmetscherin für Elterngespräche gesucht",
    "Für Entwicklungsgespräche mit Familien aus Syrien und der Ukraine suchen wir Sprachmittlung.",
    ["Integration", "Elternbildung"],
    true,
  ],
  [
    "2025-04-07",
    "Kita Am Mühlenbach (fiktiv)",
    "experience",
    "Schätze statt Schwächen: unser erstes Halbjahr",
    "Seit dem Fachtag beobachten wir anders – und die Elterngespräche sind entspannter geworden.",
    ["Kindliche Entwicklung"],
  ],
  [
    "2025-05-26",
    "Grundschule Heideblick (fiktiv)",
    "practice",
    "Hospitationswochen Kita–Grundschule",
    "Lehrkräfte besuchen die Kitas im Ort, Erzieherinnen den Unterricht der ersten Klasse.",
    ["Übergang Kita–Grundschule", "Inklusion"],
  ],
  [
    "2025-07-14",
    "Naturschutzbund Aller-Gruppe (fiktiv)",
    "offer",
    "Ferienprogramm an der Aller",
    "Fünf Naturerlebnistage in den Sommerferien für Kinder von 6 bis 10 Jahren.",
    ["Umweltbildung"],
    true,
  ],
  [
    "2025-09-08",
    "Oberschule Bergen (fiktiv)",
    "request",
    "Partnerbetrieb für die Schülerfirma gesucht",
    "Unsere Schülerfirma sucht einen Betrieb, der beim Einkauf und bei der Buchhaltung berät.",
    ["Berufsorientierung"],
  ],
  [
    "2025-11-03",
    "Lernwerkstatt Eicklingen (fiktiv)",
    "idea",
    "Forscherkisten zum Ausleihen",
    "Wir könnten Kisten mit Experimenten packen, die Kitas und Grundschulen für zwei Wochen ausleihen.",
    ["MINT"],
  ],
  [
    "2026-01-19",
    "Musikschule Heidekreis-Celle (fiktiv)",
    "offer",
    "Instrumente kennenlernen im Ganztag",
    "Ein Halbjahr lang jede Woche ein anderes Instrument – für Grundschulen im Ganztag.",
    ["Kulturelle Bildung", "Ganztag"],
    true,
  ],
  [
    "2026-03-09",
    "Gemeindeverwaltung Hambühren (fiktiv)",
    "request",
    "Partner für die Ferienbetreuung 2026 gesucht",
    "Für die Sommerferien suchen wir Vereine und Träger, die eine Woche Programm gestalten.",
    ["Ganztag", "Ferienbetreuung"],
    true,
  ],
  [
    "2026-04-27",
    "Grundschule Allerwiesen (fiktiv)",
    "experience",
    "Forscherwerkstatt am Nachmittag: ein Jahr danach",
    "Was aus der Idee der Forscherkisten geworden ist und was wir anders machen würden.",
    ["MINT", "Ganztag"],
  ],
  [
    "2026-06-15",
    "Jugendzentrum Bahnhof (fiktiv)",
    "practice",
    "Medienwerkstatt im Ganztag",
    "Jugendliche zeigen Grundschulkindern, wie man einen Trickfilm dreht – jeden Donnerstag.",
    ["Medienbildung", "Ganztag"],
  ],
  [
    "2026-08-24",
    "Sportverein Eintracht Eschede (fiktiv)",
    "offer",
    "Übungsleitung für Bewegungsangebote im Ganztag",
    "Zwei Übungsleiterinnen haben dienstags und donnerstags ab 14 Uhr Zeit für Grundschulen.",
    ["Bewegung", "Ganztag"],
  ],
  [
    "2026-10-12",
    "Gemeindebücherei Faßberg (fiktiv)",
    "idea",
    "Leseclub nach dem Ganztagsfachtag",
    "Nach dem Fachtag im September: ein Leseclub für Grundschulkinder, gemeinsam mit der Schule?",
    ["Lesen", "Ganztag"],
  ],
];

export async function seedExchangeDemo({ platform }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  if ((await repo.countPublicPosts(db, { today: today() })) > 0) return;
  const orgs = await listOrganisationsForNetwork(db);
  const member = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "mitglied@bildungsnetz.example")
    .executeTakeFirst();
  const admin = await db.selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirst();
  const start = Date.now();
  for (const [i, p] of posts.entries()) {
    const org = orgs.find((o) => o.name === p.org);
    if (!org) continue;
    // Older posts further down the list.
    const at = new Date(start - (i + 1) * 86_400_000 * 3).toISOString();
    const until = p.validDays ? new Date(start + p.validDays * 86_400_000).toISOString().slice(0, 10) : null;
    await repo.insertPost(db, {
      id: newId(),
      kind: p.kind,
      title: p.title,
      body: p.body,
      body_html: renderMarkdown(p.body),
      areas: JSON.stringify(p.areas),
      themes: JSON.stringify(p.themes),
      target_groups: JSON.stringify(p.targetGroups),
      practice: p.practice ? JSON.stringify(p.practice) : null,
      municipality: p.municipality,
      organisation_id: org.id,
      author_id: (p.byMember ? member?.id : admin?.id) ?? admin?.id ?? null,
      status: "published",
      hidden: 0,
      hidden_reason: null,
      valid_until: until,
      created_at: at,
      updated_at: at,
      published_at: at,
    });
  }
  for (const [day, name, kind, title, body, themes, done] of earlier) {
    const org = orgs.find((o) => o.name === name);
    if (!org) continue;
    const at = `${day}T09:00:00.000Z`;
    // Offers and requests ran for three months; those marked "erledigt" were closed after six weeks.
    const ends = kind === "offer" || kind === "request";
    const until = ends ? new Date(Date.parse(at) + 90 * 86_400_000).toISOString().slice(0, 10) : null;
    const closed = done ? new Date(Date.parse(at) + 42 * 86_400_000).toISOString() : at;
    await repo.insertPost(db, {
      id: newId(),
      kind,
      title,
      body,
      body_html: renderMarkdown(body),
      areas: JSON.stringify(org.areas),
      themes: JSON.stringify(themes),
      target_groups: "[]",
      practice: kind === "practice" ? JSON.stringify({ activities: body, contact: name }) : null,
      municipality: org.municipality,
      organisation_id: org.id,
      author_id: admin?.id ?? null,
      status: done && ends ? "done" : "published",
      hidden: 0,
      hidden_reason: null,
      valid_until: until,
      created_at: at,
      updated_at: closed,
      published_at: at,
    });
  }
}
