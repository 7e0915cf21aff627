import { z } from "zod";
import { optionalLocalDate } from "../../platform/http/dates.js";
import { formList, formText, pageParam, requiredText } from "../../platform/http/forms.js";
import { educationAreas, municipalities } from "../directory/index.js";
import { type Practice, postKinds, postStatuses, practiceFields } from "./kinds.js";

// The post, comment and report forms (HTML), the list filters, and the JSON API's
// fields and answers (the API is a contract: names and codes stay).

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const COMMENT_MAX = 5_000;
export const REASON_MAX = 1_000;

const areaIds = educationAreas.map((a) => a.id) as [string, ...string[]];

/** "Eltern, Kinder bis 6": free words split at commas, semicolons and line ends, each once. */
export function splitWords(text: string): string[] {
  const words = text
    .split(/[,;\n]/)
    .map((w) => w.trim().replace(/\s+/g, " ").slice(0, 80))
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, 50);
}

const wordList = z.preprocess(
  (v) => (Array.isArray(v) ? v.join(",") : v),
  z
    .string()
    .max(1000, "validation.tooLong|max=1000")
    .optional()
    .transform((v) => splitWords(v ?? "")),
);

const optionalChoice = (values: readonly [string, ...string[]], message: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values, { error: message }).optional());

const practiceShape = Object.fromEntries(practiceFields.map((f) => [f, formText(2000)])) as Record<
  (typeof practiceFields)[number],
  ReturnType<typeof formText>
>;

/** Writing or changing a post in the HTML form. */
export const postForm = z.object({
  kind: z.enum(postKinds, { error: "exchange.validation.kind" }),
  title: requiredText(TITLE_MAX),
  body: requiredText(BODY_MAX),
  areas: formList(z.enum(areaIds, { error: "exchange.validation.area" })),
  themes: wordList,
  targetGroups: wordList,
  municipality: optionalChoice(municipalities, "exchange.validation.municipality"),
  organisationId: formText(100),
  validUntil: optionalLocalDate(),
  status: z.enum(postStatuses, { error: "exchange.validation.status" }).default("published"),
  ...practiceShape,
  /** A moderator's reason for changing somebody else's post (told to the author). */
  reason: formText(REASON_MAX),
});
export type PostFormInput = z.output<typeof postForm>;

/** What the services take, from the form or the API. */
export interface PostInput {
  kind: (typeof postKinds)[number];
  title: string;
  body: string;
  areas: string[];
  themes: string[];
  targetGroups: string[];
  municipality?: string | undefined;
  organisationId?: string | undefined;
  validUntil?: string | undefined;
  status: (typeof postStatuses)[number];
  practice?: Practice | undefined;
  reason?: string | undefined;
}

export function inputFromForm(f: PostFormInput): PostInput {
  const practice: Practice = {};
  for (const field of practiceFields) if (f[field]) practice[field] = f[field];
  return {
    kind: f.kind,
    title: f.title,
    body: f.body,
    areas: f.areas,
    themes: f.themes,
    targetGroups: f.targetGroups,
    municipality: f.municipality,
    organisationId: f.organisationId,
    validUntil: f.validUntil,
    status: f.status,
    practice: f.kind === "practice" ? practice : undefined,
    reason: f.reason,
  };
}

export const attachmentForm = z.object({ attachmentTitle: requiredText(200), altText: formText(500) });
export const attachmentParams = z.object({ id: z.string().min(1).max(100), attachmentId: z.string().min(1).max(100) });
export const downloadParams = attachmentParams.extend({ filename: z.string().min(1).max(300) });

export const commentForm = z.object({ body: requiredText(COMMENT_MAX) });
export const reportForm = z.object({
  reason: requiredText(REASON_MAX),
  commentId: formText(100),
});

const queryText = (max: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z
      .string()
      .trim()
      .max(max)
      .optional()
      .transform((v) => (v ? v : undefined))
      .catch(undefined),
  );

