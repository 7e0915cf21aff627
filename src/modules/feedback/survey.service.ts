import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../platform/auth/actor.js";
import { hashToken } from "../../platform/auth/api-tokens.js";
import type { Conn } from "../../platform/db/database.js";
import { newId, newToken } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { ConflictError, NotFoundError } from "../../platform/http/errors.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import {
  type EventView,
  getEventForRegistration,
  listEventsStartingBetween,
  listSessions,
  type SessionView,
} from "../events/index.js";
import { presentList } from "../registrations/index.js";
import { feedbackAccess } from "./access.js";
import { surveyMail } from "./mails.js";
import {
  type AnswerSet,
  defaultQuestions,
  MAX_QUESTIONS,
  newQuestion,
  parseQuestions,
  type Question,
  type QuestionKind,
  TEXT_MAX,
} from "./questionnaire.js";
import * as repo from "./survey.repo.js";

// The feedback survey of a Fachtag. Who may answer is the registrations module's "present"
// (presentList, as for the certificates). Each person present gets a random link; only its
// SHA-256 is kept, without the registration and without a time, and answering deletes it
// in the transaction that stores the answer — which itself holds a random id, the Fachtag
// and the answers, nothing else. Why so (and what remains): docs/decisions/0010.

const isOver = (event: EventView, now: string) => event.endsAt <= now;

/** Days after a Fachtag's end when its links go out by themselves, until the organiser says otherwise. */
export const DEFAULT_AUTO_SEND_DAYS = 1;
const DAY_MS = 86_400_000;

/** When the links of a Fachtag go out by themselves (ISO UTC), or null when switched off. */
const autoSendAtOf = (event: EventView, days: number) =>
  days > 0 ? new Date(Date.parse(event.endsAt) + days * DAY_MS).toISOString() : null;

async function eventOf(db: Conn, eventId: string): Promise<EventView> {
  const event = await getEventForRegistration(db, eventId);
  if (!event) throw new NotFoundError();
  return event;
}

/** The Fachtag for its organisers; a draft is unknown to everybody else. */
async function managedEvent(platform: Platform, actor: Actor, eventId: string): Promise<EventView> {
  const event = await eventOf(platform.db.kysely, eventId);
  feedbackAccess.requireAccess(actor, "feedback.manage", event, { hide: event.status === "draft" });
  return event;
}

const workshopsOf = (sessions: SessionView[]) => sessions.filter((s) => s.kind === "workshop");

/** The questionnaire, the default one until the organiser changes it. */
async function questionsOf(db: Conn, event: EventView, sessions?: SessionView[]): Promise<Question[]> {
  const stored = await repo.findQuestionnaire(db, event.id);
  if (stored) return parseQuestions(stored.questions);
  return defaultQuestions(workshopsOf(sessions ?? (await listSessions(db, event.id))).length > 0);
}

// --- the link ------------------------------------------------------------------------------

// A link is 32 random characters and a 22-character HMAC of them under the server's secret.
// The stored row (its hash) goes when the link is used, so the signature is what tells
// "already answered" from "never issued" without keeping anything about the used link.
const RANDOM_LENGTH = 32;
const macOf = (secret: string, random: string) =>
  createHmac("sha256", secret).update(`survey:${random}`).digest("base64url").slice(0, 22);

function newSurveyToken(secret: string): string {
  const random = newToken(24);
  return `${random}${macOf(secret, random)}`;
}

