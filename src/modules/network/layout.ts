import { compareAreas, germanCollator } from "./analysis.js";

// A deterministic "clusters on a ring" layout, computed on the server: one cluster
// per education area (the organisation's first area), clusters placed around a
// circle, nodes inside a cluster on a sunflower spiral, best-connected in the
// middle. Same input, same picture: no randomness, no iterations, O(n log n).

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
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  for (const p of positions.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return {
    positions,
    viewBox: {
      x: round(minX - MARGIN),
      y: round(minY - MARGIN),
      width: round(maxX - minX + 2 * MARGIN),
      height: round(maxY - minY + 2 * MARGIN),
    },
    groups: placed,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

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
