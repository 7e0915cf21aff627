import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { safeCell } from "../../lib/excel-csv.js";
import { translator } from "../../platform/i18n/i18n.js";
import { importOrganisations } from "./import.service.js";
import { checkImport, decodeCsv, detectSeparator } from "./import-csv.js";
import { kindChoices } from "./kinds.service.js";
import { adminActor, makeOrg, multipartBody } from "./test-fixtures.js";

let t: TestApp;
let admin: Browser;

const count = async () =>
  Number(
    (
      await t.platform.db.kysely
        .selectFrom("organisations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Uploads a file through the real multipart form (CSRF token as a form field). */
async function upload(browser: Browser, bytes: Buffer) {
  const page = await browser.get("/verwaltung/akteure/import");
  const form = /<form action="(\/verwaltung\/akteure\/import)" method="post" enctype="multipart\/form-data"/.exec(
    page.body,
  );
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!form?.[1] || !token) throw new Error("no multipart form with a CSRF field");
  const body = multipartBody("file", "akteure.csv", bytes, "text/csv", { _csrf: token });
  return t.app.inject({
    method: "POST",
    url: form[1],
    headers: { ...body.headers, cookie: browser.cookieHeader() },
    payload: body.payload,
  });
}

const hiddenContent = (html: string) => {
  const m = /name="content" value="([^"]*)"/.exec(html);
  return m?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#10;/g, "\n")
    .replace(/&#13;/g, "\r")
    .replace(/&amp;/g, "&");
};

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.platform, { role: "admin" });
  admin = new Browser(t.app);
  await signIn(admin, user.email, user.password);
});
afterAll(async () => t?.close());

const header = "Name;Art;Bildungsbereiche;Gemeinde;Straße;PLZ;Ort;Webseite;E-Mail;Telefon;Beschreibung;Themen";

