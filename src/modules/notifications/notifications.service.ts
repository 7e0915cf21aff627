import type { Actor } from "../../platform/auth/actor.js";
import { newId, newToken } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import { formatDate, formatTime, translator } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, listUpcomingEvents } from "../events/index.js";
import { listPublishedPosts } from "../exchange/index.js";
import { notificationsAccess } from "./access.js";
import * as repo from "./notifications.repo.js";
import type { SubscriptionInput } from "./schema.js";

// E-mail digests of what is new in the Austausch and which Fachtage were announced, for
// whoever subscribed: daily or weekly, narrowed by themes, areas, municipalities and kinds.
// Within one of these the choices are alternatives ("Schule" or "Beruf"), between them
// they narrow (a theme and a municipality); nothing chosen means everything. A period
// without anything new sends no mail, and every digest carries a one-click unsubscribe.

const { requireAccess } = notificationsAccess;
const DAY = 24 * 3600_000;
/** The hourly tick may come a little early: a period counts as over 5 minutes before its end. */
const SLACK = 5 * 60_000;
const periodMs = { daily: DAY, weekly: 7 * DAY } as const;
type Frequency = keyof typeof periodMs;

export interface Subscription {
  frequency: Frequency;
  themes: string[];
  areas: string[];
  municipalities: string[];
  kinds: string[];
  lastSentAt: string | null;
}

const list = (json: string): string[] => JSON.parse(json) as string[];

function toSubscription(row: repo.SubscriptionRow): Subscription {
  return {
    frequency: row.frequency === "daily" ? "daily" : "weekly",
    themes: list(row.themes),
    areas: list(row.areas),
    municipalities: list(row.municipalities),
    kinds: list(row.kinds),
    lastSentAt: row.last_sent_at,
  };
}

/** The signed-in person's subscription, or null. */
export async function getOwnSubscription(platform: Platform, actor: Actor): Promise<Subscription | null> {
  requireAccess(actor, "notifications.own", undefined);
  if (actor.kind !== "user") return null;
  const row = await repo.findByUser(platform.db.kysely, actor.id);
  return row ? toSubscription(row) : null;
}

/** Creates or changes the signed-in person's subscription (the unsubscribe secret stays). */
export async function saveSubscription(platform: Platform, actor: Actor, input: SubscriptionInput): Promise<void> {
  requireAccess(actor, "notifications.own", undefined);
  if (actor.kind !== "user") return;
  await repo.upsert(platform.db.kysely, {
    id: newId(),
    user_id: actor.id,
    frequency: input.frequency,
    themes: JSON.stringify(input.themes),
    areas: JSON.stringify(input.areas),
    municipalities: JSON.stringify(input.municipalities),
    kinds: JSON.stringify(input.kinds),
    token: newToken(),
    // The first digest covers what comes from now on, not the whole archive.
    last_run_at: nowIso(),
    last_sent_at: null,
    created_at: nowIso(),
  });
}

/** Ends the signed-in person's subscription. */
export async function cancelOwnSubscription(platform: Platform, actor: Actor): Promise<void> {
  requireAccess(actor, "notifications.own", undefined);
  if (actor.kind !== "user") return;
  const row = await repo.findByUser(platform.db.kysely, actor.id);
  if (row) await repo.deleteById(platform.db.kysely, row.id);
}

/** Whether the unsubscribe link still belongs to a subscription (the confirm page). 404 otherwise. */
export async function checkUnsubscribeToken(platform: Platform, token: string): Promise<void> {
  if (!(await repo.findByToken(platform.db.kysely, token)))
    throw new NotFoundError("notifications.unsubscribe.unknown");
}

/** The unsubscribe link: the secret alone is the proof, no sign-in (mail programs post it, RFC 8058). */
export async function unsubscribeByToken(platform: Platform, token: string): Promise<boolean> {
  const row = await repo.findByToken(platform.db.kysely, token);
  return row ? repo.deleteById(platform.db.kysely, row.id) : false;
}

// --- the digest ----------------------------------------------------------------------------

interface DigestItem {
  kind: string;
  title: string;
  url: string;
  themes: string[];
  areas: string[];
  municipality: string | null;
  /** When it became new: published (posts), announced (Fachtage). */
  at: string;
  line: string;
}

const overlaps = (chosen: string[], have: string[]) => {
  if (!chosen.length) return true;
  const lower = new Set(have.map((h) => h.toLowerCase()));
  return chosen.some((c) => lower.has(c.toLowerCase()));
};

