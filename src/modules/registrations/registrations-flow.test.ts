import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { expireUnconfirmed, sendReminders } from "./reminders.service.js";
import { createFachtag, validApiBody } from "./test-fixtures.js";
import { FormClient, linkIn, mailsTo, statusOf } from "./test-http.js";

let t: TestApp;
let editor: Awaited<ReturnType<typeof createUserWithToken>>;
let otherEditor: Awaited<ReturnType<typeof createUserWithToken>>;
let member: Awaited<ReturnType<typeof createUserWithToken>>;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  editor = await createUserWithToken(t.platform, "editor");
  otherEditor = await createUserWithToken(t.platform, "editor");
  member = await createUserWithToken(t.platform, "member");
});
afterAll(async () => t?.close());

const apiRegister = async (eventId: string, n: string, extra: Record<string, unknown> = {}) =>
  (
    await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${eventId}/registrations`,
      payload: validApiBody(n, extra),
    })
  ).json() as { id: string; status: string; waitlistPosition?: number };

const personForm = (n: string, extra: Record<string, string | string[]> = {}) => ({
  firstName: "Jürgen",
  lastName: `Größe ${n}`,
  email: `form-${n}@example.org`,
  organisation: "Grundschule Wietze",
  organisationKind: "grundschule",
  consentPrivacy: "on",
  ...extra,
});

describe("the public form (no JavaScript needed)", () => {
  it("shows a German form with labelled fields, consents and the workshop choice per slot", async () => {
    const ev = await createFachtag(t.platform, {
      workshops: [
        { title: "Schätze entdecken", capacity: 10 },
        { title: "Übergang Kita–Grundschule", capacity: 10 },
      ],
    });
    const res = await t.app.inject(`/fachtage/${ev.slug}/anmeldung`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<label class="kern-label" for="f-firstName">Vorname');
    expect(res.body).toContain("Noch 150 von 150 Plätzen frei.");
    expect(res.body).toContain("Übergang Kita–Grundschule");
    expect(res.body).toContain("Pro Zeitfenster können Sie einen Workshop wählen");
    expect(res.body).toContain("Teilnahmebescheinigung auszustellen");
    expect(res.body).toContain(`action="/fachtage/${ev.slug}/anmeldung"`);
    expect(res.body).not.toContain("<script>");
    expect(res.body).not.toContain('style="');
  });

  it("re-renders with 422, an error summary and German messages beside the fields", async () => {
    const ev = await createFachtag(t.platform);
    const browser = new Browser(t.app);
    const res = await browser.submit(`/fachtage/${ev.slug}/anmeldung`, `/fachtage/${ev.slug}/anmeldung`, {
      firstName: "",
      lastName: "Bäcker",
      email: "keine-adresse",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Es gibt 3 Fehler in Ihren Eingaben");
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
    expect(res.body).toContain("gültige E-Mail-Adresse");
    expect(res.body).toContain("Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu");
    expect(res.body).toContain('value="Bäcker"');
    const count = await t.platform.db.kysely
      .selectFrom("registrations")
      .select("id")
      .where("event_id", "=", ev.id)
      .execute();
    expect(count).toHaveLength(0);
  });

  it("registers, shows what happens next, and the e-mailed link confirms the place", async () => {
    const ev = await createFachtag(t.platform, { workshops: [{ title: "Resilienz", capacity: 3 }] });
    const browser = new Browser(t.app);
    const res = await browser.submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("optin", { workshop_0: ev.workshops[0] as string, dietaryNeeds: "vegetarisch" }),
    );
    expect(res.statusCode).toBe(303);
    const thanks = await browser.get(res.headers.location as string);
    expect(thanks.body).toContain("Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail");
    const [request] = await mailsTo(t.platform, "form-optin@example.org");
    const confirmPath = linkIn(request?.text_body ?? "", "/anmeldung/bestaetigen/");
    // Opening the link (as a mail scanner does) changes nothing: it shows a button.
    const opened = await browser.get(confirmPath);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('<h1 class="kern-heading kern-heading-x-large">Anmeldung bestätigen</h1>');
    expect(opened.body).toContain(`<form action="${confirmPath}" method="post"`);
    expect((await t.app.inject(confirmPath)).statusCode).toBe(200);
    const [pending] = await t.platform.db.kysely
      .selectFrom("registrations")
      .select(["id", "status"])
      .where("email", "=", "form-optin@example.org")
      .execute();
    expect(pending?.status).toBe("pending");
    // The button confirms (POST with the CSRF token, like every form).
    const posted = await browser.submit(confirmPath, confirmPath, {});
    expect(posted.statusCode).toBe(303);
    expect(await statusOf(t.platform, pending?.id as string)).toBe("confirmed");
    const confirmed = await browser.get(posted.headers.location as string);
    expect(confirmed.statusCode).toBe(200);
    const main = confirmed.body.slice(confirmed.body.indexOf("<main"), confirmed.body.indexOf("</main>"));
    expect(main.match(/Anmeldung bestätigt/g)).toHaveLength(1);
    expect(confirmed.body).toContain("Resilienz");
    // What comes next: the manage link and the calendar file.
    expect(confirmed.body).toMatch(/href="\/anmeldung\/[A-Za-z0-9_-]{20,}"/);
    expect(confirmed.body).toContain(`href="/fachtage/${ev.slug}.ics" download`);
    const mails = await mailsTo(t.platform, "form-optin@example.org");
    const confirmation = mails.find((m) => m.subject.startsWith("Anmeldung bestätigt"));
    expect(confirmation?.text_body).toContain("Programm:");
    expect(confirmation?.attachments).toContain("BEGIN:VCALENDAR");
    // Pressing twice is harmless: one confirmation mail.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(opened.body)?.[1] ?? "";
    expect((await browser.post(confirmPath, { _csrf: csrf })).statusCode).toBe(303);
    const again = await mailsTo(t.platform, "form-optin@example.org");
    expect(again.filter((m) => m.subject.startsWith("Anmeldung bestätigt"))).toHaveLength(1);
  });

  it("refuses a confirmation POST without the CSRF token", async () => {
    const ev = await createFachtag(t.platform);
    const reg = await apiRegister(ev.id, "csrf-confirm");
    const [request] = await mailsTo(t.platform, "person-csrf-confirm@example.org");
    const confirmPath = linkIn(request?.text_body ?? "", "/anmeldung/bestaetigen/");
    const res = await t.app.inject({ method: "POST", url: confirmPath, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(await statusOf(t.platform, reg.id)).toBe("pending");
  });

  it("answers a forged confirmation link with 404", async () => {
    const res = await t.app.inject("/anmeldung/bestaetigen/gefaelschter-token-123");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Seite nicht gefunden");
  });

  it("does not tell the form whether an address is registered: its owner gets the link by mail", async () => {
    const ev = await createFachtag(t.platform);
    await apiRegister(ev.id, "dup-html", { email: "form-dup@example.org" });
    const browser = new Browser(t.app);
    const res = await browser.submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("dup"),
    );
    expect(res.statusCode).toBe(303);
    const thanks = await browser.get(res.headers.location as string);
    expect(thanks.body).toContain("Bitte bestätigen Sie Ihre Anmeldung über den Link in der E-Mail");
    expect(thanks.body).not.toContain("bereits");
    const notice = (await mailsTo(t.platform, "form-dup@example.org")).find((m) =>
      m.subject.startsWith("Sie sind bereits angemeldet"),
    );
    expect(notice?.text_body).toMatch(/\/anmeldung\/[A-Za-z0-9_-]{20,}/);
    // A second try within the hour sends no second notice.
    await browser.submit(`/fachtage/${ev.slug}/anmeldung`, `/fachtage/${ev.slug}/anmeldung`, personForm("dup"));
    const notices = (await mailsTo(t.platform, "form-dup@example.org")).filter((m) =>
      m.subject.startsWith("Sie sind bereits angemeldet"),
    );
    expect(notices).toHaveLength(1);
  });

  it("puts a full workshop's message beside the workshop choice", async () => {
    const ev = await createFachtag(t.platform, { workshops: [{ title: "Klein", capacity: 1 }] });
    await apiRegister(ev.id, "full-1", { workshopIds: ev.workshops });
    const browser = new Browser(t.app);
    const res = await browser.submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("full", { workshop_0: ev.workshops[0] as string }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Dieser Workshop ist leider ausgebucht");
    expect(res.body).toContain('id="f-workshop_0-error"');
  });

  it("shows 'Anmeldung geschlossen' for a cancelled Fachtag and 404 for a draft", async () => {
    const cancelled = await createFachtag(t.platform, { status: "cancelled" });
    const page = await t.app.inject(`/fachtage/${cancelled.slug}/anmeldung`);
    expect(page.body).toContain("Anmeldung geschlossen");
    expect(page.body).not.toContain('name="firstName"');
    const draft = await createFachtag(t.platform, { status: "draft" });
    expect((await t.app.inject(`/fachtage/${draft.slug}/anmeldung`)).statusCode).toBe(404);
  });

  it("takes no registrations for a past Fachtag, on the form page and on the Fachtag page", async () => {
    const past = await createFachtag(t.platform, { startsInDays: -3 });
    const form = await t.app.inject(`/fachtage/${past.slug}/anmeldung`);
    expect(form.body).toContain("Anmeldung geschlossen");
    expect(form.body).toContain("Dieser Fachtag hat bereits stattgefunden.");
    expect(form.body).not.toContain('name="firstName"');
    const page = await t.app.inject(`/fachtage/${past.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="firstName"');
  });

  it("offers the waitlist when the Fachtag is full", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1 });
    await apiRegister(ev.id, "only");
    const page = await t.app.inject(`/fachtage/${ev.slug}/anmeldung`);
    expect(page.body).toContain("Der Fachtag ist ausgebucht");
    expect(page.body).toContain("Auf die Warteliste setzen");
    // Nothing is held for somebody on the waitlist: the form must not say so.
    expect(page.body).not.toContain("halten Ihren Platz");
    expect(page.body).not.toContain("rücken Sie automatisch nach");
    expect(page.body).toContain("Ein Platz ist Ihnen damit nicht sicher");
    const browser = new Browser(t.app);
    const res = await browser.submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("wl"),
    );
    const thanks = await browser.get(res.headers.location as string);
    expect(thanks.body).toContain("Sie stehen auf Platz 1 der Warteliste");
  });
});

