/**
 * The reports over five years of data (target: the dashboard under 300 ms, the PDF under
 * 3 s on the 2-core machine): 5,000 organisations and 20,000 cooperations (the directory
 * benchmark's generator), 200 Fachtage 2022–2026 and 30,000 registrations (150 each, of
 * every status, two thirds checked in), 20,000 posts of the Austausch made public over the
 * five years (every kind; some offers and requests "erledigt", some drafts and hidden).
 * Through the whole application: routing, bearer token, permission, SQL, the network
 * analysis (cached, as in the running app — also as of each quarter or year shown over
 * time), tables, SVG charts; and the whole report as a PDF. The first (cold) run of each
 * address is printed apart from the median of the warm ones.
 *
 *   npx tsx bench/reports-bench.ts                 (SQLite)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/reports-bench.ts
 */
import { addPeople, fachtagOn, type Person } from "../src/modules/reports/test-fixtures.js";
import { createTestApp } from "../tests/helpers/test-app.js";
import { createUserWithToken } from "../tests/helpers/users.js";
import { generateDirectoryData } from "./directory-data.js";

const RUNS = 15;
const EVENTS = 200;
const PER_EVENT = 150;
const POSTS = 20_000;
const postKinds = ["idea", "experience", "practice", "offer", "request"];
const kinds = ["kita", "grundschule", "oberschule", "gymnasium", "jugendhilfe", null];
const places = ["Celle", "Bergen", "Südheide", "Hermannsburg", "Wietze", "Eschede", null];
const roles = ["Erzieherin", "Lehrkraft", "Schulleitung", "Sozialarbeit", null];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const t = await createTestApp({ RATE_LIMIT: "off" });
try {
  const admin = await createUserWithToken(t.platform, "admin");
  let started = performance.now();
  await generateDirectoryData(t.platform.db.kysely, { organisations: 5000, cooperations: 20000, offers: 0 });
  console.log(`directory and network: ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  for (let e = 0; e < EVENTS; e++) {
    const year = 2022 + Math.floor(e / 40);
    const day = `${year}-${String(1 + (e % 12)).padStart(2, "0")}-${String(1 + (e % 27)).padStart(2, "0")}`;
    const ev = await fachtagOn(t.platform, day, { createdBy: admin.id });
    const people: Person[] = Array.from({ length: PER_EVENT }, (_, i) => ({
      status: i % 15 === 0 ? "waitlisted" : i % 20 === 1 ? "cancelled" : "confirmed",
      present: i % 3 !== 0,
      kind: kinds[i % kinds.length] ?? null,
      municipality: places[i % places.length] ?? null,
      role: roles[i % roles.length] ?? null,
    }));
    await addPeople(t.platform, ev.id, people);
  }
  console.log(`${EVENTS} Fachtage, ${EVENTS * PER_EVENT} registrations: ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  const fiveYears = Date.parse("2026-12-01T00:00:00Z") - Date.parse("2022-01-01T00:00:00Z");
  const posts = Array.from({ length: POSTS }, (_, i) => {
    const kind = postKinds[i % postKinds.length] as string;
    const at = new Date(Date.parse("2022-01-01T00:00:00Z") + ((i * 7919) % POSTS) * (fiveYears / POSTS)).toISOString();
    const draft = i % 23 === 0;
    return {
      id: `post-${String(i).padStart(6, "0")}-bench`,
      kind,
      title: `Beitrag ${i + 1}`,
      body: `Text ${i + 1}`,
      body_html: `<p>Text ${i + 1}</p>`,
      areas: "[]",
      themes: "[]",
      target_groups: "[]",
      municipality: places[i % places.length] ?? null,
      status: draft ? "draft" : (kind === "offer" || kind === "request") && i % 3 === 0 ? "done" : "published",
      hidden: i % 101 === 0 ? 1 : 0,
      created_at: at,
      updated_at: at,
      published_at: draft ? null : at,
    };
  });
  for (let i = 0; i < posts.length; i += 500)
    await t.platform.db.kysely
      .insertInto("exchange_posts")
      .values(posts.slice(i, i + 500))
      .execute();
  console.log(`${POSTS} posts: ${Math.round(performance.now() - started)} ms`);

  const time = async (url: string, runs: number) => {
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const s = performance.now();
      const res = await t.app.inject({ method: "GET", url, headers: { authorization: admin.authorization } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      times.push(performance.now() - s);
    }
    const [cold, ...warm] = times;
    console.log(
      `${url}: first ${Math.round(cold as number)} ms, then ${warm.map((x) => Math.round(x)).join(", ")} ms — median ${Math.round(median(warm))} ms`,
    );
  };
  await time("/verwaltung/berichte?year=2025", RUNS);
  await time("/verwaltung/berichte?from=2022-01-01&to=2026-12-31", RUNS);
  await time("/api/v1/reports/summary?from=2022-01-01&to=2026-12-31", RUNS);
  await time("/verwaltung/berichte/tabelle/gemeinde.xlsx?year=2025", 5);
  await time("/verwaltung/berichte/bericht.pdf?year=2025", 5);
  await time("/verwaltung/berichte/bericht.pdf?from=2022-01-01&to=2026-12-31", 5);
  await time("/zahlen", RUNS);
} finally {
  await t.close();
}
