import type { Actor } from "../../platform/auth/actor.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { getOrganisationSummaries } from "../directory/index.js";
import { type EventView, getVisibleEvent } from "../events/index.js";
import { germanCollator } from "./analysis.js";
import type { CooperationKind, CooperationStatus } from "./constants.js";
import { partnersOf } from "./cooperations.repo.js";
import type { CooperationsTable } from "./tables.js";

// Cooperations as pages and the API see them: rows of the two tables joined with the
// partners' names from the directory and the origin Fachtag from events. An origin
// Fachtag the viewer may not see (another organiser's draft) is left out entirely.

export interface PartnerView {
  organisationId: string;
  name: string | null;
  slug: string | null;
  confirmed: boolean;
}

export interface CooperationView {
  id: string;
  title: string;
  kind: CooperationKind;
  description: string | null;
  organisationIds: string[];
  partners: PartnerView[];
  startsOn: string;
  endsOn: string | null;
  status: CooperationStatus;
  confirmed: boolean;
  themes: string[];
  origin: string | null;
  originEventId: string | null;
  originEvent: { title: string; url: string } | null;
  createdAt: string;
  updatedAt: string;
}

const parseList = (text: string | null): string[] => {
  try {
    const v = JSON.parse(text ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

/** The Fachtag as the actor may see it (the events module's "event.see"), else undefined. */
export async function visibleEvent(platform: Platform, actor: Actor, id: string): Promise<EventView | undefined> {
  try {
    return await getVisibleEvent(platform, actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export async function toCooperationViews(
  platform: Platform,
  actor: Actor,
  rows: CooperationsTable[],
): Promise<CooperationView[]> {
  const db = platform.db.kysely;
  const partners = await partnersOf(
    db,
    rows.map((r) => r.id),
  );
  const summaries = await getOrganisationSummaries(db, [...new Set(partners.map((p) => p.organisation_id))]);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const events = new Map<string, { title: string; url: string } | null>();
  for (const id of new Set(rows.map((r) => r.origin_event_id).filter((x): x is string => !!x))) {
    const event = await visibleEvent(platform, actor, id);
    events.set(id, event ? { title: event.title, url: event.url } : null);
  }
  return rows.map((r) => {
    const own = partners
      .filter((p) => p.cooperation_id === r.id)
      .map((p) => ({
        organisationId: p.organisation_id,
        name: byId.get(p.organisation_id)?.name ?? null,
        slug: byId.get(p.organisation_id)?.slug ?? null,
        confirmed: p.confirmed_at !== null,
      }))
      .sort((a, b) => germanCollator.compare(a.name ?? "", b.name ?? ""));
    return {
      id: r.id,
      title: r.title,
      kind: r.kind as CooperationKind,
      description: r.description,
      organisationIds: own.map((p) => p.organisationId),
      partners: own,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status as CooperationStatus,
      confirmed: own.every((p) => p.confirmed),
      themes: parseList(r.themes),
      origin: r.origin,
      originEventId: r.origin_event_id && events.get(r.origin_event_id) ? r.origin_event_id : null,
      originEvent: r.origin_event_id ? (events.get(r.origin_event_id) ?? null) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}
