import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { modules } from "../../modules/index.js";
import { createPlatform } from "../bootstrap.js";
import { buildApp } from "./app.js";

// What an attacker tried at the platform's door: return addresses that lead off the
// site, the JSON API driven by a signed-in browser from another page, and text
// carrying control characters. Plus the one log line per request.

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUserWithToken(t.platform, "admin");
});
afterAll(async () => t?.close());

describe("return addresses", () => {
  it.each([
    "/%5Cevil.example/x",
    "/%09/evil.example/x",
    "//evil.example",
    "https://evil.example/",
    "/a%0d%0aSet-Cookie:%20x=1",
  ])("the language switch never sends anybody off the site (%s)", async (zurueck) => {
    const res = await t.app.inject(`/sprache?lang=en&zurueck=${zurueck}`);
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(new URL(location, t.config.baseUrl).origin).toBe(new URL(t.config.baseUrl).origin);
    expect(location.startsWith("//")).toBe(false);
    expect(res.headers["set-cookie"]).toBeDefined();
    expect(String(res.headers["set-cookie"])).not.toMatch(/x=1/);
  });

  it("keeps a return path on the site, with its query string", async () => {
    const res = await t.app.inject("/sprache?lang=en&zurueck=%2Fakteure%3Fart%3Dkita");
    expect(res.headers.location).toBe("/akteure?art=kita");
  });
});

describe("cookies in production", () => {
  it("are all Secure, the language choice too (wapiti found bn_lang without it)", async () => {
    const prod = await createTestApp({ NODE_ENV: "production", BASE_URL: "https://bildung.example" });
    try {
      const language = await prod.app.inject("/sprache?lang=en&zurueck=%2F");
      const page = await prod.app.inject("/anmeldung/link");
      const cookies = [language.headers["set-cookie"], page.headers["set-cookie"]].flat().filter(Boolean);
      expect(cookies.map((c) => String(c).split("=")[0])).toEqual(expect.arrayContaining(["bn_lang", "bn_csrf"]));
      for (const cookie of cookies) expect(String(cookie)).toMatch(/;\s*Secure/i);
    } finally {
      await prod.close();
    }
  });
});

describe("the JSON API and session cookies", () => {
  it("ignores a session cookie: a signed-in browser cannot be made to write through the API", async () => {
    const browser = new Browser(t.app);
    await signInAs(t.platform, browser, "admin");
    const me = await t.app.inject({ url: "/api/v1/me", headers: { cookie: browser.cookieHeader() } });
    expect(me.statusCode).toBe(401);
    const write = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: { cookie: browser.cookieHeader(), "content-type": "application/json" },
      payload: JSON.stringify({ name: "Kita Angriff", kind: "kita", areas: ["fruehkindlich"], municipality: "Celle" }),
    });
    expect(write.statusCode).toBe(401);
    const list = (await t.app.inject("/api/v1/organisations?q=angriff")).json();
    expect(list.total).toBe(0);
  });

  it("refuses form-encoded bodies on the API with 415, even with a valid token", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: { authorization: admin.authorization, "content-type": "application/x-www-form-urlencoded" },
      payload: "name=Kita+Formular&kind=kita&areas=fruehkindlich&municipality=Celle",
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "unsupported_media_type" });
    expect((await t.app.inject("/api/v1/organisations?q=formular")).json().total).toBe(0);
  });
});

describe("multipart forms", () => {
  const upload = (cookie: string, url: string, fields: Record<string, string>) => {
    const boundary = "----bn-security-test";
    const parts = Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nName;Art\r\nKita A;kita\r\n`;
    return t.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: `${parts.join("")}${file}--${boundary}--\r\n`,
    });
  };

  it("carry the CSRF token as a form field, never in the address, and refuse it from the query", async () => {
    const browser = new Browser(t.app);
    await signInAs(t.platform, browser, "admin");
    const page = await browser.get("/verwaltung/akteure/import");
    const form = /<form action="([^"]*)"[^>]*enctype="multipart\/form-data"/.exec(page.body);
    expect(form?.[1]).toBe("/verwaltung/akteure/import");
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    expect(token).not.toBe("");
    const inQuery = await upload(
      browser.cookieHeader(),
      `/verwaltung/akteure/import?_csrf=${encodeURIComponent(token)}`,
      {},
    );
    expect(inQuery.statusCode).toBe(403);
    const asField = await upload(browser.cookieHeader(), "/verwaltung/akteure/import", { _csrf: token });
    expect([200, 422]).toContain(asField.statusCode);
    expect(asField.body).not.toContain("nicht mehr gültig");
  });
});

describe("control characters", () => {
  it("strips NUL, ESC, bidi overrides and lone surrogates before anything is stored", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: { authorization: admin.authorization, "content-type": "application/json" },
      // JSON escapes, so the test sends exactly these code units.
      payload:
        '{"name":"Kita\\u0000 Sonnen\\u001bblume\\u202e (Test)\\ud800","kind":"kita","areas":["fruehkindlich"],"municipality":"Celle","description":"Zeile 1\\nZeile 2 – Grüße 😀"}',
    });
    expect(res.statusCode).toBe(201);
    const stored = (await t.app.inject(`/api/v1/organisations/${res.json().id}`)).json();
    expect(stored.name).toBe("Kita Sonnenblume (Test)");
    expect(stored.description).toBe("Zeile 1\nZeile 2 – Grüße 😀");
  });
});

describe("request log", () => {
  it("writes one line per request, with method, path without query and status", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const platform = await createPlatform(t.config, modules, { logger: pino({ level: "info" }, sink) });
    const app = await buildApp({ platform, modules });
    try {
      await app.inject("/healthz?token=geheim");
      const requestLines = lines.filter((l) => l.msg !== "Server listening");
      expect(requestLines).toHaveLength(1);
      expect(requestLines[0]).toMatchObject({ method: "GET", path: "/healthz", status: 200 });
      expect(JSON.stringify(requestLines)).not.toContain("geheim");
    } finally {
      await app.close();
    }
  });
});
