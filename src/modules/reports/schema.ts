import { z } from "zod";
import { educationAreas, municipalities } from "../directory/index.js";

const areaIds = educationAreas.map((a) => a.id) as [string, ...string[]];

// The dashboard's period and filters (all in the address, so a view can be bookmarked),
// and the API's schemas.

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (v: string) =>
  isoDay.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const day = (message: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: message })
      .trim()
      .refine(realDay, message)
      .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", message)
      .optional(),
  );

export const reportQuery = z
  .object({
    year: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "reports.validation.year" })
        .int("reports.validation.year")
        .min(2000, "reports.validation.year")
        .max(2100, "reports.validation.year")
        .optional(),
    ),
    quarter: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "reports.validation.quarter" })
        .int("reports.validation.quarter")
        .min(1, "reports.validation.quarter")
        .max(4, "reports.validation.quarter")
        .optional(),
    ),
    from: day("reports.validation.day"),
    to: day("reports.validation.day"),
    area: z.preprocess(blankToUndefined, z.enum(areaIds, { error: "reports.validation.area" }).optional()),
    municipality: z.preprocess(
      blankToUndefined,
      z.enum(municipalities, { error: "reports.validation.municipality" }).optional(),
    ),
    kind: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(60, "reports.validation.kind")
        .regex(/^[a-z0-9_]+$/, "reports.validation.kind")
        .optional(),
    ),
  })
  .superRefine((q, ctx) => {
    if ((q.from && !q.to) || (!q.from && q.to)) {
      ctx.addIssue({ code: "custom", path: [q.from ? "to" : "from"], message: "reports.validation.range" });
    }
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "reports.validation.order" });
    if (q.quarter !== undefined && q.year === undefined && !q.from) {
      ctx.addIssue({ code: "custom", path: ["year"], message: "reports.validation.quarterYear" });
    }
  });
export type ReportQuery = z.output<typeof reportQuery>;

export const summaryQuery = z
  .object({
    from: z.string().regex(isoDay).refine(realDay).optional(),
    to: z.string().regex(isoDay).refine(realDay).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from after to", path: ["to"] });

const counts = z.record(z.string(), z.number().int());

export const apiSummary = z.object({
  from: z.string(),
  to: z.string(),
  events: z.number().int(),
  registrations: z.object({
    total: z.number().int(),
    confirmed: z.number().int(),
    present: z.number().int(),
    noShow: z.number().int(),
    waitlistOnly: z.number().int(),
    /** "Teilnehmende": present where the Fachtag checked people in, else confirmed. */
    participants: z.number().int(),
  }),
  participantsByKind: counts,
  participantsByMunicipality: counts,
  organisations: z.number().int(),
  cooperations: z.object({ active: z.number().int(), started: z.number().int(), startedAtFachtag: z.number().int() }),
  posts: z.record(z.string(), z.number()),
});

/** A public figure: the number, or "< 5" where it is below 5. */
const figure = z.union([z.number().int(), z.literal("< 5")]);
const figureRows = z.array(z.object({ key: z.string(), label: z.string(), value: figure }));

export const apiFigures = z.object({
  asOf: z.string(),
  district: z.string(),
  organisations: figure,
  cooperations: figure,
  organisationsByArea: figureRows,
  organisationsByMunicipality: figureRows,
  cooperationsByArea: figureRows,
  years: z.array(z.object({ year: z.number().int(), events: figure, participants: figure })),
});
