import type { Conn } from "../../platform/db/database.js";
import { getOrganisationSummaries } from "../directory/index.js";
import { getEventForRegistration } from "../events/index.js";
import { germanCollator } from "./analysis.js";
import type { CooperationKind, CooperationStatus } from "./constants.js";
import { partnersOf } from "./cooperations.repo.js";
import type { CooperationsTable } from "./tables.js";

// Cooperations as pages and the API see them: rows of the two tables joined with the
// partners' names from the directory and the origin Fachtag from events.

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

export async function toCooperationViews(db: Conn, rows: CooperationsTable[]): Promise<CooperationView[]> {
  const partners = await partnersOf(
    db,
    rows.map((r) => r.id),
  );
  const summaries = await getOrganisationSummaries(db, [...new Set(partners.map((p) => p.organisation_id))]);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const events = new Map<string, { title: string; url: string } | null>();
  for (const id of new Set(rows.map((r) => r.origin_event_id).filter((x): x is string => !!x))) {
    const event = await getEventForRegistration(db, id);
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
      originEventId: r.origin_event_id,
      originEvent: r.origin_event_id ? (events.get(r.origin_event_id) ?? null) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}
