// Page-weight principle: the first visit of every main page (empty cache) transfers at
// most 120 KB in total. bench/page-weight.ts prints the same figures with details.
import { afterAll, beforeAll, expect, it } from "vitest";
import { kb, mainPages, measurePageWeights, PAGE_WEIGHT_BUDGET } from "../../bench/lib/page-weight.js";
import { closeBrowser, launchBrowser, type StartedServer, startServer } from "./helpers/index.js";

let server: StartedServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("keeps the first visit of each main page within 120 KB", async () => {
  const paths = await mainPages(server.baseUrl);
  expect(paths.length).toBeGreaterThanOrEqual(5);
  const weights = await measurePageWeights(await launchBrowser(), server.baseUrl, paths);
  const problems = weights
    .filter((w) => w.status !== 200 || w.bytes > PAGE_WEIGHT_BUDGET)
    .map(
      (w) =>
        `${w.path}: HTTP ${w.status}, ${kb(w.bytes)} in ${w.requests} Anfragen (Budget ${kb(PAGE_WEIGHT_BUDGET)}); ` +
        w.largest.map((l) => `${new URL(l.url).pathname} ${kb(l.bytes)}`).join(", "),
    );
  expect(problems, problems.join("\n")).toEqual([]);
});
