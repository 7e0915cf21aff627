import { z } from "zod";
import { optionalLocalDate } from "../../platform/http/dates.js";
import { formList, formText, requiredText } from "../../platform/http/forms.js";

// Forms and the API share these schemas; messages are catalogue keys (parseForm translates).

export const agreementStatuses = ["open", "in_progress", "done"] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

const distinctIds = (ids: string[]) => [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ""))];

export const resultsForm = z.object({
  results: formText(20_000),
});

export const agreementForm = z.object({
  title: requiredText(300),
  organisationIds: formList(z.string().max(100))
    .transform(distinctIds)
    .pipe(z.array(z.string()).max(20, "outcomes.validation.tooManyOrganisations")),
  dueOn: optionalLocalDate(),
  status: z.enum(agreementStatuses, { error: "outcomes.validation.status" }).default("open"),
});
export type AgreementInput = z.output<typeof agreementForm>;

/** The partner picker's search term (the form's "Suchen" button posts the form back). */
export const pickerQuery = z.object({
  suche: formText(100),
  organisationIds: formList(z.string().max(100)).transform(distinctIds),
});

export const eventParams = z.object({ id: z.string().max(100) });
export const agreementParams = z.object({ id: z.string().max(100), agreementId: z.string().max(100) });

const apiAgreement = z.object({
  id: z.string(),
  title: z.string(),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  dueDate: z.string().nullable().describe("YYYY-MM-DD"),
  status: z.enum(agreementStatuses),
  cooperationId: z.string().nullable().describe("The cooperation proposed in the network (two or more organisations)"),
  cooperationConfirmed: z.boolean().nullable().describe("Every partner has confirmed the cooperation"),
});

export const apiOutcomes = z.object({
  results: z.string().nullable(),
  agreements: z.array(apiAgreement),
});

export const apiAgreementCreated = apiAgreement;
