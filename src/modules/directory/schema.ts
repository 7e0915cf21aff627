import { z } from "zod";
import {
  formCheckbox,
  formList,
  formText,
  optionalFormEmail,
  pageParam,
  requiredText,
} from "../../platform/http/forms.js";
import {
  areaIds,
  baseKindIds,
  carrierIds,
  currentMunicipality,
  formerMunicipalities,
  municipalities,
  offerKindIds,
} from "./vocab.js";

// zod schemas of the directory: HTML forms (strings, empty = not given) and the JSON API.

/** Kind ids: the base kinds (listed as an enum in the OpenAPI document) or an admin-added id. */
export const kindIdPattern = /^[a-z][a-z0-9_]{1,39}$/;

/** A checkbox that may be absent from the body (unticked boxes are not sent). */
const checkbox = z.preprocess((v) => v ?? "", formCheckbox);

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A comma- or semicolon-separated list of free words ("Eltern, Kinder bis 6"). */
export const formWordList = z.preprocess(
  (v) => (Array.isArray(v) ? v.join(",") : v),
  z
    .string()
    .max(1000, "validation.tooLong|max=1000")
    .optional()
    .transform((v) => splitWords(v ?? "")),
);

export function splitWords(text: string): string[] {
  const words = text
    .split(/[,;\n]/)
    .map((w) => w.trim().replace(/\s+/g, " "))
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, 80));
  const seen = new Set<string>();
  return words.filter((w) => {
    const key = w.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A web address people can open: http(s) and a host with at least one dot and a
 * top-level domain ("keine-url" or "n/a" are none, though URL parsers accept them).
 */
export function isWebAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  // The parser has already turned umlaut domains into their xn-- form.
  return /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/i.test(url.hostname);
}

const websiteField = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .max(300, "validation.tooLong|max=300")
    .transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
    .refine(isWebAddress, "directory.validation.website")
    .optional(),
);

const apiWebsite = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .refine(isWebAddress, "keine vollständige Webadresse (z. B. https://www.example.de)");

const phoneField = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .max(40, "validation.tooLong|max=40")
    .regex(/^[+0-9 ()/\-–]{4,40}$/, "directory.validation.phone")
    .optional(),
);

const postalCodeField = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .regex(/^\d{5}$/, "directory.validation.postalCode")
    .optional(),
);

const coordinate = (min: number, max: number, key: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
    z.number({ error: key }).min(min, key).max(max, key).optional(),
  );

const kindField = z
  .string({ error: "directory.validation.kind" })
  .trim()
  .regex(kindIdPattern, "directory.validation.kind");

/** The organisation form (admin and member editing, and the public proposal). */
export const organisationForm = z.object({
  name: requiredText(200),
  kind: kindField,
  carrierType: z.preprocess(emptyToUndefined, z.enum(carrierIds, { error: "validation.choice" }).optional()),
  carrierName: formText(200),
  areas: formList(z.enum(areaIds, { error: "validation.choice" })).refine((a) => a.length > 0, {
    message: "directory.validation.areas",
  }),
  // A former name (Hermannsburg) is taken as today's municipality (Südheide).
  municipality: z.preprocess(
    (v) => (typeof v === "string" ? currentMunicipality(v.trim()) : v),
    z.enum(municipalities, { error: "directory.validation.municipality" }),
  ),
  street: formText(200),
  postalCode: postalCodeField,
  city: formText(100),
  lat: coordinate(47, 55.1, "directory.validation.lat"),
  lon: coordinate(5.8, 15.1, "directory.validation.lon"),
  website: websiteField,
  email: optionalFormEmail,
  phone: phoneField,
  description: formText(5000),
  targetGroups: formWordList,
  themes: formWordList,
  languages: formWordList,
  accessibility: formText(1000),
});

/** What every write path (form, API, import, proposal) hands the service. */
export interface OrganisationInput {
  name: string;
  kind: string;
  carrierType?: (typeof carrierIds)[number] | undefined;
  carrierName?: string | undefined;
  areas: string[];
  municipality: string;
  street?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
  website?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  description?: string | undefined;
  targetGroups: string[];
  themes: string[];
  languages: string[];
  accessibility?: string | undefined;
}

export const proposalForm = organisationForm.extend({
  proposerName: requiredText(200),
  proposerEmail: z.preprocess(
    (v) => (v === undefined ? "" : v),
    z
      .string()
      .trim()
      .min(1, "validation.required")
      .max(254, "validation.tooLong|max=254")
      .pipe(z.email("validation.email"))
      .transform((v) => v.toLowerCase()),
  ),
  proposalNote: formText(2000),
  // A field hidden from people (CSS) that bots fill in.
  homepage: z.string().optional(),
});
export type ProposalInput = z.output<typeof proposalForm>;

const isoDate = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "validation.date")
    .optional(),
);

const age = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
  z
    .number({ error: "validation.number" })
    .int("validation.number")
    .min(0, "directory.validation.age")
    .max(120, "directory.validation.age")
    .optional(),
);

