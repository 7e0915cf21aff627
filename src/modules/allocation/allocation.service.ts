import { randomInt } from "node:crypto";
import { allocateWorkshops } from "../../lib/allocation/allocate.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import {
  type EventView,
  getEventForRegistration,
  listWorkshops,
  lockEventForCapacity,
  markAllocationPublished,
  type SessionView,
} from "../events/index.js";
import {
  listEventPreferences,
  listPlaceHolders,
  moveWorkshop,
  type PlaceHolder,
  placeInWorkshops,
} from "../registrations/index.js";
import { allocationAccess } from "./access.js";
import {
  deleteDraftRuns,
  insertRun,
  latestRun,
  markRunPublished,
  type PlacementRow,
  placementsOfRun,
  type RunRow,
  setPlacement,
} from "./allocation.repo.js";
import { type AllocationBasis, algorithmInput, allocationBasis, capacityOf, slotsOf } from "./allocation-input.js";
import {
  AllocationOutdatedError,
  AllocationOverCapacityError,
  AllocationPublishedError,
  NoPlaceLeftError,
  NothingToPublishError,
  NotPreferenceModeError,
  NoWorkshopsError,
} from "./errors.js";
import { allocationMail } from "./mails.js";

// Running, reviewing and publishing a Fachtag's workshop allocation (preference mode).
// A run is a draft: it writes only this module's tables. Publishing writes each
// participant's workshops under the Fachtag's lock, re-checking every capacity, and
// e-mails everybody of the run through the outbox in the same transaction.

/** What the API answers and the run stores. */
export interface AllocationSummary {
  /** (participant, slot) pairs placed. */
  assigned: number;
  /** (participant, slot) pairs with wishes but no place. */
  unassigned: number;
  byRank: Record<string, number>;
  totalRank: number;
  seed: number;
}

export interface RunSummary extends AllocationSummary {
  participants: number;
  places: Record<string, number>;
  demand: Record<string, { first: number; any: number }>;
  inputHash: string;
}

const MAX_SEED = 2 ** 32 - 1;

async function managedEvent(
  platform: Platform,
  actor: Actor,
  eventId: string,
  permission: "allocation.see" | "allocation.run" | "allocation.place" | "allocation.publish",
): Promise<EventView> {
  allocationAccess.requireAccess(actor, "allocation.organise", undefined);
  const event = await getEventForRegistration(platform.db.kysely, eventId);
  if (!event) throw new NotFoundError();
  // Another's draft is not known to exist for those who may not manage it.
  allocationAccess.requireAccess(actor, permission, event, { hide: event.status === "draft" });
  return event;
}

const parseSummary = (run: RunRow): RunSummary => JSON.parse(run.summary) as RunSummary;

async function basisOf(db: Conn, event: EventView, now: string) {
  const [workshops, preferences, holders] = await Promise.all([
    listWorkshops(db, event.id),
    listEventPreferences(db, event.id),
    listPlaceHolders(db, event.id, now),
  ]);
  return { workshops, holders, basis: allocationBasis(event, workshops, preferences, holders) };
}

function refuseUnlessAllocatable(event: EventView, workshops: readonly SessionView[]): void {
  if (event.workshopChoice !== "preferences") throw new NotPreferenceModeError();
  if (workshops.length === 0) throw new NoWorkshopsError();
  if (event.allocationPublishedAt) throw new AllocationPublishedError();
}