describe("CSV import", () => {
  it("detects encodings and separators the way Excel writes them", () => {
    const utf8 = decodeCsv(Buffer.from("\uFEFFName;Ort\nÜber;Celle\n", "utf8"));
    expect(utf8).toEqual({ text: "Name;Ort\nÜber;Celle\n", encoding: "UTF-8" });
    const cp = decodeCsv(iconv.encode("Name;Straße\nFörderschule;Müllerweg\n", "win1252"));
    expect(cp.encoding).toBe("Windows-1252");
    expect(cp.text).toContain("Förderschule;Müllerweg");
    expect(detectSeparator('Name,Art,"Bildungsbereiche; mehrere"\n')).toBe(",");
    expect(detectSeparator("Name;Art;Gemeinde\n")).toBe(";");
  });

  it("previews a UTF-8 file with BOM, then imports all rows on confirmation", async () => {
    const csv = `\uFEFF${header}\r\nKita Importiert (Test);Kita;Frühkindliche Bildung;Celle;Trift 1;29221;Celle;www.example.org;info@example.org;05141 1;Neu;Sprachförderung\r\nGrundschule Importiert (Test);grundschule;schule, Übergang Schule–Beruf;Winsen;;;;;;;;\r\n`;
    const before = await count();
    const preview = await upload(admin, Buffer.from(csv, "utf8"));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Zeichensatz UTF-8");
    expect(preview.body).toContain("2 Zeilen fehlerfrei, 0 Zeilen mit Fehlern.");
    expect(preview.body).toContain("Kita Importiert (Test)");
    expect(await count()).toBe(before); // the preview stores nothing

    const content = hiddenContent(preview.body);
    expect(content).toContain("Kita Importiert (Test)");
    const confirmed = await admin.submit("/verwaltung/akteure/import", "/verwaltung/akteure/import/bestaetigen", {
      content: content ?? "",
      encoding: "UTF-8",
    });
    expect(confirmed.statusCode).toBe(303);
    expect(await count()).toBe(before + 2);
    const page = await t.app.inject("/akteure?q=importiert&gemeinde=Winsen+(Aller)");
    expect(page.body).toContain("Grundschule Importiert (Test)");
    const kita = await t.app.inject("/akteure/kita-importiert-test");
    expect(kita.body).toContain("https://www.example.org");
    expect(kita.body).toContain("Sprachförderung");
  });

  it("reads a Windows-1252 file separated by commas", async () => {
    const csv = `Name,Art,Bildungsbereiche,Gemeinde,Themen\r\nFörderverein Müllerstraße (Test),Verein,"Non-formale Bildung, Weiterbildung",Faßberg,"Übergänge, Lesen"\r\n`;
    const preview = await upload(admin, iconv.encode(csv, "win1252"));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Zeichensatz Windows-1252, Trennzeichen „,“");
    expect(preview.body).toContain("Förderverein Müllerstraße (Test)");
    const confirmed = await admin.submit("/verwaltung/akteure/import", "/verwaltung/akteure/import/bestaetigen", {
      content: hiddenContent(preview.body) ?? "",
      encoding: "Windows-1252",
    });
    expect(confirmed.statusCode).toBe(303);
    const page = await t.app.inject("/akteure?q=muellerstrasse");
    expect(page.body).toContain("Förderverein Müllerstraße (Test)");
  });

  it("reports every bad row in German and imports nothing", async () => {
    const csv = `${header}\nGute Zeile (Test);Kita;fruehkindlich;Celle;;;;;;;;\n;Kita;fruehkindlich;Celle;;;;;;;;\nFalsche Art (Test);Raumstation;schule;Celle;;;;;;;;\nFalscher Ort (Test);Kita;Mondbildung;Hannover;;123;;;kein-mail;;;\n`;
    const before = await count();
    const preview = await upload(admin, Buffer.from(csv, "utf8"));
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain("1 Zeile fehlerfrei, 3 Zeilen mit Fehlern.");
    expect(preview.body).toContain("Name: Bitte füllen Sie dieses Feld aus.");
    expect(preview.body).toContain("Art: „Raumstation“ ist keine bekannte Art.");
    expect(preview.body).toContain("„Mondbildung“ ist kein bekannter Bildungsbereich");
    expect(preview.body).toContain("„Hannover“ ist keine Gemeinde des Landkreises");
    expect(preview.body).toContain("fünfstellige Postleitzahl");
    expect(preview.body).toContain("gültige E-Mail-Adresse");
    expect(preview.body).toContain("Es wurde nichts importiert.");
    expect(preview.body).not.toContain("Jetzt importieren");
    // A confirmation with the same (bad) content is checked again and refused as a whole.
    const forced = await admin.submit("/verwaltung/akteure/import", "/verwaltung/akteure/import/bestaetigen", {
      content: csv,
      encoding: "UTF-8",
    });
    expect(forced.statusCode).toBe(422);
    expect(await count()).toBe(before);
  });

  it("reports the line numbers a spreadsheet shows, also after empty lines", async () => {
    const preview = checkImport(
      "Name;Art;Bildungsbereiche;Gemeinde\nA;Kita;schule;Celle\n\nB;Raumstation;schule;Celle\n",
      "UTF-8",
      await kindChoices(t.platform),
      translator("de"),
      "de",
    );
    expect(preview.rows.map((r) => [r.line, r.errors.length])).toEqual([
      [2, 0],
      [4, 1],
    ]);
  });

  it("names missing required columns and empty files", async () => {
    const missing = await upload(admin, Buffer.from("Name;Ort\nX;Celle\n"));
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Die Spalte „Art“ fehlt in der Kopfzeile.");
    const empty = await upload(admin, Buffer.from(`${header}\n`));
    expect(empty.body).toContain("keine Zeilen unter der Kopfzeile");
    const none = await upload(admin, Buffer.alloc(0));
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain("Bitte wählen Sie eine CSV-Datei aus.");
  });

  it("stores nothing when the transaction fails halfway", async () => {
    const db = t.platform.db.kysely;
    const kinds = await kindChoices(t.platform);
    const preview = checkImport(
      `${header}\nErste (Rollback);Kita;fruehkindlich;Celle;;;;;;;;\nZweite (Rollback);Kita;fruehkindlich;Celle;;;;;;;;\n`,
      "UTF-8",
      kinds,
      translator("de"),
      "de",
    );
    const inputs = preview.rows.flatMap((r) => (r.input ? [r.input] : []));
    expect(inputs).toHaveLength(2);
    // The second row names a kind that does not exist (removed meanwhile): nothing may remain.
    const broken = [inputs[0]!, { ...inputs[1]!, kind: "entfernt" }];
    const actor = await adminActor(t.platform);
    await expect(importOrganisations(t.platform, actor, broken)).rejects.toMatchObject({ status: 422 });
    const left = await db.selectFrom("organisations").select("id").where("name", "like", "%(Rollback)").execute();
    expect(left).toHaveLength(0);
  });

  it("is for admins only", async () => {
    const member = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    await signIn(browser, member.email, member.password);
    expect((await browser.get("/verwaltung/akteure/import")).statusCode).toBe(403);
    const page = await browser.get("/akteure");
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const body = multipartBody("file", "a.csv", Buffer.from(`${header}\nX;Kita;schule;Celle;;;;;;;;\n`), "text/csv", {
      _csrf: token,
    });
    const res = await t.app.inject({
      method: "POST",
      url: "/verwaltung/akteure/import",
      headers: { ...body.headers, cookie: browser.cookieHeader() },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(403);
    const confirm = await browser.post("/verwaltung/akteure/import/bestaetigen", {
      content: `${header}\nX;Kita;schule;Celle;;;;;;;;\n`,
      _csrf: token,
    });
    expect(confirm.statusCode).toBe(403);
  });
});

describe("export", () => {
  beforeAll(async () => {
    const actor = await adminActor(t.platform);
    await makeOrg(t.platform, actor, {
      name: "Export-Kita Sonnenschein",
      kind: "kita",
      areas: ["fruehkindlich", "non_formal"],
      municipality: "Hambühren",
      themes: ["Sprache; Lesen", "=Formel"],
      phone: "+49 5084 123",
      lat: 52.63,
      lon: 9.98,
    });
  });

  it("exports CSV for Excel (BOM, semicolons, German headers) with the list's filters", async () => {
    const res = await t.app.inject("/akteure/export.csv?gemeinde=Hamb%C3%BChren");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("akteure.csv");
    expect(res.body.startsWith("\uFEFFName;Art;Bildungsbereiche;Gemeinde;Straße;PLZ")).toBe(true);
    const lines = res.body.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      "Export-Kita Sonnenschein;Kita / Kindertagespflege;Frühkindliche Bildung, Non-formale Bildung;Hambühren",
    );
    expect(lines[1]).toContain('"Sprache; Lesen, =Formel"');
    expect(lines[1]).toContain("+49 5084 123");
    expect(lines[1]).toContain("/akteure/export-kita-sonnenschein");
  });

  it("neutralises formulas in cells but keeps phone numbers", () => {
    expect(safeCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("-2+3")).toBe("'-2+3");
    expect(safeCell("+49 5141 12-34")).toBe("+49 5141 12-34");
  });

  it("exports a real XLSX workbook", async () => {
    const res = await t.app.inject("/akteure/export.xlsx?gemeinde=Hamb%C3%BChren");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Akteure");
    expect(sheet?.getRow(1).getCell(1).value).toBe("Name");
    expect(sheet?.getRow(2).getCell(1).value).toBe("Export-Kita Sonnenschein");
    expect(sheet?.getRow(2).getCell(18).value).toBe(52.63);
  });

  it("exports JSON in the API's shape", async () => {
    const res = await t.app.inject("/akteure/export.json?q=sonnenschein");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      name: "Export-Kita Sonnenschein",
      kind: "kita",
      areas: ["fruehkindlich", "non_formal"],
      municipality: "Hambühren",
      geo: { lat: 52.63, lon: 9.98 },
    });
  });

  it("round-trips: an exported CSV can be imported again", async () => {
    const exported = await t.app.inject("/akteure/export.csv?q=sonnenschein");
    const kinds = await kindChoices(t.platform);
    const { text, encoding } = decodeCsv(exported.rawPayload);
    const preview = checkImport(text, encoding, kinds, translator("de"), "de");
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows[0]?.errors).toEqual([]);
    expect(preview.rows[0]?.input).toMatchObject({ kind: "kita", municipality: "Hambühren", lat: 52.63 });
  });
});

