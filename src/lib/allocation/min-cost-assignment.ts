/**
 * Minimum-cost maximum assignment of people to a few workshops with capacities: each
 * person to at most one of their allowed workshops, as many people as possible, and
 * among those assignments the cheapest. This is a min-cost max-flow problem
 * (source → person → workshop → sink) solved by successive shortest augmenting paths:
 * each step adds one person along the cheapest path of the residual graph, which keeps
 * the assignment the cheapest for its size; when no path is left it is maximal.
 *
 * A residual path alternates people and workshops, so it is searched on the workshops
 * alone: "enter workshop b" costs the cheapest unassigned person who may go there, and
 * "a → b" costs the cheapest move of a person from a to b. With a dozen workshops that
 * graph is tiny (Bellman-Ford, since moves may have negative cost), and one step costs
 * one pass over the people's choices instead of a Dijkstra over all of them.
 *
 * @param choices per person, the workshop indexes they may get (first = cheapest usually)
 * @param costs   per person, the cost of each choice (integers, sums below 2^53)
 * @returns per person, the index into their choices, or −1 when not assigned
 */
export function minCostAssignment(
  choices: readonly (readonly number[])[],
  costs: readonly (readonly number[])[],
  capacities: readonly number[],
): number[] {
  const people = choices.length;
  const W = capacities.length;
  const sink = W;
  const load = new Array<number>(W).fill(0);
  // Per compressed edge the cheapest cost and the person who achieves it.
  const enterCost = new Float64Array(W);
  const enterBy = new Int32Array(W);
  const moveCost = new Float64Array(W * W);
  const moveBy = new Int32Array(W * W);
  const dist = new Float64Array(W + 1);
  const prev = new Int32Array(W + 1);
  // Flat typed arrays: the scan below runs once per added person over all choices.
  const start = new Int32Array(people + 1);
  for (let p = 0; p < people; p++) start[p + 1] = (start[p] as number) + (choices[p]?.length ?? 0);
  const choice = new Int32Array(start[people] as number);
  const price = new Float64Array(start[people] as number);
  for (let p = 0; p < people; p++) {
    choice.set(choices[p] ?? [], start[p] as number);
    price.set(costs[p] ?? [], start[p] as number);
  }
  const current = new Int32Array(people).fill(-1);

  for (;;) {
    enterCost.fill(Number.POSITIVE_INFINITY);
    moveCost.fill(Number.POSITIVE_INFINITY);
    for (let p = 0; p < people; p++) {
      const first = start[p] as number;
      const end = start[p + 1] as number;
      const at = current[p] as number;
      if (at < 0) {
        for (let k = first; k < end; k++) {
          const w = choice[k] as number;
          const c = price[k] as number;
          if (c < (enterCost[w] as number)) {
            enterCost[w] = c;
            enterBy[w] = p;
          }
        }
      } else {
        const from = choice[first + at] as number;
        const base = price[first + at] as number;
        for (let k = first; k < end; k++) {
          if (k === first + at) continue;
          const e = from * W + (choice[k] as number);
          const c = (price[k] as number) - base;
          if (c < (moveCost[e] as number)) {
            moveCost[e] = c;
            moveBy[e] = p;
          }
        }
      }
    }
    // Bellman-Ford from the virtual source over the workshops and the sink.
    for (let w = 0; w < W; w++) {
      dist[w] = enterCost[w] as number;
      prev[w] = -1;
    }
    dist[sink] = Number.POSITIVE_INFINITY;
    prev[sink] = -1;
    for (let round = 0; round < W; round++) {
      let changed = false;
      for (let a = 0; a < W; a++) {
        const da = dist[a] as number;
        if (da === Number.POSITIVE_INFINITY) continue;
        for (let b = 0; b < W; b++) {
          const c = moveCost[a * W + b] as number;
          if (c !== Number.POSITIVE_INFINITY && da + c < (dist[b] as number)) {
            dist[b] = da + c;
            prev[b] = a;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    let last = -1;
    for (let w = 0; w < W; w++) {
      if ((load[w] as number) < (capacities[w] as number) && (dist[w] as number) < (dist[sink] as number)) {
        dist[sink] = dist[w] as number;
        last = w;
      }
    }
    if (last < 0) return Array.from(current);
    // Walk back: each workshop on the path takes one person from the one before it.
    load[last] = (load[last] as number) + 1;
    let to = last;
    for (;;) {
      const from = prev[to] as number;
      const person = from < 0 ? (enterBy[to] as number) : (moveBy[from * W + to] as number);
      current[person] = (choices[person] ?? []).indexOf(to);
      if (from < 0) break;
      to = from;
    }
  }
}
