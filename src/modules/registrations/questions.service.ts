import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso, toDbBool } from "../../platform/db/time.js";
import { NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { eventForManager } from "./organiser-desk.service.js";
import { deleteQuestion, insertQuestion, listQuestions } from "./questions.repo.js";
import type { QuestionKind } from "./tables.js";

// The organiser's own questions on a Fachtag's registration form.

export async function addQuestion(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: { kind: QuestionKind; label: string; options: string[]; required: boolean },
): Promise<string> {
  const event = await eventForManager(platform, actor, eventId);
  if (input.kind === "choice" && input.options.length < 2) {
    throw new ValidationError({ options: "registrations.validation.twoOptions" });
  }
  const id = newId();
  const existing = await listQuestions(platform.db.kysely, event.id);
  await insertQuestion(platform.db.kysely, {
    id,
    event_id: event.id,
    kind: input.kind,
    label: input.label,
    options: JSON.stringify(input.kind === "choice" ? input.options : []),
    required: toDbBool(input.required),
    position: existing.length,
    created_at: nowIso(),
  });
  return id;
}

export async function removeQuestion(platform: Platform, actor: Actor, eventId: string, questionId: string) {
  const event = await eventForManager(platform, actor, eventId);
  if ((await deleteQuestion(platform.db.kysely, event.id, questionId)) === 0) throw new NotFoundError();
}
