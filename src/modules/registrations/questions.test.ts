import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import type { Actor } from "../../platform/auth/actor.js";
import { copyEvent } from "../events/events.service.js";
import { listQuestions } from "./questions.repo.js";
import { addQuestion } from "./questions.service.js";
import { createFachtag } from "./test-fixtures.js";

// A copied Fachtag asks its participants the same organiser questions as the original.

let t: TestApp;
let editor: Actor;

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUserWithToken(t.platform, "editor");
  editor = { kind: "user", id: user.id, email: user.email, name: "Redaktion", role: "editor", via: "session" };
});
afterAll(async () => t?.close());

describe("organiser questions of a copied Fachtag", () => {
  it("come along with the copy, in their order, and stay with the original too", async () => {
    const original = await createFachtag(t.platform, { createdBy: editor.kind === "user" ? editor.id : null });
    await addQuestion(t.platform, editor, original.id, {
      kind: "text",
      label: "Welche Frage bringen Sie mit?",
      options: [],
      required: false,
    });
    await addQuestion(t.platform, editor, original.id, {
      kind: "choice",
      label: "Mittagessen",
      options: ["vegetarisch", "vegan"],
      required: true,
    });
    const copy = await copyEvent(t.platform, editor, original.id, { title: "Fachtag 2025", date: "2027-03-26" });
    const labels = async (eventId: string) =>
      (await listQuestions(t.platform.db.kysely, eventId)).map((q) => [q.label, q.kind, q.options, q.required]);
    expect(await labels(copy.id)).toEqual(await labels(original.id));
    expect(await labels(copy.id)).toHaveLength(2);
  });
});
