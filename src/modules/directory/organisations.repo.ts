import { sql } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { SearchTerm } from "./search.js";
import { matchesAllTerms, relevanceScore } from "./search.repo.js";
import type { OrganisationStatus, OrganisationsTable, OrganisationTagsTable } from "./tables.js";

// Organisations with their education areas and tags (themes, target groups, languages).

export type TagFacet = OrganisationTagsTable["facet"];

export async function insertOrganisation(db: Conn, row: OrganisationsTable): Promise<void> {
  await db.insertInto("organisations").values(row).execute();
}

export async function updateOrganisation(
  db: Conn,
  id: string,
  values: Partial<Omit<OrganisationsTable, "id">>,
): Promise<void> {
  await db.updateTable("organisations").set(values).where("id", "=", id).execute();
}

export async function replaceAreas(db: Conn, organisationId: string, areas: readonly string[]): Promise<void> {
  await db.deleteFrom("organisation_areas").where("organisation_id", "=", organisationId).execute();
  if (areas.length > 0) {
    await db
      .insertInto("organisation_areas")
      .values(areas.map((area) => ({ organisation_id: organisationId, area })))
      .execute();
  }
}

export async function replaceTags(
  db: Conn,
  organisationId: string,
  tags: { facet: TagFacet; value: string }[],
): Promise<void> {
  await db.deleteFrom("organisation_tags").where("organisation_id", "=", organisationId).execute();
  const unique = new Map(tags.map((t) => [`${t.facet}\u0000${t.value}`, t]));
  if (unique.size > 0) {
    await db
      .insertInto("organisation_tags")
      .values([...unique.values()].map((t) => ({ organisation_id: organisationId, facet: t.facet, value: t.value })))
      .execute();
  }
}

export async function findOrganisation(db: Conn, id: string): Promise<OrganisationsTable | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findOrganisationBySlug(db: Conn, slug: string): Promise<OrganisationsTable | undefined> {
  return db.selectFrom("organisations").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function areasOf(db: Conn, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("organisation_areas")
    .select(["organisation_id", "area"])
    .where("organisation_id", "in", [...ids])
    .execute();
  for (const r of rows) map.set(r.organisation_id, [...(map.get(r.organisation_id) ?? []), r.area]);
  return map;
}

export interface OrganisationFilter {
  statuses: OrganisationStatus[];
  terms: SearchTerm[];
  kind?: string | undefined;
  area?: string | undefined;
  municipality?: string | undefined;
  theme?: string | undefined;
  targetGroup?: string | undefined;
  language?: string | undefined;
  /** Only organisations with a map position. */
  withPosition?: boolean;
  /** Only these organisations (a set computed elsewhere, e.g. cooperation partners). */
  ids?: readonly string[];
}

function filteredOrganisations(db: Conn, f: OrganisationFilter) {
  let q = db.selectFrom("organisations as o").where("o.status", "in", f.statuses);
  if (f.kind) q = q.where("o.kind", "=", f.kind);
  if (f.municipality) q = q.where("o.municipality", "=", f.municipality);
  if (f.area) {
    const area = f.area;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("organisation_areas as a")
          .select("a.area")
          .whereRef("a.organisation_id", "=", "o.id")
          .where("a.area", "=", area),
      ),
    );
  }
  for (const [facet, value] of [
    ["theme", f.theme],
    ["target_group", f.targetGroup],
    ["language", f.language],
  ] as const) {
    if (!value) continue;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("organisation_tags as t")
          .select("t.value")
          .whereRef("t.organisation_id", "=", "o.id")
          .where("t.facet", "=", facet)
          .where("t.value", "=", value),
      ),
    );
  }
  if (f.withPosition) q = q.where("o.lat", "is not", null).where("o.lon", "is not", null);
  if (f.ids) q = f.ids.length > 0 ? q.where("o.id", "in", [...f.ids]) : q.where(sql<boolean>`1 = 0`);
  if (f.terms.length > 0) q = q.where(matchesAllTerms("o.search_text", f.terms));
  return q;
}

export async function searchOrganisations(
  db: Conn,
  f: OrganisationFilter,
  options: { sort: "relevance" | "name"; limit: number; offset: number },
): Promise<{ rows: OrganisationsTable[]; total: number }> {
  // Sort and count narrow rows (id, sort key) in one scan – count(*) over () works on
  // SQLite ≥ 3.25 and PostgreSQL – and fetch the full rows of just this page afterwards:
  // sorting thousands of whole rows (descriptions, search text) is what costs.
  let q = filteredOrganisations(db, f).select(["o.id", sql<number>`count(*) over ()`.as("total_count")]);
  if (options.sort === "relevance" && f.terms.length > 0) {
    q = q.orderBy(relevanceScore("o.sort_name", f.terms), "desc");
  }
  const page = await q.orderBy("o.sort_name").orderBy("o.id").limit(options.limit).offset(options.offset).execute();
  const first = page[0];
  if (first === undefined) {
    // A page past the end has no row to carry the total: count separately.
    const countRow = await filteredOrganisations(db, f)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { rows: [], total: Number(countRow.n) };
  }
  const ids = page.map((r) => r.id);
  const byId = new Map(
    (await db.selectFrom("organisations").selectAll().where("id", "in", ids).execute()).map((r) => [r.id, r]),
  );
  return {
    rows: ids.map((id) => byId.get(id)).filter((r): r is OrganisationsTable => r !== undefined),
    total: Number(first.total_count),
  };
}

