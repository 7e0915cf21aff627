import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { cooperationItemsForProfile } from "../network/service.js";
import type { CooperationItem } from "./views/directory.js";

/** The profile's cooperations section: confirmed cooperations, from the network module's service. */
export async function cooperationsForProfile(
  platform: Platform,
  organisationId: string,
  locale: Locale,
): Promise<CooperationItem[]> {
  return cooperationItemsForProfile(platform.db, organisationId, locale);
}
