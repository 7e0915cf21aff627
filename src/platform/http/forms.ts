import { z } from "zod";
import { hasMessage, type Locale, type Translate } from "../i18n/i18n.js";
import { DomainError } from "./errors.js";

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: Record<string, string>; values: Record<string, unknown> };

const zodLocales = { de: z.locales.de(), en: z.locales.en() };

/**
 * Validates a posted form with a zod schema. Messages that are catalogue keys
 * ("validation.email") are translated; zod's own messages come in the page's language.
 * The first problem per field is kept, so each field shows one clear message.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: Translate,
  locale: Locale,
): FormResult<z.output<S>> {
  const values = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const result = schema.safeParse(values, { error: zodLocales[locale].localeError });
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "_form";
    if (errors[field]) continue;
    const [key, ...rest] = issue.message.split("|");
    const params = Object.fromEntries(rest.map((p) => p.split("=") as [string, string]));
    errors[field] = key && hasMessage(key) ? t(key, params) : issue.message;
  }
  return { ok: false, errors, values };
}

// Reusable field schemas for HTML forms: empty strings mean "not given".
export const formText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, `validation.tooLong|max=${max}`)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

export const requiredText = (max = 500) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, `validation.tooLong|max=${max}`);

export const formEmail = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong|max=254")
  .pipe(z.email("validation.email"))
  .transform((v) => v.toLowerCase());

/** A checkbox: present ("on") means true; a browser leaves an unticked box out of the body. */
export const formCheckbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** A field that may be sent once or several times (checkbox groups, multi-selects). */
export const formList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** An optional e-mail field: empty means "not given". */
export const optionalFormEmail = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  formEmail.optional(),
);

// --- re-rendering forms ------------------------------------------------------------

/** What a form view needs to show itself again: the posted values and a message per field. */
export interface FormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

/**
 * The field messages of a domain error, translated for the page; undefined for any
 * other error, which then goes on to the central error handler.
 */
export function fieldErrorsOf(error: unknown, t: Translate): Record<string, string> | undefined {
  if (!(error instanceof DomainError) || Object.keys(error.fieldErrors).length === 0) return undefined;
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key)]));
}

interface FormRequest {
  body: unknown;
  t: Translate;
  locale: Locale;
}

/**
 * The one way a posted HTML form is handled: validate with the schema, run the
 * action, and on a validation problem or a domain error with field messages call
 * `rerender` with the posted values, the German messages and the status (422, or the
 * domain error's own). The action returns the reply (usually a 303 redirect).
 */
export async function handleForm<S extends z.ZodType, R>(
  request: FormRequest,
  schema: S,
  action: (data: z.output<S>) => Promise<R>,
  rerender: (state: FormState, status: number) => Promise<R> | R,
): Promise<R> {
  const form = parseForm(schema, request.body, request.t, request.locale);
  if (!form.ok) return rerender({ values: form.values, errors: form.errors }, 422);
  try {
    return await action(form.data);
  } catch (error) {
    const errors = fieldErrorsOf(error, request.t);
    if (!errors) throw error;
    const values = (request.body && typeof request.body === "object" ? request.body : {}) as Record<string, unknown>;
    return rerender({ values, errors }, (error as DomainError).status);
  }
}

// --- lists and query strings -------------------------------------------------------

/** The first value of a query parameter that may be sent once or several times; "" is absent. */
export function oneParam(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first !== "" ? first : undefined;
}

/** A page number from the query: a whole number ≥ 1, anything else is page 1. */
export const pageParam = z.preprocess((v) => {
  const n = Number(oneParam(v) ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}, z.number().int().min(1));

export interface PageSlice {
  page: number;
  pageCount: number;
  offset: number;
  limit: number;
}

/** Page arithmetic: a page beyond the last shows the last one; an empty list has one page. */
export function pageSlice(total: number, requestedPage: number, pageSize: number): PageSlice {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize, limit: pageSize };
}

/**
 * Parses a query string with a schema whose fields all tolerate bad input (defaults,
 * catch): a hand-edited or stale bookmark shows the page with what could be read,
 * never a 500. Unknown parameters are ignored.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query && typeof query === "object" ? query : {});
  if (result.success) return result.data;
  return schema.parse({});
}
