import { UndirectedGraph } from "graphology";
import forceAtlas2Module from "graphology-layout-forceatlas2";
import { compareAreas, germanCollator } from "./analysis.js";

// Two deterministic layouts, computed on the server. "Bereiche": one cluster per
// education area (the organisation's first area), clusters placed around a circle,
// nodes inside a cluster on a sunflower spiral, best-connected in the middle; no
// iterations, O(n log n). "Kräfte": ForceAtlas2 started from the cluster layout (so
// the start is the same for the same input, no random numbers) and run a fixed number
// of iterations: partners pull together, everybody pushes apart. Same input, same
// picture, in both. Then the labels: placed without overlap, shortened or left out.

export interface LayoutInput {
  id: string;
  name: string;
  group: string;
  degree: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  positions: Map<string, Point>;
  viewBox: { x: number; y: number; width: number; height: number };
  groups: { group: string; center: Point; radius: number }[];
}

/** Distance unit between neighbouring nodes of a cluster (node radius is 9). */
const SPACING = 15;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const CLUSTER_GAP = 40;
const MARGIN = 30;

export const NONE_GROUP = "_none";

export function computeLayout(nodes: LayoutInput[]): Layout {
  const groups = new Map<string, LayoutInput[]>();
  for (const n of nodes) groups.set(n.group, [...(groups.get(n.group) ?? []), n]);
  const order = [...groups.keys()].sort((a, b) => (a === NONE_GROUP ? 1 : b === NONE_GROUP ? -1 : compareAreas(a, b)));
  const radius = (count: number) => SPACING * Math.sqrt(count) + 12;
  const radii = order.map((g) => radius(groups.get(g)!.length));
  const g = order.length;
  let ring = 0;
  if (g === 2) ring = (radii[0]! + radii[1]! + CLUSTER_GAP) / 2;
  if (g > 2) {
    for (let i = 0; i < g; i++) {
      const need = (radii[i]! + radii[(i + 1) % g]! + CLUSTER_GAP) / (2 * Math.sin(Math.PI / g));
      ring = Math.max(ring, need);
    }
  }
  const positions = new Map<string, Point>();
  const placed: Layout["groups"] = [];
  order.forEach((group, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(g, 1);
    const center = { x: ring * Math.cos(angle), y: ring * Math.sin(angle) };
    placed.push({ group, center, radius: radii[i]! });
    const members = [...groups.get(group)!].sort(
      (a, b) => b.degree - a.degree || germanCollator.compare(a.name, b.name) || a.id.localeCompare(b.id),
    );
    members.forEach((n, k) => {
      const r = k === 0 && members.length === 1 ? 0 : SPACING * Math.sqrt(k + 0.5);
      const theta = k * GOLDEN_ANGLE;
      positions.set(n.id, { x: round(center.x + r * Math.cos(theta)), y: round(center.y + r * Math.sin(theta)) });
    });
  });
  return withViewBox(positions, placed);
}

const round = (v: number) => Math.round(v * 10) / 10;

// The package is CommonJS (`module.exports = layout`) with types that declare a default
// export: Node hands over the function itself, the types expect it under `default`.
type ForceAtlas2 = typeof forceAtlas2Module.default;
const forceAtlas2: ForceAtlas2 =
  typeof forceAtlas2Module === "function" ? (forceAtlas2Module as unknown as ForceAtlas2) : forceAtlas2Module.default;

export const layoutKinds = ["bereiche", "kraefte"] as const;
export type LayoutKind = (typeof layoutKinds)[number];

/** Node radius: better-connected organisations are drawn larger (9 for none, up to 14). */
export const nodeRadius = (degree: number) => round(Math.min(14, 9 + 1.5 * Math.sqrt(degree)));

function withViewBox(positions: Map<string, Point>, groups: Layout["groups"], pad = 0): Layout {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of positions.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  if (positions.size === 0) [minX, minY, maxX, maxY] = [0, 0, 0, 0];
  const margin = MARGIN + pad;
  return {
    positions,
    viewBox: {
      x: round(minX - margin),
      y: round(minY - margin),
      width: round(maxX - minX + 2 * margin),
      height: round(maxY - minY + 2 * margin),
    },
    groups,
  };
}

/** Iterations of ForceAtlas2: enough to settle a district's few hundred organisations. */
const FORCE_ITERATIONS = 300;

/**
 * The force-directed layout. Starts from the cluster layout, so it needs no random
 * seed and is the same for the same input; then scaled so that neighbouring nodes
 * are about as far apart as in the cluster layout.
 */
