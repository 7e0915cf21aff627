import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import { translator } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { educationAreas } from "../directory/index.js";
import { listPublishedPosts, publicPostSummaries } from "../exchange/index.js";
import { matchingAccess } from "./access.js";
import * as repo from "./matching.repo.js";
import { type MatchSide, scoreMatch } from "./score.js";

// Offers and requests that fit: only open ones (published, not hidden, not "erledigt", not
// past their date — the Austausch decides that), scored by score.ts. New pairs are stored once
// in post_matches; the authors who chose it hear of a new pair by e-mail, in the transaction of
// the change that made it.

type Post = Awaited<ReturnType<typeof listPublishedPosts>>[number];

export interface MatchView {
  id: string;
  kind: "offer" | "request";
  title: string;
  url: string;
  organisationName: string | null;
  municipality: string | null;
  reasons: string[];
  score: number;
}

/** At most this many suggestions per post, best first. */
const LIMIT = 10;

const de = translator("de");
const areaLabel = (id: string) => educationAreas.find((a) => a.id === id)?.de ?? id;
const isOpenKind = (kind: string): kind is "offer" | "request" => kind === "offer" || kind === "request";

async function sides(db: Conn, posts: Post[]): Promise<Map<string, MatchSide>> {
  const coords = await repo.coordinatesOf(
    db,
    posts.flatMap((p) => (p.organisationId ? [p.organisationId] : [])),
  );
  const out = new Map<string, MatchSide>();
  for (const p of posts) {
    if (!isOpenKind(p.kind)) continue;
    const c = p.organisationId ? coords.get(p.organisationId) : undefined;
    out.set(p.id, {
      id: p.id,
      kind: p.kind,
      themes: p.themes,
      areas: p.areas,
      targetGroups: p.targetGroups,
      municipality: p.municipality,
      lat: c?.lat ?? null,
      lon: c?.lon ?? null,
    });
  }
  return out;
}

/** The open posts that fit `postId`, best first; empty when it is not an open offer or request. */
async function computeMatches(db: Conn, postId: string): Promise<{ post: Post | undefined; matches: MatchView[] }> {
  const open = await listPublishedPosts(db, { open: true, limit: 5000 });
  const post = open.find((p) => p.id === postId);
  if (!post || !isOpenKind(post.kind)) return { post, matches: [] };
  const bySide = await sides(db, open);
  const me = bySide.get(post.id);
  if (!me) return { post, matches: [] };
  const matches: MatchView[] = [];
  for (const other of open) {
    const side = bySide.get(other.id);
    if (!side || !isOpenKind(other.kind)) continue;
    const s = scoreMatch(me, side, areaLabel);
    if (!s) continue;
    matches.push({
      id: other.id,
      kind: other.kind,
      title: other.title,
      url: other.url,
      organisationName: other.organisationName,
      municipality: other.municipality,
      reasons: s.reasons,
      score: s.score,
    });
  }
  matches.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, "de") || a.id.localeCompare(b.id));
  return { post, matches: matches.slice(0, LIMIT) };
}

/**
 * The suggestions for one post (page and API). Public data: a post that is not public is
 * unknown (404); a public one that is no open offer or request has none.
 */
/**
 * How many of these posts (offers and requests) the platform has paired with a fitting
 * counterpart, at any time since they appeared: the reports' "how many found a match".
 */
export function matchedPostCount(db: Conn, postIds: readonly string[]): Promise<number> {
  return repo.postsWithPairs(db, postIds);
}

export async function getMatches(
  platform: Platform,
  actor: Actor,
  postId: string,
): Promise<{
  post: { id: string; title: string; kind: string; url: string };
  matches: MatchView[];
  canKeep: boolean;
  kept: boolean;
}> {
  const db = platform.db.kysely;
  const [title] = await publicPostSummaries(db, [postId]);
  if (!title) throw new NotFoundError("matching.error.notFound");
  const { matches } = await computeMatches(db, postId);
  const canKeep = matchingAccess.can(actor, "bookmark.keep", undefined);
  const kept = actor.kind === "user" ? await repo.hasBookmark(db, actor.id, "post", postId) : false;
  return {
    post: { id: title.id, title: title.title, kind: title.kind, url: `/austausch/${title.id}` },
    matches,
    canKeep,
    kept,
  };
}

/**
 * exchange.postChanged: after a post was written, changed or shown again, store the pairs it
 * makes that are new and tell the authors who opted in. Runs in the change's transaction.
 */
export async function recordNewMatches(platform: Platform, db: Conn, postId: string): Promise<void> {
  const { post, matches } = await computeMatches(db, postId);
  if (!post || !isOpenKind(post.kind) || matches.length === 0) return;
  const known = await repo.knownPairs(db, postId);
  for (const m of matches) {
    const offer = post.kind === "offer" ? post : { id: m.id, title: m.title };
    const request = post.kind === "request" ? post : { id: m.id, title: m.title };
    if (known.has(`${offer.id}|${request.id}`)) continue;
    const pairId = newId();
    await repo.insertPair(db, {
      id: pairId,
      offer_id: offer.id,
      request_id: request.id,
      reasons: JSON.stringify(m.reasons),
      created_at: nowIso(),
    });
    const other = (await publicPostSummaries(db, [m.id]))[0]?.authorId ?? null;
    const told = new Set<string>();
    // Each author hears about the other side's post.
    for (const [authorId, mine, theirs, theirKind] of [
      [post.authorId, post.title, { id: m.id, title: m.title }, m.kind],
      [other, m.title, { id: post.id, title: post.title }, post.kind],
    ] as const) {
      if (!authorId || told.has(authorId)) continue;
      told.add(authorId);
      if (!(await repo.notifyOf(db, authorId))) continue;
      const person = await repo.userContact(db, authorId);
      if (!person) continue;
      const link = new URL(`/austausch/${theirs.id}`, platform.config.baseUrl).href;
      const text = [
        de("matching.mail.greeting", { name: person.name }),
        "",
        de(`matching.mail.body.${theirKind}`, { mine, theirs: theirs.title }),
        "",
        de("matching.mail.reasons", { reasons: m.reasons.join("; ") }),
        "",
        link,
        "",
        de("matching.mail.optOut", { url: new URL("/merkliste", platform.config.baseUrl).href }),
      ].join("\n");
      await enqueueMail(db, {
        to: person.email,
        subject: de("matching.mail.subject", { title: theirs.title }),
        text,
        idempotencyKey: `matching-${pairId}-${authorId}`,
      });
    }
  }
}
