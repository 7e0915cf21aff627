import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";

// Requests the fuzz tests (tests/fuzz) found answered with the wrong thing: an address
// the router cannot read, a multipart body the parser cannot read, and a NUL in an
// address (PostgreSQL refuses it in any text, also in a WHERE).

let t: TestApp;
let admin: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUserWithToken(t.platform, "admin");
});
afterAll(async () => t?.close());

describe("addresses the router cannot read", () => {
  it("answers an overlong id in the API with a 414 problem document in German", async () => {
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/events/${"ä".repeat(200)}`,
      headers: { authorization: admin.authorization, "content-type": "application/json" },
      payload: "{}",
    });
    expect(res.statusCode).toBe(414);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({
      status: 414,
      code: "fst_err_max_param_length",
      detail: "Diese Adresse ist zu lang.",
    });
  });

  it("answers a broken %-escape in a page address with a German page, not JSON", async () => {
    const res = await t.app.inject("/fachtage/%E0%A4%A");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('<html lang="de"');
    expect(res.body).toContain("Ungültige Anfrage");
  });
});

describe("multipart bodies the parser cannot read", () => {
  it.each([
    ["without a boundary", "multipart/form-data", '{"title":"x"}'],
    ["with a boundary longer than the parser takes", `multipart/form-data; boundary=${"y".repeat(300)}`, "--y--\r\n"],
  ])("refuses an upload %s with 400, not 500", async (_, contentType, payload) => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/posts",
      headers: { authorization: admin.authorization, "content-type": contentType },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().detail).toBe("Die gesendeten Formulardaten sind unvollständig oder beschädigt.");
  });

  it("shows the German error page for a broken upload form", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/verwaltung/akteure/import",
      headers: { "content-type": "multipart/form-data" },
      payload: "x",
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("Die gesendeten Formulardaten sind unvollständig oder beschädigt.");
  });
});

describe("control characters in an address", () => {
  it.each(["/api/v1/posts/%00", "/api/v1/events/%00/sessions/x%1b", "/api/v1/organisations/a%00b"])(
    "PATCH %s is a 4xx problem, never a 500",
    async (url) => {
      const res = await t.app.inject({
        method: "PATCH",
        url,
        headers: { authorization: admin.authorization, "content-type": "application/json" },
        payload: "{}",
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    },
  );

  it("answers a Fachtag page address with a NUL with the German page 'not found', not JSON", async () => {
    const res = await t.app.inject("/fachtage/%00");
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("Seite nicht gefunden");
    expect(res.body).toContain('<html lang="de"');
  });
});

describe("zod's own messages in the API", () => {
  it("are German: a registration without its consents says what is missing in German", async () => {
    const event = await t.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { authorization: admin.authorization, "content-type": "application/json" },
      payload: JSON.stringify({
        title: "Fachtag Sprache",
        startsAt: "2027-06-01T09:00:00+02:00",
        endsAt: "2027-06-01T16:00:00+02:00",
        venue: { name: "Rathaus" },
        capacity: 10,
        status: "published",
      }),
    });
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${event.json().id}/registrations`,
      headers: { authorization: admin.authorization, "content-type": "application/json" },
      payload: JSON.stringify({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.org" }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe("consents: Ungültige Eingabe: erwartet object, erhalten undefined");
  });
});
