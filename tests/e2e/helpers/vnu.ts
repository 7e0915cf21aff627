import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface HtmlProblem {
  url: string;
  line: number | undefined;
  message: string;
  extract: string;
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

function vnuJar(): string {
  return join(require.resolve("vnu-jar/package.json"), "..", "build", "dist", "vnu.jar");
}

/**
 * Checks many HTML documents with the Nu HTML Checker in one Java run (starting
 * Java costs seconds). Pass the HTML as the server sent it (response.text()),
 * not page.content(). Returns errors only; info messages and warnings are dropped.
 */
export async function validateHtml(pages: { url: string; html: string }[]): Promise<HtmlProblem[]> {
  if (pages.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), "bn-vnu-"));
  try {
    const byFile = new Map<string, string>();
    const files = pages.map((page, index) => {
      const file = join(dir, `page-${index}.html`);
      writeFileSync(file, page.html);
      byFile.set(pathToFileURL(file).href, page.url);
      return file;
    });
    const { stdout } = await run(
      "java",
      ["-Xss4m", "-jar", vnuJar(), "--format", "json", "--exit-zero-always", "--stdout", ...files],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const messages = (JSON.parse(stdout) as { messages: VnuMessage[] }).messages;
    return messages
      .filter((m) => m.type === "error" || (m.type === "non-document-error" && m.subType !== "internal"))
      .map((m) => ({
        url: byFile.get((m.url ?? "").replace(/^file:\/(?!\/)/, "file:///")) ?? m.url ?? "?",
        line: m.lastLine,
        message: m.message,
        extract: (m.extract ?? "").replace(/\s+/g, " ").trim(),
      }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatHtmlProblems(problems: HtmlProblem[]): string {
  return problems.map((p) => `${p.url}:${p.line ?? "?"}  vnu: ${p.message}\n      ${p.extract}`).join("\n");
}
