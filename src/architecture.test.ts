import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The dependency rules of the code base, checked on every test run:
// - the platform (src/platform) and src/lib import no module;
// - a module imports another module only through its index.ts;
// - modules depend on each other in one direction (no cycle between modules);
// - no two source files import each other, directly or round a longer loop.
// Tests and test helpers (*.test.ts, test-*.ts) may reach anywhere.

const SRC = dirname(fileURLToPath(import.meta.url));

type Graph = Map<string, string[]>;

const isTestFile = (path: string) => /\.test\.tsx?$/.test(path) || /(^|\/)test-[^/]*\.tsx?$/.test(path);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts") && !isTestFile(path)) out.push(path);
  }
  return out;
}

// Groups: 1 = "type " of a type-only import or export, 2 = its specifier, 3 = a dynamic import's.
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.js$/, "");
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/**
 * Source file → the source files it imports. With `types: false` only imports that
 * exist at run time count (a cycle of `import type` is no load-order problem); between
 * modules every import counts, types too: they are dependencies of the design.
 */
function importGraph(root: string, { types }: { types: boolean }): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
    const targets = new Set<string>();
    for (const match of text.matchAll(IMPORT)) {
      if (match[1] && !types) continue;
      const target = resolveImport(file, match[2] ?? match[3] ?? "");
      if (target && !isTestFile(target)) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the list of its nodes (first repeated at the end). */
function findCycles(graph: Graph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** "modules/events/service.ts" → "events"; "platform/…" → "platform"; other files → undefined. */
function moduleOf(file: string): string | undefined {
  const rel = relative(SRC, file);
  const m = rel.match(/^modules\/([^/]+)\//);
  if (m) return m[1];
  if (rel.startsWith("platform/")) return "platform";
  if (rel.startsWith("lib/")) return "lib";
  return undefined;
}

function moduleGraph(graph: Graph): Graph {
  const out: Graph = new Map();
  for (const [file, targets] of graph) {
    const from = moduleOf(file);
    if (!from) continue;
    const set = new Set(out.get(from) ?? []);
    for (const target of targets) {
      const to = moduleOf(target);
      if (to && to !== from) set.add(to);
    }
    out.set(from, [...set]);
  }
  return out;
}

const rel = (path: string) => relative(SRC, path);

describe("architecture", () => {
  const graph = importGraph(SRC, { types: true });
  const runtime = importGraph(SRC, { types: false });

  it("finds the source files and their imports", () => {
    expect(graph.size).toBeGreaterThan(50);
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    const runtimeEdges = [...runtime.values()].reduce((n, targets) => n + targets.length, 0);
    // Every file imports something; run-time imports are fewer than all imports, but many.
    expect(edges).toBeGreaterThan(graph.size);
    expect(runtimeEdges).toBeGreaterThan(graph.size / 2);
    expect(runtimeEdges).toBeLessThan(edges);
    const server = [...graph.keys()].find((f) => rel(f) === "server.ts");
    expect(graph.get(server ?? "")?.map(rel)).toContain("modules/index.ts");
  });

  it("has no import cycle between source files", () => {
    expect(findCycles(runtime).map((c) => c.map(rel).join(" → "))).toEqual([]);
  });

  it("has modules that depend on each other in one direction only", () => {
    expect(findCycles(moduleGraph(graph)).map((c) => c.join(" → "))).toEqual([]);
  });

  it("keeps the platform and lib free of module imports", () => {
    const offending = [...graph].flatMap(([file, targets]) =>
      ["platform", "lib"].includes(moduleOf(file) ?? "")
        ? targets.filter((t) => rel(t).startsWith("modules/")).map((t) => `${rel(file)} → ${rel(t)}`)
        : [],
    );
    expect(offending).toEqual([]);
  });

  it("lets a module reach another module only through its index.ts", () => {
    const offending = [...graph].flatMap(([file, targets]) => {
      const from = rel(file).match(/^modules\/([^/]+)\//)?.[1];
      if (!from) return [];
      return targets
        .filter((t) => {
          const to = rel(t).match(/^modules\/([^/]+)\/(.+)$/);
          return to && to[1] !== from && to[2] !== "index.ts";
        })
        .map((t) => `${rel(file)} → ${rel(t)}`);
    });
    expect(offending).toEqual([]);
  });

  it("catches a planted cycle and a planted reach into another module", () => {
    const planted: Graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(findCycles(planted)).toEqual([["a", "b", "c", "a"]]);
    const fake = (m: string, f: string) => join(SRC, "modules", m, f);
    const modules: Graph = moduleGraph(
      new Map([
        [fake("events", "service.ts"), [fake("registrations", "index.ts")]],
        [fake("registrations", "service.ts"), [fake("events", "index.ts")]],
      ]),
    );
    expect(findCycles(modules).map((c) => c.join(" → "))).toEqual(["events → registrations → events"]);
  });
});
