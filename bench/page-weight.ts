// Page weight of a first visit (empty cache) of the main pages, against the budget of
// 120 KB transferred per page (HTML, CSS, scripts, images, fonts — everything).
//   npx tsx bench/page-weight.ts
// Exit code 1 when a page is over budget. The browser test tests/e2e/page-weight.test.ts
// checks the same budget in every test run.
import { closeBrowser, launchBrowser } from "../tests/e2e/helpers/browser.js";
import { describeMachine } from "./lib/machine.js";
import { kb, mainPages, measurePageWeights, PAGE_WEIGHT_BUDGET } from "./lib/page-weight.js";
import { startBenchServer } from "./lib/server.js";

const server = await startBenchServer();
const browser = await launchBrowser();
try {
  console.log(`Seitengewicht beim ersten Besuch (leerer Cache), Budget ${kb(PAGE_WEIGHT_BUDGET)} je Seite`);
  console.log(`Maschine: ${describeMachine()}, ${browser.version()}`);
  const weights = await measurePageWeights(browser, server.baseUrl, await mainPages(server.baseUrl));
  console.log("");
  console.log("| Seite | Anfragen | übertragen | größte Anteile |");
  console.log("| --- | ---: | ---: | --- |");
  for (const w of weights) {
    const parts = w.largest.map((l) => `${new URL(l.url).pathname} ${kb(l.bytes)}`).join(", ");
    const flag = w.bytes > PAGE_WEIGHT_BUDGET ? " **über Budget**" : "";
    console.log(`| \`${w.path}\` | ${w.requests} | ${kb(w.bytes)}${flag} | ${parts} |`);
  }
  const over = weights.filter((w) => w.bytes > PAGE_WEIGHT_BUDGET || w.status >= 400);
  if (over.length) {
    console.error(
      `\nÜber Budget oder fehlerhaft: ${over.map((w) => `${w.path} (${kb(w.bytes)}, HTTP ${w.status})`).join(", ")}`,
    );
    process.exitCode = 1;
  }
} finally {
  await closeBrowser();
  await server.stop();
}
