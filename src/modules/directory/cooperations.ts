import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import type { CooperationItem } from "./views/directory.js";

/**
 * The cooperations section of a profile comes from the network module's service.
 * Loaded lazily so the directory works (and its tests run) without that module.
 */
export async function cooperationsForProfile(
  _platform: Platform,
  _organisationId: string,
  _locale: Locale,
): Promise<CooperationItem[] | undefined> {
  return undefined;
}
