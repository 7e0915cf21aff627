import { z } from "zod";
import { hasMessage, type Locale, type Translate } from "../i18n/i18n.js";

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