function signedByUs(secret: string, token: string): boolean {
  if (token.length !== RANDOM_LENGTH + 22) return false;
  const expected = Buffer.from(macOf(secret, token.slice(0, RANDOM_LENGTH)));
  const given = Buffer.from(token.slice(RANDOM_LENGTH));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** 404 for a link we never issued (also everybody not present: they got none), 409 once used. */
async function openLink(platform: Platform, token: string) {
  const db = platform.db.kysely;
  const row = token.length <= 200 ? await repo.findToken(db, hashToken(token)) : undefined;
  if (!row) {
    if (signedByUs(platform.config.sessionSecret, token)) {
      throw new ConflictError("survey_answered", "feedback.error.answered");
    }
    throw new NotFoundError("feedback.error.unknown");
  }
  return eventOf(db, row.event_id);
}

// --- the organiser's page ------------------------------------------------------------------

export interface SurveyOverview {
  event: EventView;
  questions: Question[];
  /** Whether the questionnaire is the default one, not yet changed. */
  isDefault: boolean;
  /** Once the first answer is in, the questions stay as they are. */
  locked: boolean;
  answers: number;
  present: number;
  invited: number;
  over: boolean;
  workshops: { id: string; title: string }[];
  /** Days after the end when the links go out by themselves; 0 = only by the button. */
  autoSendDays: number;
  autoSendAt: string | null;
}

export async function getOverview(platform: Platform, actor: Actor, eventId: string): Promise<SurveyOverview> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  const [sessions, stored, answers, present, invited, days] = await Promise.all([
    listSessions(db, event.id),
    repo.findQuestionnaire(db, event.id),
    repo.countAnswers(db, event.id),
    presentList(db, event.id),
    repo.invitedIds(db, event.id),
    repo.findAutoSendDays(db, event.id),
  ]);
  const autoSendDays = days ?? DEFAULT_AUTO_SEND_DAYS;
  const workshops = workshopsOf(sessions);
  return {
    event,
    questions: stored ? parseQuestions(stored.questions) : defaultQuestions(workshops.length > 0),
    isDefault: !stored,
    locked: answers > 0,
    answers,
    present: present.length,
    invited: present.filter((p) => invited.has(p.id)).length,
    over: isOver(event, nowIso()),
    workshops: workshops.map((w) => ({ id: w.id, title: w.title })),
    autoSendDays,
    autoSendAt: autoSendAtOf(event, autoSendDays),
  };
}

async function changeQuestions(
  platform: Platform,
  actor: Actor,
  eventId: string,
  change: (questions: Question[]) => Question[],
): Promise<void> {
  const event = await managedEvent(platform, actor, eventId);
  await platform.db.kysely.transaction().execute(async (trx) => {
    if ((await repo.countAnswers(trx, event.id)) > 0) {
      throw new ConflictError("survey_locked", "feedback.error.locked");
    }
    const questions = change(await questionsOf(trx, event));
    await repo.saveQuestionnaire(trx, event.id, JSON.stringify(questions), nowIso());
  });
}

export interface QuestionInput {
  kind: QuestionKind;
  text: string;
  options: string[];
  low?: string | undefined;
  high?: string | undefined;
  required: boolean;
}

export async function addQuestion(platform: Platform, actor: Actor, eventId: string, input: QuestionInput) {
  await changeQuestions(platform, actor, eventId, (questions) => {
    if (questions.length >= MAX_QUESTIONS) throw new ConflictError("survey_full", "feedback.error.full");
    return [...questions, newQuestion(input)];
  });
}

/** Changes a question in place: it keeps its id (the overall rating stays the overall rating). */
export async function updateQuestion(
  platform: Platform,
  actor: Actor,
  eventId: string,
  questionId: string,
  input: QuestionInput,
) {
  await changeQuestions(platform, actor, eventId, (questions) => {
    if (!questions.some((q) => q.id === questionId)) throw new NotFoundError();
    return questions.map((q) => (q.id === questionId ? { ...newQuestion(input), id: q.id } : q));
  });
}

/** One question of the questionnaire, for its edit page. */
export async function getQuestion(platform: Platform, actor: Actor, eventId: string, questionId: string) {
  const o = await getOverview(platform, actor, eventId);
  const question = o.questions.find((q) => q.id === questionId);
  if (!question) throw new NotFoundError();
  if (o.locked) throw new ConflictError("survey_locked", "feedback.error.locked");
  return { o, question };
}

export async function removeQuestion(platform: Platform, actor: Actor, eventId: string, questionId: string) {
  await changeQuestions(platform, actor, eventId, (questions) => {
    if (!questions.some((q) => q.id === questionId)) throw new NotFoundError();
    return questions.filter((q) => q.id !== questionId);
  });
}

