import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { eventsAccess } from "./access.js";
import { type EventView, type SessionView, toEventView } from "./event-views.js";
import { findEvent, listEventRows } from "./events.repo.js";
import { getVisibleEvent } from "./events.service.js";
import type { EventAvailability, EventDownload, EventParticipants, EventResultSummary } from "./hooks.js";
import { eventIcs, feedIcs, type IcsMethod } from "./ics.js";
import { listSessions } from "./programme.service.js";

// What the public sees: the calendar, the archive, a Fachtag's page, the calendar
// files and the feed. Drafts never appear here (see access: "event.see").

/** By id or slug, or undefined; drafts included (callers decide who may see them). */
export async function getEventForRegistration(db: Conn, idOrSlug: string): Promise<EventView | undefined> {
  const row = await findEvent(db, idOrSlug);
  return row ? toEventView(row) : undefined;
}

/** Public events (not drafts) that have not ended yet, soonest first. */
export async function listUpcomingEvents(db: Conn, now = new Date(), limit?: number): Promise<EventView[]> {
  const rows = await listEventRows(db, {
    excludeStatuses: ["draft"],
    endsFrom: now.toISOString(),
    ...(limit ? { limit } : {}),
  });
  return rows.map((r) => toEventView(r, now));
}

/** Public events that are over, latest first. */
export async function listPastEvents(db: Conn, now = new Date()): Promise<EventView[]> {
  const rows = await listEventRows(db, { excludeStatuses: ["draft"], endsBefore: now.toISOString(), order: "desc" });
  return rows.map((r) => toEventView(r, now));
}

/** Public downloads of these Fachtage, as the documents module answers them (none without it). */
async function downloadsOf(platform: Platform, events: EventView[], locale: Locale): Promise<EventDownload[]> {
  if (!events.length || !platform.hooks.has("events.downloads")) return [];
  const answers = await platform.hooks.emit(
    "events.downloads",
    { events: events.map((e) => ({ id: e.id, slug: e.slug })), locale },
    { platform, db: platform.db.kysely },
  );
  return answers.flat();
}

/** How many took part in each past Fachtag, as the registrations module counts (none without it). */
async function participantsOf(platform: Platform, events: EventView[]): Promise<EventParticipants[]> {
  if (!events.length || !platform.hooks.has("events.participants")) return [];
  const ctx = { platform, db: platform.db.kysely };
  return (await platform.hooks.emit("events.participants", { eventIds: events.map((e) => e.id) }, ctx)).flat();
}

/** The first lines of each Fachtag's results, as the outcomes module has them (none without it). */
async function resultsOf(platform: Platform, events: EventView[]): Promise<EventResultSummary[]> {
  if (!events.length || !platform.hooks.has("events.results")) return [];
  const ctx = { platform, db: platform.db.kysely };
  return (await platform.hooks.emit("events.results", { eventIds: events.map((e) => e.id) }, ctx)).flat();
}

export interface ArchiveModel {
  events: EventView[];
  canCopy: boolean;
  downloads: EventDownload[];
  /** How many took part and how many were registered, by event id (the registrations module counts). */
  participants: Record<string, { count: number; registered: number }>;
  /** The first lines of the results, by event id (the outcomes module writes them). */
  results: Record<string, string>;
}

/**
 * The archive page: past Fachtage with participants, results and downloads; organisers
 * may take any of them as the template of a new one.
 */
export async function getArchive(platform: Platform, actor: Actor, locale: Locale = "de"): Promise<ArchiveModel> {
  const events = await listPastEvents(platform.db.kysely);
  const downloads = await downloadsOf(platform, events, locale);
  const participants = Object.fromEntries(
    (await participantsOf(platform, events)).map((p) => [p.eventId, { count: p.count, registered: p.registered }]),
  );
  const results = Object.fromEntries((await resultsOf(platform, events)).map((r) => [r.eventId, r.summary]));
  return { events, canCopy: eventsAccess.can(actor, "event.organise", undefined), downloads, participants, results };
}

/** Public events for the API and the feed, optionally within [from, to). */
export async function listPublicEvents(db: Conn, range: { from?: string; to?: string } = {}): Promise<EventView[]> {
  const rows = await listEventRows(db, {
    excludeStatuses: ["draft"],
    ...(range.from ? { endsFrom: range.from } : {}),
    ...(range.to ? { startsBefore: range.to } : {}),
  });
  return rows.map((r) => toEventView(r));
}

/** Free places, as the registrations module answers them; null when nobody counts places. */
export async function availabilityOf(platform: Platform, eventId: string): Promise<EventAvailability | null> {
  const [first] = await platform.hooks.emit("events.availability", { eventId }, { platform, db: platform.db.kysely });
  return first ?? null;
}

interface EventPageModel {
  event: EventView;
  sessions: SessionView[];
  availability: EventAvailability | null;
  canManage: boolean;
  /** Downloads that belong to a programme item (slides of a talk). */
  sessionDownloads: EventDownload[];
}

/** A Fachtag's public page; 404 for drafts of others. */
export async function getEventPage(
  platform: Platform,
  actor: Actor,
  slug: string,
  locale: Locale = "de",
): Promise<EventPageModel> {
  const event = await getVisibleEvent(platform, actor, slug);
  const sessions = await listSessions(platform.db.kysely, event.id);
  // Free places matter only while people can still come: not for drafts or past events.
  const availability =
    event.status === "draft" || event.registrationClosedReason === "past"
      ? null
      : await availabilityOf(platform, event.id);
  const sessionDownloads = (await downloadsOf(platform, [event], locale)).filter((d) => d.sessionId !== null);
  return {
    event,
    sessions,
    availability,
    canManage: eventsAccess.can(actor, "event.manage", event),
    sessionDownloads,
  };
}

/** The API's view of one Fachtag with its free places (none for drafts). */
export async function getEventWithAvailability(platform: Platform, actor: Actor, idOrSlug: string) {
  const event = await getVisibleEvent(platform, actor, idOrSlug);
  const availability = event.status === "draft" ? null : await availabilityOf(platform, event.id);
  return { event, availability };
}

/** The public programme of a Fachtag; 404 for drafts of others. */
export async function getPublicProgramme(platform: Platform, actor: Actor, idOrSlug: string): Promise<SessionView[]> {
  const event = await getVisibleEvent(platform, actor, idOrSlug);
  return listSessions(platform.db.kysely, event.id);
}

/** `/fachtage/<slug>.ics`: the one calendar entry of a Fachtag (METHOD:CANCEL once cancelled). */
export async function eventCalendarFile(
  platform: Platform,
  actor: Actor,
  slug: string,
  calendarName: string,
): Promise<{ filename: string; method: IcsMethod; content: string; public: boolean }> {
  const event = await getVisibleEvent(platform, actor, slug);
  const sessions = await listSessions(platform.db.kysely, event.id);
  const file = eventIcs({ event, sessions }, { baseUrl: platform.config.baseUrl, calendarName });
  // A draft's file is for its organisers only: no shared cache may keep it.
  return { filename: `${event.slug}.ics`, ...file, public: event.status !== "draft" };
}

/** `/fachtage/kalender.ics`: every public Fachtag, to subscribe to. */
export async function calendarFeed(platform: Platform, calendarName: string): Promise<string> {
  const events = await listPublicEvents(platform.db.kysely);
  return feedIcs(
    events.map((event) => ({ event })),
    { baseUrl: platform.config.baseUrl, calendarName },
  );
}
