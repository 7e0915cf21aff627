import type { Actor, UserActor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { hasMessage, type Locale, type Translate } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess, userOf } from "./access.js";
import * as changes from "./change-log.repo.js";
import { kindLabels } from "./kinds.service.js";
import { type ChangeView, type KindLabels, opt, resultPage, type SearchResult } from "./view-models.js";
import { carrierTypes, currentMunicipality, educationAreas, labelOf, offerKinds } from "./vocab.js";

// Every change to an organisation, its offers, contacts and members is logged with a
// field-by-field diff; the education office reviews the log (members' changes above all).

const CHANGES_PAGE_SIZE = 20;

/** A record flattened to the fields the log compares. */
export type Flat = Record<string, string | number | boolean | null>;
type Changes = Record<string, { from: unknown; to: unknown }>;

export function diff(before: Flat, after: Flat): Changes {
  const result: Changes = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (from !== to) result[key] = { from, to };
  }
  return result;
}

/** Logs one change inside the caller's transaction, so the entry commits with the change. */
export async function recordChange(
  trx: Conn,
  user: UserActor | undefined,
  entry: {
    entity: "organisation" | "offer" | "contact" | "member";
    entityId: string;
    organisationId: string;
    action: "create" | "update" | "delete";
    changes: Changes;
  },
): Promise<void> {
  if (entry.action === "update" && Object.keys(entry.changes).length === 0) return;
  await changes.insertChange(trx, {
    id: newId(),
    entity: entry.entity,
    entity_id: entry.entityId,
    organisation_id: entry.organisationId,
    action: entry.action,
    user_id: user?.id ?? null,
    user_name: user?.name ?? null,
    user_role: user?.role ?? null,
    changes: JSON.stringify(entry.changes),
    changed_at: nowIso(),
    reviewed_at: null,
    reviewed_by: null,
  });
}

/**
 * A logged value as the office reads it: ids of kinds, areas, carrier and offer kinds
 * and the status become their labels, booleans "ja"/"nein", former municipalities today's.
 * Values the log holds from before a label existed stay as they were stored.
 */
function shownValue(
  entity: string,
  field: string,
  value: unknown,
  kinds: KindLabels,
  t: Translate,
  locale: Locale,
): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return t(value ? "directory.changes.yes" : "directory.changes.no");
  const text = String(value);
  if (entity === "offer" && field === "kind") return labelOf(offerKinds, text, locale);
  switch (field) {
    case "kind":
      return kinds.get(text)?.[locale] ?? text;
    case "areas":
      return text
        .split(",")
        .map((a) => labelOf(educationAreas, a.trim(), locale))
        .join(", ");
    case "area":
      return labelOf(educationAreas, text, locale);
    case "carrierType":
      return labelOf(carrierTypes, text, locale);
    case "municipality":
      return currentMunicipality(text);
    case "status":
      return hasMessage(`directory.status.${text}`) ? t(`directory.status.${text}`) : text;
    case "ongoing":
    case "publicConsent":
      // Older entries stored the flag as text or 0/1.
      return ["true", "1"].includes(text)
        ? t("directory.changes.yes")
        : ["false", "0"].includes(text)
          ? t("directory.changes.no")
          : text;
    default:
      return text;
  }
}

function parseChanges(json: string): Changes {
  try {
    return JSON.parse(json) as Changes;
  } catch {
    return {};
  }
}

export async function listChangeLog(
  platform: Platform,
  actor: Actor,
  options: { openOnly: boolean; membersOnly: boolean; page: number },
  t: Translate,
  locale: Locale,
): Promise<SearchResult<ChangeView>> {
  directoryAccess.requireAccess(actor, "changes.review", undefined);
  const db = platform.db.kysely;
  const [{ rows, total }, kinds] = await Promise.all([
    changes.listChanges(db, {
      ...options,
      limit: CHANGES_PAGE_SIZE,
      offset: (options.page - 1) * CHANGES_PAGE_SIZE,
    }),
    kindLabels(db),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    entity: r.entity,
    action: r.action,
    organisationId: r.organisation_id,
    organisationName: opt(r.org_name),
    organisationSlug: opt(r.org_slug),
    userName: opt(r.user_name),
    userRole: opt(r.user_role),
    changedAt: r.changed_at,
    changes: Object.entries(parseChanges(r.changes)).map(([field, c]) => ({
      field,
      from: shownValue(r.entity, field, c.from, kinds, t, locale),
      to: shownValue(r.entity, field, c.to, kinds, t, locale),
    })),
    reviewed: r.reviewed_at !== null,
  }));
  return resultPage(items, total, options.page, CHANGES_PAGE_SIZE);
}

/**
 * Marks every open change the current filter shows as reviewed (all, or only members'
 * changes), not just the page on screen. Returns how many were marked.
 */
export async function reviewAllChanges(
  platform: Platform,
  actor: Actor,
  filter: { membersOnly: boolean },
): Promise<number> {
  directoryAccess.requireAccess(actor, "changes.review", undefined);
  return changes.markAllReviewed(platform.db.kysely, filter, userOf(actor)?.id ?? null, nowIso());
}

export async function reviewChange(platform: Platform, actor: Actor, id: string): Promise<void> {
  directoryAccess.requireAccess(actor, "changes.review", undefined);
  await changes.markChangeReviewed(platform.db.kysely, id, userOf(actor)?.id ?? null, nowIso());
}
