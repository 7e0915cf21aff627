import { z } from "zod";
import { oneParam, pageParam } from "../../platform/http/forms.js";

export const searchTypes = ["organisation", "offer", "post", "event"] as const;
export type SearchTypeId = (typeof searchTypes)[number];

/** The page's German parameter values for the types: `/suche?typ=angebot`. */
export const typeSlugs: Record<SearchTypeId, string> = {
  organisation: "akteur",
  offer: "angebot",
  post: "beitrag",
  event: "fachtag",
};

const text = (max: number) =>
  z.preprocess((v) => {
    const one = oneParam(v)?.trim();
    return one === "" ? undefined : one;
  }, z.string().max(max).optional());

/** The page `/suche?q=&typ=&bereich=&thema=&gemeinde=&seite=`: bad values fall back, never an error. */
export const searchPageQuery = z.object({
  q: text(200).catch(undefined),
  typ: z
    .preprocess((v) => {
      const slug = oneParam(v);
      return (Object.entries(typeSlugs).find(([, s]) => s === slug)?.[0] ?? oneParam(v)) as string | undefined;
    }, z.enum(searchTypes).optional())
    .catch(undefined),
  bereich: text(60).catch(undefined),
  thema: text(120).catch(undefined),
  gemeinde: text(80).catch(undefined),
  seite: pageParam,
});

/** The API's query: a wrong type or an over-long query is a 422 problem. */
export const searchApiQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Suchbegriffe (German behaviour: umlauts, plural, synonyms)"),
  type: z.enum(searchTypes).optional().describe("Only results of this type"),
  area: z.string().max(60).optional(),
  theme: z.string().max(120).optional(),
  municipality: z.string().max(80).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

export const searchApiResult = z.object({
  results: z.array(
    z.object({
      type: z.enum(searchTypes),
      id: z.string(),
      title: z.string(),
      snippet: z.string(),
      url: z.string(),
    }),
  ),
  total: z.number().int(),
});
