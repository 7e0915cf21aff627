import { escapeHtml } from "../../lib/html.js";
import type { Platform } from "../../platform/platform.js";
import { listPublicEvents } from "../events/index.js";
import { kindOfSlug, listPublishedPosts } from "../exchange/index.js";

// Atom feeds (RFC 4287) of the Austausch and of the Fachtage, for feed readers and the
// district's website. Public data only: what the lists at /austausch and /fachtage show.

interface Entry {
  id: string;
  title: string;
  url: string;
  updated: string;
  summary: string;
  categories: string[];
}

function atom(base: string, self: string, title: string, entries: Entry[]): string {
  const x = escapeHtml;
  const updated =
    entries
      .map((e) => e.updated)
      .sort()
      .at(-1) ?? "1970-01-01T00:00:00.000Z";
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">',
    `<id>${x(base + self)}</id>`,
    `<title>${x(title)}</title>`,
    `<updated>${updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(base + self)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(base + self.replace(/\/feed\.xml.*$/, ""))}"/>`,
    ...entries.map((e) =>
      [
        "<entry>",
        `<id>${x(e.id)}</id>`,
        `<title>${x(e.title)}</title>`,
        `<link rel="alternate" type="text/html" href="${x(base + e.url)}"/>`,
        `<updated>${e.updated}</updated>`,
        `<author><name>${x(title)}</name></author>`,
        ...e.categories.map((c) => `<category term="${x(c)}"/>`),
        `<summary>${x(e.summary)}</summary>`,
        "</entry>",
      ].join(""),
    ),
    "</feed>",
    "",
  ].join("\n");
}

const plain = (html: string, max = 400) => {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** The newest 50 published posts, optionally of one kind (?art=angebot) and one theme (?thema=). */
export async function postsFeed(platform: Platform, query: { art?: string; thema?: string }): Promise<string> {
  const kind = kindOfSlug(query.art);
  const posts = await listPublishedPosts(platform.db.kysely, { kind, theme: query.thema || undefined, limit: 50 });
  const params = new URLSearchParams();
  if (query.art && kind) params.set("art", query.art);
  if (query.thema) params.set("thema", query.thema);
  const self = `/austausch/feed.xml${params.size ? `?${params}` : ""}`;
  return atom(
    platform.config.baseUrl,
    self,
    "Bildungsnetz – Austausch",
    posts.map((p) => ({
      id: `urn:uuid:${p.id}`,
      title: p.title,
      url: p.url,
      updated: p.updatedAt,
      summary: plain(p.bodyHtml),
      categories: [p.kind, ...p.themes],
    })),
  );
}

/** The Fachtage from today on, soonest first. */
export async function eventsFeed(platform: Platform): Promise<string> {
  const events = await listPublicEvents(platform.db.kysely, { from: new Date().toISOString() });
  return atom(
    platform.config.baseUrl,
    "/fachtage/feed.xml",
    "Bildungsnetz – Fachtage",
    events.map((e) => ({
      id: `urn:uuid:${e.id}`,
      title: e.title,
      url: e.url,
      updated: e.updatedAt,
      summary: [e.subtitle, e.venue.name, e.description ? plain(e.description) : null].filter(Boolean).join(" – "),
      categories: e.themes,
    })),
  );
}
