import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testDatabase } from "../../../tests/helpers/test-app.js";
import { type CliIo, runCli } from "../../cli/main.js";
import { seedDemo } from "../../platform/bootstrap.js";
import { modules } from "../index.js";
import { search } from "./search.service.js";

// The demo as a teacher meets it: "Sprachförderung" in the header search finds the
// practice example in the Austausch, a Kita's offer, the organisations working on it and
// the 2024 Fachtag on migration-related diversity in the archive.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  await seedDemo(t.platform, modules, () => {});
}, 120_000);
afterAll(async () => t?.close());

describe(`the demo (${testDatabase})`, () => {
  it('"Sprachförderung" finds a post, a Kita\'s offer, organisations and the 2024 Fachtag', async () => {
    const outcome = await search(t.platform, { q: "Sprachförderung" });
    expect(outcome.types.post).toBeGreaterThan(0);
    expect(outcome.types.organisation).toBeGreaterThan(1);
    const all = [];
    for (const type of ["post", "offer", "organisation", "event"] as const) {
      all.push(...(await search(t.platform, { q: "Sprachförderung", type })).hits);
    }
    expect(all.some((h) => h.type === "post" && /Sprachförderung/.test(h.title))).toBe(true);
    expect(all.some((h) => h.type === "offer" && h.snippet.some((p) => /Kita/.test(p.text)))).toBe(true);
    expect(all.some((h) => h.type === "organisation" && /^Kita /.test(h.title))).toBe(true);
    expect(
      all.some(
        (h) => h.type === "event" && h.title === "Migrationsbedingte Vielfalt in der Bildung" && h.url.includes("2024"),
      ),
    ).toBe(true);
  });

  it("npm run cli -- search:rebuild reads everything again", async () => {
    const before = (await search(t.platform, { q: "Kita" })).total;
    const out: string[] = [];
    const env = {
      PATH: process.env.PATH,
      DATABASE_URL: t.config.databaseUrl,
      DATA_DIR: t.config.dataDir,
      BASE_URL: "http://localhost:3000",
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
    };
    const io: CliIo = { env, out: (l) => out.push(l), err: () => {} };
    if (testDatabase === "sqlite") {
      expect(await runCli(["search:rebuild"], io)).toBe(0);
      expect(out.join("\n")).toMatch(/Suchindex neu aufgebaut: \d+ Einträge\./);
    }
    expect((await search(t.platform, { q: "Kita" })).total).toBe(before);
  });
});
