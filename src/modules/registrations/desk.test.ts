import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import type { Actor } from "../../platform/auth/actor.js";
import { moveWorkshop } from "./organiser-desk.service.js";
import { createFachtag, validApiBody } from "./test-fixtures.js";
import { FormClient } from "./test-http.js";

// The organiser's desk: search by name and address, tables that become cards on a phone,
// exports whose dates are dates, and drafts that stay unknown to other editors.

let t: TestApp;
let editor: Awaited<ReturnType<typeof createUserWithToken>>;
let otherEditor: Awaited<ReturnType<typeof createUserWithToken>>;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  editor = await createUserWithToken(t.platform, "editor");
  otherEditor = await createUserWithToken(t.platform, "editor");
});
afterAll(async () => t?.close());

const base = (id: string) => `/verwaltung/fachtage/${id}/anmeldungen`;
const register = (eventId: string, n: string, extra: Record<string, unknown> = {}) =>
  t.app.inject({ method: "POST", url: `/api/v1/events/${eventId}/registrations`, payload: validApiBody(n, extra) });

describe("search", () => {
  it("finds registrations by part of the name (any case, umlauts) or of the e-mail address", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id, confirmByEmail: false });
    await register(ev.id, "s1", { firstName: "Özlem", lastName: "Şahin", email: "oezlem@kita-celle.de" });
    await register(ev.id, "s2", { firstName: "Jürgen", lastName: "Großmann", email: "jg@example.org" });
    await register(ev.id, "s3", { firstName: "Anna", lastName: "Berg", email: "anna.berg@schule.de" });
    const client = new FormClient(t.app, editor.authorization);
    const names = async (q: string) => {
      const res = await client.get(`${base(ev.id)}?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      return ["Özlem", "Jürgen", "Anna"].filter((n) => res.body.includes(`${n} `));
    };
    expect(await names("özlem")).toEqual(["Özlem"]);
    expect(await names("ÖZLEM ŞAHIN")).toEqual(["Özlem"]);
    expect(await names("großm")).toEqual(["Jürgen"]);
    expect(await names("Berg Anna")).toEqual(["Anna"]);
    expect(await names("@kita-celle")).toEqual(["Özlem"]);
    expect(await names("%")).toEqual([]);
    expect(await names("")).toEqual(["Özlem", "Jürgen", "Anna"]);
    const page = await client.get(`${base(ev.id)}?q=berg`);
    expect(page.body).toContain('name="q"');
    expect(page.body).toContain('value="berg"');
    expect(page.body).toContain("Anmeldungen (1)");
    // The export and the mail to a group follow the search.
    expect(page.body).toContain(`href="${base(ev.id)}/export.csv?q=berg"`);
    const csv = (await client.get(`${base(ev.id)}/export.csv?q=berg`)).body;
    expect(csv).toContain("Berg");
    expect(csv).not.toContain("Großmann");
  });

  it("ignores a search longer than 100 characters instead of failing", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    const client = new FormClient(t.app, editor.authorization);
    expect((await client.get(`${base(ev.id)}?q=${"x".repeat(300)}`)).statusCode).toBe(200);
  });
});

describe("tables on a phone", () => {
  it("labels every cell with its column, for the card layout of the shared table (app.css)", async () => {
    const ev = await createFachtag(t.platform, {
      createdBy: editor.id,
      workshops: [{ title: "Naturpädagogik", capacity: 5 }],
    });
    await register(ev.id, "card");
    const client = new FormClient(t.app, editor.authorization);
    const page = (await client.get(base(ev.id))).body;
    expect(page).toContain('href="/assets/registrations.css?v=2"');
    expect(page).toContain('<table class="kern-table card-table">');
    expect(page).toMatch(/<td data-label="Name" class="kern-table__cell"><div>Erika Müller card/);
    expect(page).toContain('data-label="Angemeldet am"');
    const overview = (await client.get("/verwaltung/anmeldungen")).body;
    expect(overview).toContain('<table class="kern-table card-table">');
    const css = await t.app.inject("/assets/app.css");
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain("@media (max-width: 599px)");
    expect(css.body).toContain("attr(data-label)");
  });
});

describe("exports", () => {
  it("writes registration, confirmation and cancellation times as date cells in the XLSX", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id, confirmByEmail: false });
    await register(ev.id, "xdate");
    const client = new FormClient(t.app, editor.authorization);
    const res = await client.get(`${base(ev.id)}/export.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Anmeldungen");
    const header = ((sheet?.getRow(1).values ?? []) as unknown[]).map(String);
    const column = (name: string) => header.indexOf(name);
    for (const name of ["Angemeldet am", "Bestätigt am"]) {
      const cell = sheet?.getRow(2).getCell(column(name));
      expect(cell?.type, name).toBe(ExcelJS.ValueType.Date);
      expect(cell?.value).toBeInstanceOf(Date);
      expect(cell?.numFmt).toBe("dd.mm.yyyy hh:mm");
    }
    // Not cancelled: an empty cell, not "Invalid Date".
    expect(sheet?.getRow(2).getCell(column("Abgesagt am")).value ?? "").toBe("");
    const csv = (await client.get(`${base(ev.id)}/export.csv`)).body;
    expect(csv).toMatch(/;\d\d\.\d\d\.\d{4} \d\d:\d\d;\d\d\.\d\d\.\d{4} \d\d:\d\d;\r\n/);
  });
});