export async function facetValues(db: Conn): Promise<Record<TagFacet, string[]>> {
  const rows = await db
    .selectFrom("organisation_tags as t")
    .innerJoin("organisations as o", "o.id", "t.organisation_id")
    .select(["t.facet", "t.value"])
    .distinct()
    .where("o.status", "=", "published")
    .orderBy("t.facet")
    .orderBy("t.value")
    .execute();
  const result: Record<TagFacet, string[]> = { theme: [], target_group: [], language: [] };
  for (const r of rows) result[r.facet]?.push(r.value);
  return result;
}

export async function countByStatus(db: Conn, status: OrganisationStatus): Promise<number> {
  const row = await db
    .selectFrom("organisations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listByStatus(db: Conn, status: OrganisationStatus): Promise<OrganisationsTable[]> {
  return db.selectFrom("organisations").selectAll().where("status", "=", status).orderBy("created_at").execute();
}

export async function anyOrganisationExists(db: Conn): Promise<boolean> {
  return (await db.selectFrom("organisations").select("id").limit(1).executeTakeFirst()) !== undefined;
}

// --- what other modules read ---------------------------------------------------------

/** Id, slug, name, kind, municipality and status of the given organisations (any status). */
export async function summariesOf(
  db: Conn,
  ids: readonly string[],
): Promise<Pick<OrganisationsTable, "id" | "slug" | "name" | "kind" | "municipality" | "status">[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("organisations")
    .select(["id", "slug", "name", "kind", "municipality", "status"])
    .where("id", "in", [...ids])
    .execute();
}

/** Every published organisation (id, name, kind, municipality) in name order. */
export async function listPublished(
  db: Conn,
): Promise<Pick<OrganisationsTable, "id" | "name" | "kind" | "municipality">[]> {
  return db
    .selectFrom("organisations")
    .select(["id", "name", "kind", "municipality"])
    .where("status", "=", "published")
    .orderBy("sort_name")
    .execute();
}

/** The areas of every published organisation. */
export async function areasOfPublished(db: Conn): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("organisation_areas")
    .innerJoin("organisations", "organisations.id", "organisation_areas.organisation_id")
    .select(["organisation_areas.organisation_id", "organisation_areas.area"])
    .where("organisations.status", "=", "published")
    .execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.organisation_id, [...(map.get(r.organisation_id) ?? []), r.area]);
  return map;
}

export type PublishedChoice = Pick<OrganisationsTable, "id" | "name" | "municipality" | "kind">;

const publishedChoices = (db: Conn) =>
  db.selectFrom("organisations").select(["id", "name", "municipality", "kind"]).where("status", "=", "published");

/** Published organisations in name order, at most `limit`. */
export async function listPublishedChoices(db: Conn, limit: number): Promise<PublishedChoice[]> {
  return publishedChoices(db).orderBy("sort_name").limit(limit).execute();
}

/** Published organisations whose sort key is exactly this (at most 10). */
export async function findPublishedBySortName(db: Conn, sortName: string): Promise<PublishedChoice[]> {
  return publishedChoices(db).where("sort_name", "=", sortName).limit(10).execute();
}

export async function findPublishedChoice(db: Conn, id: string): Promise<PublishedChoice | undefined> {
  return publishedChoices(db).where("id", "=", id).executeTakeFirst();
}

/** Organisations (not rejected) whose normalised name is one of these: for the import's duplicate check. */
export async function findBySortNames(
  db: Conn,
  sortNames: readonly string[],
): Promise<Pick<OrganisationsTable, "name" | "slug" | "municipality" | "sort_name">[]> {
  const unique = [...new Set(sortNames)];
  const rows: Pick<OrganisationsTable, "name" | "slug" | "municipality" | "sort_name">[] = [];
  // In slices, so a file of thousands of rows stays below SQLite's limit of bound parameters.
  for (let i = 0; i < unique.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("organisations")
        .select(["name", "slug", "municipality", "sort_name"])
        .where("sort_name", "in", unique.slice(i, i + 500))
        .where("status", "!=", "rejected")
        .execute()),
    );
  }
  return rows;
}
