import { unzipSync } from "fflate";
import QRCode from "qrcode";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { multipartBody } from "../directory/test-fixtures.js";
import { FormClient } from "../registrations/test-http.js";
import { sendDue } from "./certificates.service.js";
import { attendedFachtag } from "./test-fixtures.js";

// Certificates over HTTP: the PDF read back as text, the refusal for people not present,
// the public check (genuine, forged, only name/Fachtag/date), sending once per person,
// the API contract and the participant's own download.

let t: TestApp;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let ev: Awaited<ReturnType<typeof attendedFachtag>>;

async function pdfText(body: Buffer) {
  const doc = await getDocumentProxy(new Uint8Array(body));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text: text.replace(/\s+/g, " "), pages: totalPages };
}

const get = (url: string, authorization?: string) =>
  t.app.inject({ method: "GET", url, headers: authorization ? { authorization } : {} });

const certificateRows = (registrationId: string) =>
  t.platform.db.kysely.selectFrom("certificates").selectAll().where("registration_id", "=", registrationId).execute();

const mailsTo = (to: string) =>
  t.platform.db.kysely.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", to).execute();

const certificateMails = async (to: string) =>
  (await mailsTo(to)).filter((m) => m.subject.startsWith("Ihre Teilnahmebescheinigung"));

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  owner = await createUserWithToken(t.platform, "editor");
  ev = await attendedFachtag(t.platform, {
    createdBy: owner.id,
    people: [
      { firstName: "Jürgen", lastName: "Größmann", present: true, workshop: true },
      { firstName: "Nora", lastName: "Abwesend", present: false },
      { firstName: "Ali", lastName: "Anwesend", present: true },
    ],
  });
});
afterAll(async () => t?.close());

const person = (i: number) => () => ev.people[i] as (typeof ev.people)[number];
const jurgen = person(0);
const absent = person(1);
const ali = person(2);