/** Computes a new draft allocation from the confirmed registrations' wishes; replaces the previous draft. */
export async function runAllocation(
  platform: Platform,
  actor: Actor,
  eventId: string,
  options: { seed?: number | undefined } = {},
): Promise<AllocationSummary> {
  const event = await managedEvent(platform, actor, eventId, "allocation.run");
  const seed = options.seed ?? randomInt(0, MAX_SEED);
  return platform.db.kysely.transaction().execute(async (trx) => {
    // The lock orders this run after a publish that is under way (which would refuse it).
    const locked = await lockEventForCapacity(trx, event.id);
    if (!locked) throw new NotFoundError();
    const now = nowIso();
    const { workshops, basis } = await basisOf(trx, locked, now);
    refuseUnlessAllocatable(locked, workshops);
    const result = allocateWorkshops(algorithmInput(basis, seed));
    const summary: RunSummary = {
      assigned: result.placements.length,
      unassigned: result.unassigned.length,
      byRank: result.byRank,
      totalRank: result.totalRank,
      seed: result.seed,
      participants: basis.wishes.size,
      places: basis.places,
      demand: basis.demand,
      inputHash: basis.inputHash,
    };
    const placed = new Map(result.placements.map((p) => [`${p.participantId}/${p.slotId}`, p]));
    const runId = newId();
    const rows = [...basis.wishes.entries()].flatMap(([registrationId, bySlot]) =>
      [...bySlot.entries()].map(([slot, wishes]) => {
        const p = placed.get(`${registrationId}/${slot}`);
        return {
          run_id: runId,
          registration_id: registrationId,
          slot,
          session_id: p?.workshopId ?? null,
          rank: p?.rank ?? null,
          wishes: JSON.stringify(wishes),
          by_hand: 0,
        };
      }),
    );
    await deleteDraftRuns(trx, locked.id);
    await insertRun(
      trx,
      {
        id: runId,
        event_id: locked.id,
        seed: result.seed,
        created_at: now,
        created_by: actor.kind === "user" ? actor.id : null,
        published_at: null,
        summary: JSON.stringify(summary),
      },
      rows,
    );
    return publicSummary(summary);
  });
}

const publicSummary = (s: AllocationSummary): AllocationSummary => ({
  assigned: s.assigned,
  unassigned: s.unassigned,
  byRank: s.byRank,
  totalRank: s.totalRank,
  seed: s.seed,
});

/** Places held per workshop if the run's placements were written: others keep what they hold. */
function takenWith(holders: readonly PlaceHolder[], run: PlacementRow[] | null): Map<string, number> {
  const runSlots = new Map<string, Map<string, string | null>>();
  for (const p of run ?? []) {
    const bySlot = runSlots.get(p.registration_id) ?? new Map<string, string | null>();
    bySlot.set(p.slot, p.session_id);
    runSlots.set(p.registration_id, bySlot);
  }
  const taken = new Map<string, number>();
  const add = (id: string) => taken.set(id, (taken.get(id) ?? 0) + 1);
  for (const h of holders) {
    if (!h.holdsPlace) continue;
    for (const id of targetWorkshops(h, runSlots.get(h.id)).map((w) => w.sessionId)) add(id);
  }
  return taken;
}

/** A person's workshops after publishing: the run decides the slots it covers, the rest stays. */
function targetWorkshops(h: PlaceHolder, runSlots: Map<string, string | null> | undefined) {
  if (!runSlots || h.status !== "confirmed") return h.workshops;
  return [
    ...h.workshops.filter((w) => !runSlots.has(w.slot)),
    ...[...runSlots.entries()].flatMap(([slot, sessionId]) => (sessionId ? [{ sessionId, slot }] : [])),
  ];
}

/**
 * Publishes the draft: under the Fachtag's lock, every capacity is checked against what
 * would be held afterwards (also places made by hand, and people the run does not
 * cover), each participant's workshops are written and everybody of the run is e-mailed.
 */