/** Moves a question one place up or down. */
export async function moveQuestion(
  platform: Platform,
  actor: Actor,
  eventId: string,
  questionId: string,
  direction: "up" | "down",
) {
  await changeQuestions(platform, actor, eventId, (questions) => {
    const i = questions.findIndex((q) => q.id === questionId);
    if (i < 0) throw new NotFoundError();
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= questions.length) return questions;
    const out = [...questions];
    [out[i], out[j]] = [out[j] as Question, out[i] as Question];
    return out;
  });
}

export async function resetQuestionnaire(platform: Platform, actor: Actor, eventId: string) {
  const event = await managedEvent(platform, actor, eventId);
  const hasWorkshops = workshopsOf(await listSessions(platform.db.kysely, event.id)).length > 0;
  await changeQuestions(platform, actor, eventId, () => defaultQuestions(hasWorkshops));
}

// --- sending -------------------------------------------------------------------------------

/**
 * Mails a link to everybody present who has not had one, in one transaction: the
 * invitations (who), the shuffled token hashes (which links exist) and the mails. The two
 * lists share nothing but the Fachtag. Returns how many mails were queued.
 */
async function sendToPresent(platform: Platform, event: EventView): Promise<number> {
  return platform.db.kysely.transaction().execute(async (trx) => {
    const invited = await repo.invitedIds(trx, event.id);
    const people = (await presentList(trx, event.id)).filter((p) => !invited.has(p.id));
    if (!people.length) return 0;
    const tokens = people.map(() => newSurveyToken(platform.config.sessionSecret));
    await repo.insertInvitations(
      trx,
      event.id,
      people.map((p) => p.id),
      shuffled(tokens.map(hashToken)),
    );
    for (const [i, person] of people.entries()) {
      await enqueueMail(trx, surveyMail(platform, event, person, tokens[i] as string));
    }
    return people.length;
  });
}

/** The organiser's button "Umfrage-Links verschicken": after the Fachtag, everybody present once. */
export async function sendLinks(platform: Platform, actor: Actor, eventId: string): Promise<number> {
  const event = await managedEvent(platform, actor, eventId);
  if (!isOver(event, nowIso())) throw new ConflictError("not_over", "feedback.error.notOver");
  return sendToPresent(platform, event);
}

/** The organiser's setting: the links go out by themselves this many days after the end (0 = never). */
export async function saveAutoSend(platform: Platform, actor: Actor, eventId: string, days: number): Promise<void> {
  const event = await managedEvent(platform, actor, eventId);
  await repo.saveAutoSendDays(platform.db.kysely, event.id, days);
}

/**
 * The scheduled sending: every Fachtag that ended its auto-send days ago (looking back 60
 * days) mails its links to everybody present who has none yet — the same function as the
 * button, so nobody gets two. Returns how many mails were queued.
 */
export async function sendDue(platform: Platform, now = new Date()): Promise<number> {
  const db = platform.db.kysely;
  const from = new Date(now.getTime() - 60 * DAY_MS).toISOString();
  let sent = 0;
  for (const event of await listEventsStartingBetween(db, from, now.toISOString())) {
    if (event.status === "cancelled" || event.status === "draft") continue;
    // After the retention the people are gone: nobody left to ask.
    if (event.personalDataRemovedAt) continue;
    const at = autoSendAtOf(event, (await repo.findAutoSendDays(db, event.id)) ?? DEFAULT_AUTO_SEND_DAYS);
    if (!at || at > now.toISOString()) continue;
    sent += await sendToPresent(platform, event);
  }
  return sent;
}

// --- answering (public, with the link) -----------------------------------------------------

export interface OpenSurvey {
  eventTitle: string;
  eventStartsAt: string;
  questions: Question[];
  workshops: { id: string; title: string }[];
}

/** What the answer page shows; 404 for an unknown link, 409 once it was used. */
export async function openSurvey(platform: Platform, token: string): Promise<OpenSurvey> {
  const event = await openLink(platform, token);
  const db = platform.db.kysely;
  const sessions = await listSessions(db, event.id);
  return {
    eventTitle: event.title,
    eventStartsAt: event.startsAt,
    questions: await questionsOf(db, event, sessions),
    workshops: workshopsOf(sessions).map((w) => ({ id: w.id, title: w.title })),
  };
}

export const fieldName = (q: Pick<Question, "id">) => `q-${q.id}`;

