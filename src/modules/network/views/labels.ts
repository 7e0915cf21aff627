import type { Locale } from "../../../platform/i18n/i18n.js";
import { educationAreas } from "../../directory/index.js";
import { NONE_GROUP } from "../layout.js";

export function areaLabel(id: string, locale: Locale, t: (key: string) => string): string {
  if (id === NONE_GROUP) return t("network.area.none");
  const term = educationAreas.find((a) => a.id === id);
  return term ? term[locale] : id;
}

/** "2024-02-23" → "23.02.2024" without any time-zone arithmetic. */
export function formatDay(day: string | null | undefined, locale: Locale): string {
  if (!day) return "";
  const [y, m, d] = day.split("-");
  return locale === "de" ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}
