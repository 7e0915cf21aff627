import { newId } from "../../platform/db/ids.js";

// A questionnaire is a list of questions stored as JSON with its Fachtag. Kinds:
// - scale:    1 to 5, with a word for each end (mean, counts)
// - single:   one of the options
// - multiple: any of the options
// - workshop: one of the Fachtag's workshops (options filled in when shown): the results
//             of every scale question are then also given per workshop
// - text:     free text

export const questionKinds = ["scale", "single", "multiple", "workshop", "text"] as const;
export type QuestionKind = (typeof questionKinds)[number];

export interface Question {
  id: string;
  kind: QuestionKind;
  text: string;
  /** single and multiple only. */
  options: string[];
  /** scale only: the words for 1 and 5. */
  low: string;
  high: string;
  required: boolean;
}

export const SCALE = [1, 2, 3, 4, 5] as const;
export const MAX_QUESTIONS = 30;
export const MAX_OPTIONS = 12;
export const TEXT_MAX = 2000;

/** The question every Fachtag's overall score is read from (surveyScores). */
export const OVERALL_ID = "overall";

const scale = (id: string, text: string): Question => ({
  id,
  kind: "scale",
  text,
  options: [],
  low: "sehr unzufrieden",
  high: "sehr zufrieden",
  required: true,
});
const free = (id: string, text: string): Question => ({
  id,
  kind: "text",
  text,
  options: [],
  low: "",
  high: "",
  required: false,
});

/**
 * The default questionnaire (German: the platform's language of the office). The workshop
 * questions only where the Fachtag has workshops.
 */
export function defaultQuestions(hasWorkshops: boolean): Question[] {
  return [
    scale(OVERALL_ID, "Wie zufrieden sind Sie mit dem Fachtag insgesamt?"),
    scale("content", "Wie zufrieden sind Sie mit den Inhalten?"),
    scale("organisation", "Wie zufrieden sind Sie mit der Organisation?"),
    ...(hasWorkshops
      ? [
          {
            ...free("workshop", "Welchen Workshop haben Sie besucht?"),
            kind: "workshop" as const,
          },
          scale("workshops", "Wie zufrieden sind Sie mit Ihrem Workshop?"),
        ]
      : []),
    free("takeaway", "Was nehmen Sie in Ihre Arbeit mit?"),
    free("comments", "Was möchten Sie uns sonst noch sagen?"),
  ];
}

export function parseQuestions(json: string): Question[] {
  const value = JSON.parse(json) as Question[];
  return Array.isArray(value) ? value : [];
}

export function newQuestion(input: {
  kind: QuestionKind;
  text: string;
  options: string[];
  low?: string | undefined;
  high?: string | undefined;
  required: boolean;
}): Question {
  const choice = input.kind === "single" || input.kind === "multiple";
  return {
    id: newId().slice(0, 8),
    kind: input.kind,
    text: input.text,
    options: choice ? input.options : [],
    low: input.kind === "scale" ? (input.low ?? "sehr unzufrieden") : "",
    high: input.kind === "scale" ? (input.high ?? "sehr zufrieden") : "",
    required: input.kind === "text" ? false : input.required,
  };
}

/** One answer to one question as stored: a number (scale), option index(es), a workshop id or text. */
export type AnswerValue = number | number[] | string;
export type AnswerSet = Record<string, AnswerValue>;
