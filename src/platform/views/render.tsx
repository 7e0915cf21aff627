import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { Layout } from "./layout.js";
import { type PageContext, PageCtx } from "./page-context.js";

export interface PageOptions {
  title: string;
  body: VNode;
  scripts?: string[];
  styles?: string[];
}

/** Renders a whole HTML document; user text is escaped by Preact. */
export function renderDocument(ctx: PageContext, page: PageOptions): string {
  return `<!DOCTYPE html>${renderToString(
    <PageCtx.Provider value={ctx}>
      <Layout title={page.title} scripts={page.scripts} styles={page.styles}>
        {page.body}
      </Layout>
    </PageCtx.Provider>,
  )}`;
}

/** Renders a fragment (e-mail bodies, embeddable snippets) with the same context. */
export function renderFragment(ctx: PageContext, node: VNode): string {
  return renderToString(<PageCtx.Provider value={ctx}>{node}</PageCtx.Provider>);
}
