import ExcelJS from "exceljs";
import { safeCell, toExcelCsv } from "../../lib/excel-csv.js";
import type { ApiOffer, ApiOrganisation } from "./api-shape.js";
import type { OfferView, OrganisationView } from "./service.js";
import { carrierTypes, educationAreas, labelOf } from "./vocab.js";

// The directory as CSV (Excel-friendly: UTF-8 with BOM, ";"), XLSX and JSON. The CSV
// columns are the import's German headers, so an export can be edited and re-imported.

export const exportHeaders = [
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

export function exportRow(o: OrganisationView, baseUrl: string): (string | number)[] {
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

export function toCsv(items: readonly OrganisationView[], baseUrl: string): string {
  return toExcelCsv([exportHeaders, ...items.map((o) => exportRow(o, baseUrl))]);
}

export async function toXlsx(items: readonly OrganisationView[], baseUrl: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bildungsnetz";
  const sheet = workbook.addWorksheet("Akteure");
  sheet.addRow([...exportHeaders]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const o of items) sheet.addRow(exportRow(o, baseUrl).map((v) => (typeof v === "number" ? v : safeCell(v))));
  sheet.columns.forEach((column, i) => {
    column.width = i === 10 ? 60 : i === 0 ? 40 : 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The API's organisation object (contract fields plus a few more). */
export function organisationJson(o: OrganisationView, baseUrl: string): ApiOrganisation {
  const address =
    o.street || o.postalCode || o.city
      ? {
          ...(o.street ? { street: o.street } : {}),
          ...(o.postalCode ? { postalCode: o.postalCode } : {}),
          ...(o.city ? { city: o.city } : {}),
        }
      : undefined;
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    kindLabel: o.kindLabel,
    areas: o.areas as ApiOrganisation["areas"],
    municipality: o.municipality,
    ...(address ? { address } : {}),
    ...(o.lat !== undefined && o.lon !== undefined ? { geo: { lat: o.lat, lon: o.lon } } : {}),
    ...(o.website ? { website: o.website } : {}),
    ...(o.email ? { email: o.email } : {}),
    ...(o.phone ? { phone: o.phone } : {}),
    ...(o.description ? { description: o.description } : {}),
    themes: o.themes,
    targetGroups: o.targetGroups,
    languages: o.languages,
    ...(o.carrierType ? { carrierType: o.carrierType } : {}),
    ...(o.carrierName ? { carrierName: o.carrierName } : {}),
    ...(o.accessibility ? { accessibility: o.accessibility } : {}),
    status: o.status,
    url: `${baseUrl}/akteure/${o.slug}`,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function offerJson(o: OfferView, baseUrl: string): ApiOffer {
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    id: o.id,
    organisationId: o.organisationId,
    title: o.title,
    kind: o.kind,
    ...optional("description", o.description),
    ...optional("targetGroup", o.targetGroup),
    ...optional("ageFrom", o.ageFrom),
    ...optional("ageTo", o.ageTo),
    ...optional("area", o.area as ApiOffer["area"]),
    ...optional("cost", o.cost),
    ...optional("accessRequirements", o.accessRequirements),
    languages: o.languages,
    ongoing: o.ongoing,
    ...optional("startsOn", o.startsOn),
    ...optional("endsOn", o.endsOn),
    ...optional("schedule", o.schedule),
    ...optional("place", o.place),
    ...optional("contact", o.contact),
    url: `${baseUrl}/angebote/${o.id}`,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
