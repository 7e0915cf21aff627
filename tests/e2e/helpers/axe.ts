import { AxeBuilder } from "@axe-core/playwright";
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

/** Runs axe-core on the current page for the WCAG 2.0/2.1 A and AA rules. */
export async function checkAxe(page: Page): Promise<AxeProblem[]> {
  const result = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const url = new URL(page.url()).pathname + new URL(page.url()).search;
  return result.violations.map((v) => ({
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
