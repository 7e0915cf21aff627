import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { accountsModule } from "../accounts/index.js";
import { directoryModule } from "../directory/index.js";
import { exchangeModule, listPublishedPosts } from "./index.js";

// On first start the Austausch shows the practice example of the school's social work, the
// Kita's hall on Friday afternoons and a Verein's request for a room — same town, same themes.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const ctx = { platform: t.platform, announce: () => {} };
  await accountsModule.seedDemo?.(ctx);
  await directoryModule.seedDemo?.(ctx);
  await exchangeModule.seedDemo?.(ctx);
  await exchangeModule.seedDemo?.(ctx); // a second start adds nothing
});
afterAll(async () => t?.close());

describe("demo posts", () => {
  it("lists the practice example, the offer and the request once each", async () => {
    const list = await t.app.inject("/austausch");
    for (const title of [
      "Sprachförderung für neu zugewanderte Kinder",
      "Turnhalle freitags nachmittags",
      "Raum für Kinderturnen in Celle gesucht",
    ]) {
      expect(list.body.split(`>${title}</a>`).length - 1, title).toBe(1);
    }
  });

  it("makes the Kita's hall and the Verein's request findable together: open, Celle, theme Räume", async () => {
    const open = await listPublishedPosts(t.platform.db.kysely, { open: true, theme: "Räume", municipality: "Celle" });
    expect(open.map((p) => [p.kind, p.organisationName]).sort()).toEqual([
      ["offer", "Kita Sonnenblume (fiktiv)"],
      ["request", "Sportverein Eintracht Eschede (fiktiv)"],
    ]);
    const [practice] = await listPublishedPosts(t.platform.db.kysely, { kind: "practice" });
    expect(practice?.organisationName).toBe("Grundschule Am Beispielweg (fiktiv)");
    expect(practice?.practice?.transfer).toBeTruthy();
  });

  it("has posts of 2024, 2025 and 2026 behind them, offers and requests of those years marked erledigt or ended", async () => {
    const db = t.platform.db.kysely;
    const rows = await db
      .selectFrom("exchange_posts")
      .select(["kind", "status", "created_at", "valid_until"])
      .execute();
    for (const year of ["2024", "2025", "2026"]) {
      const of = rows.filter((r) => r.created_at.startsWith(year));
      expect(new Set(of.map((r) => r.kind)).size, year).toBeGreaterThan(3);
      expect(of.filter((r) => r.status === "done").length, year).toBeGreaterThan(0);
    }
    // Still open are only the Kita's hall and the Verein's request.
    const open = await listPublishedPosts(db, { open: true });
    expect(open.map((p) => p.title).sort()).toEqual([
      "Raum für Kinderturnen in Celle gesucht",
      "Turnhalle freitags nachmittags",
    ]);
  });
});
