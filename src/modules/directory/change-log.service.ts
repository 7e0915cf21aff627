import type { Actor, UserActor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess, userOf } from "./access.js";
import * as changes from "./change-log.repo.js";
import { type ChangeView, opt, resultPage, type SearchResult } from "./view-models.js";

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

const show = (v: unknown): string => (v === null || v === undefined || v === "" ? "–" : String(v));

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
): Promise<SearchResult<ChangeView>> {
  directoryAccess.requireAccess(actor, "changes.review", undefined);
  const { rows, total } = await changes.listChanges(platform.db.kysely, {
    ...options,
    limit: CHANGES_PAGE_SIZE,
    offset: (options.page - 1) * CHANGES_PAGE_SIZE,
  });
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
      from: show(c.from),
      to: show(c.to),
    })),
    reviewed: r.reviewed_at !== null,
  }));
  return resultPage(items, total, options.page, CHANGES_PAGE_SIZE);
}

export async function reviewChange(platform: Platform, actor: Actor, id: string): Promise<void> {
  directoryAccess.requireAccess(actor, "changes.review", undefined);
  await changes.markChangeReviewed(platform.db.kysely, id, userOf(actor)?.id ?? null, nowIso());
}