describe("double opt-in expiry", () => {
  it("expires unconfirmed registrations, promotes the first waiting person and mails them", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1 });
    const pending = await apiRegister(ev.id, "exp-1");
    const waiting = await apiRegister(ev.id, "exp-2");
    const waiting2 = await apiRegister(ev.id, "exp-3");
    expect(waiting.status).toBe("waitlisted");
    await t.platform.db.kysely
      .updateTable("registrations")
      .set({ hold_until: "2020-01-01T00:00:00.000Z" })
      .where("id", "=", pending.id)
      .execute();
    expect(await expireUnconfirmed(t.platform)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(t.platform, pending.id)).toBe("expired");
    // Double opt-in holds for people who waited too: the place is held until they confirm.
    expect(await statusOf(t.platform, waiting.id)).toBe("pending");
    expect(await statusOf(t.platform, waiting2.id)).toBe("waitlisted");
    const mails = await mailsTo(t.platform, "person-exp-2@example.org");
    const promotion = mails.find((m) => m.subject.includes("Sie haben einen Platz"));
    expect(promotion?.text_body).toContain("Bitte bestätigen Sie Ihre Anmeldung innerhalb von");
    const promotedLink = linkIn(promotion?.text_body ?? "", "/anmeldung/bestaetigen/");
    const confirmRes = await new Browser(t.app).submit(promotedLink, promotedLink, {});
    expect(confirmRes.statusCode).toBe(303);
    expect(await statusOf(t.platform, waiting.id)).toBe("confirmed");
    // The old confirmation link now says the registration expired.
    const request = (await mailsTo(t.platform, "person-exp-1@example.org"))[0];
    const link = linkIn(request?.text_body ?? "", "/anmeldung/bestaetigen/");
    const res = await t.app.inject(link);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain("nicht rechtzeitig bestätigt");
    // The person may register again.
    expect((await apiRegister(ev.id, "exp-1")).status).toBe("waitlisted");
  });

  it("does not count an expired hold even before the job ran", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1 });
    const pending = await apiRegister(ev.id, "stale-1");
    await t.platform.db.kysely
      .updateTable("registrations")
      .set({ hold_until: "2020-01-01T00:00:00.000Z" })
      .where("id", "=", pending.id)
      .execute();
    expect((await apiRegister(ev.id, "stale-2")).status).toBe("pending");
    expect(await statusOf(t.platform, pending.id)).toBe("expired");
  });

  it("lets a person whose confirmation lapsed register again with the same address", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1 });
    const first = await apiRegister(ev.id, "again");
    await t.platform.db.kysely
      .updateTable("registrations")
      .set({ hold_until: "2020-01-01T00:00:00.000Z" })
      .where("id", "=", first.id)
      .execute();
    const second = await apiRegister(ev.id, "again");
    expect(second.status).toBe("pending");
    expect(second.id).not.toBe(first.id);
    expect(await statusOf(t.platform, first.id)).toBe("expired");
  });
});

