import type { Actor } from "../../platform/auth/actor.js";
import { ValidationError } from "../../platform/http/errors.js";
import type { Locale, Translate } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess, userOf } from "./access.js";
import { invalidateDirectoryCaches } from "./directory-cache.js";
import { checkImport, decodeCsv, type Encoding, type ImportPreview, markDuplicates } from "./import-csv.js";
import { kindChoices, kindLabels } from "./kinds.service.js";
import * as organisations from "./organisations.repo.js";
import { insertOrganisationIn } from "./organisations.service.js";
import type { OrganisationInput } from "./schema.js";
import { sortKey } from "./search.js";

// The CSV import of the back office: upload → preview with every row checked →
// confirmation, which checks the same text again and stores all rows or none — or, when
// the office chooses so, only the rows without errors (the others are reported skipped).

/** The upload form. */
export function startImport(_platform: Platform, actor: Actor): void {
  directoryAccess.requireAccess(actor, "import", undefined);
}

/** Checks an uploaded file; `undefined` when no file (or an empty one) was sent. */
export async function previewImport(
  platform: Platform,
  actor: Actor,
  bytes: Buffer | undefined,
  t: Translate,
  locale: Locale,
): Promise<ImportPreview | undefined> {
  directoryAccess.requireAccess(actor, "import", undefined);
  if (!bytes || bytes.length === 0) return undefined;
  const { text, encoding } = decodeCsv(bytes);
  return checkedPreview(platform, text, encoding, t, locale);
}

async function checkedPreview(
  platform: Platform,
  text: string,
  encoding: Encoding,
  t: Translate,
  locale: Locale,
): Promise<ImportPreview> {
  const preview = checkImport(text, encoding, await kindChoices(platform), t, locale);
  const names = preview.rows.map((r) => sortKey(r.name)).filter(Boolean);
  markDuplicates(preview, await organisations.findBySortNames(platform.db.kysely, names));
  return preview;
}

/**
 * A preview that may be imported: no problem with the file and at least one good row;
 * every row good, unless only the good ones are to be taken.
 */
export const importable = (preview: ImportPreview, onlyValid = false): boolean =>
  preview.fileErrors.length === 0 && preview.validCount > 0 && (onlyValid || preview.errorCount === 0);

/**
 * The confirmation: the text of the preview is checked again (it came back through the
 * browser) and imported when it is still importable. Returns the count, or the preview
 * to show again.
 */
export async function confirmImport(
  platform: Platform,
  actor: Actor,
  text: string,
  encoding: Encoding,
  t: Translate,
  locale: Locale,
  options: { onlyValid?: boolean } = {},
): Promise<{ imported: number; skippedLines: number[] } | { preview: ImportPreview }> {
  directoryAccess.requireAccess(actor, "import", undefined);
  const preview = await checkedPreview(platform, text, encoding, t, locale);
  if (!importable(preview, options.onlyValid)) return { preview };
  const inputs = preview.rows.flatMap((r) => (r.input ? [r.input] : []));
  const skippedLines = preview.rows.filter((r) => !r.input).map((r) => r.line);
  return { imported: await importOrganisations(platform, actor, inputs), skippedLines };
}

/** Inserts all organisations in one transaction: either every row is stored, or (on any error) none. */
export async function importOrganisations(
  platform: Platform,
  actor: Actor,
  inputs: readonly OrganisationInput[],
): Promise<number> {
  directoryAccess.requireAccess(actor, "import", undefined);
  const db = platform.db.kysely;
  const labels = await kindLabels(db);
  for (const input of inputs) {
    if (!labels.has(input.kind)) throw new ValidationError({ kind: "directory.validation.kind" });
  }
  await db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const input of inputs) {
      ids.push((await insertOrganisationIn(trx, userOf(actor), input, labels, { status: "published" })).id);
    }
    await platform.hooks.emit("directory.organisationsChanged", { organisationIds: ids }, { platform, db: trx });
  });
  invalidateDirectoryCaches(platform);
  return inputs.length;
}
