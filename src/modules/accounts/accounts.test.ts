import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const lastMailTo = async (to: string) =>
  t.platform.db.kysely
    .selectFrom("outbox")
    .selectAll()
    .where("to_address", "=", to)
    .orderBy("created_at", "desc")
    .executeTakeFirst();

const linkIn = (text: string | undefined, path: string) => {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=[^\\s]+`).exec(text ?? "");
  if (!match) throw new Error(`no ${path} link in mail: ${text}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
};

describe("signing in and out", () => {
  it("signs in through the form, shows the account, and signs out", async () => {
    const user = await createUser(t.platform, { role: "editor", name: "Erika Redakteurin" });
    const browser = new Browser(t.app);
    const res = await browser.submit("/anmelden", "/anmelden", { email: user.email, password: user.password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/verwaltung");
    const setCookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []).join("\n");
    expect(setCookie).toMatch(/bn\.session_token=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/bn\.session_token=[^;]+;.*SameSite=Lax/i);

    const account = await browser.get("/konto");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("Erika Redakteurin");
    expect(account.body).toContain("Redaktion (Fachtage)");
    expect(account.body).toContain('action="/abmelden"');

    const out = await browser.submit("/konto", "/abmelden", {});
    expect(out.statusCode).toBe(303);
    const after = await browser.get("/konto");
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe("/anmelden?zurueck=%2Fkonto");
  });

  it("gives the same message for a wrong password and an unknown address", async () => {
    const user = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    const wrong = await browser.submit("/anmelden", "/anmelden", {
      email: user.email,
      password: "falsch-falsch-falsch",
    });
    const unknown = await browser.submit("/anmelden", "/anmelden", {
      email: "niemand@test.example",
      password: "falsch-falsch-falsch",
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain("E-Mail-Adresse oder Passwort ist falsch");
      expect(res.headers["set-cookie"]?.toString() ?? "").not.toContain("session_token");
    }
    expect((await browser.get("/konto")).statusCode).toBe(303);
  });

  it("shows German messages beside the fields for empty or malformed input", async () => {
    const browser = new Browser(t.app);
    const res = await browser.submit("/anmelden", "/anmelden", { email: "kein-mail", password: "" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("gültige E-Mail-Adresse");
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
  });

  it("answers the 6th to 10th wrong password in a row with 429", async () => {
    const user = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await browser.submit("/anmelden", "/anmelden", { email: user.email, password: `falsch-${i}-falsch` });
      statuses.push(res.statusCode);
      if (i === 9) {
        expect(res.body).toContain("Zu viele Anfragen");
        expect(res.headers["retry-after"]).toBeDefined();
      }
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429, 429, 429, 429]);
    // Even the right password is refused until the window is over.
    const right = await browser.submit("/anmelden", "/anmelden", { email: user.email, password: user.password });
    expect(right.statusCode).toBe(429);
  });

  it("refuses a login post without CSRF token with 403 and signs nobody in", async () => {
    const user = await createUser(t.platform, { role: "admin" });
    const browser = new Browser(t.app);
    const res = await browser.post("/anmelden", { email: user.email, password: user.password });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Formular abgelaufen");
    expect((await browser.get("/konto")).statusCode).toBe(303);
  });

  it("sends the signed-in visitor to the page they came for", async () => {
    const user = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    const res = await browser.submit("/anmelden?zurueck=/konto", "/anmelden?zurueck=%2Fkonto", {
      email: user.email,
      password: user.password,
    });
    expect(res.headers.location).toBe("/konto");
    const evil = new Browser(t.app);
    const other = await evil.submit("/anmelden", "/anmelden?zurueck=%2F%2Fevil.example", {
      email: user.email,
      password: user.password,
    });
    expect(other.headers.location).toBe("/verwaltung");
  });

  // Browsers read "\" as "/" and drop tabs: these two would be //evil.example to them.
  it.each(["/%5Cevil.example/x", "/%09/evil.example", "%2F%5Cevil.example%2Fx", "/%5C%5Cevil.example"])(
    "keeps the signed-in visitor on the site for zurueck=%s",
    async (zurueck) => {
      const user = await createUser(t.platform, { role: "member" });
      const browser = new Browser(t.app);
      const res = await browser.submit(`/anmelden?zurueck=${zurueck}`, `/anmelden?zurueck=${zurueck}`, {
        email: user.email,
        password: user.password,
      });
      expect(res.statusCode).toBe(303);
      const location = String(res.headers.location);
      const landing = new URL(location.replace(/\t/g, "").replace(/\\/g, "/"), "http://localhost:3000");
      expect(landing.origin).toBe("http://localhost:3000");
      expect(location).not.toMatch(/^\/[\\/\t]/);
    },
  );

  // A return address that no header may carry raw: line breaks, umlauts, emoji. The
  // sign-in must still set the session cookie and send the visitor to a valid address.
  it.each([
    ["CR/LF", "/konto%0D%0ASet-Cookie:%20boese=1"],
    ["umlauts", "/akteure?q=M%C3%BChlenbach"],
    ["raw umlauts", "/akteure?q=Mühlenbach"],
    ["emoji", "/akteure?q=%F0%9F%98%80"],
  ])("signs in with a return address containing %s and keeps the session cookie", async (_what, zurueck) => {
    const user = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    const res = await browser.submit("/anmelden", `/anmelden?zurueck=${zurueck}`, {
      email: user.email,
      password: user.password,
    });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers["set-cookie"])).toContain("session_token=");
    expect(String(res.headers["set-cookie"])).not.toContain("boese");
    expect(String(res.headers.location)).toMatch(/^\/[\x21-\x7e]*$/);
    expect((await browser.get("/konto")).statusCode).toBe(200);
  });
});