describe("drafts", () => {
  it("are unknown (404) on another editor's desk, and open on the own", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id, status: "draft" });
    const other = new FormClient(t.app, otherEditor.authorization);
    for (const url of [base(ev.id), `${base(ev.id)}/export.csv`, `${base(ev.id)}/neu`]) {
      expect((await other.get(url)).statusCode, url).toBe(404);
    }
    expect((await new FormClient(t.app, editor.authorization).get(base(ev.id))).statusCode).toBe(200);
    // Another's published Fachtag stays 403: it is known to exist.
    const published = await createFachtag(t.platform, { createdBy: editor.id });
    expect((await other.get(base(published.id))).statusCode).toBe(403);
  });
});

describe("moving within another module's transaction", () => {
  it("commits the move with the caller's writes, and undoes it when the caller fails", async () => {
    const ev = await createFachtag(t.platform, {
      createdBy: editor.id,
      confirmByEmail: false,
      workshops: [
        { title: "Sprachförderung", capacity: 5 },
        { title: "Bewegung", capacity: 5 },
      ],
    });
    const [first, second] = ev.workshops as [string, string];
    const created = await register(ev.id, "mv1", { workshopIds: [first] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const actor: Actor = {
      kind: "user",
      id: editor.id,
      email: "e@example.org",
      name: "E",
      role: "editor",
      via: "token",
    };
    const workshopsOf = async () =>
      (
        (
          await t.app.inject({
            url: `/api/v1/events/${ev.id}/registrations`,
            headers: { authorization: editor.authorization },
          })
        ).json() as { id: string; workshopIds: string[] }[]
      ).find((r) => r.id === id)?.workshopIds;
    const slot = (
      await t.platform.db.kysely
        .selectFrom("registration_workshops")
        .select("slot")
        .where("registration_id", "=", id)
        .executeTakeFirstOrThrow()
    ).slot;

    await expect(
      t.platform.db.kysely.transaction().execute(async (trx) => {
        await moveWorkshop(t.platform, actor, ev.id, id, slot, second, trx);
        throw new Error("the caller's next write failed");
      }),
    ).rejects.toThrow("the caller's next write failed");
    expect(await workshopsOf()).toEqual([first]);

    await t.platform.db.kysely
      .transaction()
      .execute((trx) => moveWorkshop(t.platform, actor, ev.id, id, slot, second, trx));
    expect(await workshopsOf()).toEqual([second]);
  });
});
