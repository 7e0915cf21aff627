import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { nowIso } from "../../platform/db/time.js";
import { ValidationError } from "../../platform/http/errors.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess } from "./access.js";
import * as kinds from "./kinds.repo.js";
import type { KindInput } from "./schema.js";
import type { KindLabels } from "./view-models.js";
import { organisationKinds } from "./vocab.js";

// Organisation kinds: the fixed base list and those the education office adds.

/** The labels of every kind, read in the caller's connection (also inside a transaction). */
export async function kindLabels(db: Conn): Promise<KindLabels> {
  const rows = await kinds.listKinds(db);
  return new Map(rows.map((r) => [r.id, { de: r.label_de, en: r.label_en }]));
}

/** The kinds as a form's options, in the page's language. */
export async function listKindOptions(platform: Platform, locale: Locale): Promise<{ id: string; label: string }[]> {
  const rows = await kinds.listKinds(platform.db.kysely);
  return rows.map((k) => ({ id: k.id, label: locale === "en" ? k.label_en : k.label_de }));
}

export interface KindChoice {
  id: string;
  labelDe: string;
  labelEn: string;
}

/** Kind ids with German and English labels: what the import matches a column "Art" against. */
export async function kindChoices(platform: Platform): Promise<KindChoice[]> {
  const rows = await kinds.listKinds(platform.db.kysely);
  return rows.map((r) => ({ id: r.id, labelDe: r.label_de, labelEn: r.label_en }));
}

export async function listKindsForAdmin(platform: Platform, actor: Actor): Promise<(KindChoice & { base: boolean })[]> {
  directoryAccess.requireAccess(actor, "kinds.manage", undefined);
  const base = new Set<string>(organisationKinds.map((k) => k.id));
  return (await kindChoices(platform)).map((k) => ({ ...k, base: base.has(k.id) }));
}

export async function addKind(platform: Platform, actor: Actor, input: KindInput): Promise<void> {
  directoryAccess.requireAccess(actor, "kinds.manage", undefined);
  const db = platform.db.kysely;
  if (await kinds.findKind(db, input.id)) throw new ValidationError({ id: "directory.validation.kindTaken" });
  await kinds.insertKind(db, {
    id: input.id,
    label_de: input.labelDe,
    label_en: input.labelEn,
    position: (await kinds.maxKindPosition(db)) + 10,
    created_at: nowIso(),
  });
}
