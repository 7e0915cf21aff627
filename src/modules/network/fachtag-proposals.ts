import type { Transaction } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import type { Database } from "../../platform/db/schema.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { askPartnersToConfirm } from "./confirmation-mail.js";
import * as repo from "./cooperations.repo.js";

// An agreement written down at a Fachtag (the outcomes module) becomes a cooperation
// proposal in the network: origin "Fachtag <title>", origin_event_id set, and every
// partner asked to confirm, whoever wrote it down (the organiser speaks for nobody's
// organisation). Runs in the caller's transaction, so agreement and proposal are
// stored together or not at all. The caller has checked permission and partners.

export interface FachtagProposal {
  /** The cooperation proposed earlier for this agreement, or null. */
  cooperationId: string | null;
  title: string;
  organisationIds: readonly string[];
  event: { id: string; title: string; startsOn: string };
  /** Name of who wrote it down, for the confirmation mail. */
  askedBy: string | null;
  userId: string | null;
}

/** Has any partner confirmed it? Then it is the partners' own cooperation. */
async function anyConfirmed(db: Conn, cooperationId: string): Promise<boolean> {
  return (await repo.partnersOf(db, [cooperationId])).some((p) => p.confirmed_at !== null);
}

/**
 * Creates the proposal (two or more partners, none yet), or lets an earlier one follow
 * the agreement's text and partners while nobody has confirmed it. Once a partner has
 * confirmed, the cooperation is left as it is. Answers the cooperation's id, or null
 * when the agreement names fewer than two organisations (an unconfirmed proposal goes).
 */
export async function proposeCooperationFromFachtag(
  trx: Transaction<Database>,
  platform: Platform,
  input: FachtagProposal,
): Promise<string | null> {
  const ids = [...new Set(input.organisationIds)];
  const now = nowIso();
  const existing = input.cooperationId ? await repo.findCooperation(trx, input.cooperationId) : undefined;
  if (existing && (await anyConfirmed(trx, existing.id))) return existing.id;
  if (ids.length < 2) {
    if (existing) await repo.deleteCooperation(trx, existing.id);
    return null;
  }
  if (!existing) {
    const id = newId();
    await repo.insertCooperation(
      trx,
      {
        id,
        title: input.title,
        kind: "vereinbarung",
        description: null,
        starts_on: input.event.startsOn,
        ends_on: null,
        status: "proposed",
        themes: "[]",
        origin: `Fachtag ${input.event.title}`,
        origin_event_id: input.event.id,
        created_by: input.userId,
        created_at: now,
        updated_at: now,
      },
      ids.map((organisation_id) => ({ cooperation_id: id, organisation_id, confirmed_at: null, confirmed_by: null })),
    );
    await askPartnersToConfirm(trx, platform, {
      cooperationId: id,
      title: input.title,
      organisationIds: ids,
      askedBy: input.askedBy,
      reason: "new",
      at: now,
    });
    return id;
  }
  const before = new Set((await repo.partnersOf(trx, [existing.id])).map((p) => p.organisation_id));
  const added = ids.filter((o) => !before.has(o));
  await repo.removePartners(
    trx,
    existing.id,
    [...before].filter((o) => !ids.includes(o)),
  );
  await repo.addPartners(
    trx,
    added.map((organisation_id) => ({
      cooperation_id: existing.id,
      organisation_id,
      confirmed_at: null,
      confirmed_by: null,
    })),
  );
  if (existing.title !== input.title)
    await repo.updateCooperationRow(trx, existing.id, { title: input.title, updated_at: now });
  await askPartnersToConfirm(trx, platform, {
    cooperationId: existing.id,
    title: input.title,
    organisationIds: added,
    askedBy: input.askedBy,
    reason: "new",
    at: now,
  });
  return existing.id;
}

/**
 * The agreement is gone: its proposal goes too while no partner has confirmed it; a
 * cooperation a partner has confirmed stays in the network with its origin.
 */
export async function withdrawFachtagProposal(trx: Conn, cooperationId: string): Promise<void> {
  if (!(await anyConfirmed(trx, cooperationId))) await repo.deleteCooperation(trx, cooperationId);
}

/** How far each cooperation is confirmed: partners confirmed of partners, by id (missing: deleted). */
export async function confirmationStates(
  db: Conn,
  cooperationIds: readonly string[],
): Promise<Map<string, { confirmed: number; partners: number }>> {
  const out = new Map<string, { confirmed: number; partners: number }>();
  for (const p of await repo.partnersOf(db, cooperationIds)) {
    const s = out.get(p.cooperation_id) ?? { confirmed: 0, partners: 0 };
    s.partners += 1;
    if (p.confirmed_at !== null) s.confirmed += 1;
    out.set(p.cooperation_id, s);
  }
  return out;
}
