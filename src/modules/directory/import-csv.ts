import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { parseForm } from "../../platform/http/forms.js";
import type { Locale, Translate } from "../../platform/i18n/i18n.js";
import type { KindChoice } from "./kinds.service.js";
import { type OrganisationInput, organisationForm } from "./schema.js";
import { normaliseExpanded } from "./search.js";
import { currentMunicipality, educationAreas, formerMunicipalities, municipalities } from "./vocab.js";

// CSV import of organisations as Excel writes it: UTF-8 (with or without BOM) or
// Windows-1252, separated by ";" or ",". Parsing and checking only — storing is
// import.service.ts, which takes all rows in one transaction.

export const MAX_IMPORT_ROWS = 5000;

export type Encoding = "UTF-8" | "Windows-1252";

/** Strict UTF-8 first; bytes that are not valid UTF-8 mean Excel's Windows-1252. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: Encoding } {
  let text: string;
  let encoding: Encoding = "UTF-8";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(bytes, "win1252");
    encoding = "Windows-1252";
  }
  return { text: text.replace(/^\uFEFF/, ""), encoding };
}

/** The separator of the header line: the most frequent of ";", "," and tab outside quotes. */
export function detectSeparator(text: string): ";" | "," | "\t" {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts["\t"] > counts[";"] && counts["\t"] > counts[","]) return "\t";
  return counts[","] > counts[";"] ? "," : ";";
}

type Field = keyof OrganisationInput;

/** German (and a few English) column headers, normalised, → field. */
const headerAliases: Record<string, Field> = {
  name: "name",
  organisation: "name",
  einrichtung: "name",
  art: "kind",
  typ: "kind",
  kind: "kind",
  bildungsbereiche: "areas",
  bildungsbereich: "areas",
  bereiche: "areas",
  areas: "areas",
  gemeinde: "municipality",
  kommune: "municipality",
  municipality: "municipality",
  strasse: "street",
  "strasse und hausnummer": "street",
  adresse: "street",
  street: "street",
  plz: "postalCode",
  postleitzahl: "postalCode",
  ort: "city",
  stadt: "city",
  city: "city",
  webseite: "website",
  website: "website",
  internet: "website",
  homepage: "website",
  "e mail": "email",
  email: "email",
  telefon: "phone",
  tel: "phone",
  phone: "phone",
  beschreibung: "description",
  description: "description",
  themen: "themes",
  thema: "themes",
  themes: "themes",
  zielgruppen: "targetGroups",
  zielgruppe: "targetGroups",
  sprachen: "languages",
  sprache: "languages",
  traeger: "carrierType",
  traegerart: "carrierType",
  traegername: "carrierName",
  barrierefreiheit: "accessibility",
  breitengrad: "lat",
  lat: "lat",
  laengengrad: "lon",
  lon: "lon",
  lng: "lon",
};

const fieldLabelKeys: Record<Field, string> = {
  name: "directory.field.name",
  kind: "directory.field.kind",
  carrierType: "directory.field.carrierType",
  carrierName: "directory.field.carrierName",
  areas: "directory.field.areas",
  municipality: "directory.field.municipality",
  street: "directory.field.street",
  postalCode: "directory.field.postalCode",
  city: "directory.field.city",
  lat: "directory.field.lat",
  lon: "directory.field.lon",
  website: "directory.field.website",
  email: "directory.field.email",
  phone: "directory.field.phone",
  description: "directory.field.description",
  targetGroups: "directory.field.targetGroups",
  themes: "directory.field.themes",
  languages: "directory.field.languages",
  accessibility: "directory.field.accessibility",
};

const areaAliases = new Map<string, string>();
for (const a of educationAreas) {
  for (const name of [a.id, a.de, a.en]) areaAliases.set(normaliseExpanded(name), a.id);
}
for (const [alias, id] of [
  ["fruehkindliche bildung", "fruehkindlich"],
  ["kita", "fruehkindlich"],
  ["elementarbereich", "fruehkindlich"],
  ["uebergang schule beruf", "uebergang_schule_beruf"],
  ["uebergang", "uebergang_schule_beruf"],
  ["berufsorientierung", "uebergang_schule_beruf"],
  ["berufliche bildung", "beruflich"],
  ["ausbildung", "beruflich"],
  ["erwachsenenbildung", "weiterbildung"],
  ["weiterbildung", "weiterbildung"],
  ["non formal", "non_formal"],
  ["nonformal", "non_formal"],
  ["non formale bildung", "non_formal"],
  ["ausserschulische bildung", "non_formal"],
] as const) {
  areaAliases.set(alias, id);
}

