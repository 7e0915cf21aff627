import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AllocationInput, type AllocationResult, allocateWorkshops } from "./allocate.js";

const slot = (id: string, capacities: Record<string, number>) => ({
  id,
  workshops: Object.entries(capacities).map(([wid, capacity]) => ({ id: wid, capacity })),
});

/** Every rule a result must keep, whatever the input. */
function expectValid(input: AllocationInput, result: AllocationResult) {
  const perWorkshop = new Map<string, number>();
  const perParticipantSlot = new Set<string>();
  for (const p of result.placements) {
    const s = input.slots.find((x) => x.id === p.slotId);
    const participant = input.participants.find((x) => x.id === p.participantId);
    const wishes = participant?.wishes[p.slotId] ?? [];
    expect(wishes.indexOf(p.workshopId) + 1, "only one of their wishes, with its rank").toBe(p.rank);
    const key = `${p.participantId}/${p.slotId}`;
    expect(perParticipantSlot.has(key), "one workshop per slot").toBe(false);
    perParticipantSlot.add(key);
    perWorkshop.set(p.workshopId, (perWorkshop.get(p.workshopId) ?? 0) + 1);
    expect(s?.workshops.some((w) => w.id === p.workshopId)).toBe(true);
  }
  for (const s of input.slots) {
    for (const w of s.workshops)
      expect(perWorkshop.get(w.id) ?? 0, `capacity of ${w.id}`).toBeLessThanOrEqual(w.capacity);
  }
}

/** The best (placed, total rank) of one slot by trying every assignment. */
function bruteForce(input: AllocationInput, slotId: string): { placed: number; totalRank: number } {
  const s = input.slots.find((x) => x.id === slotId);
  const people = input.participants.filter((p) => (p.wishes[slotId] ?? []).length > 0);
  let best = { placed: 0, totalRank: 0 };
  const used = new Map<string, number>();
  const walk = (i: number, placed: number, total: number) => {
    if (i === people.length) {
      if (placed > best.placed || (placed === best.placed && total < best.totalRank))
        best = { placed, totalRank: total };
      return;
    }
    walk(i + 1, placed, total);
    const wishes = people[i]?.wishes[slotId] ?? [];
    wishes.forEach((w, r) => {
      const cap = s?.workshops.find((x) => x.id === w)?.capacity ?? 0;
      if ((used.get(w) ?? 0) >= cap) return;
      used.set(w, (used.get(w) ?? 0) + 1);
      walk(i + 1, placed + 1, total + r + 1);
      used.set(w, (used.get(w) ?? 0) - 1);
    });
  };
  walk(0, 0, 0);
  return best;
}

