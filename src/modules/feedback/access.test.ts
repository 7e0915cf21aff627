import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { attendedFachtag } from "../certificates/test-fixtures.js";
import { feedbackAccess } from "./access.js";
import { getResults } from "./results.service.js";
import {
  addQuestion,
  getOverview,
  getQuestion,
  moveQuestion,
  removeQuestion,
  resetQuestionnaire,
  saveAutoSend,
  sendLinks,
  updateQuestion,
} from "./survey.service.js";

// Role × permission: the survey's one permission, called through the real service
// functions by nobody, a member, an editor of another Fachtag, the owner, an admin and a
// check-in helper. "ok" went through; a number is the refusal's status. Answering needs
// no role: the link is the proof (survey.test.ts).

let t: TestApp;
let actors: EventActors;
let eventId: string;

const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);
const organisers = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok", helper: 403 };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
  const ev = await attendedFachtag(t.platform, {
    createdBy: actors.owner.kind === "user" ? actors.owner.id : null,
    people: [{ present: true }],
  });
  eventId = ev.id;
});
afterAll(async () => t?.close());

describe("survey permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...feedbackAccess.permissions]).toEqual(["feedback.manage"]);
  });

  it("feedback.manage: page, questionnaire, sending and results only for the owner and admins", async () => {
    const question = { kind: "text" as const, text: "Was noch?", options: [], required: false };
    expect(await table((actor) => getOverview(t.platform, actor, eventId))).toEqual(organisers);
    expect(await table((actor) => addQuestion(t.platform, actor, eventId, question))).toEqual(organisers);
    expect(await table((actor) => getQuestion(t.platform, actor, eventId, "overall"))).toEqual(organisers);
    expect(await table((actor) => updateQuestion(t.platform, actor, eventId, "content", question))).toEqual(organisers);
    expect(await table((actor) => moveQuestion(t.platform, actor, eventId, "content", "up"))).toEqual(organisers);
    expect(await table((actor) => resetQuestionnaire(t.platform, actor, eventId))).toEqual(organisers);
    // Each try starts from the default questionnaire, so the question is there to remove.
    const removing = async (actor: Actor) => {
      await resetQuestionnaire(t.platform, actors.admin, eventId);
      return removeQuestion(t.platform, actor, eventId, "comments");
    };
    expect(await table(removing)).toEqual(organisers);
    expect(await table((actor) => sendLinks(t.platform, actor, eventId))).toEqual(organisers);
    expect(await table((actor) => saveAutoSend(t.platform, actor, eventId, 3))).toEqual(organisers);
    expect(await table((actor) => getResults(t.platform, actor, eventId))).toEqual(organisers);
  });
});
