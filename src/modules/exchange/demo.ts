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
}
