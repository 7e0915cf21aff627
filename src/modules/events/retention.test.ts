import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { personalDataDueAt } from "./retention.js";

let t: TestApp;
let editor: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  editor = await createUserWithToken(t.platform, "editor");
});
afterAll(async () => t?.close());

const send = (method: "POST" | "PATCH", url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method, url, payload, headers: { authorization: editor.authorization } });
const fachtag = (over: Record<string, unknown> = {}) => ({
  title: "Übergänge gestalten",
  startsAt: "2027-03-12T09:00:00+01:00",
  endsAt: "2027-03-12T15:30:00+01:00",
  venue: { name: "Kreishaus Celle" },
  capacity: 120,
  ...over,
});

describe("the Fachtag's retention period (retentionMonths)", () => {
  it("is 6 months unless given, 1–60, changeable; anything else is a 422 in German", async () => {
    const created = await send("POST", "/api/v1/events", fachtag());
    expect(created.statusCode).toBe(201);
    expect(created.json().retentionMonths).toBe(6);
    const id = created.json().id as string;

    for (const [value, message] of [
      [0, "retentionMonths: mindestens 1 Monat."],
      [61, "retentionMonths: höchstens 60 Monate."],
      [2.5, "retentionMonths: bitte als ganze Zahl von 1 bis 60 angeben."],
      ["6", "retentionMonths: bitte als ganze Zahl von 1 bis 60 angeben."],
    ] as const) {
      const refused = await send("PATCH", `/api/v1/events/${id}`, { retentionMonths: value });
      expect(refused.statusCode, String(value)).toBe(422);
      expect(refused.body).toContain(message);
    }
    const changed = await send("PATCH", `/api/v1/events/${id}`, { retentionMonths: 24 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().retentionMonths).toBe(24);
    expect((await send("POST", "/api/v1/events", fachtag({ retentionMonths: 60 }))).json().retentionMonths).toBe(60);
  });

  it("is stated in the privacy hint of the registration form, with the date", async () => {
    const created = await send("POST", "/api/v1/events", fachtag({ status: "published", retentionMonths: 9 }));
    const page = await t.app.inject(`/fachtage/${created.json().slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      "Ihre Angaben werden 9 Monate nach dem Fachtag gelöscht (bis Sonntag, 12. Dezember 2027); Teilnahmebescheinigungen bleiben mit Name und Datum prüfbar.",
    );
  });

  it("falls due calendar months after the end; the 31st becomes the month's last day", () => {
    expect(personalDataDueAt("2027-03-12T14:30:00.000Z", 6)).toBe("2027-09-12T14:30:00.000Z");
    expect(personalDataDueAt("2027-08-31T14:00:00.000Z", 6)).toBe("2028-02-29T14:00:00.000Z");
    expect(personalDataDueAt("2027-11-30T14:00:00.000Z", 3)).toBe("2028-02-29T14:00:00.000Z");
    expect(personalDataDueAt("2027-01-15T10:00:00.000Z", 60)).toBe("2032-01-15T10:00:00.000Z");
  });
});
