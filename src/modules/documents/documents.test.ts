import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { acceptedTypes, formatSize } from "./kinds.js";
import { createFachtag, type FixtureEvent, multipart, pngHeader, samplePdf } from "./test-fixtures.js";

let t: TestApp;
let organiser: Browser;
let organiserId: string;
let organiserToken: string;
let otherToken: string;
let ev: FixtureEvent;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  organiser = new Browser(t.app);
  organiserId = (await signInAs(t.platform, organiser, "editor")).id;
  organiserToken = (await createUserWithToken(t.platform, "admin")).authorization;
  otherToken = (await createUserWithToken(t.platform, "editor")).authorization;
  ev = await createFachtag(t.platform, { createdBy: organiserId });
});
afterAll(async () => t?.close());

const pagePath = () => `/verwaltung/fachtage/${ev.id}/dokumente`;

/** Posts the organiser's upload form (multipart, with the page's CSRF token). */
async function uploadForm(
  fields: Record<string, string>,
  file?: { filename: string; data: Buffer },
  as: Browser = organiser,
  eventId = ev.id,
) {
  const page = await as.get(`/verwaltung/fachtage/${eventId}/dokumente`);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const body = multipart({ kind: "documentation", ...fields, _csrf: token }, file);
  return t.app.inject({
    method: "POST",
    url: `/verwaltung/fachtage/${eventId}/dokumente`,
    headers: { cookie: as.cookieHeader(), "content-type": body.contentType },
    payload: body.payload,
  });
}

async function uploadApi(
  fields: Record<string, string>,
  file?: { filename: string; data: Buffer },
  authorization = organiserToken,
  app = t.app,
  eventId = ev.id,
) {
  const body = multipart(fields, file);
  return app.inject({
    method: "POST",
    url: `/api/v1/events/${eventId}/documents`,
    headers: { authorization, "content-type": body.contentType },
    payload: body.payload,
  });
}

const countRows = async () =>
  (await t.platform.db.kysely.selectFrom("event_documents").select("id").where("event_id", "=", ev.id).execute())
    .length;

const linkTo = (body: string, title: string) =>
  new RegExp(`href="(/fachtage/[^"]+/dokumente/[^"]+)">${title}</a>`).exec(body)?.[1];

