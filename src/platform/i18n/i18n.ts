export const locales = ["de", "en"] as const;
export type Locale = (typeof locales)[number];

export type Messages = Record<string, string>;
export interface Catalog {
  de: Messages;
  en: Messages;
}

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

const catalogs: Catalog[] = [];
const merged: Record<Locale, Messages> = { de: {}, en: {} };

/** Modules add their messages once at start; a key used twice is a programming error. */
export function registerMessages(catalog: Catalog): void {
  if (catalogs.includes(catalog)) return;
  catalogs.push(catalog);
  for (const locale of locales) {
    for (const [key, text] of Object.entries(catalog[locale])) {
      if (key in merged[locale] && merged[locale][key] !== text) {
        throw new Error(`Message key "${key}" (${locale}) is defined twice`);
      }
      merged[locale][key] = text;
    }
  }
}

export function hasMessage(key: string): boolean {
  return key in merged.de;
}

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** A translator for one locale. Missing keys fall back to German, then to the key itself. */
export function translator(locale: Locale): Translate {
  return (key, params) => interpolate(merged[locale][key] ?? merged.de[key] ?? key, params);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

const berlinDate = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { timeZone: "Europe/Berlin", ...options });

/** "Freitag, 28. März 2025" */
export function formatDate(value: string | Date, locale: Locale): string {
  return berlinDate(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(value),
  );
}

/** "28.03.2025" */
export function formatShortDate(value: string | Date, locale: Locale): string {
  return berlinDate(locale, { day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(value));
}

/** "09:30" (Europe/Berlin) */
export function formatTime(value: string | Date, locale: Locale): string {
  return berlinDate(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(value));
}

/** "28.03.2025, 09:30" */
export function formatDateTime(value: string | Date, locale: Locale): string {
  return `${formatShortDate(value, locale)}, ${formatTime(value, locale)}`;
}