describe("the certificate PDF", () => {
  it("names the person with umlauts, the Fachtag, its date, hours, workshop and the verification code", async () => {
    const res = await get(`/api/v1/registrations/${jurgen().id}/certificate`, owner.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("attachment");
    const { text, pages } = await pdfText(res.rawPayload);
    const [row] = await certificateRows(jurgen().id);
    expect(pages).toBe(1);
    expect(text).toContain("Teilnahmebescheinigung");
    expect(text).toContain("Jürgen Größmann");
    expect(text).toContain("Kindliche Entwicklung stärken");
    const start = await t.platform.db.kysely
      .selectFrom("events")
      .select("starts_at")
      .where("id", "=", ev.id)
      .executeTakeFirstOrThrow();
    const date = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(
      new Date(start.starts_at),
    );
    expect(text).toContain(date.replace(/^\d+\. /, ""));
    expect(text).toContain("6 Fortbildungsstunden");
    expect(text).toContain("Sprachförderung im Alltag");
    expect(row?.code).toMatch(/^BN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(text).toContain(row?.code as string);
    expect(text).toContain(`/bescheinigung/pruefen?code=${row?.code}`);
  });

  it("keeps the same code when asked again (one certificate per person)", async () => {
    await get(`/api/v1/registrations/${jurgen().id}/certificate`, owner.authorization);
    const rows = await certificateRows(jurgen().id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe("Jürgen Größmann");
  });

  it("is refused for somebody not marked present: 409 not_attended, no certificate stored", async () => {
    const res = await get(`/api/v1/registrations/${absent().id}/certificate`, owner.authorization);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "not_attended" });
    expect(await certificateRows(absent().id)).toHaveLength(0);
    // The HTML link says it in German.
    const page = await get(`/anmeldung/${absent().token}/bescheinigung.pdf`);
    expect(page.statusCode).toBe(409);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("nur für Personen, die beim Fachtag als anwesend erfasst wurden");
    expect(await certificateRows(absent().id)).toHaveLength(0);
  });
});

describe("verification", () => {
  it("confirms a genuine code with only name, Fachtag and date (API and page)", async () => {
    const [row] = await certificateRows(jurgen().id);
    const code = row?.code as string;
    const api = await get(`/api/v1/certificates/${code}`);
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(Object.keys(body).sort()).toEqual(["date", "eventTitle", "name", "valid"]);
    expect(body).toMatchObject({ valid: true, name: "Jürgen Größmann" });
    expect(body.eventTitle).toContain("Kindliche Entwicklung");
    expect(Date.parse(body.date)).not.toBeNaN();

    const page = await get(`/bescheinigung/pruefen?code=${encodeURIComponent(code.toLowerCase().replace(/-/g, " "))}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Diese Bescheinigung ist echt");
    expect(page.body).toContain("Jürgen Größmann");
    expect(page.body).not.toContain(jurgen().email);
    expect(page.body).not.toContain("Sprachförderung");
  });

  it("still verifies once the registration is gone (the certificate keeps name, title and date)", async () => {
    const ev5 = await attendedFachtag(t.platform, {
      createdBy: owner.id,
      people: [{ firstName: "Käthe", lastName: "Weiß", present: true }],
    });
    const p = ev5.people[0] as (typeof ev5.people)[number];
    expect((await get(`/anmeldung/${p.token}/bescheinigung.pdf`)).statusCode).toBe(200);
    const [row] = await certificateRows(p.id);
    await t.platform.db.kysely.deleteFrom("registrations").where("id", "=", p.id).execute();
    const kept = await t.platform.db.kysely
      .selectFrom("certificates")
      .selectAll()
      .where("code", "=", row?.code as string)
      .executeTakeFirstOrThrow();
    expect(kept.registration_id).toBeNull();
    const api = await get(`/api/v1/certificates/${row?.code}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ valid: true, name: "Käthe Weiß" });
  });

  it("refuses a forged code: 404 in the API, a German message beside the field on the page", async () => {
    const api = await get("/api/v1/certificates/BN-2222-3333-4444");
    expect(api.statusCode).toBe(404);
    const page = await get("/bescheinigung/pruefen?code=BN-2222-3333-4444");
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain("Zu diesem Prüfcode gibt es keine Teilnahmebescheinigung");
    expect(page.body).toContain('id="fehler"');
    expect(page.body).not.toContain("Diese Bescheinigung ist echt");
    const empty = await get("/bescheinigung/pruefen?code=");
    expect(empty.statusCode).toBe(422);
    const blank = await get("/bescheinigung/pruefen");
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('name="code"');
  });
});

