/**
 * The results page of a survey with 150 answers (target: under 100 ms on the 2-core
 * machine), through the whole application: routing, bearer token, permission, SQL, counting
 * eight questions (scales per workshop, choices, free texts), SVG charts and tables. The
 * 150 answers go in through the real links (each mailed, each used once). Also times the
 * JSON API and the XLSX export. Prints each run and the median.
 *
 *   npx tsx bench/feedback-bench.ts                 (SQLite)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/feedback-bench.ts
 */
import { attendedFachtag } from "../src/modules/certificates/test-fixtures.js";
import {
  addQuestion,
  answerSchema,
  openSurvey,
  sendLinks,
  submitAnswer,
} from "../src/modules/feedback/survey.service.js";
import { surveyLinks, tokenOfLink } from "../src/modules/feedback/test-fixtures.js";
import { createTestApp } from "../tests/helpers/test-app.js";
import { createUserWithToken } from "../tests/helpers/users.js";

const ANSWERS = Number(process.env.ANSWERS ?? 150);
const RUNS = 20;
const texts = [
  "Die Methodenkarten setze ich gleich im Morgenkreis ein.",
  "Mehr Gelassenheit bei Konflikten unter den Kindern – und Ideen für Elterngespräche.",
  "Alltagsintegrierte Sprachförderung beim Essen und Anziehen.",
];

const t = await createTestApp({ RATE_LIMIT: "off" });
try {
  const owner = await createUserWithToken(t.platform, "editor");
  const actor = {
    kind: "user",
    id: owner.id,
    email: owner.email,
    name: "Bench",
    role: "editor",
    via: "token",
  } as const;
  const ev = await attendedFachtag(t.platform, {
    createdBy: owner.id,
    people: Array.from({ length: ANSWERS }, (_, i) => ({ lastName: `Muster ${i}`, present: true, workshop: true })),
  });
  await addQuestion(t.platform, actor, ev.id, {
    kind: "multiple",
    text: "Wie sind Sie angereist?",
    options: ["Bus", "Bahn", "Rad", "Auto"],
    required: false,
  });
  await sendLinks(t.platform, actor, ev.id);
  const started = performance.now();
  for (const [i, p] of ev.people.entries()) {
    const [link] = await surveyLinks(t.platform, p.email);
    const token = tokenOfLink(link as string);
    const survey = await openSurvey(t.platform, token);
    const data = answerSchema(survey).parse({
      "q-overall": String(1 + (i % 5)),
      "q-content": String(1 + ((i * 3) % 5)),
      "q-organisation": "4",
      "q-workshop": ev.workshops[0],
      "q-workshops": String(1 + ((i * 7) % 5)),
      "q-takeaway": i % 2 ? texts[i % texts.length] : "",
      "q-comments": i % 5 === 0 ? "Gern wieder." : "",
      [`q-${survey.questions.at(-1)?.id}`]: ["0", String(i % 4)],
    });
    await submitAnswer(t.platform, token, data as Record<string, unknown>);
  }
  console.log(`${ANSWERS} Antworten über ihre Links gespeichert: ${Math.round(performance.now() - started)} ms`);

  const measure = async (label: string, url: string) => {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const at = performance.now();
      const res = await t.app.inject({ method: "GET", url, headers: { authorization: owner.authorization } });
      times.push(performance.now() - at);
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body.slice(0, 200)}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    console.log(
      `${label} mit ${ANSWERS} Antworten (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"}): ` +
        `erster Lauf ${Math.round(times[0] ?? 0)} ms, Median ${Math.round(median)} ms, ` +
        `langsamster der übrigen ${Math.round(Math.max(...times.slice(1)))} ms`,
    );
    return median;
  };
  const base = `/verwaltung/fachtage/${ev.id}/umfrage`;
  const page = await measure("Ergebnisseite", `${base}/ergebnisse`);
  await measure("API /survey/results", `/api/v1/events/${ev.id}/survey/results`);
  await measure("XLSX-Export", `${base}/ergebnisse.xlsx`);
  if (page > 100) {
    console.error("Ziel verfehlt: Ergebnisseite unter 100 ms (Median)");
    process.exitCode = 1;
  }
} finally {
  await t.close();
}
