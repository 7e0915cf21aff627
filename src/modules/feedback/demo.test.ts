import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { eventsModule } from "../events/index.js";
import { registrationsModule } from "../registrations/index.js";
import { feedbackModule, surveyScores } from "./index.js";
import { SurveyClient } from "./test-fixtures.js";

// The demo: after the 2025 Kita Fachtag, 146 of the 150 were present and 100 of them answered
// the survey anonymously; an open link is announced at start to try it.

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
    const answers = await db.selectFrom("survey_answers").select("event_id").execute();
    expect(answers).toHaveLength(100);
    const eventId = answers[0]?.event_id as string;
    const event = await db
      .selectFrom("events")
      .select(["title", "starts_at"])
      .where("id", "=", eventId)
      .executeTakeFirstOrThrow();
    expect(event.starts_at.startsWith("2025-")).toBe(true);
    expect(await db.selectFrom("survey_tokens").selectAll().execute()).toHaveLength(46);
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
});
