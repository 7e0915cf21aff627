import { toCsv, toXlsx } from "../../lib/spreadsheet.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { type ApiOrganisation, organisationJson } from "./api-json.js";
import { type DirectoryFilters, searchDirectory } from "./listing.service.js";
import type { OrganisationView } from "./view-models.js";
import { carrierTypes, educationAreas, labelOf } from "./vocab.js";

// The public directory as CSV (Excel-ready), XLSX and JSON: everything published that
// matches the filters. The columns are the import's German headers, so an export can
// be edited and imported again.

const exportHeaders = [
  "Name",
  "Art",
  "Bildungsbereiche",
  "Gemeinde",
  "Straße",
  "PLZ",
  "Ort",
  "Webseite",
  "E-Mail",
  "Telefon",
  "Beschreibung",
  "Themen",
  "Zielgruppen",
  "Sprachen",
  "Träger",
  "Trägername",
  "Barrierefreiheit",
  "Breitengrad",
  "Längengrad",
  "Profil",
] as const;

function exportRow(o: OrganisationView, baseUrl: string): (string | number)[] {
  return [
    o.name,
    o.kindLabel,
    o.areas.map((a) => labelOf(educationAreas, a, "de")).join(", "),
    o.municipality,
    o.street ?? "",
    o.postalCode ?? "",
    o.city ?? "",
    o.website ?? "",
    o.email ?? "",
    o.phone ?? "",
    o.description ?? "",
    o.themes.join(", "),
    o.targetGroups.join(", "),
    o.languages.join(", "),
    o.carrierType ? labelOf(carrierTypes, o.carrierType, "de") : "",
    o.carrierName ?? "",
    o.accessibility ?? "",
    o.lat ?? "",
    o.lon ?? "",
    `${baseUrl}/akteure/${o.slug}`,
  ];
}

const MAX_EXPORT = 50_000;

/** Organisations for the export: all published that match, in name order (no pagination). */
async function exportDirectory(
  platform: Platform,
  filters: DirectoryFilters,
  locale: Locale,
): Promise<OrganisationView[]> {
  const all: OrganisationView[] = [];
  for (let offset = 0; ; offset += 1000) {
    const batch = await searchDirectory(platform, filters, { pageSize: 1000, offset, locale });
    all.push(...batch.items);
    if (batch.items.length < 1000 || all.length >= MAX_EXPORT) break;
  }
  return all;
}

export async function exportDirectoryCsv(platform: Platform, filters: DirectoryFilters): Promise<string> {
  const items = await exportDirectory(platform, filters, "de");
  return toCsv(
    exportHeaders,
    items.map((o) => exportRow(o, platform.config.baseUrl)),
  );
}

export async function exportDirectoryXlsx(platform: Platform, filters: DirectoryFilters): Promise<Buffer> {
  const items = await exportDirectory(platform, filters, "de");
  return toXlsx(
    "Akteure",
    exportHeaders,
    items.map((o) => exportRow(o, platform.config.baseUrl)),
  );
}

export async function exportDirectoryJson(platform: Platform, filters: DirectoryFilters): Promise<ApiOrganisation[]> {
  const items = await exportDirectory(platform, filters, "de");
  return items.map((o) => organisationJson(o, platform.config.baseUrl));
}
