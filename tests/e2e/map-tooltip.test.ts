// A stored name is shown as text on the map: Leaflet writes a string tooltip as HTML, so
// the map script passes a text node. The page's CSP would stop a script, but not markup.
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminActor, makeOrg } from "../../src/modules/directory/test-fixtures.js";
import { closeBrowser, newContext, type StartedServer, startServer } from "./helpers/index.js";

const NAME = 'Kita <b id="injected">Fett</b><img src="x" id="img-injected"> Tooltip';

let server: StartedServer;

beforeAll(async () => {
  server = await startServer({ seedDemo: false });
  const admin = await adminActor(server.platform);
  await makeOrg(server.platform, admin, { name: NAME, kind: "kita", areas: ["fruehkindlich"], lat: 52.62, lon: 10.08 });
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

it("shows an organisation's name in the map tooltip as text, never as markup", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  await page.goto("/akteure/karte");
  await page.waitForSelector("#directory-map.leaflet-container path.leaflet-interactive");
  await page.locator("#directory-map path.leaflet-interactive").first().hover();
  const tooltip = page.locator(".leaflet-tooltip");
  await tooltip.waitFor();
  expect(await tooltip.textContent()).toBe(NAME);
  expect(await page.locator("#injected, #img-injected").count()).toBe(0);
  await context.close();
});
