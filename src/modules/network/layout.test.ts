// The graph's layouts and labels as pure functions: the force-directed layout is the
// same for the same input and pulls partners together; labels never overlap each
// other or a node and stay inside the picture, the best-connected first.
import { describe, expect, it } from "vitest";
import {
  computeForceLayout,
  computeLayout,
  LABEL_FONT,
  type Layout,
  type LayoutInput,
  labelWidth,
  nodeRadius,
  type PlacedLabel,
  placeLabels,
} from "./layout.js";

/** A small district: hubs with many partners, chains, a few loners; names long and short. */
function district(size: number) {
  const areas = ["fruehkindlich", "schule", "beruflich", "weiterbildung", "non_formal"];
  const nodes: LayoutInput[] = [];
  const edges: { source: string; target: string }[] = [];
  for (let i = 0; i < size; i++) {
    nodes.push({
      id: `o${String(i).padStart(3, "0")}`,
      name: i % 4 === 0 ? `Grundschule am Schlossgarten Nummer ${i}` : `Kita ${i}`,
      group: areas[i % areas.length]!,
      degree: 0,
    });
  }
  const link = (a: number, b: number) => {
    edges.push({ source: nodes[a]!.id, target: nodes[b]!.id });
    nodes[a]!.degree++;
    nodes[b]!.degree++;
  };
  for (let i = 1; i < size - 5; i++) link(i % 3, i + 2 < size ? i + 2 : 0);
  for (let i = 5; i < size - 6; i += 3) link(i, i + 1);
  return { nodes, edges };
}

/** The box a label covers (the browser test measures the real text instead). */
function box(l: PlacedLabel) {
  const w = labelWidth(l.text);
  const x1 = l.anchor === "start" ? l.x : l.anchor === "end" ? l.x - w : l.x - w / 2;
  return { x1, x2: x1 + w, y1: l.y - LABEL_FONT * 0.9, y2: l.y + LABEL_FONT * 0.25 };
}
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** No label overlaps another label or a named node, and every label lies inside the picture. */
function checkLabels(nodes: LayoutInput[], layout: Layout, labels: Map<string, PlacedLabel>) {
  const boxes = [...labels.values()].map(box);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
  }
  const vb = layout.viewBox;
  for (const [id, label] of labels) {
    const b = box(label);
    expect(b.x1).toBeGreaterThanOrEqual(vb.x);
    expect(b.x2).toBeLessThanOrEqual(vb.x + vb.width);
    for (const n of nodes) {
      if (n.id !== id && !labels.has(n.id)) continue;
      const p = layout.positions.get(n.id)!;
      const r = nodeRadius(n.degree);
      expect(overlap(b, { x1: p.x - r, x2: p.x + r, y1: p.y - r, y2: p.y + r })).toBe(false);
    }
  }
}

describe("network graph layouts", () => {
  it("the force-directed layout is the same for the same input, in any order", () => {
    const { nodes, edges } = district(60);
    const a = computeForceLayout(nodes, edges);
    const b = computeForceLayout([...nodes].reverse(), [...edges].reverse());
    expect([...b.positions].sort()).toEqual([...a.positions].sort());
    expect(b.viewBox).toEqual(a.viewBox);
  });

  it("pulls partners closer together than the area clusters do", () => {
    const { nodes, edges } = district(60);
    const meanEdge = (l: Layout) => {
      const lengths = edges.map((e) => {
        const p = l.positions.get(e.source)!;
        const q = l.positions.get(e.target)!;
        return Math.hypot(p.x - q.x, p.y - q.y);
      });
      const size = Math.max(l.viewBox.width, l.viewBox.height);
      return lengths.reduce((s, x) => s + x, 0) / lengths.length / size;
    };
    expect(meanEdge(computeForceLayout(nodes, edges))).toBeLessThan(meanEdge(computeLayout(nodes)));
    for (const p of computeForceLayout(nodes, edges).positions.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
  });

  it.each([
    ["areas", 40],
    ["areas", 200],
    ["forces", 40],
    ["forces", 200],
  ])("labels in the %s layout of %i organisations never overlap each other or a named node", (kind, size) => {
    const { nodes, edges } = district(size);
    const layout = kind === "forces" ? computeForceLayout(nodes, edges) : computeLayout(nodes);
    const { labels, viewBox } = placeLabels(nodes, layout);
    expect(labels.size).toBeGreaterThan(0);
    checkLabels(nodes, { ...layout, viewBox }, labels);
    // names go to the better connected: their mean degree is above that of all connected ones; loners get none
    const mean = (xs: LayoutInput[]) => xs.reduce((s, n) => s + n.degree, 0) / xs.length;
    const named = nodes.filter((n) => labels.has(n.id));
    expect(mean(named)).toBeGreaterThan(mean(nodes.filter((n) => n.degree > 0)));
    for (const n of nodes.filter((x) => x.degree === 0)) expect(labels.has(n.id)).toBe(false);
  });

  it("shortens long names and leaves out labels that would collide", () => {
    // Twelve connected organisations in a tight row: not every name fits.
    const nodes: LayoutInput[] = Array.from({ length: 12 }, (_, i) => ({
      id: `n${String(i).padStart(2, "0")}`,
      name: `Sehr lange Bezeichnung einer Organisation ${i}`,
      group: "schule",
      degree: 12 - i,
    }));
    const positions = new Map(nodes.map((n, i) => [n.id, { x: i * 40, y: 0 }]));
    const layout: Layout = { positions, viewBox: { x: -300, y: -200, width: 1100, height: 400 }, groups: [] };
    const { labels, viewBox } = placeLabels(nodes, layout);
    expect(labels.size).toBeGreaterThan(0);
    expect(labels.size).toBeLessThan(nodes.length);
    for (const l of labels.values()) {
      expect(l.shortened).toBe(true);
      expect(l.text.endsWith("…")).toBe(true);
      expect(l.text.length).toBeLessThanOrEqual(22);
    }
    checkLabels(nodes, { ...layout, viewBox }, labels);
  });

  it("makes room for the labels of a small network at the edge of the picture", () => {
    const nodes: LayoutInput[] = [
      { id: "a", name: "Grundschule Am Park", group: "schule", degree: 1 },
      { id: "b", name: "Kita Sonnenschein", group: "fruehkindlich", degree: 1 },
    ];
    const layout = computeLayout(nodes);
    const { labels, viewBox } = placeLabels(nodes, layout);
    expect([...labels.keys()].sort()).toEqual(["a", "b"]);
    expect(viewBox.width).toBeGreaterThanOrEqual(layout.viewBox.width);
    checkLabels(nodes, { ...layout, viewBox }, labels);
  });
});