export function computeForceLayout(nodes: LayoutInput[], edges: { source: string; target: string }[]): Layout {
  const start = computeLayout(nodes);
  const graph = new UndirectedGraph();
  // Added in a fixed order: the iteration visits nodes in insertion order.
  const ordered = [...nodes].sort((a, b) => a.id.localeCompare(b.id));
  for (const n of ordered) {
    const p = start.positions.get(n.id)!;
    graph.addNode(n.id, { x: p.x, y: p.y, size: nodeRadius(n.degree) });
  }
  for (const e of [...edges].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target))) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target) && !graph.hasEdge(e.source, e.target)) {
      graph.addEdge(e.source, e.target);
    }
  }
  if (graph.order < 2) return start;
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    gravity: 1,
    scalingRatio: 20,
    adjustSizes: false,
    barnesHutOptimize: false,
  };
  const raw = forceAtlas2(graph, { iterations: FORCE_ITERATIONS, settings });
  // Scale so that the median distance to the nearest node is about 2.4 node spacings.
  const points = ordered.map((n) => raw[n.id]!);
  const nearest = points
    .map((p, i) =>
      Math.min(...points.map((q, j) => (i === j ? Number.POSITIVE_INFINITY : Math.hypot(p.x - q.x, p.y - q.y)))),
    )
    .filter((d) => Number.isFinite(d) && d > 0)
    .sort((a, b) => a - b);
  const median = nearest[Math.floor(nearest.length / 2)] ?? 1;
  const scale = (SPACING * 2.4) / median;
  const points2 = ordered.map((n) => ({ x: raw[n.id]!.x * scale, y: raw[n.id]!.y * scale, r: nodeRadius(n.degree) }));
  separate(points2);
  const positions = new Map<string, Point>();
  for (const [i, n] of ordered.entries()) positions.set(n.id, { x: round(points2[i]!.x), y: round(points2[i]!.y) });
  return withViewBox(positions, []);
}

/**
 * Pushes overlapping nodes apart (ForceAtlas2 lets hubs and their partners sit on top of
 * each other): a fixed number of rounds, pairs in a fixed order, so still deterministic.
 */
function separate(points: { x: number; y: number; r: number }[], rounds = 60): void {
  const gap = 3;
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const a = points[i]!;
        const b = points[j]!;
        const need = a.r + b.r + gap;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        if (d >= need) continue;
        if (d < 1e-6) {
          // Exactly on top of each other: apart along a direction fixed by the pair.
          dx = Math.cos(i + j);
          dy = Math.sin(i + j);
          d = 1;
        }
        const push = (need - d) / 2 / d;
        a.x -= dx * push;
        a.y -= dy * push;
        b.x += dx * push;
        b.y += dy * push;
        moved = true;
      }
    }
    if (!moved) return;
  }
}

export interface LabelInput {
  id: string;
  name: string;
  degree: number;
}