const municipalityAliases = new Map<string, string>();
for (const m of municipalities) {
  municipalityAliases.set(normaliseExpanded(m), m);
  municipalityAliases.set(normaliseExpanded(m.replace(/\s*\(.*\)$/, "")), m);
}
municipalityAliases.set("stadt celle", "Celle");
for (const [former, now] of Object.entries(formerMunicipalities))
  municipalityAliases.set(normaliseExpanded(former), now);

const carrierAliases = new Map<string, string>([
  ["oeffentlich", "oeffentlich"],
  ["kommunal", "oeffentlich"],
  ["frei gemeinnuetzig", "frei_gemeinnuetzig"],
  ["freigemeinnuetzig", "frei_gemeinnuetzig"],
  ["frei", "frei_gemeinnuetzig"],
  ["gemeinnuetzig", "frei_gemeinnuetzig"],
  ["privat", "privat"],
  ["privatwirtschaftlich", "privat"],
]);

function kindResolver(kinds: readonly KindChoice[]): (value: string) => string | undefined {
  const map = new Map<string, string>();
  for (const k of kinds) {
    for (const name of [k.id, k.labelDe, k.labelEn, ...k.labelDe.split("/"), ...k.labelEn.split("/")]) {
      const key = normaliseExpanded(name);
      if (key && !map.has(key)) map.set(key, k.id);
    }
  }
  map.set("vhs", "erwachsenenbildung");
  map.set("kindertagesstaette", "kita");
  map.set("kindergarten", "kita");
  map.set("krippe", "kita");
  map.set("bbs", "berufsbildende_schule");
  return (value) => map.get(normaliseExpanded(value));
}

export interface ImportRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  name: string;
  kindLabel: string;
  areas: string;
  municipality: string;
  errors: string[];
  input?: OrganisationInput;
  /** An organisation of the same name in the same municipality: already in the directory, or earlier in the file. */
  duplicate?: { name: string; slug?: string | undefined; line?: number | undefined } | undefined;
}

export interface ImportPreview {
  encoding: Encoding;
  separator: string;
  /** Problems with the file as a whole (no rows, missing columns, …). */
  fileErrors: string[];
  ignoredColumns: string[];
  rows: ImportRow[];
  validCount: number;
  errorCount: number;
  duplicateCount: number;
  /** The decoded text, sent back with the confirmation (it is checked again then). */
  text: string;
}

