import { formatDate, formatShortDate, formatTime, type Locale } from "../../../platform/i18n/i18n.js";

export const timeRange = (startsAt: string, endsAt: string, locale: Locale) =>
  `${formatTime(startsAt, locale)} – ${formatTime(endsAt, locale)}`;

export const longDate = (iso: string, locale: Locale) => formatDate(iso, locale);
export const shortDate = (iso: string, locale: Locale) => formatShortDate(iso, locale);
export { formatTime };
