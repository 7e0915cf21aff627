import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { currentMunicipality, municipalities, municipalityOptions } from "./index.js";
import { up as moveFormerMunicipalities } from "./migrations/2026-12-02-0310-directory-municipalities.js";
import { adminActor, makeOrg } from "./test-fixtures.js";

// The filter form (folded, clean addresses) and the one list of municipalities.

let t: TestApp;
let authorization: string;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await adminActor(t.platform);
  authorization = admin.authorization;
  await makeOrg(t.platform, admin, { name: "Heidekita (Test)", kind: "kita", municipality: "Südheide" });
});
afterAll(async () => t?.close());

describe("the filter form", () => {
  it("folds the filters behind one Filter control that works without JavaScript", async () => {
    const page = await t.app.inject("/akteure");
    expect(page.body).toMatch(/<details class="kern-accordion directory-filter__more">\s*<summary[^>]*>.*Filter</s);
    const filtered = await t.app.inject("/akteure?art=kita&gemeinde=S%C3%BCdheide");
    expect(filtered.body).toContain("Filter (2 aktiv)");
    const map = await t.app.inject("/akteure/karte");
    expect(map.body).toContain('class="kern-accordion directory-filter__more"');
  });

  it.each([
    ["/akteure?q=&art=&bereich=&zielgruppe=&gemeinde=&thema=&sprache=&partnerart=&sortierung=", "/akteure"],
    ["/akteure?q=kita&art=&bereich=&gemeinde=S%C3%BCdheide", "/akteure?q=kita&gemeinde=S%C3%BCdheide"],
    ["/akteure/karte?q=&art=kita&bereich=", "/akteure/karte?art=kita"],
    ["/angebote?q=&art=&bereich=&gemeinde=", "/angebote"],
    ["/akteure?gemeinde=Celle&seite=1", "/akteure?gemeinde=Celle"],
  ])("answers %s with a 302 to %s", async (from, to) => {
    const res = await t.app.inject(from);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(to);
  });

  it("leaves a clean address alone", async () => {
    expect((await t.app.inject("/akteure?q=kita&seite=2")).statusCode).toBe(200);
    expect((await t.app.inject("/akteure")).statusCode).toBe(200);
  });
});

describe("the municipalities of the Landkreis Celle", () => {
  it("are today's: towns, municipalities, Lohheide and the members of the Samtgemeinden", () => {
    expect([...municipalities].sort()).toEqual(
      [
        "Adelheidsdorf",
        "Ahnsbeck",
        "Beedenbostel",
        "Bergen",
        "Bröckel",
        "Celle",
        "Eicklingen",
        "Eldingen",
        "Eschede",
        "Faßberg",
        "Hambühren",
        "Hohne",
        "Lachendorf",
        "Langlingen",
        "Lohheide",
        "Nienhagen",
        "Südheide",
        "Wathlingen",
        "Wienhausen",
        "Wietze",
        "Winsen (Aller)",
      ].sort(),
    );
    expect(municipalities[0]).toBe("Celle");
    expect(municipalityOptions().find((o) => o.value === "Bröckel")?.label).toBe("Bröckel (Samtgemeinde Flotwedel)");
    expect(currentMunicipality("Hermannsburg")).toBe("Südheide");
    expect(currentMunicipality("Unterlüß")).toBe("Südheide");
  });

  it("is the list every directory form offers; former names are no choice", async () => {
    const form = await t.app.inject("/akteure/vorschlagen");
    expect(form.body).toContain('<option value="Lohheide">Lohheide (gemeindefreier Bezirk)</option>');
    expect(form.body).not.toContain('value="Hermannsburg"');
    expect(form.body).not.toContain('value="Unterlüß"');
    const offers = await t.app.inject("/angebote");
    expect(offers.body).toContain('<option value="Südheide">Südheide</option>');
    expect(offers.body).not.toContain('value="Hermannsburg"');
  });

  it("takes a former name from the API as today's municipality, and old bookmarks still find it", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: { authorization },
      payload: { name: "Schule Örtze (Test)", kind: "grundschule", areas: ["schule"], municipality: "Hermannsburg" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().municipality).toBe("Südheide");
    const bookmark = await t.app.inject("/akteure?gemeinde=Hermannsburg");
    expect(bookmark.body).toContain("Schule Örtze (Test)");
    expect(bookmark.body).toContain("Heidekita (Test)");
  });

  it("moves rows stored with a former name to Südheide", async () => {
    const db = t.platform.db.kysely;
    const org = await makeOrg(t.platform, await adminActor(t.platform), {
      name: "Altbestand (Test)",
      municipality: "Celle",
    });
    await db.updateTable("organisations").set({ municipality: "Unterlüß" }).where("id", "=", org.id).execute();
    // Until the migration has run, the page shows today's name anyway.
    expect((await t.app.inject(`/akteure/${org.slug}`)).body).toContain("Südheide");
    await moveFormerMunicipalities(db);
    const row = await db
      .selectFrom("organisations")
      .select("municipality")
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(row.municipality).toBe("Südheide");
  });
});
