import type { Conn } from "../../../platform/db/database.js";
import { currentMunicipality, educationAreas } from "../../directory/index.js";
import { chunked, groupBy, joinText, type SearchSource, type SourceEntry, strings } from "./source.js";

// Organisations and their offers: only published organisations (never proposals or
// rejected ones), and offers only of those. Re-indexed per organisation.

const areaLabel = new Map<string, string>(educationAreas.map((a) => [a.id, a.de]));

async function load(db: Conn, ids: readonly string[] | undefined) {
  const organisations = [];
  for (const chunk of ids ? chunked(ids) : [undefined]) {
    organisations.push(
      ...(await db
        .selectFrom("organisations")
        .leftJoin("organisation_kinds", "organisation_kinds.id", "organisations.kind")
        .select([
          "organisations.id",
          "organisations.slug",
          "organisations.name",
          "organisations.municipality",
          "organisations.city",
          "organisations.carrier_name",
          "organisations.description",
          "organisations.target_groups",
          "organisations.themes",
          "organisations.languages",
          "organisations.updated_at",
          "organisation_kinds.label_de as kind_label",
        ])
        .where("organisations.status", "=", "published")
        .$if(chunk !== undefined, (q) => q.where("organisations.id", "in", chunk ?? []))
        .execute()),
    );
  }
  const orgIds = organisations.map((o) => o.id);
  const areas = [];
  const offers = [];
  for (const chunk of chunked(orgIds, 500)) {
    areas.push(
      ...(await db.selectFrom("organisation_areas").selectAll().where("organisation_id", "in", chunk).execute()),
    );
    offers.push(...(await db.selectFrom("offers").selectAll().where("organisation_id", "in", chunk).execute()));
  }
  return { organisations, areas: groupBy(areas, (a) => a.organisation_id), offers };
}

export const directorySource: SearchSource = {
  name: "directory",
  types: ["organisation", "offer"],
  async entries(db, sourceIds) {
    if (sourceIds && sourceIds.length === 0) return [];
    const { organisations, areas, offers } = await load(db, sourceIds);
    const entries: SourceEntry[] = [];
    const byId = new Map(organisations.map((o) => [o.id, o]));
    for (const o of organisations) {
      const areaIds = (areas.get(o.id) ?? []).map((a) => a.area);
      const themes = strings(o.themes);
      const municipality = currentMunicipality(o.municipality);
      entries.push({
        type: "organisation",
        refId: o.id,
        sourceId: o.id,
        title: o.name,
        body: joinText([joinText([o.kind_label, municipality]), o.description, themes.join(", ")], ". "),
        keywords: [
          o.carrier_name,
          o.city,
          ...areaIds.map((a) => areaLabel.get(a)),
          ...strings(o.target_groups),
          ...strings(o.languages),
        ],
        url: `/akteure/${o.slug}`,
        sortAt: o.updated_at,
        facets: [
          ...areaIds.map((a) => ["area", a] as const),
          ...themes.map((t) => ["theme", t] as const),
          ["municipality", municipality] as const,
        ],
      });
    }
    for (const offer of offers) {
      const o = byId.get(offer.organisation_id);
      if (!o) continue;
      const areaIds = offer.area ? [offer.area] : (areas.get(o.id) ?? []).map((a) => a.area);
      const municipality = currentMunicipality(o.municipality);
      entries.push({
        type: "offer",
        refId: offer.id,
        sourceId: o.id,
        title: offer.title,
        body: joinText([joinText([o.name, offer.place ?? municipality]), offer.description, offer.target_group], ". "),
        keywords: [
          offer.schedule,
          offer.cost,
          offer.access_requirements,
          ...strings(offer.languages),
          ...strings(o.themes),
        ],
        url: `/angebote/${offer.id}`,
        sortAt: offer.updated_at,
        facets: [
          ...areaIds.map((a) => ["area", a] as const),
          ...strings(o.themes).map((t) => ["theme", t] as const),
          ["municipality", municipality] as const,
        ],
      });
    }
    return entries;
  },
};
