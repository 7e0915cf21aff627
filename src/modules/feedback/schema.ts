import { z } from "zod";
import { formCheckbox, formText, requiredText } from "../../platform/http/forms.js";
import { MAX_OPTIONS, questionKinds } from "./questionnaire.js";

// Forms of the survey's pages and the API's schemas. The answer form's schema depends on
// the questionnaire: answerSchema() in survey.service.ts.

const optionLines = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().max(120, "feedback.validation.optionTooLong"))
      .max(MAX_OPTIONS, `feedback.validation.tooManyOptions|max=${MAX_OPTIONS}`)
      .refine((list) => new Set(list).size === list.length, "feedback.validation.duplicateOptions"),
  );

export const questionForm = z
  .object({
    kind: z.enum(questionKinds, { error: "feedback.validation.kind" }),
    text: requiredText(300),
    options: optionLines,
    low: formText(40),
    high: formText(40),
    required: formCheckbox,
  })
  .superRefine((q, ctx) => {
    if ((q.kind === "single" || q.kind === "multiple") && q.options.length < 2) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "feedback.validation.twoOptions" });
    }
  });

export const answerQuery = z.object({ t: z.string().trim().max(200).optional().catch(undefined) });

export const eventParams = z.object({ eventId: z.string().min(1).max(200) });

const apiCount = z.object({ label: z.string(), count: z.number().int() });

export const apiResults = z.object({
  eventId: z.string(),
  answers: z.number().int().describe("Anzahl der Antworten"),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(questionKinds),
      text: z.string(),
      answered: z.number().int(),
      counts: z.array(apiCount).describe("Skala: Werte 1–5; Auswahl: je Option; Workshop: je Workshop"),
      mean: z.number().nullable().describe("Skala: Mittelwert (1–5, eine Nachkommastelle)"),
      texts: z.array(z.string()).describe("Freitext: die Antworten"),
      byWorkshop: z.array(z.object({ workshop: z.string(), answered: z.number().int(), mean: z.number().nullable() })),
    }),
  ),
});

/** "Automatisch verschicken nach (Tagen)": 0 switches it off, at most 60. */
export const autoSendForm = z.object({
  autoSendDays: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === undefined || v === "" ? 0 : v),
    z
      .number({ error: "feedback.validation.days" })
      .int("feedback.validation.days")
      .min(0, "feedback.validation.days")
      .max(60, "feedback.validation.days"),
  ),
});