export async function publishAllocation(
  platform: Platform,
  actor: Actor,
  eventId: string,
): Promise<AllocationSummary & { publishedAt: string }> {
  const event = await managedEvent(platform, actor, eventId, "allocation.publish");
  return platform.db.kysely.transaction().execute(async (trx) => {
    const locked = await lockEventForCapacity(trx, event.id);
    if (!locked) throw new NotFoundError();
    if (locked.workshopChoice !== "preferences") throw new NotPreferenceModeError();
    if (locked.allocationPublishedAt) throw new AllocationPublishedError();
    const run = await latestRun(trx, locked.id);
    if (!run || run.published_at) throw new NothingToPublishError();
    const now = nowIso();
    const [workshops, holders, rows, preferences] = await Promise.all([
      listWorkshops(trx, locked.id),
      listPlaceHolders(trx, locked.id, now),
      placementsOfRun(trx, run.id),
      listEventPreferences(trx, locked.id),
    ]);
    // A draft that misses people or answers old wishes would leave them unplaced or in a
    // workshop they no longer want: compute again instead. (Cancellations since the run are
    // harmless, they are skipped below; lowered capacities are caught by the check after.)
    const outdated = outdatedSince(allocationBasis(locked, workshops, preferences, holders), rows);
    if (outdated > 0) throw new AllocationOutdatedError(outdated);
    const taken = takenWith(holders, rows);
    for (const w of workshops) {
      if ((taken.get(w.id) ?? 0) > capacityOf(w, locked)) throw new AllocationOverCapacityError(w.title);
    }
    const byRegistration = groupByRegistration(rows);
    const byId = new Map(workshops.map((w) => [w.id, w]));
    const slots = slotsOf(workshops);
    // Cancelled (or not yet confirmed) since the run: nothing to write, nobody to tell.
    const told = holders.flatMap((h) => {
      const own = byRegistration.get(h.id);
      return own && h.status === "confirmed" ? [{ h, own }] : [];
    });
    await placeInWorkshops(
      trx,
      told.map(({ h, own }) => ({
        registrationId: h.id,
        placements: targetWorkshops(h, new Map(own.map((p) => [p.slot, p.session_id]))),
      })),
      now,
    );
    for (const { h, own } of told) {
      await enqueueMail(
        trx,
        allocationMail(platform, locked, h, {
          placed: own.flatMap((p) => {
            const w = p.session_id ? byId.get(p.session_id) : undefined;
            return w ? [w] : [];
          }),
          unplaced: own.filter((p) => !p.session_id).flatMap((p) => slots.filter((s) => s.key === p.slot)),
          occasion: run.id,
        }),
      );
    }
    await markRunPublished(trx, run.id, now);
    await markAllocationPublished(trx, locked.id, now);
    return { ...summaryOfRows(parseSummary(run), rows), publishedAt: now };
  });
}

/** Confirmed people with wishes whom the run does not cover, or whose wishes differ from the run's. */
function outdatedSince(basis: AllocationBasis, rows: readonly PlacementRow[]): number {
  const seen = groupByRegistration(rows);
  let count = 0;
  for (const [id, bySlot] of basis.wishes) {
    const own = seen.get(id);
    const same =
      own !== undefined &&
      own.length === bySlot.size &&
      own.every((r) => JSON.stringify(bySlot.get(r.slot) ?? null) === r.wishes);
    if (!same) count++;
  }
  return count;
}

function groupByRegistration(rows: readonly PlacementRow[]): Map<string, PlacementRow[]> {
  const out = new Map<string, PlacementRow[]>();
  for (const r of rows) out.set(r.registration_id, [...(out.get(r.registration_id) ?? []), r]);
  return out;
}

/** The summary as the rows stand now: places made by hand count as assigned. */
function summaryOfRows(stored: AllocationSummary, rows: readonly PlacementRow[]): AllocationSummary {
  const byRank: Record<string, number> = {};
  let totalRank = 0;
  let assigned = 0;
  for (const r of rows) {
    if (!r.session_id) continue;
    assigned++;
    if (r.rank !== null) {
      byRank[String(r.rank)] = (byRank[String(r.rank)] ?? 0) + 1;
      totalRank += Number(r.rank);
    }
  }
  return { assigned, unassigned: rows.length - assigned, byRank, totalRank, seed: stored.seed };
}

/**
 * Places one participant by hand in a workshop of the slot that still has a place. Before
 * publishing this changes the draft; afterwards the registration itself (through the
 * registrations module, which keeps capacity under the lock), the run records it and the
 * person is e-mailed their workshop — all in one transaction, so a refused move leaves no
 * record and no mail, and a record never outlives a failed mail.
 */
