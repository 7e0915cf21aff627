import { z } from "zod";
import { localDate, localDateTime, optionalLocalDate } from "../../platform/http/dates.js";
import { formList, formText, requiredText } from "../../platform/http/forms.js";
import { translator } from "../../platform/i18n/i18n.js";
import { cooperationKinds, cooperationStatuses, gapKinds, networkVisibilities } from "./constants.js";
import { layoutKinds } from "./layout.js";

// Form schemas carry catalogue keys (parseForm translates them); API schemas carry
// German messages directly, because the central handler shows zod's message as is.
const de = translator("de");
const german = (key: string) => ({ error: () => de(key) });

// Dates through the one parser of the platform: impossible days ("2026-02-30") and
// years outside 2000–2100 are refused with a German message, on create and update alike.
const formDate = localDate();
const optionalFormDate = optionalLocalDate();

const distinctIds = (ids: string[]) => [...new Set(ids.filter((id) => id !== ""))];

/** "Sprachförderung, Elternarbeit" → ["Sprachförderung", "Elternarbeit"] */
export const splitThemes = (text: string | undefined): string[] =>
  distinctIds((text ?? "").split(",").map((s) => s.trim())).slice(0, 20);

export const cooperationForm = z
  .object({
    title: requiredText(200),
    kind: z.enum(cooperationKinds, { error: "network.validation.kind" }),
    description: formText(5000),
    organisationIds: formList(z.string().max(100))
      .transform(distinctIds)
      .pipe(z.array(z.string()).min(2, "network.validation.twoOrganisations").max(100)),
    startsOn: formDate,
    endsOn: optionalFormDate,
    status: z.enum(cooperationStatuses, { error: "network.validation.status" }).default("active"),
    themes: formText(500).transform(splitThemes),
    origin: formText(300),
    originEventId: formText(100),
  })
  // Runs even when other fields have problems, so every message shows at once.
  .refine((v) => !v.endsOn || !v.startsOn || v.endsOn >= v.startsOn, {
    path: ["endsOn"],
    message: "network.validation.endBeforeStart",
    when: (payload) => payload.issues.every((i) => !["startsOn", "endsOn"].includes(String(i.path?.[0]))),
  });

/** The form parser's catalogue keys ("validation.dateRange|min=…") as German text, for the API. */
const germanIssue = (message: string) => {
  const [key = "", ...rest] = message.split("|");
  return de(key, Object.fromEntries(rest.map((p) => p.split("=") as [string, string])));
};
const apiDate = z.string(german("network.validation.date")).transform((value, ctx) => {
  const parsed = localDate().safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: germanIssue(issue.message) });
  return z.NEVER;
});

export const cooperationCreateBody = z
  .object({
    title: z.string().trim().min(1, german("validation.required")).max(200, german("validation.tooLong")),
    kind: z.enum(cooperationKinds, german("network.validation.kind")),
    organisationIds: z
      .array(z.string().min(1).max(100), german("network.validation.twoOrganisations"))
      .max(100)
      .refine((ids) => new Set(ids).size >= 2, german("network.validation.twoOrganisations")),
    startsOn: apiDate,
    endsOn: apiDate.nullish(),
    originEventId: z.string().max(100).nullish(),
    description: z.string().max(5000).nullish(),
    themes: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    origin: z.string().max(300).nullish(),
    status: z.enum(cooperationStatuses, german("network.validation.status")).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn && v.endsOn < v.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: de("network.validation.endBeforeStart") });
    }
  })
  .describe("Eine neue Kooperation zwischen mindestens zwei Organisationen");

export const cooperationListQuery = z.object({
  organisationId: z.string().max(100).optional(),
  kind: z.enum(cooperationKinds, german("network.validation.kind")).optional(),
  status: z.enum(cooperationStatuses, german("network.validation.status")).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const cooperationOut = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(cooperationKinds),
  description: z.string().nullable(),
  organisationIds: z.array(z.string()),
  partners: z.array(z.object({ organisationId: z.string(), name: z.string().nullable(), confirmed: z.boolean() })),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(cooperationStatuses),
  confirmed: z.boolean().describe("true, wenn alle beteiligten Organisationen bestätigt haben"),
  themes: z.array(z.string()),
  origin: z.string().nullable(),
  originEventId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const analysisOut = z.object({
  organisations: z.number().int().describe("Anzahl der veröffentlichten Organisationen (Knoten)"),
  cooperations: z.number().int().describe("Anzahl der bestätigten, laufenden Kooperationen"),
  density: z.number().describe("2E / (N(N−1)) des ungerichteten einfachen Graphen; 0 bei weniger als zwei Knoten"),
  components: z
    .number()
    .int()
    .describe("Anzahl der Zusammenhangskomponenten; jede Organisation ohne Kooperation zählt als eigene Komponente"),
  isolated: z.array(z.string()).describe("IDs der Organisationen ohne Kooperation"),
  areaLinks: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
  gaps: z.array(z.object({ organisationId: z.string(), kind: z.enum(gapKinds) })),
  asOf: z.string().describe("Stichtag (YYYY-MM-DD, Europe/Berlin)"),
  edges: z.number().int().describe("Verbundene Paare (Kanten)"),
  componentSizes: z.array(z.number().int()),
  byArea: z.array(z.object({ key: z.string(), organisations: z.number().int(), cooperations: z.number().int() })),
  byMunicipality: z.array(
    z.object({ key: z.string(), organisations: z.number().int(), cooperations: z.number().int() }),
  ),
  growth: z.array(z.object({ quarter: z.string(), active: z.number().int() })),
});

export const networkForm = z.object({
  name: requiredText(200),
  purpose: formText(5000),
  coordinatorId: formText(100),
  memberIds: formList(z.string().max(100)).transform(distinctIds),
  visibility: z.enum(networkVisibilities, { error: "network.validation.visibility" }),
});
export type NetworkInput = z.output<typeof networkForm>;

export const meetingForm = z.object({
  /** Typed in Berlin time; the instant in UTC. */
  startsAt: localDateTime(),
  place: formText(300),
  agenda: formText(5000),
});
export type MeetingInput = z.output<typeof meetingForm>;

export const graphQuery = z.object({
  bereich: z.string().max(50).optional().catch(undefined),
  art: z.enum(cooperationKinds).optional().catch(undefined),
  gemeinde: z.string().max(100).optional().catch(undefined),
  seite: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  anordnung: z.enum(layoutKinds).optional().catch(undefined),
});
