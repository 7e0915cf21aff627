// A page on another origin of the same site (here: another port of 127.0.0.1, as a
// sibling subdomain would be) tries to make a signed-in organiser's browser write
// through the JSON API: a form post and a no-CORS fetch that carry the session cookie.
// Nothing may be created: the API reads bearer tokens only and takes only JSON.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeBrowser, newContext, type StartedServer, signInAs, startServer } from "./helpers/index.js";

let server: StartedServer;
let attacker: Server;
let attackerUrl: string;

let registrationId: string;

// Cancels a registration with a multipart form post (what once worked with the organiser's
// cookie), and tries to create an organisation with a no-CORS fetch.
const attackPage = (target: string) => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Gewinnspiel</title></head><body>
<form id="f" method="post" enctype="multipart/form-data" action="${target}/api/v1/registrations/${registrationId}/cancel"><input name="reason" value="x"></form>
<script>
  fetch(${JSON.stringify(`${target}/api/v1/organisations`)}, {
    method: "POST", mode: "no-cors", credentials: "include",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ name: "Kita Angriff Fetch", kind: "kita", areas: ["fruehkindlich"], municipality: "Celle" }),
  }).finally(() => document.getElementById("f").submit());
</script></body></html>`;

beforeAll(async () => {
  server = await startServer();
  const event = await server.platform.db.kysely
    .selectFrom("events")
    .select("id")
    .where("status", "in", ["published", "registration_open"])
    .where("starts_at", ">", new Date().toISOString())
    .orderBy("starts_at")
    .executeTakeFirstOrThrow();
  const res = await fetch(`${server.baseUrl}/api/v1/events/${event.id}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      firstName: "Erika",
      lastName: "Mustermann",
      email: "erika.cross-origin@example.org",
      organisation: "Kita Sonnenschein",
      consents: { privacy: true },
    }),
  });
  expect(res.status).toBe(201);
  registrationId = ((await res.json()) as { id: string }).id;
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(attackPage(server.baseUrl));
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await closeBrowser();
  await new Promise((resolve) => attacker?.close(resolve));
  await server?.close();
});

it("a page on another origin cannot cancel or create anything through the API with the organiser's session", async () => {
  const context = await newContext(server.baseUrl);
  const page = await context.newPage();
  await signInAs(page, "admin");
  const apiAnswers: number[] = [];
  page.on("response", (r) => {
    if (r.url().startsWith(`${server.baseUrl}/api/`)) apiAnswers.push(r.status());
  });
  await Promise.all([page.waitForURL((url) => url.href.startsWith(`${server.baseUrl}/api/`)), page.goto(attackerUrl)]);
  await page.waitForLoadState("load");
  // The form post arrived with the cookie and was refused; the fetch was refused as well.
  expect(apiAnswers.length).toBeGreaterThanOrEqual(1);
  for (const status of apiAnswers) expect([401, 415]).toContain(status);
  const stored = await server.platform.db.kysely
    .selectFrom("organisations")
    .select("name")
    .where("name", "like", "Kita Angriff%")
    .execute();
  expect(stored).toEqual([]);
  const registration = await server.platform.db.kysely
    .selectFrom("registrations")
    .select("status")
    .where("id", "=", registrationId)
    .executeTakeFirstOrThrow();
  expect(registration.status).not.toBe("cancelled");
  // The session itself still works on the site's own pages.
  const own = await page.goto(`${server.baseUrl}/verwaltung`);
  expect(own?.status()).toBe(200);
  await context.close();
});
