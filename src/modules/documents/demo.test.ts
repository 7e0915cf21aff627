import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { eventsModule } from "../events/index.js";
import { documentsModule } from "./index.js";

// The past 2024 and 2025 demo Fachtage: on first start the archive shows their documentation and press release.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const ctx = { platform: t.platform, announce: () => {} };
  await eventsModule.seedDemo?.(ctx);
  await documentsModule.seedDemo?.(ctx);
  await documentsModule.seedDemo?.(ctx); // a second start adds nothing
});
afterAll(async () => t?.close());

describe("demo documents", () => {
  it("lists the documentation and the press release of the 2024 Fachtag in the archive, once each", async () => {
    const archive = await t.app.inject("/fachtage/archiv");
    expect(archive.body.match(/Dokumentation des Fachtags<\/a>/g)).toHaveLength(1);
    expect(archive.body).toMatch(/Dokumentation \(PDF, \d+ KB\)/);
    expect(archive.body).toMatch(/Pressemitteilung \(PDF, \d+ KB\)/);
  });

  it("gives the 2025 Kita Fachtag its documentation and press release too, once each", async () => {
    const archive = await t.app.inject("/fachtage/archiv");
    expect(archive.body.match(/Dokumentation: Schätze statt Schwächen<\/a>/g)).toHaveLength(1);
    expect(archive.body.match(/Pressemitteilung: Schätze statt Schwächen<\/a>/g)).toHaveLength(1);
  });

  it("serves a real PDF with German text", async () => {
    const archive = await t.app.inject("/fachtage/archiv");
    const href = /href="([^"]+)">Pressemitteilung zum Fachtag<\/a>/.exec(archive.body)?.[1];
    const res = await t.app.inject(href as string);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), { mergePages: true });
    expect(text).toContain("Fachtag bringt Kitas, Schulen und Integrationsprojekte zusammen");
  });
});