export async function placeByHand(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: { registrationId: string; slot: string; sessionId: string },
): Promise<void> {
  const event = await managedEvent(platform, actor, eventId, "allocation.place");
  if (event.allocationPublishedAt) return placeAfterPublishing(platform, actor, event, input);
  await platform.db.kysely.transaction().execute(async (trx) => {
    const locked = await lockEventForCapacity(trx, event.id);
    if (!locked) throw new NotFoundError();
    const run = await latestRun(trx, locked.id);
    if (!run || run.published_at) throw new NothingToPublishError();
    const now = nowIso();
    const [workshops, holders, rows] = await Promise.all([
      listWorkshops(trx, locked.id),
      listPlaceHolders(trx, locked.id, now),
      placementsOfRun(trx, run.id),
    ]);
    const row = rows.find((p) => p.registration_id === input.registrationId && p.slot === input.slot);
    if (!row) throw new NotFoundError();
    const workshop = slotsOf(workshops)
      .find((s) => s.key === input.slot)
      ?.workshops.find((w) => w.id === input.sessionId);
    const taken = takenWith(holders, rows);
    if (!workshop || (taken.get(workshop.id) ?? 0) >= capacityOf(workshop, locked)) throw new NoPlaceLeftError();
    await setPlacement(
      trx,
      { runId: run.id, registrationId: input.registrationId, slot: input.slot },
      {
        sessionId: workshop.id,
        rank: rankIn(row, workshop.id),
      },
    );
  });
}

async function placeAfterPublishing(
  platform: Platform,
  actor: Actor,
  event: EventView,
  input: { registrationId: string; slot: string; sessionId: string },
): Promise<void> {
  await platform.db.kysely.transaction().execute(async (trx) => {
    // The registrations module takes the Fachtag's lock again in this transaction (a no-op
    // then); taking it first here orders this placement after a concurrent one.
    const locked = await lockEventForCapacity(trx, event.id);
    if (!locked) throw new NotFoundError();
    const run = await latestRun(trx, locked.id);
    const row = run
      ? (await placementsOfRun(trx, run.id, input.registrationId)).find((p) => p.slot === input.slot)
      : undefined;
    if (!run?.published_at || !row) throw new NotFoundError();
    const workshops = await listWorkshops(trx, locked.id);
    const workshop = slotsOf(workshops)
      .find((s) => s.key === input.slot)
      ?.workshops.find((w) => w.id === input.sessionId);
    if (!workshop) throw new NoPlaceLeftError();
    // Refuses with the registrations module's "workshop full" when the last place went meanwhile.
    await moveWorkshop(platform, actor, locked.id, input.registrationId, input.slot, workshop.id, trx);
    await setPlacement(
      trx,
      { runId: run.id, registrationId: input.registrationId, slot: input.slot },
      { sessionId: workshop.id, rank: rankIn(row, workshop.id) },
    );
    const now = nowIso();
    const person = (await listPlaceHolders(trx, locked.id, now)).find((h) => h.id === input.registrationId);
    if (person?.status !== "confirmed") return;
    await enqueueMail(
      trx,
      allocationMail(platform, locked, person, {
        placed: [workshop],
        unplaced: [],
        // Each placement is news of its own: a later move to another workshop is mailed again.
        occasion: `${run.id}:${input.slot}:${now}`,
        kind: "byHand",
      }),
    );
  });
}

const rankIn = (row: PlacementRow, sessionId: string): number | null => {
  const i = (JSON.parse(row.wishes) as string[]).indexOf(sessionId);
  return i < 0 ? null : i + 1;
};

// --- the organiser's page ----------------------------------------------------------------

export interface WorkshopStatistics {
  id: string;
  title: string;
  slotKey: string;
  places: number;
  firstWish: number;
  anyWish: number;
  placed: number;
}