const splitList = (v: string) =>
  v
    .split(/[,;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The key two organisations share when they are probably the same: name as the search normalises it, and municipality. */
export const duplicateKey = (name: string, municipality: string): string =>
  `${normaliseExpanded(name)}\u0000${currentMunicipality(municipality)}`;

/**
 * Marks the rows that name an organisation already known (the directory's, passed in
 * by the service) or one an earlier row of the file names. A warning, not an error:
 * two Kitas may share a name in one municipality.
 */
export function markDuplicates(
  preview: ImportPreview,
  existing: readonly { name: string; slug: string; municipality: string }[],
): void {
  const known = new Map<string, { name: string; slug?: string; line?: number }>();
  for (const o of existing) known.set(duplicateKey(o.name, o.municipality), { name: o.name, slug: o.slug });
  preview.duplicateCount = 0;
  for (const row of preview.rows) {
    const municipality = row.input?.municipality ?? row.municipality;
    if (!row.name.trim() || !municipality) continue;
    const key = duplicateKey(row.name, municipality);
    const match = known.get(key);
    if (match) {
      row.duplicate = match;
      preview.duplicateCount++;
    } else {
      known.set(key, { name: row.name, line: row.line });
    }
  }
}

/** Parses and checks every row; nothing is stored. */
export function checkImport(
  text: string,
  encoding: Encoding,
  kinds: readonly KindChoice[],
  t: Translate,
  locale: Locale,
): ImportPreview {
  const separator = detectSeparator(text);
  const preview: ImportPreview = {
    encoding,
    separator: separator === "\t" ? "Tab" : separator,
    fileErrors: [],
    ignoredColumns: [],
    rows: [],
    validCount: 0,
    errorCount: 0,
    duplicateCount: 0,
    text,
  };
  let records: { record: string[]; line: number }[];
  try {
    const parsed = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    records = parsed.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    preview.fileErrors.push(t("directory.import.error.parse", { line: line ?? "?" }));
    return preview;
  }
  const nonEmpty = records.filter((r) => r.record.some((cell) => cell.trim() !== ""));
  const header = nonEmpty[0]?.record;
  const body = nonEmpty.slice(1);
  if (!header || body.length === 0) {
    preview.fileErrors.push(t("directory.import.error.empty"));
    return preview;
  }
  if (body.length > MAX_IMPORT_ROWS) {
    preview.fileErrors.push(t("directory.import.error.tooMany", { max: MAX_IMPORT_ROWS }));
    return preview;
  }
  const columns: (Field | undefined)[] = header.map((h) => headerAliases[normaliseExpanded(h)]);
  header.forEach((h, i) => {
    if (!columns[i] && h.trim()) preview.ignoredColumns.push(h.trim());
  });
  for (const required of ["name", "kind", "areas", "municipality"] as const) {
    if (!columns.includes(required)) {
      preview.fileErrors.push(t("directory.import.error.missingColumn", { column: t(fieldLabelKeys[required]) }));
    }
  }
  if (preview.fileErrors.length > 0) return preview;

  const resolveKind = kindResolver(kinds);
  // Line numbers as a spreadsheet shows them: the header is line 1.
  for (const { record, line } of body) {
    const raw: Partial<Record<Field, string>> = {};
    columns.forEach((field, i) => {
      if (field && record[i] !== undefined && raw[field] === undefined) raw[field] = record[i];
    });
    const errors: string[] = [];
    const kindText = raw.kind ?? "";
    const kind = kindText ? resolveKind(kindText) : undefined;
    if (kindText && !kind) errors.push(t("directory.import.error.kind", { value: kindText }));
    const areaTexts = splitList(raw.areas ?? "");
    const areas: string[] = [];
    for (const a of areaTexts) {
      const id = areaAliases.get(normaliseExpanded(a));
      if (id) areas.push(id);
      else errors.push(t("directory.import.error.area", { value: a }));
    }
    const municipalityText = raw.municipality ?? "";
    const municipality = municipalityAliases.get(normaliseExpanded(municipalityText));
    if (municipalityText && !municipality) {
      errors.push(t("directory.import.error.municipality", { value: municipalityText }));
    }
    const carrierText = raw.carrierType ?? "";
    const carrierType = carrierText ? carrierAliases.get(normaliseExpanded(carrierText)) : undefined;
    if (carrierText && !carrierType) errors.push(t("directory.import.error.carrier", { value: carrierText }));

    const form = parseForm(
      organisationForm,
      {
        ...raw,
        kind: kind ?? (kindText ? "unbekannt_x" : ""),
        areas: areas.length > 0 ? [...new Set(areas)] : areaTexts.length > 0 ? ["non_formal"] : [],
        municipality: municipality ?? (municipalityText ? "Celle" : ""),
        carrierType: carrierType ?? "",
      },
      t,
      locale,
    );
    if (!form.ok) {
      for (const [field, message] of Object.entries(form.errors)) {
        // Unknown kind/area/municipality were reported above with the value read.
        if (field === "kind" && kindText && !kind) continue;
        const label = fieldLabelKeys[field as Field] ? t(fieldLabelKeys[field as Field]) : field;
        errors.push(`${label}: ${message}`);
      }
    }
    const row: ImportRow = {
      line,
      name: raw.name ?? "",
      kindLabel: kindText,
      areas: raw.areas ?? "",
      municipality: municipalityText,
      errors,
    };
    if (form.ok && errors.length === 0) {
      row.input = form.data as OrganisationInput;
      preview.validCount++;
    } else {
      preview.errorCount++;
    }
    preview.rows.push(row);
  }
  return preview;
}
