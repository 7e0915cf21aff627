import { newId } from "../../platform/db/ids.js";
import type { Platform } from "../../platform/platform.js";

// Test data for the digests and feeds: published posts of the Austausch written straight
// into its table (the digest reads them through exchange's public listPublishedPosts).

export async function publishedPost(
  platform: Platform,
  post: { title: string; kind?: string; themes?: string[]; areas?: string[]; municipality?: string | null; at: string },
): Promise<string> {
  const id = newId();
  await platform.db.kysely
    .insertInto("exchange_posts")
    .values({
      id,
      kind: post.kind ?? "practice",
      title: post.title,
      body: `Bericht zu ${post.title} & mehr`,
      body_html: `<p>Bericht zu ${post.title} &amp; mehr</p>`,
      areas: JSON.stringify(post.areas ?? []),
      themes: JSON.stringify(post.themes ?? []),
      target_groups: "[]",
      practice: null,
      municipality: post.municipality ?? null,
      organisation_id: null,
      author_id: null,
      status: "published",
      hidden: 0,
      hidden_reason: null,
      valid_until: null,
      created_at: post.at,
      updated_at: post.at,
      published_at: post.at,
    })
    .execute();
  return id;
}

/** A tiny XML reader for the feed tests: checks that every tag closes in order and returns the elements. */
export function parseXml(xml: string): { name: string; attrs: Record<string, string>; text: string; path: string }[] {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: { name: string; attrs: Record<string, string>; text: string; path: string }[] = [];
  const out: typeof stack = [];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  const decode = (s: string) =>
    s.replace(
      /&(lt|gt|quot|#39|amp);/g,
      (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e] ?? "",
    );
  for (const m of body.matchAll(re)) {
    if (m.index !== consumed) throw new Error(`not well-formed at ${consumed}`);
    consumed = m.index + m[0].length;
    if (m[5] !== undefined) {
      if (/&(?!(lt|gt|quot|#39|amp);)/.test(m[5])) throw new Error("bare ampersand");
      const top = stack.at(-1);
      if (top) top.text += decode(m[5]);
      else if (m[5].trim()) throw new Error("text outside the root");
      continue;
    }
    const [, closing, name = "", rawAttrs = "", selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1] as string] = decode(a[2] as string);
    const el = { name, attrs, text: "", path: [...stack.map((s) => s.name), name].join("/") };
    out.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (consumed !== body.length || stack.length) throw new Error("not well-formed at the end");
  return out;
}
