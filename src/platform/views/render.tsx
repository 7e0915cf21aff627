import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { escapeHtml } from "../../lib/html.js";
import { Layout } from "./layout.js";
import { type PageContext, PageCtx } from "./page-context.js";

export interface PageOptions {
  title: string;
  body: VNode;
  scripts?: string[];
  styles?: string[];
  /** Atom feeds of this page's content, announced in the head for feed readers (same origin). */
  feeds?: { href: string; title: string }[];
}

/** Renders a whole HTML document; user text is escaped by Preact. */
export function renderDocument(ctx: PageContext, page: PageOptions): string {
  const fieldLabels = new Map<string, string>();
  const html = renderToString(
    <PageCtx.Provider value={{ ...ctx, fieldLabels }}>
      <Layout title={page.title} scripts={page.scripts} styles={page.styles} feeds={page.feeds}>
        {page.body}
      </Layout>
    </PageCtx.Provider>,
  );
  return `<!DOCTYPE html>${fillErrorLabels(html, fieldLabels)}`;
}

/** The error summary's placeholders become "Label: " of the field each entry links to. */
function fillErrorLabels(html: string, labels: Map<string, string>): string {
  if (!html.includes("data-error-label")) return html;
  return html.replace(/<span data-error-label="([^"]*)"><\/span>/g, (_, field: string) => {
    const label = labels.get(field.replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
    return label ? `<span class="error-summary__field">${escapeHtml(label.replace(/\s*\*$/, ""))}: </span>` : "";
  });
}

/** Renders a fragment (e-mail bodies, embeddable snippets) with the same context. */
export function renderFragment(ctx: PageContext, node: VNode): string {
  return renderToString(<PageCtx.Provider value={ctx}>{node}</PageCtx.Provider>);
}