describe("manage link", () => {
  const manageLinkOf = async (email: string) => {
    const [mail] = await mailsTo(t.platform, email);
    return linkIn(mail?.text_body ?? "", "/anmeldung/").replace(/^.*(\/anmeldung\/[A-Za-z0-9_-]{20,})$/, "$1");
  };

  it("shows the registration, changes the workshop subject to capacity, and cancels with promotion", async () => {
    const ev = await createFachtag(t.platform, {
      capacity: 1,
      confirmByEmail: false,
      workshops: [
        { title: "Erster Workshop", capacity: 1 },
        { title: "Zweiter Workshop", capacity: 1 },
      ],
    });
    const me = await apiRegister(ev.id, "m1", { workshopIds: [ev.workshops[0]] });
    const next = await apiRegister(ev.id, "m2", { workshopIds: [ev.workshops[0]] });
    expect(next.status).toBe("waitlisted");
    const manage = await manageLinkOf("person-m1@example.org");
    expect(manage).toMatch(/^\/anmeldung\/[A-Za-z0-9_-]{20,}$/);
    const browser = new Browser(t.app);
    const page = await browser.get(manage);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Erika Müller m1");
    expect(page.body).toContain("Bestätigt");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");

    const changed = await browser.submit(manage, `${manage}/workshops`, { workshop_0: ev.workshops[1] as string });
    expect(changed.statusCode).toBe(303);
    expect((await browser.get(manage)).body).toContain("Ihre Workshop-Auswahl wurde gespeichert.");

    const noConfirm = await browser.submit(manage, `${manage}/abmelden`, {});
    expect(noConfirm.statusCode).toBe(422);
    expect(noConfirm.body).toContain("Bitte bestätigen Sie, dass Sie absagen möchten.");
    expect(await statusOf(t.platform, me.id)).toBe("confirmed");

    const cancelled = await browser.submit(manage, `${manage}/abmelden`, { confirm: "on" });
    expect(cancelled.statusCode).toBe(303);
    expect((await browser.get(cancelled.headers.location as string)).body).toContain(
      "Sie haben Ihre Teilnahme abgesagt",
    );
    expect(await statusOf(t.platform, me.id)).toBe("cancelled");
    expect(await statusOf(t.platform, next.id)).toBe("confirmed");
    const promoted = (await mailsTo(t.platform, "person-m2@example.org")).find((m) =>
      m.subject.startsWith("Sie haben einen Platz"),
    );
    expect(promoted?.text_body).toContain("Erster Workshop");
    // The link is spent.
    expect((await t.app.inject(manage)).statusCode).toBe(404);
  });

  it("refuses a full workshop beside the field and keeps the old choice", async () => {
    const ev = await createFachtag(t.platform, {
      confirmByEmail: false,
      workshops: [
        { title: "Voll", capacity: 1 },
        { title: "Frei", capacity: 5 },
      ],
    });
    await apiRegister(ev.id, "x1", { workshopIds: [ev.workshops[0]] });
    await apiRegister(ev.id, "x2", { workshopIds: [ev.workshops[1]] });
    const manage = await manageLinkOf("person-x2@example.org");
    const browser = new Browser(t.app);
    const res = await browser.submit(manage, `${manage}/workshops`, { workshop_0: ev.workshops[0] as string });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Dieser Workshop ist leider ausgebucht");
    expect((await browser.get(manage)).body).toMatch(/Ihre Workshops<\/dt><dd[^>]*>Frei</);
  });

  it("answers a forged manage link with 404 and changes nothing", async () => {
    expect((await t.app.inject("/anmeldung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).statusCode).toBe(404);
    const browser = new Browser(t.app);
    const page = await browser.get("/barrierefreiheit");
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const res = await browser.post("/anmeldung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/abmelden", {
      confirm: "on",
      _csrf: token,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe("organiser desk", () => {
  const base = (id: string) => `/verwaltung/fachtage/${id}/anmeldungen`;

  it("lists the editor's own Fachtage as the way in, and nobody else's", async () => {
    const mine = await createFachtag(t.platform, { createdBy: editor.id, title: "Mein Fachtag Übergänge" });
    await createFachtag(t.platform, { createdBy: otherEditor.id, title: "Fremder Fachtag" });
    const page = await new FormClient(t.app, editor.authorization).get("/verwaltung/anmeldungen");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Mein Fachtag Übergänge");
    expect(page.body).toContain(`href="/verwaltung/fachtage/${mine.id}/anmeldungen"`);
    expect(page.body).not.toContain("Fremder Fachtag");
    expect((await t.app.inject("/verwaltung/anmeldungen")).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: "/verwaltung/anmeldungen", headers: { authorization: member.authorization } }))
        .statusCode,
    ).toBe(403);
  });

  it("shows counts and filters for the event's editor", async () => {
    const ev = await createFachtag(t.platform, {
      capacity: 2,
      createdBy: editor.id,
      workshops: [{ title: "Sprachbildung", capacity: 5 }],
    });
    await apiRegister(ev.id, "o1", { workshopIds: ev.workshops });
    await apiRegister(ev.id, "o2");
    await apiRegister(ev.id, "o3");
    const client = new FormClient(t.app, editor.authorization);
    const page = await client.get(base(ev.id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("2 von 2 Plätzen vergeben, 0 frei");
    expect(page.body).toContain("Sprachbildung");
    expect(page.body).toContain("Müller o3");
    const filtered = await client.get(`${base(ev.id)}?status=waitlisted`);
    expect(filtered.body).toContain("Müller o3");
    expect(filtered.body).not.toContain("Müller o1");
    const byWorkshop = await client.get(`${base(ev.id)}?workshop=${ev.workshops[0]}`);
    expect(byWorkshop.body).toContain("Müller o1");
    expect(byWorkshop.body).not.toContain("Müller o2");
  });

  it("refuses anonymous, members and other editors on the page, the exports and the actions", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    const a = await apiRegister(ev.id, "perm");
    for (const url of [base(ev.id), `${base(ev.id)}/export.csv`, `${base(ev.id)}/export.xlsx`, `${base(ev.id)}/neu`]) {
      expect((await t.app.inject(url)).statusCode).toBe(401);
      for (const who of [member, otherEditor]) {
        const res = await t.app.inject({ url, headers: { authorization: who.authorization } });
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain("Müller perm");
      }
    }
    const intruder = new FormClient(t.app, otherEditor.authorization);
    const res = await intruder.submit("/barrierefreiheit", `${base(ev.id)}/${a.id}/absagen`, {});
    expect(res.statusCode).toBe(403);
    expect(await statusOf(t.platform, a.id)).toBe("pending");
  });

  it("adds a registration by hand: confirmed at once, no opt-in link", async () => {
    const ev = await createFachtag(t.platform, {
      createdBy: editor.id,
      workshops: [{ title: "Telefon", capacity: 2 }],
    });
    const client = new FormClient(t.app, editor.authorization);
    const res = await client.submit(`${base(ev.id)}/neu`, `${base(ev.id)}/neu`, {
      ...personForm("phone", { workshop_0: ev.workshops[0] as string }),
    });
    expect(res.statusCode).toBe(303);
    const page = await client.get(base(ev.id));
    expect(page.body).toContain("Die Anmeldung wurde erfasst.");
    const row = await t.platform.db.kysely
      .selectFrom("registrations")
      .selectAll()
      .where("email", "=", "form-phone@example.org")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("confirmed");
    expect(row.source).toBe("manual");
    const [mail] = await mailsTo(t.platform, "form-phone@example.org");
    expect(mail?.subject).toContain("Anmeldung bestätigt");
    expect(mail?.text_body).not.toContain("/anmeldung/bestaetigen/");
  });

  it("cancels and moves between workshops", async () => {
    const ev = await createFachtag(t.platform, {
      createdBy: editor.id,
      confirmByEmail: false,
      workshops: [
        { title: "Von", capacity: 2 },
        { title: "Nach", capacity: 1 },
      ],
    });
    const a = await apiRegister(ev.id, "mv1", { workshopIds: [ev.workshops[0]] });
    const b = await apiRegister(ev.id, "mv2", { workshopIds: [ev.workshops[0]] });
    const client = new FormClient(t.app, editor.authorization);
    const slot = (
      await t.platform.db.kysely
        .selectFrom("registration_workshops")
        .select("slot")
        .where("registration_id", "=", a.id)
        .executeTakeFirstOrThrow()
    ).slot;
    const moved = await client.submit(base(ev.id), `${base(ev.id)}/${a.id}/workshop`, {
      slot,
      sessionId: ev.workshops[1] as string,
    });
    expect(moved.statusCode).toBe(303);
    const full = await client.submit(base(ev.id), `${base(ev.id)}/${b.id}/workshop`, {
      slot,
      sessionId: ev.workshops[1] as string,
    });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain("ausgebucht");
    const cancelled = await client.submit(base(ev.id), `${base(ev.id)}/${b.id}/absagen`, {});
    expect(cancelled.statusCode).toBe(303);
    expect(await statusOf(t.platform, b.id)).toBe("cancelled");
    const after = await client.get(`${base(ev.id)}?workshop=${ev.workshops[1]}`);
    expect(after.body).toContain("Müller mv1");
  });

  it("refuses to lower capacity below the places taken and promotes when raised", async () => {
    const ev = await createFachtag(t.platform, {
      capacity: 2,
      createdBy: editor.id,
      confirmByEmail: false,
      workshops: [{ title: "Kapazität", capacity: 3 }],
    });
    await apiRegister(ev.id, "cap1", { workshopIds: ev.workshops });
    await apiRegister(ev.id, "cap2", { workshopIds: ev.workshops });
    const w = await apiRegister(ev.id, "cap3");
    const client = new FormClient(t.app, editor.authorization);
    const ws = `ws_${ev.workshops[0]}`;
    const lower = await client.submit(base(ev.id), `${base(ev.id)}/kapazitaet`, { capacity: "1", [ws]: "3" });
    expect(lower.statusCode).toBe(422);
    expect(lower.body).toContain("nicht unter die Zahl der bereits vergebenen Plätze");
    const lowerWs = await client.submit(base(ev.id), `${base(ev.id)}/kapazitaet`, { capacity: "2", [ws]: "1" });
    expect(lowerWs.statusCode).toBe(422);
    const bad = await client.submit(base(ev.id), `${base(ev.id)}/kapazitaet`, { capacity: "viele", [ws]: "3" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("ganze Zahl");
    const raise = await client.submit(base(ev.id), `${base(ev.id)}/kapazitaet`, { capacity: "3", [ws]: "" });
    expect(raise.statusCode).toBe(303);
    expect((await client.get(base(ev.id))).body).toContain("Von der Warteliste nachgerückt: 1.");
    expect(await statusOf(t.platform, w.id)).toBe("confirmed");
    const session = await t.platform.db.kysely
      .selectFrom("event_sessions")
      .select("capacity")
      .where("id", "=", ev.workshops[0] as string)
      .executeTakeFirstOrThrow();
    expect(session.capacity).toBeNull();
  });

  it("e-mails a filtered group through the outbox", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1, createdBy: editor.id });
    await apiRegister(ev.id, "g1");
    await apiRegister(ev.id, "g2");
    const client = new FormClient(t.app, editor.authorization);
    const empty = await client.submit(base(ev.id), `${base(ev.id)}/nachricht?status=waitlisted`, {
      subject: "",
      text: "",
    });
    expect(empty.statusCode).toBe(422);
    const res = await client.submit(base(ev.id), `${base(ev.id)}/nachricht?status=waitlisted`, {
      subject: "Neuer Raum",
      text: "Wir haben einen größeren Saal gefunden.",
    });
    expect(res.statusCode).toBe(303);
    expect((await mailsTo(t.platform, "person-g2@example.org")).map((m) => m.subject).join()).toContain("Neuer Raum");
    expect((await mailsTo(t.platform, "person-g1@example.org")).map((m) => m.subject).join()).not.toContain(
      "Neuer Raum",
    );
  });

  it("manages organiser questions that appear in the public form and are required there", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    const client = new FormClient(t.app, editor.authorization);
    const noOptions = await client.submit(base(ev.id), `${base(ev.id)}/fragen`, {
      label: "Mittagessen?",
      kind: "choice",
      options: "nur eine",
    });
    expect(noOptions.statusCode).toBe(422);
    expect(noOptions.body).toContain("mindestens zwei Antwortmöglichkeiten");
    expect(
      (
        await client.submit(base(ev.id), `${base(ev.id)}/fragen`, {
          label: "Mittagessen?",
          kind: "choice",
          options: "Fleisch\nVegetarisch",
          required: "on",
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await client.submit(base(ev.id), `${base(ev.id)}/fragen`, { label: "Erste Teilnahme?", kind: "yesno" }))
        .statusCode,
    ).toBe(303);
    const form = await t.app.inject(`/fachtage/${ev.slug}/anmeldung`);
    expect(form.body).toContain("Mittagessen?");
    expect(form.body).toContain("Vegetarisch");
    expect(form.body).toContain("Erste Teilnahme?");
    const browser = new Browser(t.app);
    const missing = await browser.submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("q1"),
    );
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Bitte füllen Sie dieses Feld aus.");
    const questions = await t.platform.db.kysely
      .selectFrom("registration_questions")
      .selectAll()
      .where("event_id", "=", ev.id)
      .execute();
    const q = questions.find((x) => x.kind === "choice");
    const wrong = await browser.submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("q2", { [`q_${q?.id}`]: "Pizza" }),
    );
    expect(wrong.statusCode).toBe(422);
    const ok = await browser.submit(
      `/fachtage/${ev.slug}/anmeldung`,
      `/fachtage/${ev.slug}/anmeldung`,
      personForm("q3", { [`q_${q?.id}`]: "Vegetarisch" }),
    );
    expect(ok.statusCode).toBe(303);
    const csv = (await client.get(`${base(ev.id)}/export.csv`)).body;
    expect(csv).toContain("Mittagessen?");
    expect(csv).toContain("Vegetarisch");
  });

  it("exports CSV for Excel: BOM, semicolons, German headers, umlauts intact, formulas defused", async () => {
    const ev = await createFachtag(t.platform, {
      createdBy: editor.id,
      workshops: [{ title: "Übergänge gestalten", capacity: 5 }],
    });
    await apiRegister(ev.id, "csv", {
      firstName: "Jürgen",
      lastName: "Weiß; Özdemir",
      organisation: '=HYPERLINK("x")',
      workshopIds: ev.workshops,
    });
    const client = new FormClient(t.app, editor.authorization);
    const res = await client.get(`${base(ev.id)}/export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="anmeldungen-.*\.csv"/);
    const body = res.rawPayload.toString("utf8");
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = body.slice(1).split("\r\n");
    expect(header).toContain("Status;Wartelistenplatz;Nachname;Vorname;E-Mail;Organisation");
    expect(header).toContain("Workshop Zeitfenster 1");
    expect(row).toContain('Unbestätigt;;"Weiß; Özdemir";Jürgen;person-csv@example.org');
    expect(row).toContain("Übergänge gestalten");
    expect(row).toContain("'=HYPERLINK");
  });

  it("exports an XLSX workbook with German headers and umlauts", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    await apiRegister(ev.id, "xlsx", { firstName: "Käthe", lastName: "Schröder" });
    const client = new FormClient(t.app, editor.authorization);
    const res = await client.get(`${base(ev.id)}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Anmeldungen");
    expect(sheet?.getRow(1).getCell(3).value).toBe("Nachname");
    expect(sheet?.getRow(2).getCell(3).value).toBe("Schröder");
    expect(sheet?.getRow(2).getCell(4).value).toBe("Käthe");
  });
});

describe("notices and reminders", () => {
  it("queues change notices and cancellation mails to active registrants only", async () => {
    const ev = await createFachtag(t.platform, { capacity: 5, confirmByEmail: false });
    await apiRegister(ev.id, "chg1");
    const gone = await apiRegister(ev.id, "chg2");
    await t.app.inject({ method: "POST", url: `/api/v1/registrations/${gone.id}/cancel?token=x` });
    await t.platform.db.kysely
      .updateTable("registrations")
      .set({ status: "cancelled" })
      .where("id", "=", gone.id)
      .execute();
    await t.platform.db.kysely.transaction().execute(async (trx) => {
      const changes = { time: true, venue: true, cancelled: false };
      await t.platform.hooks.emit("events.changed", { eventId: ev.id, changes }, { platform: t.platform, db: trx });
    });
    const mails = await mailsTo(t.platform, "person-chg1@example.org");
    const notice = mails.find((m) => m.subject.startsWith("Änderung"));
    expect(notice?.text_body).toContain("Neuer Termin:");
    expect(notice?.text_body).toContain("Neuer Ort:");
    expect((await mailsTo(t.platform, "person-chg2@example.org")).some((m) => m.subject.startsWith("Änderung"))).toBe(
      false,
    );
    await t.platform.db.kysely.transaction().execute(async (trx) => {
      const changes = { time: false, venue: false, cancelled: true };
      await t.platform.hooks.emit("events.changed", { eventId: ev.id, changes }, { platform: t.platform, db: trx });
    });
    expect((await mailsTo(t.platform, "person-chg1@example.org")).some((m) => m.subject.startsWith("Abgesagt"))).toBe(
      true,
    );
  });

  it("sends one reminder per confirmed registration when the Fachtag is near", async () => {
    const ev = await createFachtag(t.platform, { startsInDays: 2, confirmByEmail: false });
    await apiRegister(ev.id, "rem1");
    await sendReminders(t.platform);
    await sendReminders(t.platform);
    const reminders = (await mailsTo(t.platform, "person-rem1@example.org")).filter((m) =>
      m.subject.startsWith("Erinnerung"),
    );
    expect(reminders).toHaveLength(1);
  });
});