describe("uploading on the organiser page", () => {
  it("lists a public PDF on the Fachtag's page with kind, format and size", async () => {
    const pdf = await samplePdf("Dokumentation Übergänge");
    const res = await uploadForm(
      { title: "Dokumentation des Fachtags", public: "on" },
      { filename: "Doku Übergänge.pdf", data: pdf },
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe(pagePath());
    const list = await organiser.get(pagePath());
    expect(list.body).toContain("Doku Übergänge.pdf");

    const page = await t.app.inject(`/fachtage/${ev.slug}`);
    expect(page.body).toContain("Dokumentation und Downloads");
    expect(page.body).toContain(`Dokumentation (PDF, ${formatSize(pdf.length, "de")})`);
    expect(page.body).toMatch(/Dokumentation \(PDF, \d+ KB\)/);
    expect(linkTo(page.body, "Dokumentation des Fachtags")).toBeDefined();
  });

  it("serves the download as an attachment with its sniffed type, nosniff and a public cache with ETag", async () => {
    const page = await t.app.inject(`/fachtage/${ev.slug}`);
    const href = linkTo(page.body, "Dokumentation des Fachtags") as string;
    const file = await t.app.inject(href);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.headers["content-disposition"]).toBe(
      `attachment; filename="Doku Uebergaenge.pdf"; filename*=UTF-8''Doku%20%C3%9Cberg%C3%A4nge.pdf`,
    );
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["cache-control"]).toBe("public, max-age=3600");
    expect(file.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const etag = String(file.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await t.app.inject({ url: href, headers: { "if-none-match": etag } })).statusCode).toBe(304);
  });

  it("keeps an internal document off the public page and unknown (404) to anonymous visitors", async () => {
    const res = await uploadForm(
      { kind: "result", title: "Internes Protokoll der Steuerungsgruppe" },
      { filename: "intern.pdf", data: await samplePdf("Intern") },
    );
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject(`/fachtage/${ev.slug}`);
    expect(page.body).not.toContain("Internes Protokoll");
    const list = await organiser.get(pagePath());
    const href = /href="([^"]+\/intern\.pdf)"/.exec(list.body)?.[1];
    expect(href).toBeDefined();
    expect((await t.app.inject(href as string)).statusCode).toBe(404);
    const own = await organiser.get(href as string);
    expect(own.statusCode).toBe(200);
    expect(own.headers["cache-control"]).toBe("private, no-store");
    expect(own.headers.etag).toBeUndefined();
  });

  it("refuses HTML, SVG and scripts renamed to allowed names, beside the field, and stores nothing", async () => {
    const before = await countRows();
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>');
    const script = Buffer.from("#!/bin/sh\necho hallo\n");
    for (const [filename, data] of [
      ["doku.pdf", html],
      ["seite.html", html],
      ["bild.png", svg],
      ["bild.svg", svg],
      ["folien.pptx", script],
    ] as const) {
      const res = await uploadForm({ title: "Versuch", public: "on" }, { filename, data });
      expect(res.statusCode, filename).toBe(422);
      expect(res.body).toContain("Dieser Dateityp ist nicht erlaubt.");
      expect(res.body).toContain('id="f-file-error"');
      expect(res.body).toContain('value="Versuch"'); // the typed title is kept
    }
    expect(await countRows()).toBe(before);
  });

  it("asks for alt text for an image, beside the field", async () => {
    const before = await countRows();
    const res = await uploadForm(
      { kind: "graphic_recording", title: "Graphic Recording", public: "on" },
      { filename: "recording.png", data: pngHeader },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte beschreiben Sie, was das Bild zeigt.");
    expect(res.body).toContain('id="f-altText-error"');
    expect(res.body).toContain("Bitte wählen Sie die Datei noch einmal aus.");
    expect(await countRows()).toBe(before);
  });

  it("refuses a missing file and a missing title", async () => {
    const res = await uploadForm({ title: "" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
    const noFile = await uploadForm({ title: "Ohne Datei" });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.body).toContain("Bitte wählen Sie eine Datei aus.");
  });

  it("shows the slides of a talk at that programme item", async () => {
    const res = await uploadForm(
      { kind: "presentation", title: "Folien zum Vortrag", public: "on", sessionId: ev.talkId },
      { filename: "folien.pdf", data: await samplePdf("Folien") },
    );
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject(`/fachtage/${ev.slug}`);
    const programme = page.body.slice(page.body.indexOf('id="programm"'), page.body.indexOf('id="dokumente"'));
    expect(programme).toContain("Folien zum Vortrag");
    expect(programme).toMatch(/Präsentation \(PDF, \d+ KB\)/);
    expect(programme).toContain('aria-label="Downloads zu Vortrag: Das Bild vom Kind"');
  });

  it("edits title and visibility, and deletes the file from storage too", async () => {
    const res = await uploadForm(
      { kind: "press_release", title: "Pressemitteilung", public: "on" },
      { filename: "presse.pdf", data: await samplePdf("Presse") },
    );
    expect(res.statusCode).toBe(303);
    const row = await t.platform.db.kysely
      .selectFrom("event_documents")
      .selectAll()
      .where("title", "=", "Pressemitteilung")
      .executeTakeFirstOrThrow();
    const edit = `${pagePath()}/${row.id}`;
    expect((await organiser.get(edit)).body).toContain("Pressemitteilung");
    const saved = await organiser.submit(edit, edit, { kind: "press_release", title: "Pressemitteilung (intern)" });
    expect(saved.statusCode).toBe(303);
    const page = await t.app.inject(`/fachtage/${ev.slug}`);
    expect(page.body).not.toContain("Pressemitteilung");

    expect(await t.platform.storage.get(row.storage_key)).toBeDefined();
    const deleted = await organiser.submit(edit, `${edit}/loeschen`, {});
    expect(deleted.statusCode).toBe(303);
    expect(await t.platform.storage.get(row.storage_key)).toBeUndefined();
    expect((await organiser.get(edit)).statusCode).toBe(404);
  });

  it("removes the stored files when a draft Fachtag is deleted", async () => {
    const draft = await createFachtag(t.platform, { createdBy: organiserId, status: "draft" });
    const res = await uploadForm(
      { title: "Entwurfsdatei" },
      { filename: "entwurf.pdf", data: await samplePdf("Entwurf") },
      organiser,
      draft.id,
    );
    expect(res.statusCode).toBe(303);
    const row = await t.platform.db.kysely
      .selectFrom("event_documents")
      .select("storage_key")
      .where("event_id", "=", draft.id)
      .executeTakeFirstOrThrow();
    expect(await t.platform.storage.get(row.storage_key)).toBeDefined();
    const path = `/verwaltung/fachtage/${draft.id}/loeschen`;
    const deleted = await organiser.submit(path, path, {});
    expect(deleted.statusCode, deleted.body.slice(0, 300)).toBe(303);
    expect(await t.platform.storage.get(row.storage_key)).toBeUndefined();
    const left = await t.platform.db.kysely
      .selectFrom("event_documents")
      .select("id")
      .where("event_id", "=", draft.id)
      .execute();
    expect(left).toHaveLength(0);
  });

  it("is closed to members, other editors and anonymous visitors", async () => {
    const member = new Browser(t.app);
    await signInAs(t.platform, member, "member");
    const other = new Browser(t.app);
    await signInAs(t.platform, other, "editor");
    expect((await member.get(pagePath())).statusCode).toBe(403);
    expect((await other.get(pagePath())).statusCode).toBe(403);
    expect((await t.app.inject(pagePath())).statusCode).toBe(401);
  });
});

