import { type Locale, translator } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { listCooperationsOf } from "../network/service.js";
import type { CooperationItem } from "./views/directory.js";

const germanDate = (iso: string) => iso.slice(0, 10).split("-").reverse().join(".");

/** The profile's cooperations section: confirmed cooperations from the network module's service. */
export async function cooperationsForProfile(
  platform: Platform,
  organisationId: string,
  locale: Locale,
): Promise<CooperationItem[]> {
  const t = translator(locale);
  const cooperations = await listCooperationsOf(platform.db, organisationId);
  return cooperations.map((c) => ({
    title: c.title,
    kindLabel: t(`network.kind.${c.kind}`),
    partners: c.partners
      .filter((p) => p.organisationId !== organisationId)
      .map((p) => ({ name: p.name ?? "–", slug: p.slug ?? undefined })),
    period: c.endsOn ? `${germanDate(c.startsOn)} – ${germanDate(c.endsOn)}` : `${germanDate(c.startsOn)} –`,
  }));
}