describe("password reset and e-mail verification", () => {
  it("always answers the same and mails a link only to an existing account", async () => {
    const user = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    for (const email of [user.email, "unbekannt@test.example"]) {
      const res = await browser.submit("/passwort-vergessen", "/passwort-vergessen", { email });
      expect(res.statusCode).toBe(303);
      const page = await browser.get(res.headers.location as string);
      expect(page.body).toContain("Wenn ein Konto existiert, haben wir eine E-Mail geschickt");
    }
    expect(await lastMailTo("unbekannt@test.example")).toBeUndefined();

    const mail = await lastMailTo(user.email);
    expect(mail?.subject).toContain("Neues Passwort");
    const link = linkIn(mail?.text_body, "/passwort-zuruecksetzen");

    // Too short and mismatching passwords are explained beside the fields.
    const weak = await browser.submit(link, "/passwort-zuruecksetzen", {
      token: new URLSearchParams(link.split("?")[1]).get("token") ?? "",
      password: "kurz",
      confirm: "anders",
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain("mindestens 12 Zeichen");

    const token = new URLSearchParams(link.split("?")[1]).get("token") ?? "";
    const done = await browser.submit(link, "/passwort-zuruecksetzen", {
      token,
      password: "Neues-Passwort-2026",
      confirm: "Neues-Passwort-2026",
    });
    expect(done.statusCode).toBe(303);
    expect((await browser.get("/anmelden")).body).toContain("Ihr Passwort ist gespeichert");

    // The old password no longer works, the new one does, and the link is used up.
    const old = await new Browser(t.app).submit("/anmelden", "/anmelden", {
      email: user.email,
      password: user.password,
    });
    expect(old.statusCode).toBe(422);
    await signIn(new Browser(t.app), user.email, "Neues-Passwort-2026");
    const again = await browser.submit(link, "/passwort-zuruecksetzen", {
      token,
      password: "Noch-ein-Passwort-2026",
      confirm: "Noch-ein-Passwort-2026",
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("ungültig oder abgelaufen");
  });

  it("asks an unverified user to confirm the address, and the mailed link confirms it", async () => {
    const { createUserWithPassword } = await import("./index.js");
    const email = "unbestaetigt@test.example";
    await createUserWithPassword(t.platform, {
      email,
      password: "Geheimes-Passwort-1",
      role: "member",
      verified: false,
    });
    const browser = new Browser(t.app);
    const first = await browser.submit("/anmelden", "/anmelden", { email, password: "Geheimes-Passwort-1" });
    expect(first.statusCode).toBe(422);
    expect(first.body).toContain("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse");

    const mail = await lastMailTo(email);
    const link = linkIn(mail?.text_body, "/e-mail-bestaetigen");
    const bad = await browser.get("/e-mail-bestaetigen?token=kaputt");
    expect(bad.statusCode).toBe(400);
    const confirmed = await browser.get(link);
    expect(confirmed.statusCode).toBe(303);
    expect((await browser.get("/anmelden")).body).toContain("Ihre E-Mail-Adresse ist bestätigt");
    await signIn(browser, email, "Geheimes-Passwort-1");
  });
});