describe("sending", () => {
  it("mails everybody present once, however often the button is pressed; nobody absent", async () => {
    const ev2 = await attendedFachtag(t.platform, {
      createdBy: owner.id,
      people: [{ present: true }, { present: true }, { present: false }],
    });
    const client = new FormClient(t.app, owner.authorization);
    const base = `/verwaltung/fachtage/${ev2.id}/bescheinigungen`;
    const first = await client.submit(base, `${base}/senden`, {});
    expect(first.statusCode).toBe(303);
    const second = await client.submit(base, `${base}/senden`, {});
    expect(second.statusCode).toBe(303);
    await sendDue(t.platform, new Date(Date.now() + 5 * 86_400_000));
    const [p1, p2, p3] = ev2.people;
    for (const p of [p1, p2]) {
      const mails = await certificateMails(p?.email as string);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text_body).toContain(`/anmeldung/${p?.token}/bescheinigung.pdf`);
    }
    expect(await certificateMails(p3?.email as string)).toHaveLength(0);
    const page = await client.get(base);
    expect(page.body).toContain("2 anwesend, 2 Bescheinigungen verschickt");
  });

  it("the job sends N days after the end, not before, and not when switched off", async () => {
    const ev3 = await attendedFachtag(t.platform, { createdBy: owner.id, startsInDays: 0 });
    const p = ev3.people[0];
    // Ended two hours ago.
    await t.platform.db.kysely
      .updateTable("events")
      .set({
        starts_at: new Date(Date.now() - 9 * 3_600_000).toISOString(),
        ends_at: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      })
      .where("id", "=", ev3.id)
      .execute();
    await sendDue(t.platform);
    expect(await certificateMails(p?.email as string)).toHaveLength(0);
    const client = new FormClient(t.app, owner.authorization);
    const base = `/verwaltung/fachtage/${ev3.id}/bescheinigungen`;
    const saved = await client.submit(base, base, { signerName: "Dr. Anna Beispiel", autoSendDays: "0" });
    expect(saved.statusCode).toBe(303);
    await sendDue(t.platform, new Date(Date.now() + 3 * 86_400_000));
    expect(await certificateMails(p?.email as string)).toHaveLength(0);
    await client.submit(base, base, { signerName: "Dr. Anna Beispiel", autoSendDays: "2" });
    await sendDue(t.platform, new Date(Date.now() + 3 * 86_400_000));
    expect(await certificateMails(p?.email as string)).toHaveLength(1);
  });

  it("refuses sending before the Fachtag is over", async () => {
    const ev4 = await attendedFachtag(t.platform, { createdBy: owner.id, startsInDays: 2 });
    const client = new FormClient(t.app, owner.authorization);
    const base = `/verwaltung/fachtage/${ev4.id}/bescheinigungen`;
    const res = await client.submit(base, `${base}/senden`, {});
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("erst nach dem Ende des Fachtags");
    expect(await certificateMails(ev4.people[0]?.email as string)).toHaveLength(0);
  });
});