export interface PlacedLabel {
  text: string;
  /** The label is the name shortened; the full name is in the node's title. */
  shortened: boolean;
  x: number;
  y: number;
  anchor: "start" | "end" | "middle";
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Label font size in SVG units (network.css draws `.node-label` at the same size). */
export const LABEL_FONT = 13;
/** A generous average glyph width of the label font (for the room labels may take at the edges). */
const GLYPH = 0.7 * LABEL_FONT;

/**
 * The width of a label in SVG units, estimated per character class (narrow, wide,
 * capitals, the rest) as measured for the bold sans-serif the label is drawn in,
 * plus 8 % so that a somewhat wider font still does not collide.
 */
export function labelWidth(text: string): number {
  let em = 0;
  for (const c of text) {
    if (/[iljtfrI.,:;'!|\s]/.test(c)) em += 0.38;
    else if (/[mwMW…]/.test(c)) em += 1;
    else if (/\p{Lu}/u.test(c)) em += 0.78;
    else em += 0.66;
  }
  return em * LABEL_FONT * 1.08;
}
const MAX_LABEL_CHARS = 22;
/** At most this many labels shown without hovering; the rest appear on hover and focus. */
export const MAX_FIXED_LABELS = 40;
/** How many unnamed nodes the label of one of the ten best-connected may cross. */
const HUB_COVER = 4;

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** "Grundschule Am Schlossgarten" → "Grundschule Am Schlos…" at a word or character limit. */
function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Labels for the best-connected organisations (at least one partner), drawn without
 * hovering: the most connected first, each tried right, left, above and below its
 * node, full and then shortened. A label never touches another label or a named node
 * and stays inside the picture; it avoids every node where it can, and else may cross
 * one unnamed node, a few for the ten best-connected (the white halo keeps it legible).
 * What does not fit is left out.
 * Widths are estimated per character (labelWidth); the browser test measures them.
 */
export function placeLabels(
  nodes: LabelInput[],
  layout: Layout,
): { labels: Map<string, PlacedLabel>; viewBox: Layout["viewBox"] } {
  // Labels may reach beyond the nodes' box by about one long name; the picture grows to fit them.
  const vb = layout.viewBox;
  const reach = { x: MAX_LABEL_CHARS * GLYPH * 0.75, y: LABEL_FONT * 2 };
  const inside = (b: Box) =>
    b.x1 >= vb.x - reach.x &&
    b.y1 >= vb.y - reach.y &&
    b.x2 <= vb.x + vb.width + reach.x &&
    b.y2 <= vb.y + vb.height + reach.y;
  const nodeBox = new Map<string, Box>(
    nodes.map((n) => {
      const p = layout.positions.get(n.id)!;
      const r = nodeRadius(n.degree);
      return [n.id, { x1: p.x - r, y1: p.y - r, x2: p.x + r, y2: p.y + r }];
    }),
  );
  const placed: Box[] = [];
  const named: Box[] = [];
  const labels = new Map<string, PlacedLabel>();
  const candidates = nodes
    .filter((n) => n.degree > 0)
    .sort((a, b) => b.degree - a.degree || germanCollator.compare(a.name, b.name) || a.id.localeCompare(b.id));
  for (const n of candidates) {
    if (labels.size >= MAX_FIXED_LABELS) break;
    const p = layout.positions.get(n.id)!;
    const r = nodeRadius(n.degree);
    const own = nodeBox.get(n.id)!;
    // A node already under another label cannot be named legibly.
    if (placed.some((b) => overlaps(b, own))) continue;
    const texts = [shorten(n.name, MAX_LABEL_CHARS), shorten(n.name, 12)].filter((t, i, all) => all.indexOf(t) === i);
    const spots = texts.flatMap((text) => {
      const w = labelWidth(text);
      const h = LABEL_FONT * 1.25;
      return [
        { x: p.x + r + 3, y: p.y + LABEL_FONT * 0.35, anchor: "start" as const, x1: p.x + r + 2, x2: p.x + r + 4 + w },
        { x: p.x - r - 3, y: p.y + LABEL_FONT * 0.35, anchor: "end" as const, x1: p.x - r - 4 - w, x2: p.x - r - 2 },
        { x: p.x, y: p.y - r - 4, anchor: "middle" as const, x1: p.x - w / 2, x2: p.x + w / 2 },
        { x: p.x, y: p.y + r + LABEL_FONT, anchor: "middle" as const, x1: p.x - w / 2, x2: p.x + w / 2 },
      ].map((s) => ({
        box: { x1: s.x1, x2: s.x2, y1: s.y - LABEL_FONT * 0.95, y2: s.y - LABEL_FONT * 0.95 + h },
        label: { text, shortened: text !== n.name, x: round(s.x), y: round(s.y), anchor: s.anchor },
      }));
    });
    const allowed = spots.filter(
      (s) =>
        inside(s.box) &&
        !placed.some((b) => overlaps(b, s.box)) &&
        !named.some((b) => overlaps(b, s.box)) &&
        !overlaps(own, s.box),
    );
    // The spot that covers the fewest other nodes (full names before short ones): at most
    // one, or a few for the ten best-connected, which sit amid their partners.
    let free: (typeof allowed)[number] | undefined;
    let fewest = (labels.size < 10 ? HUB_COVER : 1) + 1;
    for (const spot of allowed) {
      let covered = 0;
      for (const [id, b] of nodeBox) if (id !== n.id && overlaps(b, spot.box)) covered++;
      if (covered < fewest) {
        free = spot;
        fewest = covered;
        if (covered === 0) break;
      }
    }
    if (!free) continue;
    placed.push(free.box);
    named.push(own);
    labels.set(n.id, free.label);
  }
  let [x1, y1, x2, y2] = [vb.x, vb.y, vb.x + vb.width, vb.y + vb.height];
  for (const b of placed) {
    x1 = Math.min(x1, b.x1 - 8);
    y1 = Math.min(y1, b.y1 - 8);
    x2 = Math.max(x2, b.x2 + 8);
    y2 = Math.max(y2, b.y2 + 8);
  }
  return { labels, viewBox: { x: round(x1), y: round(y1), width: round(x2 - x1), height: round(y2 - y1) } };
}

/** SVG path of a regular polygon or star around (x, y); shapes tell areas apart without colour. */
export function shapePath(shape: AreaShape, x: number, y: number, r: number): string {
  const polygon = (corners: number, rotation: number, inner?: number) => {
    const points: string[] = [];
    const steps = inner ? corners * 2 : corners;
    for (let i = 0; i < steps; i++) {
      const radius = inner && i % 2 === 1 ? r * inner : r;
      const a = rotation + (2 * Math.PI * i) / steps;
      points.push(`${round(x + radius * Math.cos(a))},${round(y + radius * Math.sin(a))}`);
    }
    return `M${points.join("L")}Z`;
  };
  switch (shape) {
    case "square":
      return polygon(4, Math.PI / 4);
    case "triangle":
      return polygon(3, -Math.PI / 2);
    case "diamond":
      return polygon(4, 0);
    case "pentagon":
      return polygon(5, -Math.PI / 2);
    case "hexagon":
      return polygon(6, 0);
    case "star":
      return polygon(5, -Math.PI / 2, 0.5);
    default:
      // circle as a path, so every node is drawn the same way
      return `M${round(x - r)},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  }
}

export type AreaShape = "circle" | "square" | "triangle" | "diamond" | "pentagon" | "hexagon" | "star" | "dot";

/** Shape per area; the colour comes from network.css (class area-<id>). */
export const areaShapes: Record<string, AreaShape> = {
  fruehkindlich: "circle",
  schule: "square",
  uebergang_schule_beruf: "triangle",
  beruflich: "diamond",
  hochschule: "pentagon",
  weiterbildung: "hexagon",
  non_formal: "star",
  [NONE_GROUP]: "dot",
};