/** Whether an item fits a subscription (see the comment at the top). Fachtage have no area or municipality. */
export function fits(sub: Pick<Subscription, "themes" | "areas" | "municipalities" | "kinds">, item: DigestItem) {
  if (sub.kinds.length && !sub.kinds.includes(item.kind)) return false;
  if (!overlaps(sub.themes, item.themes)) return false;
  if (item.kind === "fachtag") return true;
  if (!overlaps(sub.areas, item.areas)) return false;
  return !sub.municipalities.length || (item.municipality !== null && sub.municipalities.includes(item.municipality));
}

const de = translator("de");

function eventLine(e: EventView): string {
  return `${formatDate(e.startsAt, "de")}, ${formatTime(e.startsAt, "de")}: ${e.title} (${e.venue.name})`;
}

async function candidates(platform: Platform, since: string, now: Date): Promise<DigestItem[]> {
  const db = platform.db.kysely;
  const posts = (await listPublishedPosts(db, { limit: 2000 }))
    .filter((p) => (p.publishedAt ?? p.createdAt) > since)
    .map<DigestItem>((p) => ({
      kind: p.kind,
      title: p.title,
      url: p.url,
      themes: p.themes,
      areas: p.areas,
      municipality: p.municipality,
      at: p.publishedAt ?? p.createdAt,
      line: `${de(`notifications.kind.${p.kind}`)}: ${p.title}${p.organisationName ? ` (${p.organisationName})` : ""}`,
    }));
  const events = (await listUpcomingEvents(db, now))
    .filter((e) => e.createdAt > since && e.status !== "cancelled")
    .map<DigestItem>((e) => ({
      kind: "fachtag",
      title: e.title,
      url: e.url,
      themes: e.themes,
      areas: [],
      municipality: null,
      at: e.createdAt,
      line: eventLine(e),
    }));
  return [...events, ...posts];
}

export interface DigestRunResult {
  looked: number;
  sent: number;
}

/**
 * One run of the digest (the hourly job): every subscription whose day or week is over gets
 * the items since its last period, if any; the period moves on either way. The mail and
 * the new period are written in one transaction, and the outbox key names the period, so
 * a run that dies half-way and starts again sends nobody a digest twice.
 */
export async function runDigest(platform: Platform, now = new Date()): Promise<DigestRunResult> {
  const db = platform.db.kysely;
  const at = now.getTime();
  const due = await repo.listDue(
    db,
    new Date(at - periodMs.daily + SLACK).toISOString(),
    new Date(at - periodMs.weekly + SLACK).toISOString(),
  );
  if (!due.length) return { looked: 0, sent: 0 };
  const oldest = due.reduce(
    (min, r) => (r.last_run_at && r.last_run_at < min ? r.last_run_at : min),
    now.toISOString(),
  );
  const items = await candidates(platform, due.some((r) => !r.last_run_at) ? "" : oldest, now);
  const runAt = now.toISOString();
  let sent = 0;
  for (let i = 0; i < due.length; i += 200) {
    const chunk = due.slice(i, i + 200);
    await db.transaction().execute(async (trx) => {
      for (const row of chunk) {
        const sub = toSubscription(row);
        const since = row.last_run_at ?? row.created_at;
        const mine = items.filter((it) => it.at > since && it.at <= runAt && fits(sub, it));
        if (mine.length) {
          await enqueueMail(trx, digestMail(platform, row, sub.frequency, mine, runAt));
          sent++;
        }
        await repo.markRun(trx, row.id, runAt, mine.length > 0);
      }
    });
  }
  return { looked: due.length, sent };
}

function digestMail(
  platform: Platform,
  row: repo.SubscriptionRow & { email: string; name: string },
  frequency: Frequency,
  items: DigestItem[],
  runAt: string,
) {
  const base = platform.config.baseUrl;
  const unsubscribe = `${base}/abbestellen/${row.token}`;
  const events = items.filter((i) => i.kind === "fachtag");
  const posts = items.filter((i) => i.kind !== "fachtag");
  const block = (heading: string, list: DigestItem[]) =>
    list.length ? [heading, "", ...list.flatMap((i) => [`- ${i.line}`, `  ${base}${i.url}`]), ""] : [];
  const text = [
    de("notifications.mail.greeting", { name: row.name }),
    "",
    de(`notifications.mail.intro.${frequency}`),
    "",
    ...block(de("notifications.mail.events"), events),
    ...block(de("notifications.mail.posts"), posts),
    de("notifications.mail.change", { url: `${base}/konto/benachrichtigungen` }),
    de("notifications.mail.unsubscribe", { url: unsubscribe }),
  ].join("\n");
  return {
    to: row.email,
    subject: de(`notifications.mail.subject.${frequency}`, { count: String(items.length) }),
    text,
    idempotencyKey: `digest:${row.id}:${runAt}`,
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