const smallInstance = fc
  .record({
    slots: fc.integer({ min: 1, max: 2 }),
    workshops: fc.integer({ min: 1, max: 3 }),
    capacities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
    people: fc.array(
      fc.array(fc.shuffledSubarray([0, 1, 2], { minLength: 0, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
      { minLength: 1, maxLength: 6 },
    ),
    seed: fc.nat(),
  })
  .map(({ slots, workshops, capacities, people, seed }): AllocationInput => {
    const slotList = Array.from({ length: slots }, (_, s) =>
      slot(
        `s${s}`,
        Object.fromEntries(Array.from({ length: workshops }, (_, w) => [`s${s}w${w}`, capacities[s * 3 + w] ?? 1])),
      ),
    );
    return {
      slots: slotList,
      participants: people.map((wishLists, i) => ({
        id: `p${i}`,
        wishes: Object.fromEntries(
          slotList.map((s, si) => [
            s.id,
            (wishLists[si] ?? []).filter((w) => w < workshops).map((w) => `${s.id}w${w}`),
          ]),
        ),
      })),
      seed,
    };
  });

describe("workshop allocation", () => {
  it("places as many as possible, then with the least total rank — equal to a brute-force optimum", () => {
    fc.assert(
      fc.property(smallInstance, (input) => {
        const result = allocateWorkshops(input);
        expectValid(input, result);
        for (const s of input.slots) {
          const mine = result.placements.filter((p) => p.slotId === s.id);
          const best = bruteForce(input, s.id);
          expect(mine.length).toBe(best.placed);
          expect(mine.reduce((sum, p) => sum + p.rank, 0)).toBe(best.totalRank);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("prefers placing everybody over giving some their first wish", () => {
    // A and B both want X first; B's only other wish is Y. Greedy by first wish could leave B out.
    const input: AllocationInput = {
      slots: [slot("s", { X: 1, Y: 1 })],
      participants: [
        { id: "A", wishes: { s: ["X", "Y"] } },
        { id: "B", wishes: { s: ["X"] } },
      ],
      seed: 1,
    };
    const result = allocateWorkshops(input);
    expect(result.unassigned).toEqual([]);
    expect(result.placements.find((p) => p.participantId === "B")?.workshopId).toBe("X");
    expect(result.byRank).toEqual({ "1": 1, "2": 1 });
    expect(result.totalRank).toBe(3);
  });

  it("gives the better wish to whoever got a worse one in an earlier slot", () => {
    // Slot 1: only one of A and B can have X (their first wish); the other gets Y (second).
    // Slot 2: the same again with Z and W. Whoever lost in slot 1 must win in slot 2.
    for (let seed = 0; seed < 20; seed++) {
      const result = allocateWorkshops({
        slots: [slot("s1", { X: 1, Y: 1 }), slot("s2", { Z: 1, W: 1 })],
        participants: [
          { id: "A", wishes: { s1: ["X", "Y"], s2: ["Z", "W"] } },
          { id: "B", wishes: { s1: ["X", "Y"], s2: ["Z", "W"] } },
        ],
        seed,
      });
      const first = result.placements.find((p) => p.slotId === "s1" && p.rank === 1)?.participantId;
      const second = result.placements.find((p) => p.slotId === "s2" && p.rank === 1)?.participantId;
      expect(first).toBeDefined();
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
    }
  });

  it("decides a pure tie by the seed: the same seed always the same, other seeds both ways", () => {
    const run = (seed: number) =>
      allocateWorkshops({
        slots: [slot("s", { X: 1, Y: 1 })],
        participants: [
          { id: "A", wishes: { s: ["X", "Y"] } },
          { id: "B", wishes: { s: ["X", "Y"] } },
        ],
        seed,
      }).placements.find((p) => p.workshopId === "X")?.participantId;
    const winners = new Set<string | undefined>();
    for (let seed = 0; seed < 40; seed++) {
      expect(run(seed)).toBe(run(seed));
      winners.add(run(seed));
    }
    expect(winners).toEqual(new Set(["A", "B"]));
  });

  it("gives the same result for the same input and seed, whatever the order of the rows", () => {
    fc.assert(
      fc.property(smallInstance, (input) => {
        const a = allocateWorkshops(input);
        const b = allocateWorkshops({ ...input, participants: [...input.participants].reverse() });
        const key = (r: AllocationResult) =>
          r.placements.map((p) => `${p.participantId}:${p.slotId}:${p.workshopId}`).sort();
        expect(key(b)).toEqual(key(a));
        expect(b.seed).toBe(a.seed);
      }),
      { numRuns: 100 },
    );
  });

  it("lists who could not be placed, per slot, and ignores unknown or repeated wishes", () => {
    const result = allocateWorkshops({
      slots: [slot("s", { X: 1 })],
      participants: [
        { id: "A", wishes: { s: ["X", "X", "nope"] } },
        { id: "B", wishes: { s: ["X"] } },
        { id: "C", wishes: {} },
      ],
      seed: 7,
    });
    expect(result.placements).toHaveLength(1);
    expect(result.unassigned).toHaveLength(1);
    expect(result.unassigned[0]?.slotId).toBe("s");
  });
});
