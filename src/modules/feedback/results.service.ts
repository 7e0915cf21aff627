import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, getEventForRegistration, listSessions } from "../events/index.js";
import { feedbackAccess } from "./access.js";
import { type AnswerSet, defaultQuestions, OVERALL_ID, parseQuestions, type Question, SCALE } from "./questionnaire.js";
import * as repo from "./survey.repo.js";

// The results of a survey, counted in memory: a Fachtag has a few hundred answers at most,
// and each answer is one JSON row.

export interface Count {
  label: string;
  count: number;
}

export interface QuestionResult {
  question: Question;
  /** How many answered this question. */
  answered: number;
  /** Scale, single, multiple, workshop: one row per value or option. */
  counts: Count[];
  /** Scale only; null without answers. */
  mean: number | null;
  /** Free text only, in the order of the answers' random ids. */
  texts: string[];
  /** Scale questions of a survey that asks for the workshop: per workshop (mean null under MIN_GROUP answers). */
  byWorkshop: { workshop: string; answered: number; mean: number | null }[];
}

export interface SurveyResults {
  event: EventView;
  answers: number;
  questions: QuestionResult[];
  /** The ordered answers for the export: one row per answer, one column per question. */
  rows: AnswerSet[];
  workshopTitles: Map<string, string>;
}

/**
 * A workshop's figures are shown from this many answers on: the organisers know who was in
 * a small workshop, so one or two answers there would name their authors.
 */
export const MIN_GROUP = 3;

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function summarise(questions: Question[], rows: AnswerSet[], workshopTitles: Map<string, string>) {
  const workshopQuestion = questions.find((q) => q.kind === "workshop");
  return questions.map((question): QuestionResult => {
    const values = rows.map((r) => r[question.id]).filter((v) => v !== undefined);
    const base = { question, answered: values.length, counts: [], mean: null, texts: [], byWorkshop: [] };
    switch (question.kind) {
      case "scale": {
        const numbers = values.filter((v): v is number => typeof v === "number");
        const byWorkshop = workshopQuestion
          ? [...workshopTitles].map(([id, workshop]) => {
              const of = rows
                .filter((r) => r[workshopQuestion.id] === id)
                .map((r) => r[question.id])
                .filter((v): v is number => typeof v === "number");
              return { workshop, answered: of.length, mean: of.length >= MIN_GROUP ? round1(mean(of)) : null };
            })
          : [];
        return {
          ...base,
          counts: SCALE.map((n) => ({ label: String(n), count: numbers.filter((v) => v === n).length })),
          mean: round1(mean(numbers)),
          byWorkshop,
        };
      }
      case "single":
      case "multiple":
        return {
          ...base,
          counts: question.options.map((label, i) => ({
            label,
            count: values.filter((v) => v === i || (Array.isArray(v) && v.includes(i))).length,
          })),
        };
      case "workshop":
        return {
          ...base,
          counts: [...workshopTitles].map(([id, label]) => ({ label, count: values.filter((v) => v === id).length })),
        };
      default:
        // free text
        return { ...base, texts: values.filter((v): v is string => typeof v === "string") };
    }
  });
}

export async function getResults(platform: Platform, actor: Actor, eventId: string): Promise<SurveyResults> {
  const db = platform.db.kysely;
  const event = await getEventForRegistration(db, eventId);
  if (!event) throw new NotFoundError();
  feedbackAccess.requireAccess(actor, "feedback.manage", event, { hide: event.status === "draft" });
  const [stored, answers, sessions] = await Promise.all([
    repo.findQuestionnaire(db, event.id),
    repo.listAnswers(db, event.id),
    listSessions(db, event.id),
  ]);
  const workshopTitles = new Map(sessions.filter((s) => s.kind === "workshop").map((s) => [s.id, s.title]));
  const questions = stored ? parseQuestions(stored.questions) : defaultQuestions(workshopTitles.size > 0);
  const rows = answers.map((a) => JSON.parse(a.answers) as AnswerSet);
  return { event, answers: rows.length, questions: summarise(questions, rows, workshopTitles), rows, workshopTitles };
}

/**
 * The export: one row per answer, in the order of the answers' random ids, one column per
 * question (options and workshops by name).
 */
export function exportTable(results: SurveyResults): { headers: string[]; rows: (string | number | null)[][] } {
  const questions = results.questions.map((r) => r.question);
  // A workshop named by fewer than MIN_GROUP answers is left out: its row would name its author.
  const workshopResult = results.questions.find((r) => r.question.kind === "workshop");
  const small = new Set(
    [...results.workshopTitles.values()].filter(
      (title) => (workshopResult?.counts.find((c) => c.label === title)?.count ?? 0) < MIN_GROUP,
    ),
  );
  const cell = (q: Question, v: AnswerSet[string] | undefined): string | number | null => {
    if (v === undefined) return null;
    if (q.kind === "scale") return typeof v === "number" ? v : null;
    if (q.kind === "single") return typeof v === "number" ? (q.options[v] ?? null) : null;
    if (q.kind === "multiple") return Array.isArray(v) ? v.map((i) => q.options[i] ?? "").join("; ") : null;
    if (q.kind === "workshop") {
      const title = typeof v === "string" ? results.workshopTitles.get(v) : undefined;
      return title && !small.has(title) ? title : null;
    }
    return typeof v === "string" ? v : null;
  };
  return {
    headers: questions.map((q) => q.text),
    rows: results.rows.map((row) => questions.map((q) => cell(q, row[q.id]))),
  };
}

export interface SurveyScore {
  eventId: string;
  /** How many answered the survey at all. */
  answers: number;
  /** Mean (1–5, one decimal) of the overall question, or of the first scale question; null without any. */
  overall: number | null;
}

/**
 * For reports over time: per Fachtag the number of answers and the mean of its overall
 * rating (the default questionnaire's first question, else the first scale question).
 * Fachtage without a survey answer are left out. No access check: the caller decides who
 * sees the report; the figures name nobody.
 */
export async function surveyScores(db: Conn, eventIds: string[]): Promise<SurveyScore[]> {
  const [answers, stored] = await Promise.all([
    repo.answersOfEvents(db, eventIds),
    repo.questionnairesOf(db, eventIds),
  ]);
  const questionnaires = new Map(stored.map((s) => [s.event_id, parseQuestions(s.questions)]));
  const byEvent = new Map<string, AnswerSet[]>();
  for (const a of answers) {
    const list = byEvent.get(a.event_id) ?? [];
    list.push(JSON.parse(a.answers) as AnswerSet);
    byEvent.set(a.event_id, list);
  }
  return eventIds
    .filter((id) => byEvent.has(id))
    .map((eventId) => {
      const rows = byEvent.get(eventId) ?? [];
      const questions = questionnaires.get(eventId);
      const key = questions
        ? (
            questions.find((q) => q.id === OVERALL_ID && q.kind === "scale") ??
            questions.find((q) => q.kind === "scale")
          )?.id
        : OVERALL_ID;
      const values = key ? rows.map((r) => r[key]).filter((v): v is number => typeof v === "number") : [];
      return { eventId, answers: rows.length, overall: round1(mean(values)) };
    });
}
