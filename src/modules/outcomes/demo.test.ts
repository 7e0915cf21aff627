import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createApiToken } from "../../platform/auth/api-tokens.js";
import { modules } from "../index.js";
import { demoAgreement } from "./demo.js";

// The demo's 2025 Kita Fachtag, as on first start: its result about the shared Leitbild vom
// Kind, the agreement between Kita Am Mühlenbach and Grundschule Am Beispielweg as a
// cooperation proposal, and the archive with about 150 participants and both downloads.
// The 2024 and 2026 Fachtage have results and agreements too, two of which the partners
// turned into cooperations; the reports compare 2024, 2025 and 2026.

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
    const agreements = await t.platform.db.kysely
      .selectFrom("event_agreements")
      .select("cooperation_id")
      .where("event_id", "=", rows[0]?.origin_event_id as string)
      .execute();
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

  it("the 2024 and 2026 Fachtage show results and agreements; confirmed cooperations started after each", async () => {
    const db = t.platform.db.kysely;
    const rows = await db
      .selectFrom("event_agreements as a")
      .innerJoin("events as e", "e.id", "a.event_id")
      .leftJoin("cooperations as c", "c.id", "a.cooperation_id")
      .select(["e.title as fachtag", "a.status", "c.status as cooperation", "c.starts_on"])
      .where("e.title", "in", [
        "Migrationsbedingte Vielfalt in der Bildung",
        "Ganztag gemeinsam gestalten – Grundschulen und ihre Partner",
      ])
      .orderBy("c.starts_on")
      .execute();
    expect(rows.map((r) => [r.fachtag.slice(0, 8), r.status, r.cooperation, r.starts_on])).toEqual([
      ["Migratio", "done", "active", "2024-04-15"],
      ["Migratio", "done", "active", "2024-09-02"],
      ["Ganztag ", "open", "proposed", "2026-09-25"],
      ["Ganztag ", "in_progress", "active", "2026-11-02"],
    ]);
    const slug = (
      await db
        .selectFrom("events")
        .select("slug")
        .where("title", "=", "Ganztag gemeinsam gestalten – Grundschulen und ihre Partner")
        .executeTakeFirstOrThrow()
    ).slug;
    const page = textOf((await t.app.inject(`/fachtage/${slug}`)).body);
    expect(page).toContain("Guter Ganztag entsteht vor Ort");
    expect(page).toContain("Musikschule und Grundschule Allerwiesen planen ein Instrumentenkarussell im Ganztag");
  });

  it("the demo editor's summary of 2024, 2025 and 2026 has registrations, attendance and new cooperations each year", async () => {
    const db = t.platform.db.kysely;
    const editor = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "redaktion@bildungsnetz.example")
      .executeTakeFirstOrThrow();
    const { token } = await createApiToken(db, editor.id, "Test");
    const summary = async (year: number) => {
      const res = await t.app.inject({
        url: `/api/v1/reports/summary?from=${year}-01-01&to=${year}-12-31`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const [y2024, y2025, y2026] = [await summary(2024), await summary(2025), await summary(2026)];
    expect([y2024, y2025, y2026].map((s) => s.events)).toEqual([1, 1, 1]);
    expect([y2024, y2025, y2026].map((s) => s.registrations)).toMatchObject([
      { total: 92, confirmed: 60, present: 53, noShow: 7, waitlistOnly: 26 },
      { total: 150, confirmed: 150, present: 146, noShow: 4, waitlistOnly: 0 },
      { total: 104, confirmed: 90, present: 81, noShow: 9, waitlistOnly: 9 },
    ]);
    for (const s of [y2024, y2025, y2026]) {
      expect(s.cooperations.started).toBeGreaterThan(3);
      // Participants came from several municipalities; some municipalities sent nobody.
      const sent = Object.entries(s.participantsByMunicipality).filter(
        ([m, n]) => m !== "ohne_angabe" && Number(n) > 0,
      );
      expect(sent.length).toBeGreaterThan(3);
      expect(Object.values(s.participantsByMunicipality)).toContain(0);
    }
    expect(Object.keys(y2024.participantsByKind).length).toBeGreaterThan(5);
    // Most of them name their organisation from the directory, so the areas can be counted.
    const linked = await db
      .selectFrom("registrations as r")
      .innerJoin("events as e", "e.id", "r.event_id")
      .innerJoin("organisations as o", "o.id", "r.organisation_id")
      .select("e.title")
      .where("r.status", "=", "confirmed")
      .where("e.title", "in", [
        "Migrationsbedingte Vielfalt in der Bildung",
        "Ganztag gemeinsam gestalten – Grundschulen und ihre Partner",
      ])
      .execute();
    expect(linked.length).toBeGreaterThan(100);
    expect(y2026.participantsByKind.verein).toBeGreaterThan(0);
    expect(y2024.cooperations.startedAtFachtag).toBeGreaterThan(y2025.cooperations.startedAtFachtag);
    expect(y2026.cooperations.startedAtFachtag).toBeGreaterThan(0);
  });
});
