import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { modules } from "../index.js";
import { demoAgreement } from "./demo.js";

// The demo's 2025 Kita Fachtag, as on first start: its result about the shared Leitbild vom
// Kind, the agreement between Kita Am Mühlenbach and Grundschule Am Beispielweg as a
// cooperation proposal, and the archive with about 150 participants and both downloads.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const ctx = { platform: t.platform, announce: () => {} };
  for (const m of modules) await m.seedDemo?.(ctx);
  await modules.find((m) => m.name === "outcomes")?.seedDemo?.(ctx); // a second start adds nothing
}, 120_000);
afterAll(async () => t?.close());

const fachtag = "Kindliche Entwicklung stärken – Schätze statt Schwächen";
const textOf = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("demo outcomes", () => {
  it("proposes the agreement as a cooperation with origin 'Fachtag <title>', once", async () => {
    const rows = await t.platform.db.kysely
      .selectFrom("cooperations")
      .selectAll()
      .where("title", "=", demoAgreement)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ origin: `Fachtag ${fachtag}`, status: "proposed" });
    expect(rows[0]?.origin_event_id).toEqual(expect.any(String));
    const agreements = await t.platform.db.kysely.selectFrom("event_agreements").select("cooperation_id").execute();
    expect(agreements).toEqual([{ cooperation_id: rows[0]?.id }]);
  });

  it("the public archive shows the Fachtag with about 150 participants, the result and both downloads", async () => {
    const page = textOf((await t.app.inject("/fachtage/archiv")).body);
    const start = page.indexOf(`>${fachtag}</a>`);
    expect(start).toBeGreaterThan(0);
    const card = page.slice(start, page.indexOf("</li>", page.indexOf("events-downloads", start)));
    // 150 registered; where the demo checked people in, those present are named first.
    expect(card).toMatch(/150 Teilnehmende|\d+ Teilnehmende \(anwesend; 150 angemeldet\)/);
    expect(card).toContain(
      "ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure",
    );
    expect(page).toContain("Dokumentation: Schätze statt Schwächen</a>");
    expect(page).toContain("Pressemitteilung: Schätze statt Schwächen</a>");
  });

  it("the Fachtag's page is its documentation: programme, results, agreement with status, downloads, no registration", async () => {
    const slug = (
      await t.platform.db.kysely
        .selectFrom("events")
        .select("slug")
        .where("title", "=", fachtag)
        .executeTakeFirstOrThrow()
    ).slug;
    const page = textOf((await t.app.inject(`/fachtage/${slug}`)).body);
    for (const id of ['id="programm"', 'id="ergebnisse"', 'id="vereinbarungen"', 'id="dokumente"'])
      expect(page).toContain(id);
    expect(page).toContain(demoAgreement);
    expect(page).toContain("Stand: in Arbeit");
    expect(page).toContain("Kooperation im Netzwerk: vorgeschlagen, bestätigt von 0 von 2");
    expect(page).not.toContain('id="anmeldung"');
  });
});
