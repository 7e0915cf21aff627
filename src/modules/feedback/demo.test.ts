import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { eventsModule } from "../events/index.js";
import { registrationsModule } from "../registrations/index.js";
import { feedbackModule, surveyScores } from "./index.js";
import { SurveyClient } from "./test-fixtures.js";

// The demo: after the 2025 Kita Fachtag, 146 of the 150 were present and 100 of them answered
// the survey anonymously; an open link is announced at start to try it. The 2024 and 2026
// Fachtage have people present and answers of their own, rated differently.

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  const ctx = { platform: t.platform, announce: (line: string) => lines.push(line) };
  await eventsModule.seedDemo?.(ctx);
  await registrationsModule.seedDemo?.(ctx);
  await feedbackModule.seedDemo?.(ctx);
  await feedbackModule.seedDemo?.(ctx); // a second start adds nothing
});
afterAll(async () => t?.close());

describe("demo survey", () => {
  it("stores 100 anonymous answers for the 2025 Fachtag and announces an open link that can answer once", async () => {
    const db = t.platform.db.kysely;
    const event = await db
      .selectFrom("events")
      .select(["id", "title", "starts_at"])
      .where("title", "=", "Kindliche Entwicklung stärken – Schätze statt Schwächen")
      .executeTakeFirstOrThrow();
    const eventId = event.id;
    expect(event.starts_at.startsWith("2025-")).toBe(true);
    const answers = await db.selectFrom("survey_answers").select("id").where("event_id", "=", eventId).execute();
    expect(answers).toHaveLength(100);
    expect(
      await db.selectFrom("survey_tokens").select("token_hash").where("event_id", "=", eventId).execute(),
    ).toHaveLength(46);
    const [score] = await surveyScores(db, [eventId]);
    expect(score?.answers).toBe(100);
    expect(score?.overall).toBeGreaterThan(3);
    expect(score?.overall).toBeLessThan(5);

    const link = /(\/umfrage\?t=[^\s]+)/.exec(lines.join("\n"))?.[1];
    expect(link).toBeDefined();
    const client = new SurveyClient(t.app);
    const page = await client.open(link as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(event.title);
  });

  it("has people present and answers at the 2024 and the 2026 Fachtag too, the 2026 one rated best", async () => {
    const db = t.platform.db.kysely;
    const events = await db
      .selectFrom("events")
      .select(["id", "starts_at"])
      .where("title", "in", [
        "Migrationsbedingte Vielfalt in der Bildung",
        "Kindliche Entwicklung stärken – Schätze statt Schwächen",
        "Ganztag gemeinsam gestalten – Grundschulen und ihre Partner",
      ])
      .orderBy("starts_at")
      .execute();
    expect(events.map((e) => e.starts_at.slice(0, 4))).toEqual(["2024", "2025", "2026"]);
    const present = await Promise.all(
      events.map(
        async (e) =>
          (
            await db
              .selectFrom("registrations")
              .select("id")
              .where("event_id", "=", e.id)
              .where("status", "=", "confirmed")
              .where("checked_in_at", "is not", null)
              .execute()
          ).length,
      ),
    );
    expect(present).toEqual([53, 146, 81]);
    const scores = await surveyScores(
      db,
      events.map((e) => e.id),
    );
    const byEvent = new Map(scores.map((s) => [s.eventId, s]));
    expect(events.map((e) => byEvent.get(e.id)?.answers)).toEqual([31, 100, 58]);
    const [y2024, y2025, y2026] = events.map((e) => byEvent.get(e.id)?.overall ?? 0);
    expect(y2024).toBeLessThan(y2025 as number);
    expect(y2025).toBeLessThan(y2026 as number);
  });
});