describe("CSV import: duplicates, web addresses, counts, only the good rows", () => {
  it("flags a row naming an organisation the directory has (name and municipality normalised) or an earlier row", async () => {
    await makeOrg(t.platform, await adminActor(t.platform), {
      name: "Kita Dublettenweg (Test)",
      municipality: "Südheide",
    });
    const csv = `${header}\nKITA  dublettenweg (test);Kita;fruehkindlich;Hermannsburg;;;;;;;;\nKita Dublettenweg (Test);Kita;fruehkindlich;Celle;;;;;;;;\nKita Dublettenweg (Test);Kita;fruehkindlich;Celle;;;;;;;;\n`;
    const preview = await upload(admin, Buffer.from(csv, "utf8"));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("2 Zeilen nennen Akteure, die es vermutlich schon gibt.");
    // The first row (Hermannsburg is part of Südheide) links to the entry that exists.
    expect(preview.body).toContain('href="/akteure/kita-dublettenweg-test"');
    // The third repeats the second, which exists in no other municipality.
    expect(preview.body).toContain("Mögliche Dublette von Zeile 3 der Datei.");
  });

  it("refuses a web address that is none, in German, instead of storing https://keine-url", async () => {
    const csv = `${header}\nKeine URL (Test);Kita;fruehkindlich;Celle;;;;keine-url;;;;\n`;
    const preview = await upload(admin, Buffer.from(csv, "utf8"));
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain("1 Zeile mit Fehlern");
    expect(preview.body).toContain("Webseite: Das ist keine vollständige Webadresse.");
    expect(preview.body).not.toContain("https://keine-url");
  });

  it("says 1 Zeile in the singular and counts the confirmation the same way", async () => {
    const csv = `${header}\nEinzeln (Test);Kita;fruehkindlich;Celle;;;;www.example.org;;;;\n`;
    const preview = await upload(admin, Buffer.from(csv, "utf8"));
    expect(preview.body).toContain("1 Zeile fehlerfrei, 0 Zeilen mit Fehlern.");
    expect(preview.body).toContain("1 Akteur wird angelegt und sofort veröffentlicht.");
    expect(preview.body).not.toMatch(/\b1 Zeilen\b/);
  });

  it("imports only the rows without errors when asked, and names the skipped lines", async () => {
    const csv = `${header}\nNur gut A (Test);Kita;fruehkindlich;Celle;;;;;;;;\nNur schlecht (Test);Raumstation;schule;Celle;;;;;;;;\nNur gut B (Test);Kita;fruehkindlich;Bergen;;;;;;;;\n`;
    const preview = await upload(admin, Buffer.from(csv, "utf8"));
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain("Nur die fehlerfreien Zeilen importieren");
    expect(preview.body).toContain("Übersprungen wird Zeile 3.");
    const before = await count();
    // Without the choice the bad row still stops everything.
    const all = await admin.submit("/verwaltung/akteure/import", "/verwaltung/akteure/import/bestaetigen", {
      content: csv,
      encoding: "UTF-8",
    });
    expect(all.statusCode).toBe(422);
    expect(await count()).toBe(before);
    const only = await admin.submit("/verwaltung/akteure/import", "/verwaltung/akteure/import/bestaetigen", {
      content: csv,
      encoding: "UTF-8",
      nurFehlerfreie: "1",
    });
    expect(only.statusCode).toBe(303);
    expect(await count()).toBe(before + 2);
    const list = await admin.get("/verwaltung/akteure");
    expect(list.body).toContain("2 Akteure wurden importiert. Übersprungen wurde Zeile 3 (mit Fehlern).");
  });
});

describe("web addresses in the form and the API", () => {
  it("refuses keine-url in the organisation form with a German message", async () => {
    const res = await admin.submit("/verwaltung/akteure/neu", "/verwaltung/akteure/neu", {
      name: "Formular ohne URL (Test)",
      kind: "kita",
      areas: "fruehkindlich",
      municipality: "Celle",
      website: "keine-url",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Das ist keine vollständige Webadresse.");
    const ok = await admin.submit("/verwaltung/akteure/neu", "/verwaltung/akteure/neu", {
      name: "Formular mit URL (Test)",
      kind: "kita",
      areas: "fruehkindlich",
      municipality: "Celle",
      website: "www.kita-beispiel.de/start",
    });
    expect(ok.statusCode).toBe(303);
  });

  it("refuses a one-word host in the API", async () => {
    const a = await adminActor(t.platform);
    const body = { name: "API ohne URL (Test)", kind: "kita", areas: ["fruehkindlich"], municipality: "Celle" };
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: { authorization: a.authorization },
      payload: { ...body, website: "https://keine-url" },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("keine vollständige Webadresse");
    const good = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: { authorization: a.authorization },
      payload: { ...body, website: "https://www.example.org" },
    });
    expect(good.statusCode).toBe(201);
  });
});
