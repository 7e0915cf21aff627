import { createHash } from "node:crypto";
import type { AllocationInput } from "../../lib/allocation/allocate.js";
import type { EventView, SessionView } from "../events/index.js";
import { timeSlots } from "../events/index.js";
import type { PlaceHolder, PreferenceRow } from "../registrations/index.js";

// What an allocation works on, gathered from a Fachtag's workshops, wishes and the
// places already held: the input of the algorithm, the demand per workshop, and a
// fingerprint that tells the page when a draft no longer matches the registrations.

export interface SlotOfWorkshops {
  /** The slot's key: its start time (ISO UTC), as stored with wishes and placements. */
  key: string;
  startsAt: string;
  endsAt: string;
  workshops: SessionView[];
}

export interface AllocationBasis {
  slots: SlotOfWorkshops[];
  /** Confirmed registrations with wishes: registration id → slot key → session ids, first wish first. */
  wishes: Map<string, Map<string, string[]>>;
  /** Places the allocation may fill per workshop: its capacity (or the Fachtag's) minus places held by others. */
  places: Record<string, number>;
  /** Per workshop: how many wished it first, and in any rank. */
  demand: Record<string, { first: number; any: number }>;
  inputHash: string;
}

export function slotsOf(workshops: readonly SessionView[]): SlotOfWorkshops[] {
  return timeSlots(workshops).map((s) => ({
    key: s.startsAt,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    workshops: s.sessions,
  }));
}

/** A workshop without its own limit is limited by the Fachtag's capacity. */
export const capacityOf = (w: SessionView, event: EventView): number => w.capacity ?? event.capacity;

export function allocationBasis(
  event: EventView,
  workshops: readonly SessionView[],
  preferences: readonly PreferenceRow[],
  holders: readonly PlaceHolder[],
): AllocationBasis {
  const slots = slotsOf(workshops);
  const slotKeys = new Set(slots.map((s) => s.key));
  const wishes = new Map<string, Map<string, string[]>>();
  for (const p of preferences) {
    if (!slotKeys.has(p.slot)) continue;
    const bySlot = wishes.get(p.registrationId) ?? new Map<string, string[]>();
    const list = bySlot.get(p.slot) ?? [];
    list.push(p.sessionId); // rows come ordered by rank
    bySlot.set(p.slot, list);
    wishes.set(p.registrationId, bySlot);
  }
  // Places held by people the run does not place (pending within their hold, or confirmed
  // without wishes) stay theirs.
  const heldOutside = new Map<string, number>();
  for (const h of holders) {
    if (!h.holdsPlace || wishes.has(h.id)) continue;
    for (const w of h.workshops) heldOutside.set(w.sessionId, (heldOutside.get(w.sessionId) ?? 0) + 1);
  }
  const places: Record<string, number> = {};
  const demand: Record<string, { first: number; any: number }> = {};
  for (const w of workshops) {
    places[w.id] = Math.max(0, capacityOf(w, event) - (heldOutside.get(w.id) ?? 0));
    demand[w.id] = { first: 0, any: 0 };
  }
  for (const bySlot of wishes.values()) {
    for (const list of bySlot.values()) {
      list.forEach((id, i) => {
        const d = demand[id];
        if (!d) return;
        d.any++;
        if (i === 0) d.first++;
      });
    }
  }
  const canonical = JSON.stringify({
    places: Object.entries(places).sort(),
    wishes: [...wishes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, bySlot]) => [id, [...bySlot.entries()].sort()]),
  });
  return {
    slots,
    wishes,
    places,
    demand,
    inputHash: createHash("sha256").update(canonical).digest("hex").slice(0, 32),
  };
}

export function algorithmInput(basis: AllocationBasis, seed: number): AllocationInput {
  return {
    seed,
    slots: basis.slots.map((s) => ({
      id: s.key,
      workshops: s.workshops.map((w) => ({ id: w.id, capacity: basis.places[w.id] ?? 0 })),
    })),
    participants: [...basis.wishes.entries()].map(([id, bySlot]) => ({ id, wishes: Object.fromEntries(bySlot) })),
  };
}
