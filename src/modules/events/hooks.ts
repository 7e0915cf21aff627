import type { Locale } from "../../platform/i18n/i18n.js";
import type { EventView, SessionView } from "./event-views.js";

// What the events module tells modules further down the line (registrations) and
// what it asks of them, without importing them.

export interface EventChanges {
  time: boolean;
  venue: boolean;
  cancelled: boolean;
}

/** Free places of a Fachtag and of each limited workshop, as the page and the API show them. */
export interface EventAvailability {
  capacity: number;
  taken: number;
  free: number;
  waitlist: number;
  /** By session id; `free` is null for a workshop limited only by the event's capacity. */
  workshops: Record<string, { capacity: number | null; taken: number; free: number | null }>;
}

/** How many people took part in a Fachtag (the archive): present if check-in was used, else confirmed. */
export interface EventParticipants {
  eventId: string;
  count: number;
  /** How many were registered (confirmed): differs from count where the entrance checked people in. */
  registered: number;
}

/** The first lines of a Fachtag's written results, for the archive. */
export interface EventResultSummary {
  eventId: string;
  summary: string;
}

/** A public download of a Fachtag or of one programme item (the slides of a talk). */
export interface EventDownload {
  eventId: string;
  /** The programme item it belongs to, or null for the Fachtag as a whole. */
  sessionId: string | null;
  href: string;
  title: string;
  /** Kind, format and size, e.g. "Dokumentation (PDF, 2,4 MB)". */
  details: string;
}

declare module "../../platform/hooks.js" {
  interface HookMap {
    /**
     * Time or venue of a published Fachtag changed, or it was cancelled. Emitted inside
     * the update transaction, so the participants' notices commit with the change.
     */
    // biome-ignore lint/suspicious/noConfusingVoidType: subscribers answer nothing; void lets plain async handlers fit
    "events.changed": { payload: { eventId: string; changes: EventChanges }; result: void };
    /**
     * The capacity of the Fachtag or of one of its workshops was raised. Emitted inside
     * the transaction of the change: the waitlist moves up with it.
     */
    // biome-ignore lint/suspicious/noConfusingVoidType: as above
    "events.capacityRaised": { payload: { eventId: string }; result: void };
    /**
     * A Fachtag was copied into a new draft. Emitted inside the copy's transaction, so a
     * module's own part of the Fachtag (the registration form's questions) can come along.
     */
    // biome-ignore lint/suspicious/noConfusingVoidType: as above
    "events.copied": { payload: { fromEventId: string; toEventId: string }; result: void };
    /**
     * A draft Fachtag is being deleted. Emitted inside the deleting transaction, before its
     * row goes: a module removes what the database does not cascade (stored files).
     */
    // biome-ignore lint/suspicious/noConfusingVoidType: as above
    "events.deleting": { payload: { eventId: string }; result: void };
    /**
     * A Fachtag or its programme was created or changed (also its status). Emitted inside
     * the transaction of the change, so what follows it (the site search's index) commits with it.
     */
    // biome-ignore lint/suspicious/noConfusingVoidType: as above
    "events.saved": { payload: { eventId: string }; result: void };
    /** The free places of a Fachtag, for its page and the API; the first answer counts. */
    "events.availability": { payload: { eventId: string }; result: EventAvailability };
    /**
     * How many pending, confirmed or waitlisted registrations a Fachtag has: its way of
     * choosing workshops may change only while there are none. The answers are added up.
     */
    "events.activeRegistrations": { payload: { eventId: string }; result: number };
    /**
     * The public downloads of these Fachtage, for the archive and beside programme items;
     * the answers are joined. `locale` is the reader's, for the sizes and kinds.
     */
    "events.downloads": {
      payload: { events: { id: string; slug: string }[]; locale: Locale };
      result: EventDownload[];
    };
    /** How many took part in each of these past Fachtage, for the archive; the answers are joined. */
    "events.participants": { payload: { eventIds: string[] }; result: EventParticipants[] };
    /** The first lines of the results of these Fachtage, for the archive; the answers are joined. */
    "events.results": { payload: { eventIds: string[] }; result: EventResultSummary[] };
  }
}

/** What the registration section of a public Fachtag page receives. */
export interface EventPageSlot {
  event: EventView;
  sessions: SessionView[];
  availability: EventAvailability | null;
  /** Page scripts a section needs (same-origin modules); the page loads them. */
  scripts: string[];
}

/** What the documentation part of a public Fachtag page receives. */
export interface EventDocumentsSlot {
  event: EventView;
  sessions: SessionView[];
  /** Style sheets a section needs (same-origin); the page loads them. */
  styles: string[];
}

declare module "../../platform/module.js" {
  interface SectionSlots {
    /** The registration part of a public Fachtag page (free places, form); shown unless the Fachtag is past. */
    "events.page": EventPageSlot;
    /** Documentation and downloads of a public Fachtag page; shown also once the Fachtag is past. */
    "events.documents": EventDocumentsSlot;
  }
}