const empty = (v: unknown) => v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/** Nothing chosen: "please answer" for a required question, otherwise no answer. */
const answer = (required: boolean, inner: z.ZodType) =>
  required
    ? z
        .unknown()
        .transform((v, ctx) => {
          if (!empty(v)) return v;
          ctx.addIssue({ code: "custom", message: "feedback.validation.required" });
          return z.NEVER;
        })
        .pipe(inner)
    : z
        .unknown()
        .transform((v) => (empty(v) ? undefined : v))
        .pipe(inner.optional());

/** The zod schema of one questionnaire's answer form (field `q-<id>` per question). */
export function answerSchema(survey: Pick<OpenSurvey, "questions" | "workshops">) {
  const shape: Record<string, z.ZodType> = {};
  const workshopIds = survey.workshops.map((w) => w.id);
  for (const q of survey.questions) {
    const choice = z.coerce
      .number({ error: "feedback.validation.choice" })
      .int("feedback.validation.choice")
      .min(0, "feedback.validation.choice")
      .max(q.options.length - 1, "feedback.validation.choice");
    const inner: Record<Question["kind"], z.ZodType> = {
      scale: z.coerce
        .number({ error: "feedback.validation.scale" })
        .int("feedback.validation.scale")
        .min(1, "feedback.validation.scale")
        .max(5, "feedback.validation.scale"),
      single: choice,
      multiple: z
        .preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(choice))
        .transform((v) => [...new Set(v)].sort((a, b) => a - b)),
      workshop: z.string().refine((v) => workshopIds.includes(v), "feedback.validation.choice"),
      text: z.string().trim().max(TEXT_MAX, `validation.tooLong|max=${TEXT_MAX}`),
    };
    // A workshop question of a Fachtag without workshops is not shown, so never required.
    const required = q.required && (q.kind !== "workshop" || workshopIds.length > 0);
    shape[fieldName(q)] = answer(required, inner[q.kind]);
  }
  // Every question's field is there (a browser leaves out unticked boxes and radios).
  return z.preprocess(
    (body) => ({
      ...Object.fromEntries(survey.questions.map((q) => [fieldName(q), ""])),
      ...(body && typeof body === "object" ? body : {}),
    }),
    z.object(shape),
  );
}

/**
 * Stores one answer and uses the link up, in one transaction: the DELETE of its hash is
 * conditional, so a second post (or two at once) stores nothing and gets 409.
 */
export async function submitAnswer(platform: Platform, token: string, data: Record<string, unknown>): Promise<void> {
  const event = await openLink(platform, token);
  const db = platform.db.kysely;
  const questions = await questionsOf(db, event);
  const answers: AnswerSet = {};
  for (const q of questions) {
    const value = data[fieldName(q)];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    answers[q.id] = value as AnswerSet[string];
  }
  await db.transaction().execute(async (trx) => {
    if (!(await repo.consumeToken(trx, hashToken(token)))) {
      throw new ConflictError("survey_answered", "feedback.error.answered");
    }
    await repo.insertAnswer(trx, { id: newId(), event_id: event.id, answers: JSON.stringify(answers) });
  });
}

// --- demo ----------------------------------------------------------------------------------

/**
 * Demo data: everybody present counts as sent a link (no mails); `answers` are stored as
 * answered ones, the rest stay open links. Returns one open link to try, if any.
 */
export async function storeDemoSurvey(platform: Platform, event: EventView, answers: AnswerSet[]) {
  return platform.db.kysely.transaction().execute(async (trx) => {
    if ((await repo.countAnswers(trx, event.id)) > 0) return undefined;
    const invited = await repo.invitedIds(trx, event.id);
    const people = (await presentList(trx, event.id)).filter((p) => !invited.has(p.id));
    const open = Math.max(0, people.length - answers.length);
    const tokens = Array.from({ length: open }, () => newSurveyToken(platform.config.sessionSecret));
    await repo.insertInvitations(
      trx,
      event.id,
      people.map((p) => p.id),
      shuffled(tokens.map(hashToken)),
    );
    for (const a of answers.slice(0, people.length)) {
      await repo.insertAnswer(trx, { id: newId(), event_id: event.id, answers: JSON.stringify(a) });
    }
    return tokens[0];
  });
}