export const offerForm = z
  .object({
    title: requiredText(200),
    kind: z.enum(offerKindIds, { error: "validation.choice" }),
    description: formText(5000),
    targetGroup: formText(300),
    ageFrom: age,
    ageTo: age,
    area: z.preprocess(emptyToUndefined, z.enum(areaIds, { error: "validation.choice" }).optional()),
    cost: formText(200),
    accessRequirements: formText(1000),
    languages: formWordList,
    ongoing: checkbox,
    startsOn: isoDate,
    endsOn: isoDate,
    schedule: formText(500),
    place: formText(300),
    contact: formText(500),
  })
  .superRefine((o, ctx) => {
    if (o.ageFrom !== undefined && o.ageTo !== undefined && o.ageTo < o.ageFrom) {
      ctx.addIssue({ code: "custom", path: ["ageTo"], message: "directory.validation.ageOrder" });
    }
    if (!o.ongoing && !o.startsOn && !o.schedule) {
      ctx.addIssue({ code: "custom", path: ["startsOn"], message: "directory.validation.dates" });
    }
    if (o.startsOn && o.endsOn && o.endsOn < o.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "directory.validation.dateOrder" });
    }
  });
export type OfferInput = z.output<typeof offerForm>;

export const contactForm = z
  .object({
    name: requiredText(200),
    function: formText(200),
    email: optionalFormEmail,
    phone: phoneField,
    publicConsent: checkbox,
    consentDate: isoDate,
  })
  .superRefine((c, ctx) => {
    if (c.publicConsent && !c.consentDate) {
      ctx.addIssue({ code: "custom", path: ["consentDate"], message: "directory.validation.consentDate" });
    }
    if (c.consentDate && c.consentDate > new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({ code: "custom", path: ["consentDate"], message: "directory.validation.consentFuture" });
    }
  });
export type ContactInput = z.output<typeof contactForm>;

export const memberForm = z.object({ email: optionalFormEmail.refine((v) => v !== undefined, "validation.required") });

/** A new account for a representative (its own field names: the page also has the link form). */
export const memberInviteForm = z.object({
  inviteName: requiredText(200),
  inviteEmail: optionalFormEmail.refine((v) => v !== undefined, "validation.required"),
});

export const kindForm = z.object({
  id: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(kindIdPattern, "directory.validation.kindId"),
  labelDe: requiredText(100),
  labelEn: requiredText(100),
});
export type KindInput = z.output<typeof kindForm>;

// --- filters (GET query of the list, map and exports) ------------------------------

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

/** Filters of /akteure, /akteure/karte and the exports; bad values are ignored, not errors. */
export const directoryQuery = z.object({
  q: queryText(200),
  art: queryText(40),
  bereich: queryText(40),
  zielgruppe: queryText(80),
  gemeinde: queryText(80),
  thema: queryText(80),
  sprache: queryText(80),
  /** "kooperiert mit": only organisations with a running cooperation with this kind of partner. */
  partnerart: queryText(40),
  sortierung: z.enum(["relevanz", "name"]).optional().catch(undefined),
  seite: pageParam,
});
export type DirectoryQuery = z.output<typeof directoryQuery>;

export const offerQuery = z.object({
  q: queryText(200),
  art: queryText(40),
  bereich: queryText(40),
  gemeinde: queryText(80),
  seite: pageParam,
});
export type OfferQuery = z.output<typeof offerQuery>;

/** The back office's list of every organisation. */
export const adminListQuery = z.object({
  q: queryText(200),
  status: z.enum(["published", "proposed", "rejected"]).optional().catch(undefined),
  seite: pageParam,
});

/** The change log: open ones only, members' changes only. */
export const changeLogQuery = z.object({
  offen: z.literal("1").optional().catch(undefined),
  mitglieder: z.literal("1").optional().catch(undefined),
  seite: pageParam,
});

/** The decision on a proposal (the button pressed). */
export const proposalDecision = z.object({
  decision: z.enum(["approve", "reject"], { error: "validation.choice" }),
});

/** The confirmation of an import: the checked text comes back with its encoding. */
export const importConfirmation = z.object({
  content: z.string().catch(""),
  encoding: z.enum(["UTF-8", "Windows-1252"]).catch("UTF-8"),
  /** "1": take only the rows without errors and skip the others. */
  nurFehlerfreie: z.literal("1").optional().catch(undefined),
});

// --- JSON API (contract) ------------------------------------------------------------

const apiKind = z
  .union([z.enum(baseKindIds), z.string().regex(kindIdPattern)])
  .describe("Art der Organisation: eine der festen Kennungen oder eine vom Bildungsbüro ergänzte");
const apiArea = z.enum(areaIds);
const apiText = (max: number) => z.string().trim().min(1).max(max);

/** Today's municipalities; former names are still accepted and stored as their successor. */
const apiMunicipality = z
  .enum([...municipalities, ...(Object.keys(formerMunicipalities) as [string, ...string[]])])
  .describe("Gemeinde des Landkreises (frühere Namen wie Hermannsburg werden als Südheide gespeichert)");