describe("past Fachtage and the archive", () => {
  it("shows the downloads on a past Fachtag's page and in the archive", async () => {
    const past = await createFachtag(t.platform, { createdBy: organiserId, startsInDays: -40, status: "documented" });
    const res = await uploadForm(
      { title: "Dokumentation vom Frühjahr", public: "on" },
      { filename: "doku.pdf", data: await samplePdf("Rückblick") },
      organiser,
      past.id,
    );
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject(`/fachtage/${past.slug}`);
    expect(page.body).toContain("Dokumentation vom Frühjahr");
    expect(page.body).not.toContain('id="anmeldung"');
    const archive = await t.app.inject("/fachtage/archiv");
    expect(archive.body).toContain("Dokumentation vom Frühjahr");
    expect(archive.body).toMatch(/Dokumentation \(PDF, \d+ KB\)/);
  });
});

describe("API", () => {
  it("uploads with 201 and the contract's fields, and lists public ones for everybody, all for organisers", async () => {
    const pdf = await samplePdf("API");
    const res = await uploadApi(
      { kind: "documentation", title: "Dokumentation (API)", public: "true" },
      { filename: "api.pdf", data: pdf },
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ kind: "documentation", title: "Dokumentation (API)", size: pdf.length, public: true });
    expect(body.url).toMatch(new RegExp(`^https?://[^/]+/fachtage/${ev.slug}/dokumente/${body.id}/api\\.pdf$`));
    const internal = await uploadApi(
      { kind: "other", title: "Nur intern (API)", public: "false" },
      { filename: "x.pdf", data: pdf },
    );
    expect(internal.statusCode).toBe(201);

    const open = await t.app.inject(`/api/v1/events/${ev.id}/documents`);
    expect(open.statusCode).toBe(200);
    const titles = open.json().items.map((d: { title: string }) => d.title);
    expect(titles).toContain("Dokumentation (API)");
    expect(titles).not.toContain("Nur intern (API)");
    const all = await t.app.inject({
      url: `/api/v1/events/${ev.id}/documents`,
      headers: { authorization: organiserToken },
    });
    expect(all.json().items.map((d: { title: string }) => d.title)).toContain("Nur intern (API)");
  });

  it("answers bad input with 422 problems and stores nothing", async () => {
    const before = await countRows();
    const pdf = await samplePdf("x");
    const bad = async (fields: Record<string, string>, file?: { filename: string; data: Buffer }) => {
      const res = await uploadApi(fields, file);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      return res.json();
    };
    expect(
      (await bad({ kind: "flyer", title: "X", public: "true" }, { filename: "a.pdf", data: pdf })).errors[0].field,
    ).toBe("kind");
    expect((await bad({ kind: "other", title: "X", public: "true" })).code).toBe("file_missing");
    const html = Buffer.from("<html><body>hi</body></html>");
    expect((await bad({ kind: "other", title: "X" }, { filename: "a.pdf", data: html })).code).toBe(
      "file_type_not_allowed",
    );
    expect((await bad({ kind: "graphic_recording", title: "X" }, { filename: "a.png", data: pngHeader })).code).toBe(
      "alt_text_required",
    );
    expect(
      (
        await bad(
          { kind: "other", title: "X", sessionId: "00000000-0000-0000-0000-000000000000" },
          { filename: "a.pdf", data: pdf },
        )
      ).code,
    ).toBe("session_unknown");
    expect(await countRows()).toBe(before);
  });

  it("refuses other editors (403), anonymous callers (401) and unknown Fachtage (404)", async () => {
    const pdf = await samplePdf("x");
    const fields = { kind: "other", title: "Fremd", public: "true" };
    expect((await uploadApi(fields, { filename: "a.pdf", data: pdf }, otherToken)).statusCode).toBe(403);
    expect((await uploadApi(fields, { filename: "a.pdf", data: pdf }, "")).statusCode).toBe(401);
    expect(
      (await uploadApi(fields, { filename: "a.pdf", data: pdf }, organiserToken, t.app, "gibt-es-nicht")).statusCode,
    ).toBe(404);
  });

  it("refuses a file above the upload limit with 422 file_too_large", async () => {
    const small = await createTestApp({ RATE_LIMIT: "off", UPLOAD_MAX_MB: "0.01" });
    try {
      const admin = (await createUserWithToken(small.platform, "admin")).authorization;
      const event = await createFachtag(small.platform);
      const big = await samplePdf("gross", 20_000);
      expect(big.length).toBeGreaterThan(0.01 * 1024 * 1024);
      const res = await uploadApi(
        { kind: "documentation", title: "Zu groß", public: "true" },
        { filename: "gross.pdf", data: big },
        admin,
        small.app,
        event.id,
      );
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe("file_too_large");
      // The organiser's form: back to it, with the limit named.
      const browser = new Browser(small.app);
      const editor = await signInAs(small.platform, browser, "editor");
      const own = await createFachtag(small.platform, { createdBy: editor.id });
      const page = await browser.get(`/verwaltung/fachtage/${own.id}/dokumente`);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      const body = multipart(
        { kind: "documentation", title: "Zu groß", _csrf: token },
        { filename: "g.pdf", data: big },
      );
      const form = await small.app.inject({
        method: "POST",
        url: `/verwaltung/fachtage/${own.id}/dokumente`,
        headers: { cookie: browser.cookieHeader(), "content-type": body.contentType },
        payload: body.payload,
      });
      expect(form.statusCode).toBe(303);
      expect(form.headers.location).toBe(`/verwaltung/fachtage/${own.id}/dokumente`);
      const flash = ([] as string[]).concat(form.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);
      const after = await small.app.inject({
        url: String(form.headers.location),
        headers: { cookie: [browser.cookieHeader(), ...flash].join("; ") },
      });
      expect(after.body).toContain("Die Datei ist zu groß und wurde nicht hochgeladen.");
      const rows = await small.platform.db.kysely.selectFrom("event_documents").select("id").execute();
      expect(rows).toHaveLength(0);
    } finally {
      await small.close();
    }
  });
});