export interface ParticipantResult {
  registrationId: string;
  name: string;
  /** Per slot key: the workshop placed (title and rank), or null. */
  slots: Record<string, { sessionId: string; title: string; rank: number | null; byHand: boolean } | null>;
}

export interface UnplacedPair {
  registrationId: string;
  name: string;
  slotKey: string;
  /** Workshops of the slot that still have a place. */
  options: { id: string; title: string; free: number }[];
}

export interface AllocationOverview {
  event: EventView;
  state: "none" | "draft" | "published";
  canRun: boolean;
  /** Why a run is refused (first-come mode, no workshops), as a message key. */
  refusal?: string;
  slots: { key: string; startsAt: string; endsAt: string }[];
  /** Confirmed registrations with wishes now. */
  participantsNow: number;
  run?: {
    seed: number;
    createdAt: string;
    publishedAt: string | null;
    summary: AllocationSummary;
    participants: number;
    /** Confirmed registrations with wishes that the run does not cover. */
    newSince: number;
    /** Wishes, cancellations or capacities changed since the run. */
    changed: boolean;
    /** People the draft passes over (new since the run, or with changed wishes): publishing is refused. */
    outdated: number;
    workshops: WorkshopStatistics[];
    results: ParticipantResult[];
    unplaced: UnplacedPair[];
  };
}

export async function getAllocationOverview(
  platform: Platform,
  actor: Actor,
  eventId: string,
): Promise<AllocationOverview> {
  const event = await managedEvent(platform, actor, eventId, "allocation.see");
  const db = platform.db.kysely;
  const now = nowIso();
  const [{ workshops, holders, basis }, run] = await Promise.all([basisOf(db, event, now), latestRun(db, event.id)]);
  const refusal =
    event.workshopChoice !== "preferences"
      ? "allocation.error.notPreferenceMode"
      : workshops.length === 0
        ? "allocation.error.noWorkshops"
        : undefined;
  const overview: AllocationOverview = {
    event,
    state: !run ? "none" : run.published_at ? "published" : "draft",
    canRun: !refusal && !event.allocationPublishedAt,
    ...(refusal ? { refusal } : {}),
    slots: basis.slots.map((s) => ({ key: s.key, startsAt: s.startsAt, endsAt: s.endsAt })),
    participantsNow: basis.wishes.size,
  };
  if (!run) return overview;
  const rows = await placementsOfRun(db, run.id);
  overview.run = runView(event, run, rows, workshops, holders, basis);
  return overview;
}