export const apiAddress = z.object({
  street: z.string().trim().max(200).optional(),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/)
    .optional(),
  city: z.string().trim().max(100).optional(),
});

export const apiGeo = z.object({
  lat: z.number().min(47).max(55.1),
  lon: z.number().min(5.8).max(15.1),
});

export const apiOrganisationCreate = z.object({
  name: apiText(200),
  kind: apiKind,
  areas: z.array(apiArea).min(1).max(7),
  municipality: apiMunicipality,
  address: apiAddress.optional(),
  geo: apiGeo.optional(),
  website: apiWebsite.optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()/\-–]{4,40}$/)
    .optional(),
  description: z.string().trim().max(5000).optional(),
  themes: z.array(apiText(80)).max(50).optional(),
  targetGroups: z.array(apiText(80)).max(50).optional(),
  languages: z.array(apiText(80)).max(50).optional(),
  carrierType: z.enum(carrierIds).optional(),
  carrierName: z.string().trim().max(200).optional(),
  accessibility: z.string().trim().max(1000).optional(),
});
export type ApiOrganisationCreate = z.output<typeof apiOrganisationCreate>;

export const apiOrganisationPatch = apiOrganisationCreate
  .extend({
    address: apiAddress.nullable().optional(),
    geo: apiGeo.nullable().optional(),
    website: apiWebsite.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()/\-–]{4,40}$/)
      .nullable()
      .optional(),
    description: z.string().trim().max(5000).nullable().optional(),
    carrierType: z.enum(carrierIds).nullable().optional(),
    carrierName: z.string().trim().max(200).nullable().optional(),
    accessibility: z.string().trim().max(1000).nullable().optional(),
  })
  .partial();
export type ApiOrganisationPatch = z.output<typeof apiOrganisationPatch>;

export const apiOrganisation = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: apiKind,
  kindLabel: z.string(),
  areas: z.array(apiArea),
  municipality: z.string(),
  address: z
    .object({ street: z.string().optional(), postalCode: z.string().optional(), city: z.string().optional() })
    .optional(),
  geo: z.object({ lat: z.number(), lon: z.number() }).optional(),
  website: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  description: z.string().optional(),
  themes: z.array(z.string()),
  targetGroups: z.array(z.string()),
  languages: z.array(z.string()),
  carrierType: z.enum(carrierIds).optional(),
  carrierName: z.string().optional(),
  accessibility: z.string().optional(),
  status: z.enum(["published", "proposed", "rejected"]),
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const apiOrganisationList = z.object({ items: z.array(apiOrganisation), total: z.number().int() });

export const apiOrganisationQuery = z.object({
  q: z.string().max(200).optional(),
  kind: z.string().max(40).optional(),
  area: apiArea.optional(),
  municipality: z.string().max(80).optional(),
  theme: z.string().max(80).optional(),
  partnerKind: z
    .string()
    .max(40)
    .optional()
    .describe("Nur Organisationen mit einer bestätigten, laufenden Kooperation mit einer Organisation dieser Art"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const apiIdParams = z.object({ id: z.string().min(1).max(80) });

export const apiOfferCreate = z
  .object({
    title: apiText(200),
    kind: z.enum(offerKindIds),
    description: z.string().trim().max(5000).optional(),
    targetGroup: z.string().trim().max(300).optional(),
    ageFrom: z.number().int().min(0).max(120).optional(),
    ageTo: z.number().int().min(0).max(120).optional(),
    area: apiArea.optional(),
    cost: z.string().trim().max(200).optional(),
    accessRequirements: z.string().trim().max(1000).optional(),
    languages: z.array(apiText(80)).max(50).optional(),
    ongoing: z.boolean().default(true),
    startsOn: z.iso.date().optional(),
    endsOn: z.iso.date().optional(),
    schedule: z.string().trim().max(500).optional(),
    place: z.string().trim().max(300).optional(),
    contact: z.string().trim().max(500).optional(),
  })
  .refine((o) => o.ageFrom === undefined || o.ageTo === undefined || o.ageTo >= o.ageFrom, {
    path: ["ageTo"],
    message: "ageTo muss größer oder gleich ageFrom sein",
  })
  .refine((o) => !o.startsOn || !o.endsOn || o.endsOn >= o.startsOn, {
    path: ["endsOn"],
    message: "endsOn muss nach startsOn liegen",
  });

export const apiOffer = z.object({
  id: z.string(),
  organisationId: z.string(),
  title: z.string(),
  kind: z.enum(offerKindIds),
  description: z.string().optional(),
  targetGroup: z.string().optional(),
  ageFrom: z.number().optional(),
  ageTo: z.number().optional(),
  area: apiArea.optional(),
  cost: z.string().optional(),
  accessRequirements: z.string().optional(),
  languages: z.array(z.string()),
  ongoing: z.boolean(),
  startsOn: z.string().optional(),
  endsOn: z.string().optional(),
  schedule: z.string().optional(),
  place: z.string().optional(),
  contact: z.string().optional(),
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const apiOfferList = z.object({ items: z.array(apiOffer), total: z.number().int() });