describe("settings", () => {
  it("stores the signer (printed on the PDF) and refuses a bad number of days beside the field", async () => {
    const client = new FormClient(t.app, owner.authorization);
    const base = `/verwaltung/fachtage/${ev.id}/bescheinigungen`;
    const bad = await client.submit(base, base, { signerName: "X", autoSendDays: "viele" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("ganze Zahl von 0 bis 60");
    const ok = await client.submit(base, base, {
      signerName: "Dr. Anna Beispiel",
      signerFunction: "Leitung Bildungsbüro",
      autoSendDays: "1",
    });
    expect(ok.statusCode).toBe(303);
    const res = await get(`/verwaltung/fachtage/${ev.id}/bescheinigungen/${ali().id}.pdf`, owner.authorization);
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain("Dr. Anna Beispiel");
    expect(text).toContain("Leitung Bildungsbüro");
  });

  it("takes a PNG signature (checked by its bytes, shown on the PDF) and refuses a text file beside the field", async () => {
    const base = `/verwaltung/fachtage/${ev.id}/bescheinigungen`;
    const upload = async (name: string, data: Buffer, type: string) => {
      const page = await get(base, owner.authorization);
      const cookie = ([] as string[])
        .concat(page.headers["set-cookie"] ?? [])
        .map((c) => c.split(";")[0])
        .join("; ");
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
      const body = multipartBody("signature", name, data, type, {
        _csrf: csrf,
        signerName: "Dr. Anna Beispiel",
        signerFunction: "Leitung Bildungsbüro",
        autoSendDays: "1",
      });
      return t.app.inject({
        method: "POST",
        url: base,
        headers: { ...body.headers, cookie, authorization: owner.authorization },
        payload: body.payload,
      });
    };
    const fake = await upload("unterschrift.png", Buffer.from("<svg onload=alert(1)>"), "image/png");
    expect(fake.statusCode).toBe(422);
    expect(fake.body).toContain("PNG- oder JPEG-Datei");
    const before = await get(`${base}/${ali().id}.pdf`, owner.authorization);
    const png = await QRCode.toBuffer("Unterschrift", { width: 300 });
    const ok = await upload("unterschrift.png", png, "image/png");
    expect(ok.statusCode).toBe(303);
    const settings = await t.platform.db.kysely
      .selectFrom("certificate_settings")
      .selectAll()
      .where("event_id", "=", ev.id)
      .executeTakeFirstOrThrow();
    expect(settings.signature_key).toMatch(/^certificates\/signatures\/.+\.png$/);
    const after = await get(`${base}/${ali().id}.pdf`, owner.authorization);
    // The image is embedded: the PDF grows by about its size and says it holds an image.
    expect(after.rawPayload.length).toBeGreaterThan(before.rawPayload.length + 500);
    expect(after.rawPayload.toString("latin1")).toContain("/Subtype /Image");
    expect(before.rawPayload.toString("latin1")).not.toContain("/Subtype /Image");
    const page = await get(base, owner.authorization);
    expect(page.body).toContain("Ein Unterschriftsbild ist hinterlegt.");
  });

  it("offers all certificates as one PDF, a page per person present", async () => {
    const res = await get(`/verwaltung/fachtage/${ev.id}/bescheinigungen/alle.pdf`, owner.authorization);
    expect(res.statusCode).toBe(200);
    const { text, pages } = await pdfText(res.rawPayload);
    expect(pages).toBe(2);
    expect(text).toContain("Ali Anwesend");
    expect(text).not.toContain("Nora Abwesend");
  });
});

describe("the ZIP", () => {
  it("holds one PDF per person present, named after them", async () => {
    const res = await get(`/verwaltung/fachtage/${ev.id}/bescheinigungen/alle.zip`, owner.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename=".*\.zip"/);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^Teilnahmebescheinigung Ali Anwesend .*\.pdf$/);
    expect(names[1]).toMatch(/^Teilnahmebescheinigung Jürgen Größmann .*\.pdf$/);
    const { text, pages } = await pdfText(Buffer.from(files[names[1] as string] as Uint8Array));
    expect(pages).toBe(1);
    expect(text).toContain("Jürgen Größmann");
    const member = await createUserWithToken(t.platform, "checkin");
    expect((await get(`/verwaltung/fachtage/${ev.id}/bescheinigungen/alle.zip`, member.authorization)).statusCode).toBe(
      403,
    );
  });
});

describe("the participant", () => {
  it("downloads their own certificate with the manage token (path and ?token=), not somebody else's", async () => {
    const own = await get(`/anmeldung/${ali().token}/bescheinigung.pdf`);
    expect(own.statusCode).toBe(200);
    expect((await pdfText(own.rawPayload)).text).toContain("Ali Anwesend");
    const api = await get(`/api/v1/registrations/${ali().id}/certificate?token=${ali().token}`);
    expect(api.statusCode).toBe(200);
    const foreign = await get(`/api/v1/registrations/${ali().id}/certificate?token=${jurgen().token}`);
    expect(foreign.statusCode).toBe(404);
    const forged = await get("/anmeldung/not-a-token/bescheinigung.pdf");
    expect(forged.statusCode).toBe(404);
  });

  it("sees the download on the manage page once present and the Fachtag is over", async () => {
    const page = await get(`/anmeldung/${ali().token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/anmeldung/${ali().token}/bescheinigung.pdf`);
    const absentPage = await get(`/anmeldung/${absent().token}`);
    expect(absentPage.body).not.toContain("bescheinigung.pdf");
  });
});

describe("the Fachtag's desk", () => {
  it("links to the certificates page", async () => {
    const desk = await get(`/verwaltung/fachtage/${ev.id}/anmeldungen`, owner.authorization);
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain(`href="/verwaltung/fachtage/${ev.id}/bescheinigungen"`);
  });
});

describe("GET /api/v1/events/{id}/registrations", () => {
  it("shows certificateCode for those who have one, and no such field for the others", async () => {
    const res = await get(`/api/v1/events/${ev.id}/registrations`, owner.authorization);
    expect(res.statusCode).toBe(200);
    const items = res.json() as { id: string; certificateCode?: string }[];
    const [row] = await certificateRows(jurgen().id);
    expect(items.find((i) => i.id === jurgen().id)?.certificateCode).toBe(row?.code);
    expect(items.find((i) => i.id === absent().id)).not.toHaveProperty("certificateCode");
  });
});