describe("OpenAPI", () => {
  it("documents both routes, the multipart upload and the kind codes", async () => {
    const doc = (await t.app.inject("/api/v1/openapi.json")).json();
    const path = doc.paths["/api/v1/events/{id}/documents"];
    expect(path.get.summary).toContain("Dateien eines Fachtags");
    expect(path.post.description).toContain("multipart/form-data");
    const created = JSON.stringify(path.post.responses["201"]);
    for (const kind of ["documentation", "press_release", "presentation", "graphic_recording", "result", "other"]) {
      expect(created).toContain(kind);
    }
  });
});

describe("accepted types", () => {
  it("never include HTML, SVG, XML or scripts: served from this site they would run as its pages", () => {
    for (const type of ["text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/javascript"]) {
      expect(acceptedTypes).not.toContain(type);
    }
    expect(acceptedTypes.filter((type) => type.startsWith("text/"))).toEqual([]);
  });
});

describe("formatSize", () => {
  it("writes sizes the German way", () => {
    expect(formatSize(2.4 * 1024 * 1024, "de")).toBe("2,4 MB");
    expect(formatSize(830 * 1024, "de")).toBe("830 KB");
    expect(formatSize(12, "de")).toBe("1 KB");
    expect(formatSize(2.4 * 1024 * 1024, "en")).toBe("2.4 MB");
  });
});
