import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeProblem {
  url: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** CSS selectors of the failing elements (first few). */
  targets: string[];
  /** A short HTML excerpt of the first failing element. */
  html: string;
}

// axe-core as @axe-core/playwright ships it. We inject it ourselves: AxeBuilder's default
// mode opens an extra blank page per analysis to combine frame results, which doubles the
// time per page and our pages have no frames. Only violations are returned (less to copy).
const axeRequire = createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"));
let axeSource: string | undefined;

interface RawViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string }[];
}

/** Runs axe-core on the current page for the WCAG 2.0/2.1 A and AA rules. */
export async function checkAxe(page: Page): Promise<AxeProblem[]> {
  axeSource ??= readFileSync(axeRequire.resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations as RawViolation[];
  }, wcagTags);
  const current = new URL(page.url());
  const url = current.pathname + current.search;
  return violations.map((v) => ({
    url,
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")),
    html: (v.nodes[0]?.html ?? "").slice(0, 200),
  }));
}

/** One line per violation, for assertion messages: "/path  rule (impact): help → target". */
export function formatAxe(problems: AxeProblem[]): string {
  return problems
    .map((p) => `${p.url}  axe ${p.rule} (${p.impact}): ${p.help} → ${p.targets.join(" | ")}\n      ${p.html}`)
    .join("\n");
}
