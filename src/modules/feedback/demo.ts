import type { SeedContext } from "../../platform/module.js";
import { listPublicEvents, listSessions } from "../events/index.js";
import { attendanceList, markCheckedIn } from "../registrations/index.js";
import { surveyUrl } from "./mails.js";
import type { AnswerSet } from "./questionnaire.js";
import { storeDemoSurvey } from "./survey.service.js";

// Demo: the Fachtage that took place get their people checked in and plausible anonymous
// answers to the default questionnaire, the rest of the links stay open. The 2025 Kita
// Fachtag: 146 of its 150 present, 100 answers, one open link announced to try the survey.
// The 2024 Fachtag (60 places) and the 2026 one (90) have their own, so the reports can
// compare the years.

interface DemoSurvey {
  /** The Berlin day of the Fachtag. */
  day: string;
  present: number;
  answers: number;
  /** Added to every rating: how the day went down. */
  bias: number;
  seed: number;
  takeaways: string[];
  comments: string[];
  /** Announce an open link (one Fachtag only, the 2025 one). */
  announce?: boolean;
}

const takeaways = [
  "Die Methodenkarten aus dem Workshop setze ich gleich nächste Woche im Morgenkreis ein.",
  "Mehr Gelassenheit bei Konflikten unter den Kindern.",
  "Ideen für Elterngespräche mit Dolmetscher:innen.",
  "Den Austausch mit anderen Kitas aus dem Landkreis möchte ich fortsetzen.",
  "Alltagsintegrierte Sprachförderung beim Essen und Anziehen.",
  "Beobachtungsbögen, die wirklich in den Alltag passen.",
  "Kleine Bewegungsspiele für den Flur.",
];
const comments = [
  "Bitte nächstes Mal mehr Zeit für den Austausch zwischen den Workshops.",
  "Sehr gute Organisation, danke an das Team!",
  "Der Raum für den Vortrag war zu warm.",
  "Gern wieder im Frühjahr.",
  "Das vegetarische Mittagessen war super.",
];

const surveys: DemoSurvey[] = [
  {
    day: "2024-02-23",
    present: 53,
    answers: 31,
    bias: 0,
    seed: 2024,
    takeaways: [
      "Mehrsprachige Elternbriefe gibt es schon – ich wusste nur nicht, wo.",
      "Kontakte zum Interkulturellen Treffpunkt für unsere Elternabende.",
      "Die Bildungsberatung hilft auch bei der Anerkennung von Abschlüssen.",
      "Sprachpatenschaften möchten wir an unserer Schule ausprobieren.",
    ],
    comments: [
      "Der Saal war für die Gruppenarbeit etwas eng.",
      "Mehr Zeit für den Markt der Möglichkeiten, bitte.",
      "Sehr gute Mischung der Teilnehmenden.",
    ],
  },
  {
    day: "2025-03-28",
    present: 146,
    answers: 100,
    bias: 0.4,
    seed: 2025,
    takeaways,
    comments,
    announce: true,
  },
  {
    day: "2026-09-25",
    present: 81,
    answers: 58,
    bias: 0.6,
    seed: 2026,
    takeaways: [
      "Ein Mustervertrag für Kooperationen im Ganztag – den nehmen wir mit.",
      "Der Sportverein kommt ab November dienstags in unsere Halle.",
      "Ferienbetreuung geht auch gemeinsam mit der Nachbargemeinde.",
      "Die Bibliothek bietet Leseclubs am Nachmittag an.",
    ],
    comments: [
      "Endlich sitzen Schulen und Vereine an einem Tisch.",
      "Bitte eine Liste der Ansprechpersonen in den Gemeinden verschicken.",
      "Die Workshops am Nachmittag waren zu kurz.",
    ],
  },
];

/** A small seeded generator, so that the demo looks the same on every start. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

export async function seedFeedbackDemo({ platform, announce }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  for (const demo of surveys) {
    const day = Date.parse(`${demo.day}T00:00:00.000Z`);
    const range = { from: new Date(day).toISOString(), to: new Date(day + 86_400_000).toISOString() };
    const event = (await listPublicEvents(db, range)).find((e) => e.startsAt.startsWith(demo.day));
    if (!event) continue;
    const people = await attendanceList(db, event.id);
    if (!people.length) continue;
    const at = new Date(Date.parse(event.startsAt) - 10 * 60_000).toISOString();
    const confirmed = people.filter((p) => p.status === "confirmed");
    // Up to `present` in all (the certificates demo let a few in already); a second start adds nobody.
    const missing = demo.present - confirmed.filter((p) => p.checkedInAt).length;
    for (const p of confirmed.filter((p) => !p.checkedInAt).slice(0, Math.max(0, missing)))
      await markCheckedIn(db, p.id, at, "demo");
    const workshops = (await listSessions(db, event.id)).filter((s) => s.kind === "workshop");
    const random = seeded(demo.seed);
    const rating = (bias: number) =>
      Math.max(1, Math.min(5, Math.round(3.5 + demo.bias + bias + (random() - 0.5) * 4)));
    const answers: AnswerSet[] = [];
    for (let i = 0; i < demo.answers; i++) {
      const a: AnswerSet = { overall: rating(0), content: rating(-0.1), organisation: rating(0.2) };
      const w = workshops[Math.floor(random() * workshops.length)];
      if (w) {
        a.workshop = w.id;
        a.workshops = rating((workshops.indexOf(w) % 3) * 0.3 - 0.6);
      }
      if (random() < 0.6) a.takeaway = demo.takeaways[Math.floor(random() * demo.takeaways.length)] as string;
      if (random() < 0.3) a.comments = demo.comments[Math.floor(random() * demo.comments.length)] as string;
      answers.push(a);
    }
    const token = await storeDemoSurvey(platform, event, answers);
    if (token && demo.announce) announce(`Umfrage: Demo-Link (${event.title}) – ${surveyUrl(platform, token)}`);
  }
}