function runView(
  event: EventView,
  run: RunRow,
  rows: PlacementRow[],
  workshops: SessionView[],
  holders: PlaceHolder[],
  basis: AllocationBasis,
): NonNullable<AllocationOverview["run"]> {
  const stored = parseSummary(run);
  const published = run.published_at !== null;
  const byRegistration = groupByRegistration(rows);
  const names = new Map(holders.map((h) => [h.id, `${h.firstName} ${h.lastName}`]));
  const current = new Map(holders.map((h) => [h.id, h]));
  const titles = new Map(workshops.map((w) => [w.id, w.title]));
  const slots = slotsOf(workshops);
  // Before publishing the draft is what would be held; afterwards the registrations are.
  const taken = takenWith(holders, published ? null : rows);
  const placedCount = new Map<string, number>();
  for (const r of rows) if (r.session_id) placedCount.set(r.session_id, (placedCount.get(r.session_id) ?? 0) + 1);

  const results: ParticipantResult[] = [...byRegistration.entries()]
    .map(([registrationId, own]) => ({
      registrationId,
      name: names.get(registrationId) ?? "–",
      slots: Object.fromEntries(
        own.map((p) => [
          p.slot,
          p.session_id
            ? {
                sessionId: p.session_id,
                title: titles.get(p.session_id) ?? "",
                rank: p.rank === null ? null : Number(p.rank),
                byHand: Number(p.by_hand) === 1,
              }
            : null,
        ]),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "de", { numeric: true }));

  const unplaced: UnplacedPair[] = [];
  for (const r of rows) {
    if (r.session_id) continue;
    const h = current.get(r.registration_id);
    if (h?.status !== "confirmed") continue;
    // After publishing, somebody moved at the desk has a workshop in the slot by now.
    if (published && h.workshops.some((w) => w.slot === r.slot)) continue;
    const slot = slots.find((s) => s.key === r.slot);
    unplaced.push({
      registrationId: r.registration_id,
      name: names.get(r.registration_id) ?? "–",
      slotKey: r.slot,
      options: (slot?.workshops ?? [])
        .map((w) => ({ id: w.id, title: w.title, free: capacityOf(w, event) - (taken.get(w.id) ?? 0) }))
        .filter((o) => o.free > 0),
    });
  }
  unplaced.sort((a, b) => a.name.localeCompare(b.name, "de", { numeric: true }) || a.slotKey.localeCompare(b.slotKey));

  return {
    seed: Number(run.seed),
    createdAt: run.created_at,
    publishedAt: run.published_at,
    summary: summaryOfRows(stored, rows),
    participants: stored.participants,
    newSince: published ? 0 : [...basis.wishes.keys()].filter((id) => !byRegistration.has(id)).length,
    changed: !published && stored.inputHash !== basis.inputHash,
    outdated: published ? 0 : outdatedSince(basis, rows),
    workshops: slots.flatMap((s) =>
      s.workshops.map((w) => ({
        id: w.id,
        title: w.title,
        slotKey: s.key,
        places: stored.places[w.id] ?? capacityOf(w, event),
        firstWish: stored.demand[w.id]?.first ?? 0,
        anyWish: stored.demand[w.id]?.any ?? 0,
        placed: placedCount.get(w.id) ?? 0,
      })),
    ),
    results,
    unplaced,
  };
}

// --- the participant's page ---------------------------------------------------------------

export interface SlotExplanation {
  startsAt: string;
  endsAt: string;
  workshop: string | null;
  kind: "first" | "lower" | "none" | "byHand";
  rank?: number;
  firstWish?: { title: string; wishes: number; places: number };
}

/**
 * Why a participant got what they got, per slot, once the allocation is published. Shown
 * only on the page of the manage link, whose owner the registrations module has checked.
 */
export async function explainPlacement(
  platform: Platform,
  event: EventView,
  registration: { id: string; workshops: { id: string; slot: string }[] },
): Promise<SlotExplanation[]> {
  if (!event.allocationPublishedAt) return [];
  const db = platform.db.kysely;
  const run = await latestRun(db, event.id);
  if (!run?.published_at) return [];
  const [rows, workshops] = await Promise.all([
    placementsOfRun(db, run.id, registration.id),
    listWorkshops(db, event.id),
  ]);
  const summary = parseSummary(run);
  const byId = new Map(workshops.map((w) => [w.id, w]));
  const slots = slotsOf(workshops);
  return rows.flatMap((r): SlotExplanation[] => {
    const slot = slots.find((s) => s.key === r.slot);
    if (!slot) return [];
    const now = registration.workshops.find((w) => w.slot === r.slot)?.id ?? null;
    const title = now ? (byId.get(now)?.title ?? null) : null;
    const base = { startsAt: slot.startsAt, endsAt: slot.endsAt, workshop: title };
    // Moved at the desk or placed by hand: the organisers decided, not the wishes.
    if (now && (Number(r.by_hand) === 1 || now !== r.session_id)) return [{ ...base, kind: "byHand" }];
    if (!now) return [{ ...base, kind: "none" }];
    const rank = Number(r.rank ?? 0);
    if (rank <= 1) return [{ ...base, kind: "first", rank: 1 }];
    const firstId = (JSON.parse(r.wishes) as string[])[0] ?? "";
    return [
      {
        ...base,
        kind: "lower",
        rank,
        firstWish: {
          title: byId.get(firstId)?.title ?? "",
          wishes: summary.demand[firstId]?.first ?? 0,
          places: summary.places[firstId] ?? 0,
        },
      },
    ];
  });
}
