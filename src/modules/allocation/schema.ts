import { z } from "zod";
import { pageParam } from "../../platform/http/forms.js";

// zod schemas of the allocation's forms and of its API (published contract).

const MAX_SEED = 4294967295;

/** The run form: an optional seed, a whole number (unsigned 32-bit). */
export const runForm = z.object({
  seed: z
    .string()
    .trim()
    .max(20, "allocation.run.seedInvalid")
    .regex(/^\d*$/, "allocation.run.seedInvalid")
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .refine((v) => v === undefined || v <= MAX_SEED, "allocation.run.seedInvalid"),
});

export const placeForm = z.object({
  registrationId: z.string().min(1).max(100),
  slot: z.string().min(1).max(40),
  sessionId: z.string({ error: "validation.required" }).min(1, "validation.required").max(100),
});

export const pageQuery = z.object({ seite: pageParam });

// --- JSON API -------------------------------------------------------------------------

export const apiIdParams = z.object({ id: z.string().min(1).max(200) });

export const apiRunBody = z
  .object({
    seed: z
      .number({ error: "Der Startwert (seed) muss eine ganze Zahl sein." })
      .int("Der Startwert (seed) muss eine ganze Zahl sein.")
      .min(0, "Der Startwert (seed) ist mindestens 0.")
      .max(MAX_SEED, `Der Startwert (seed) ist höchstens ${MAX_SEED}.`)
      .optional(),
  })
  .strict()
  // No body at all is fine: a random seed is drawn.
  .nullish();

export const apiSummary = z.object({
  /** (participant, slot) pairs placed. */
  assigned: z.number().int(),
  /** (participant, slot) pairs with wishes but no place. */
  unassigned: z.number().int(),
  /** Placements by the rank of the wish met: {"1": n, "2": n, …}. */
  byRank: z.record(z.string(), z.number().int()),
  totalRank: z.number().int(),
  seed: z.number().int(),
});

export const apiPublished = apiSummary.extend({ publishedAt: z.string() });
