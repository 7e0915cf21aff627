import type { SeedContext } from "../../platform/module.js";
import { listPublicEvents, listSessions } from "../events/index.js";
import { attendanceList, markCheckedIn } from "../registrations/index.js";
import { surveyUrl } from "./mails.js";
import type { AnswerSet } from "./questionnaire.js";
import { storeDemoSurvey } from "./survey.service.js";

// Demo: the past 2025 Kita Fachtag (the one with participants) gets 146 of its 150 people checked in
// and 100 plausible anonymous answers to the default questionnaire; the other 46 links
// stay open, and one of them is announced to try the survey.

const DEMO_PRESENT = 146;
const DEMO_ANSWERS = 100;

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
  const events = await listPublicEvents(db, { from: "2024-01-01T00:00:00.000Z", to: "2025-12-31T00:00:00.000Z" });
  for (const event of events) {
    const people = await attendanceList(db, event.id);
    if (!people.length) continue;
    const at = new Date(Date.parse(event.startsAt) - 10 * 60_000).toISOString();
    const confirmed = people.filter((p) => p.status === "confirmed");
    for (const p of confirmed.slice(0, DEMO_PRESENT)) if (!p.checkedInAt) await markCheckedIn(db, p.id, at, "demo");
    const workshops = (await listSessions(db, event.id)).filter((s) => s.kind === "workshop");
    const random = seeded(2025);
    const rating = (bias: number) => Math.max(1, Math.min(5, Math.round(3.5 + bias + (random() - 0.5) * 4)));
    const answers: AnswerSet[] = [];
    for (let i = 0; i < DEMO_ANSWERS; i++) {
      const a: AnswerSet = { overall: rating(0.4), content: rating(0.3), organisation: rating(0.6) };
      const w = workshops[Math.floor(random() * workshops.length)];
      if (w) {
        a.workshop = w.id;
        a.workshops = rating((workshops.indexOf(w) % 3) * 0.3 - 0.2);
      }
      if (random() < 0.6) a.takeaway = takeaways[Math.floor(random() * takeaways.length)] as string;
      if (random() < 0.3) a.comments = comments[Math.floor(random() * comments.length)] as string;
      answers.push(a);
    }
    const token = await storeDemoSurvey(platform, event, answers);
    if (token) announce(`Umfrage: Demo-Link (${event.title}) – ${surveyUrl(platform, token)}`);
    return;
  }
}
