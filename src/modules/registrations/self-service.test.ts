import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { createFachtag, validApiBody } from "./test-fixtures.js";
import { linkIn, mailsTo, statusOf } from "./test-http.js";

// The participant's pages behind the e-mailed links: the manage page (buttons, corrections,
// workshop change by mail), "Link erneut zusenden", the cancelled page and closing times.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

const apiRegister = async (eventId: string, n: string, extra: Record<string, unknown> = {}) =>
  (
    await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${eventId}/registrations`,
      payload: validApiBody(n, extra),
    })
  ).json() as { id: string; status: string };

/** The manage link of the first mail (not its confirmation link). */
const manageLinkOf = async (email: string) => {
  const [mail] = await mailsTo(t.platform, email);
  const link = /\/anmeldung\/[A-Za-z0-9_-]{20,}(?=\s|$)/m.exec(mail?.text_body ?? "")?.[0];
  if (!link) throw new Error(`no manage link in mail to ${email}`);
  return link;
};

const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));

describe("the manage page", () => {
  it("makes 'Workshops speichern' the primary button and 'Verbindlich absagen' a secondary one", async () => {
    const ev = await createFachtag(t.platform, {
      confirmByEmail: false,
      workshops: [{ title: "Erzählwerkstatt", capacity: 5 }],
    });
    await apiRegister(ev.id, "buttons");
    const page = await t.app.inject(await manageLinkOf("person-buttons@example.org"));
    expect(page.body).toContain(
      '<button class="kern-btn kern-btn--primary" type="submit"><span class="kern-label">Workshops speichern</span>',
    );
    expect(page.body).toContain(
      '<button class="kern-btn kern-btn--secondary" type="submit"><span class="kern-label">Verbindlich absagen</span>',
    );
    expect(page.body).not.toMatch(/kern-btn--primary[^>]*><span class="kern-label">Verbindlich absagen/);
  });

  it("confirms a workshop change by e-mail, one mail per change", async () => {
    const ev = await createFachtag(t.platform, {
      confirmByEmail: false,
      workshops: [
        { title: "Bewegte Kita", capacity: 5 },
        { title: "Sprache im Alltag", capacity: 5 },
      ],
    });
    await apiRegister(ev.id, "wsmail", { workshopIds: [ev.workshops[0]] });
    const manage = await manageLinkOf("person-wsmail@example.org");
    const browser = new Browser(t.app);
    expect(
      (await browser.submit(manage, `${manage}/workshops`, { workshop_0: ev.workshops[1] as string })).statusCode,
    ).toBe(303);
    expect((await browser.get(manage)).body).toContain("Sie erhalten eine Bestätigung per E-Mail");
    expect((await browser.submit(manage, `${manage}/workshops`, { workshop_0: "" })).statusCode).toBe(303);
    const mails = (await mailsTo(t.platform, "person-wsmail@example.org")).filter((m) =>
      m.subject.startsWith("Workshops geändert"),
    );
    expect(mails).toHaveLength(2);
    expect(mails[0]?.text_body).toContain("Sprache im Alltag");
    expect(mails[0]?.text_body).toContain(manage);
    expect(mails[1]?.text_body).toContain("Sie haben jetzt keinen Workshop gewählt.");
  });

  it("lets the participant correct name, organisation and needs, validated, the address unchanged", async () => {
    const ev = await createFachtag(t.platform, { confirmByEmail: false });
    const reg = await apiRegister(ev.id, "details");
    const manage = await manageLinkOf("person-details@example.org");
    const browser = new Browser(t.app);
    const page = await browser.get(manage);
    expect(page.body).toContain(`action="${manage}/angaben"`);
    expect(page.body).toContain('value="Kita Sonnenschein"');

    const bad = await browser.submit(manage, `${manage}/angaben`, { firstName: "", lastName: "x".repeat(101) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Vorname: ");
    expect(bad.body).toContain("Nachname: ");

    const ok = await browser.submit(manage, `${manage}/angaben`, {
      firstName: "Erika",
      lastName: "Schulze-Müller",
      organisation: "Familienzentrum Wietze",
      dietaryNeeds: "vegan",
      accessibilityNeeds: "Platz für einen Rollstuhl",
      email: "jemand-anders@example.org",
    });
    expect(ok.statusCode).toBe(303);
    const row = await t.platform.db.kysely
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", reg.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      first_name: "Erika",
      last_name: "Schulze-Müller",
      organisation: "Familienzentrum Wietze",
      dietary_needs: "vegan",
      accessibility_needs: "Platz für einen Rollstuhl",
      email: "person-details@example.org",
    });
    const after = await browser.get(manage);
    expect(after.body).toContain("Ihre Angaben wurden gespeichert.");
    expect(after.body).toContain("Schulze-Müller");
  });

  it("answers a forged link's correction with 404 and changes nothing", async () => {
    const browser = new Browser(t.app);
    const res = await browser.post("/anmeldung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/angaben", {
      firstName: "X",
      lastName: "Y",
    });
    expect([403, 404]).toContain(res.statusCode);
  });

  it("says in the heading that the participation is cancelled", async () => {
    const ev = await createFachtag(t.platform, { confirmByEmail: false });
    const reg = await apiRegister(ev.id, "gone");
    const manage = await manageLinkOf("person-gone@example.org");
    const browser = new Browser(t.app);
    const res = await browser.submit(manage, `${manage}/abmelden`, { confirm: "on" });
    expect(await statusOf(t.platform, reg.id)).toBe("cancelled");
    const page = await browser.get(res.headers.location as string);
    expect(page.body).toContain('<h1 class="kern-heading kern-heading-x-large">Ihre Teilnahme ist abgesagt</h1>');
  });

  it("shows when the hold of an unconfirmed registration ends, with weekday, date and 'Uhr'", async () => {
    const ev = await createFachtag(t.platform);
    const reg = await apiRegister(ev.id, "hold");
    await t.platform.db.kysely
      .updateTable("registrations")
      .set({ hold_until: "2027-03-01T13:30:00.000Z" })
      .where("id", "=", reg.id)
      .execute();
    const page = await t.app.inject(await manageLinkOf("person-hold@example.org"));
    expect(page.body).toContain("bis Montag, 1. März 2027, 14:30 Uhr.");
  });
});

describe("closing times", () => {
  it("reads 'bis Montag, 1. März 2027, 23:59 Uhr' for a window that ends with that day, never 00:00", async () => {
    // The end of 1 March in Berlin is midnight, 23:00 UTC.
    const ev = await createFachtag(t.platform, {
      startsInDays: 400,
      registrationClosesAt: "2027-03-01T23:00:00.000Z",
    });
    const form = await t.app.inject(`/fachtage/${ev.slug}/anmeldung`);
    expect(form.body).toContain("Anmeldung bis Montag, 1. März 2027, 23:59 Uhr");
    expect(mainOf(form.body)).not.toContain("00:00");
  });
});

describe("Link erneut zusenden", () => {
  it("answers the same for a registered and an unknown address, and mails the link only to the former", async () => {
    const ev = await createFachtag(t.platform, { confirmByEmail: false });
    await apiRegister(ev.id, "lost");
    const browser = new Browser(t.app);
    const form = await browser.get("/anmeldung/link");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form action="/anmeldung/link" method="post"');

    const known = await browser.submit("/anmeldung/link", "/anmeldung/link", { email: "Person-Lost@Example.org" });
    const knownPage = await browser.get(known.headers.location as string);
    const unknown = await browser.submit("/anmeldung/link", "/anmeldung/link", { email: "niemand@example.org" });
    const unknownPage = await browser.get(unknown.headers.location as string);
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    const strip = (html: string) => mainOf(html).replace(/value="[^"]*"/g, "");
    expect(strip(knownPage.body)).toBe(strip(unknownPage.body));
    expect(knownPage.body).toContain("Wenn mit dieser Adresse eine Anmeldung besteht");

    const mails = (await mailsTo(t.platform, "person-lost@example.org")).filter((m) =>
      m.subject.startsWith("Ihr Link zur Anmeldung"),
    );
    expect(mails).toHaveLength(1);
    const link = /\/anmeldung\/[A-Za-z0-9_-]{20,}(?=\s|$)/m.exec(mails[0]?.text_body ?? "")?.[0] ?? "";
    expect((await t.app.inject(link)).statusCode).toBe(200);
    expect(await mailsTo(t.platform, "niemand@example.org")).toHaveLength(0);
  });

  it("sends a pending registration a fresh confirmation link that works", async () => {
    const ev = await createFachtag(t.platform);
    const reg = await apiRegister(ev.id, "lostpending");
    const browser = new Browser(t.app);
    await browser.submit("/anmeldung/link", "/anmeldung/link", { email: "person-lostpending@example.org" });
    const mail = (await mailsTo(t.platform, "person-lostpending@example.org")).find((m) =>
      m.subject.startsWith("Ihr Link zur Anmeldung"),
    );
    const confirm = linkIn(mail?.text_body ?? "", "/anmeldung/bestaetigen/");
    expect((await browser.submit(confirm, confirm, {})).statusCode).toBe(303);
    expect(await statusOf(t.platform, reg.id)).toBe("confirmed");
  });

  it("refuses an invalid address with a message beside the field", async () => {
    const browser = new Browser(t.app);
    const res = await browser.submit("/anmeldung/link", "/anmeldung/link", { email: "keine-adresse" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="f-email-error"');
    expect(res.body).toContain("E-Mail-Adresse: ");
  });

  it("is linked from the registration form", async () => {
    const ev = await createFachtag(t.platform);
    const form = await t.app.inject(`/fachtage/${ev.slug}/anmeldung`);
    expect(form.body).toContain('href="/anmeldung/link"');
  });
});

describe("rate limit of 'Link erneut zusenden'", () => {
  it("allows 5 requests per address in 15 minutes", async () => {
    const limited = await createTestApp();
    try {
      const browser = new Browser(limited.app);
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        codes.push(
          (await browser.submit("/anmeldung/link", "/anmeldung/link", { email: `x${i}@example.org` })).statusCode,
        );
      }
      expect(codes.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
      expect(codes[5]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe("the error summary names custom fields", () => {
  const summaryOf = (html: string) =>
    html.slice(html.indexOf('id="fehler"'), html.indexOf("</ul>", html.indexOf('id="fehler"')));

  it("names a workshop slot by its legend, and the consent by its label", async () => {
    const ev = await createFachtag(t.platform, { workshops: [{ title: "Klein", capacity: 1 }] });
    const browser = new Browser(t.app);
    const res = await browser.submit(`/fachtage/${ev.slug}/anmeldung`, `/fachtage/${ev.slug}/anmeldung`, {
      firstName: "Jana",
      lastName: "Beispiel",
      email: "jana@example.org",
      workshop_0: "kein-workshop",
    });
    expect(res.statusCode).toBe(422);
    const summary = summaryOf(res.body);
    expect(summary).toMatch(
      /href="#f-workshop_0"><span class="error-summary__field">Zeitfenster \d\d:\d\d bis \d\d:\d\d Uhr: </,
    );
    expect(summary).toMatch(/href="#f-consentPrivacy"><span class="error-summary__field">Ich bin einverstanden/);
    expect(res.body).toContain('id="f-workshop_0"');
  });

  it("names an organiser's yes/no question by its text", async () => {
    const ev = await createFachtag(t.platform);
    const qid = "0b9c7a52-3f1e-4a7b-9d2c-5e8f1a2b3c4d";
    await t.platform.db.kysely
      .insertInto("registration_questions")
      .values({
        id: qid,
        event_id: ev.id,
        label: "Nehmen Sie am Mittagessen teil?",
        kind: "yesno",
        options: "[]",
        required: 1,
        position: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    const browser = new Browser(t.app);
    const res = await browser.submit(`/fachtage/${ev.slug}/anmeldung`, `/fachtage/${ev.slug}/anmeldung`, {
      firstName: "Jana",
      lastName: "Beispiel",
      email: "jana-frage@example.org",
      consentPrivacy: "on",
    });
    expect(res.statusCode).toBe(422);
    expect(summaryOf(res.body)).toContain(
      `href="#f-q_${qid}"><span class="error-summary__field">Nehmen Sie am Mittagessen teil?: `,
    );
  });
});

describe("once the Fachtag has begun", () => {
  it("refuses workshop changes and cancellation through the participant's link, shows why, and lets organisers still act", async () => {
    const ev = await createFachtag(t.platform, {
      confirmByEmail: false,
      workshops: [
        { title: "Morgenkreis", capacity: 5 },
        { title: "Waldtag", capacity: 5 },
      ],
    });
    const reg = await apiRegister(ev.id, "begun", { workshopIds: [ev.workshops[0]] });
    const link = await manageLinkOf("person-begun@example.org");
    // The day has begun (an hour ago).
    await t.platform.db.kysely
      .updateTable("events")
      .set({ starts_at: new Date(Date.now() - 3600_000).toISOString() })
      .where("id", "=", ev.id)
      .execute();

    const page = await t.app.inject(link);
    expect(page.statusCode).toBe(200);
    expect(mainOf(page.body)).toContain("Der Fachtag hat begonnen.");
    expect(mainOf(page.body)).not.toContain("Verbindlich absagen");
    expect(mainOf(page.body)).not.toContain("Workshops speichern");

    const browser = new Browser(t.app);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await browser.get(link)).body)?.[1] ?? "";
    const cancel = await browser.post(`${link}/abmelden`, { confirm: "on", _csrf: csrf });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.body).toContain("Der Fachtag hat bereits begonnen");
    const swap = await browser.post(`${link}/workshops`, { workshop_0: ev.workshops[1] ?? "", _csrf: csrf });
    expect(swap.statusCode).toBe(409);
    const token = link.split("/").pop() ?? "";
    const apiCancel = await t.app.inject({
      method: "POST",
      url: `/api/v1/registrations/${reg.id}/cancel?token=${token}`,
      headers: { "content-type": "application/json" },
      payload: "{}",
    });
    expect(apiCancel.statusCode).toBe(409);
    expect(apiCancel.json().code).toBe("event_started");
    // Nothing changed: still confirmed, the link still works.
    expect(await statusOf(t.platform, reg.id)).toBe("confirmed");
    expect((await t.app.inject(link)).statusCode).toBe(200);
    // The organisers still can (an admin here, through the API).
    const admin = await createUserWithToken(t.platform, "admin");
    const byAdmin = await t.app.inject({
      method: "POST",
      url: `/api/v1/registrations/${reg.id}/cancel`,
      headers: { authorization: admin.authorization, "content-type": "application/json" },
      payload: "{}",
    });
    expect(byAdmin.statusCode).toBe(200);
    expect(await statusOf(t.platform, reg.id)).toBe("cancelled");
  });
});
