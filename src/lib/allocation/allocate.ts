import { minCostAssignment } from "./min-cost-assignment.js";

// Workshop places by ranked wishes: per time slot, as many people placed as the
// capacities allow; among those results, the least total rank (1 for a first wish,
// 2 for a second, …); among equally good results, the better wishes go to people who
// fared worse in the earlier slots, and then to the winners of a seeded draw. The same
// input and seed always give the same result, so a run can be shown and re-run.

export interface AllocationSlot {
  id: string;
  /** Places still free in each workshop of the slot. */
  workshops: readonly { id: string; capacity: number }[];
}

export interface AllocationParticipant {
  id: string;
  /** Per slot id: workshop ids, first wish first. */
  wishes: Readonly<Record<string, readonly string[]>>;
}

export interface AllocationInput {
  /** In the slots' time order: fairness looks at the earlier ones. */
  slots: readonly AllocationSlot[];
  participants: readonly AllocationParticipant[];
  /** Any unsigned 32-bit number; stored with the run. */
  seed: number;
}

export interface Placement {
  participantId: string;
  slotId: string;
  workshopId: string;
  /** 1 for the first wish. */
  rank: number;
}

export interface AllocationResult {
  placements: Placement[];
  /** (participant, slot) pairs with wishes in that slot but no place. */
  unassigned: { participantId: string; slotId: string }[];
  /** How many placements got their 1st, 2nd, … wish. */
  byRank: Record<string, number>;
  totalRank: number;
  seed: number;
}

export function allocateWorkshops(input: AllocationInput): AllocationResult {
  const seed = input.seed >>> 0;
  const random = mulberry32(seed);
  // A canonical order, so the result depends on the content and the seed, not on row order.
  const participants = [...input.participants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const hardship = new Map<string, number>(participants.map((p) => [p.id, 0]));
  const placements: Placement[] = [];
  const unassigned: { participantId: string; slotId: string }[] = [];

  for (const slot of input.slots) {
    const workshopIndex = new Map(slot.workshops.map((w, i) => [w.id, i]));
    const draws = new Map(participants.map((p) => [p.id, random()]));
    const wishing = participants
      .map((p) => ({ id: p.id, wishes: usableWishes(p.wishes[slot.id] ?? [], workshopIndex) }))
      .filter((p) => p.wishes.length > 0);
    if (wishing.length === 0) continue;
    const maxRank = Math.max(...wishing.map((p) => p.wishes.length));
    // Priority: who fared worse before comes first, then the draw.
    const ordered = [...wishing].sort(
      (a, b) =>
        (hardship.get(b.id) ?? 0) - (hardship.get(a.id) ?? 0) || (draws.get(a.id) ?? 0) - (draws.get(b.id) ?? 0),
    );
    const n = ordered.length;
    // cost = rank·M + weight·(rank − maxRank − 1): M outweighs every fairness term, so the
    // total rank decides first; the fairness term rewards placing high-weight people well.
    const M = n * n * (maxRank + 1) + 1;
    const wishes = ordered.map((p) => p.wishes);
    const costs = ordered.map((p, i) => p.wishes.map((_, r) => (r + 1) * M + (n - i) * (r - maxRank)));
    const capacities = slot.workshops.map((w) => Math.max(0, Math.floor(w.capacity)));
    const assigned = minCostAssignment(wishes, costs, capacities);

    const placed = new Set<number>();
    assigned.forEach((choice, i) => {
      const p = ordered[i];
      const workshopIndex = p && choice >= 0 ? p.wishes[choice] : undefined;
      const workshop = workshopIndex === undefined ? undefined : slot.workshops[workshopIndex];
      if (!p || !workshop) return;
      placed.add(i);
      placements.push({ participantId: p.id, slotId: slot.id, workshopId: workshop.id, rank: choice + 1 });
      hardship.set(p.id, (hardship.get(p.id) ?? 0) + choice);
    });
    ordered.forEach((p, i) => {
      if (placed.has(i)) return;
      unassigned.push({ participantId: p.id, slotId: slot.id });
      hardship.set(p.id, (hardship.get(p.id) ?? 0) + maxRank);
    });
  }

  const byRank: Record<string, number> = {};
  for (const p of placements) byRank[String(p.rank)] = (byRank[String(p.rank)] ?? 0) + 1;
  const totalRank = placements.reduce((sum, p) => sum + p.rank, 0);
  return { placements, unassigned, byRank, totalRank, seed };
}

/** Known workshops of the slot, each once, in the order wished. */
function usableWishes(wishes: readonly string[], index: Map<string, number>): number[] {
  const out: number[] = [];
  for (const id of wishes) {
    const i = index.get(id);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/** A small, well-known seeded generator: the same seed, the same draws, on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
