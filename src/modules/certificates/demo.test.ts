import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { eventsModule } from "../events/index.js";
import { registrationsModule } from "../registrations/index.js";
import { certificatesModule } from "./index.js";

// The demo: a newcomer finds people checked in at the past 2025 Fachtag, their certificates
// issued, and a code announced at start that the public check confirms.

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  const ctx = { platform: t.platform, announce: (line: string) => lines.push(line) };
  await eventsModule.seedDemo?.(ctx);
  await registrationsModule.seedDemo?.(ctx);
  await certificatesModule.seedDemo?.(ctx);
  await certificatesModule.seedDemo?.(ctx); // a second start adds nothing
});
afterAll(async () => t?.close());

describe("demo certificates", () => {
  it("checks a dozen demo participants in, issues their certificates (unmailed) and announces a code that verifies", async () => {
    const db = t.platform.db.kysely;
    const certificates = await db.selectFrom("certificates").selectAll().execute();
    expect(certificates).toHaveLength(12);
    expect(certificates.every((c) => c.mailed_at === null)).toBe(true);
    const present = await db.selectFrom("registrations").select("id").where("checked_in_at", "is not", null).execute();
    expect(present).toHaveLength(12);
    const code = /Demo-Prüfcode (BN-[A-Z0-9-]+)/.exec(lines.join("\n"))?.[1];
    expect(code).toBeDefined();
    const res = await t.app.inject({ method: "GET", url: `/api/v1/certificates/${code}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().eventTitle).toBe("Kindliche Entwicklung stärken – Schätze statt Schwächen");
  });
});