/** Filters of /austausch; bad values are ignored, not errors. */
export const listQuery = z.object({
  art: queryText(40),
  bereich: queryText(40),
  thema: queryText(80),
  gemeinde: queryText(80),
  q: queryText(200),
  offen: queryText(5),
  seite: pageParam,
});

export const postParams = z.object({ id: z.string().min(1).max(100) });
export const commentParams = z.object({ id: z.string().min(1).max(100), commentId: z.string().min(1).max(100) });
export const reportParams = z.object({ reportId: z.string().min(1).max(100) });

// --- JSON API ----------------------------------------------------------------------------

const apiText = (max: number) => z.string().trim().min(1).max(max);
const apiDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .describe("Letzter Tag, an dem das Angebot/Gesuch offen ist (Europe/Berlin), z. B. 2027-03-31");
const apiPractice = z
  .object(Object.fromEntries(practiceFields.map((f) => [f, z.string().trim().max(2000).optional()])))
  .describe(
    "Praxisbeispiel: goal (Ziel), audience (Zielgruppe), actors (Beteiligte), activities (was wurde getan), results (Ergebnisse), transfer (was andere zum Nachmachen brauchen), contact (Kontakt)",
  );

export const apiPostCreate = z.object({
  kind: z
    .enum(postKinds)
    .describe("idea = Idee, experience = Erfahrung, practice = Praxisbeispiel, offer = Angebot, request = Gesuch"),
  title: apiText(TITLE_MAX),
  body: apiText(BODY_MAX).describe("Markdown; wird beim Speichern in sicheres HTML (bodyHtml) umgewandelt"),
  areas: z.array(z.enum(areaIds)).max(20).optional(),
  themes: z.array(apiText(80)).max(50).optional(),
  targetGroups: z.array(apiText(80)).max(50).optional(),
  municipality: z.enum(municipalities).optional(),
  organisationId: z.string().min(1).max(100).optional(),
  validUntil: apiDay.optional(),
  status: z.enum(["draft", "published"]).optional(),
  practice: apiPractice.optional(),
});

export const apiPostPatch = z.object({
  kind: z.enum(postKinds).optional(),
  title: apiText(TITLE_MAX).optional(),
  body: apiText(BODY_MAX).optional(),
  areas: z.array(z.enum(areaIds)).max(20).optional(),
  themes: z.array(apiText(80)).max(50).optional(),
  targetGroups: z.array(apiText(80)).max(50).optional(),
  municipality: z.enum(municipalities).nullable().optional(),
  organisationId: z.string().min(1).max(100).nullable().optional(),
  validUntil: apiDay.nullable().optional(),
  status: z.enum(postStatuses).optional(),
  practice: apiPractice.nullable().optional(),
  reason: apiText(REASON_MAX)
    .optional()
    .describe("Grund einer Änderung durch die Moderation (wird der Autorin mitgeteilt)"),
});

export const apiPostQuery = z.object({
  kind: z.enum(postKinds).optional(),
  theme: z.string().max(80).optional(),
  area: z.string().max(40).optional(),
  municipality: z.string().max(80).optional(),
  q: z.string().max(200).optional(),
  open: z.enum(["true", "false"]).optional().describe("true: nur offene Angebote und Gesuche"),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

export const apiPost = z.object({
  id: z.string(),
  url: z.string().describe("Absolute Adresse der Seite des Beitrags"),
  kind: z.enum(postKinds),
  title: z.string(),
  body: z.string().describe("Markdown, wie geschrieben"),
  bodyHtml: z.string().describe("Beim Speichern bereinigtes HTML"),
  areas: z.array(z.string()),
  themes: z.array(z.string()),
  targetGroups: z.array(z.string()),
  municipality: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  status: z.enum(postStatuses),
  open: z.boolean().describe("Angebot/Gesuch veröffentlicht, nicht erledigt, nicht abgelaufen"),
  validUntil: z.string().nullable(),
  practice: z.record(z.string(), z.string()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export const apiPostList = z.object({
  items: z.array(apiPost),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
});
