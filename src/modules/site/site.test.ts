import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { countFeedback } from "./feedback.repo.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("public pages", () => {
  it.each(["/", "/impressum", "/datenschutz", "/barrierefreiheit", "/leichte-sprache", "/api"])(
    "%s is a German page with skip link and landmarks",
    async (url) => {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toMatch(/^<!DOCTYPE html><html lang="de">/);
      expect(res.body).toContain('href="#inhalt"');
      expect(res.body).toContain('<main id="inhalt"');
      expect(res.body).toContain("Landkreis Celle");
    },
  );

  it("answers an unknown page with a German 404 page", async () => {
    const res = await t.app.inject("/gibt-es-nicht");
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Seite nicht gefunden");
  });

  it("answers an unknown API path with a problem document", async () => {
    const res = await t.app.inject("/api/v1/gibt-es-nicht");
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 404, code: "not_found" });
  });

  it("switches the language to English and back, with the lang attribute", async () => {
    const browser = new Browser(t.app);
    const switched = await browser.get("/sprache?lang=en&zurueck=/impressum");
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe("/impressum");
    const english = await browser.get("/impressum");
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain("Legal notice");
    await browser.get("/sprache?lang=de&zurueck=/");
    expect((await browser.get("/")).body).toContain('<html lang="de">');
  });

  it("does not redirect the language switch to another host", async () => {
    const res = await t.app.inject("/sprache?lang=en&zurueck=//evil.example/");
    expect(res.headers.location).toBe("/");
  });

  it("sends security headers with a CSP that allows no inline script", async () => {
    const res = await t.app.inject("/");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("same-origin");
  });

  it("serves KERN's stylesheet compressed from its own host", async () => {
    const res = await t.app.inject({ url: "/assets/kern/kern.min.css?v=1", headers: { "accept-encoding": "br" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(Number(res.headers["content-length"] ?? res.rawPayload.length)).toBeLessThan(60_000);
  });
});

describe("health", () => {
  it("reports liveness and readiness", async () => {
    expect((await t.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    expect((await t.app.inject("/readyz")).json()).toEqual({ status: "ready", rateLimits: "memory" });
  });
});

describe("accessibility feedback", () => {
  it("rejects a post without CSRF token with 403 and stores nothing", async () => {
    const before = await countFeedback(t.platform.db.kysely);
    const res = await t.app.inject({
      method: "POST",
      url: "/barrierefreiheit",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "message=Kontrast+zu+gering",
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Formular abgelaufen");
    expect(await countFeedback(t.platform.db.kysely)).toBe(before);
  });

  it("shows German messages beside the fields for bad input", async () => {
    const browser = new Browser(t.app);
    const res = await browser.submit("/barrierefreiheit", "/barrierefreiheit", { email: "kein-mail", message: "" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte füllen Sie dieses Feld aus.");
    expect(res.body).toContain("gültige E-Mail-Adresse");
    expect(res.body).toContain('aria-invalid="true"');
  });

  it("stores the message and mails it to the office in the same transaction", async () => {
    const browser = new Browser(t.app);
    const res = await browser.submit("/barrierefreiheit", "/barrierefreiheit", {
      name: "Erika Beispiel",
      email: "erika@example.org",
      pageUrl: "/fachtage",
      message: "Der Kontrast der Schaltflächen ist zu gering.",
    });
    expect(res.statusCode).toBe(303);
    const mail = await t.platform.db.kysely
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", t.config.district.email)
      .executeTakeFirst();
    expect(mail?.text_body).toContain("Kontrast der Schaltflächen");
    const after = await browser.get("/barrierefreiheit");
    expect(after.body).toContain("Vielen Dank");
  });
});
