import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import { likePattern } from "./search.js";
import type {
  ContactsTable,
  DirectoryChangesTable,
  OffersTable,
  OrganisationKindsTable,
  OrganisationStatus,
  OrganisationsTable,
  OrganisationTagsTable,
} from "./tables.js";

// All SQL of the directory. Functions take a connection or transaction first.

export type Conn = Kysely<Database> | Transaction<Database>;
export type TagFacet = OrganisationTagsTable["facet"];

// --- search: the one place where the German substring match is written -------------

/**
 * True when every token occurs in the normalised column. Tokens are already normalised
 * ([a-z0-9] only, see search.ts), the column is stored normalised: plain LIKE, which
 * behaves the same on SQLite and PostgreSQL for lower-case ASCII.
 */
export function matchesAllTokens(column: string, tokens: readonly string[]): RawBuilder<boolean> {
  if (tokens.length === 0) return sql<boolean>`1 = 1`;
  const parts = tokens.map((t) => sql`${sql.ref(column)} like ${likePattern(t)}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** Relevance: tokens in the name count more than in the rest, a name starting with one most. */
export function relevanceScore(nameColumn: string, tokens: readonly string[]): RawBuilder<number> {
  if (tokens.length === 0) return sql<number>`0`;
  const parts = tokens.map(
    (t) =>
      sql`(case when ${sql.ref(nameColumn)} like ${`${t}%`} then 3 when ${sql.ref(nameColumn)} like ${likePattern(t)} then 2 else 0 end)`,
  );
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

// --- kinds -----------------------------------------------------------------------------

export async function listKinds(db: Conn): Promise<OrganisationKindsTable[]> {
  return db.selectFrom("organisation_kinds").selectAll().orderBy("position").orderBy("id").execute();
}

export async function findKind(db: Conn, id: string): Promise<OrganisationKindsTable | undefined> {
  return db.selectFrom("organisation_kinds").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertKind(db: Conn, row: OrganisationKindsTable): Promise<void> {
  await db.insertInto("organisation_kinds").values(row).execute();
}

export async function maxKindPosition(db: Conn): Promise<number> {
  const row = await db
    .selectFrom("organisation_kinds")
    .select((eb) => eb.fn.max<number>("position").as("m"))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

// --- organisations ---------------------------------------------------------------------

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

export async function deleteOrganisation(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("organisations").where("id", "=", id).execute();
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

export async function slugTaken(db: Conn, slug: string): Promise<boolean> {
  const row = await db.selectFrom("organisations").select("id").where("slug", "=", slug).executeTakeFirst();
  return row !== undefined;
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
  tokens: string[];
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
  if (f.tokens.length > 0) q = q.where(matchesAllTokens("o.search_text", f.tokens));
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
  if (options.sort === "relevance" && f.tokens.length > 0) {
    q = q.orderBy(relevanceScore("o.sort_name", f.tokens), "desc");
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

export async function tagsOf(db: Conn, ids: readonly string[]): Promise<OrganisationTagsTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("organisation_tags")
    .selectAll()
    .where("organisation_id", "in", [...ids])
    .orderBy("value")
    .execute();
}

/** The distinct tag values among published organisations, per facet: the filters' options. */
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

// --- offers ------------------------------------------------------------------------------

export async function insertOffer(db: Conn, row: OffersTable): Promise<void> {
  await db.insertInto("offers").values(row).execute();
}

export async function updateOffer(db: Conn, id: string, values: Partial<Omit<OffersTable, "id">>): Promise<void> {
  await db.updateTable("offers").set(values).where("id", "=", id).execute();
}

export async function deleteOffer(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("offers").where("id", "=", id).execute();
}

export async function findOffer(db: Conn, id: string): Promise<OffersTable | undefined> {
  return db.selectFrom("offers").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function offersOf(db: Conn, organisationId: string): Promise<OffersTable[]> {
  return db
    .selectFrom("offers")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("sort_name")
    .orderBy("id")
    .execute();
}

export interface OfferFilter {
  tokens: string[];
  kind?: string | undefined;
  area?: string | undefined;
  municipality?: string | undefined;
}

function filteredOffers(db: Conn, f: OfferFilter) {
  let q = db
    .selectFrom("offers as f")
    .innerJoin("organisations as o", "o.id", "f.organisation_id")
    .where("o.status", "=", "published");
  if (f.kind) q = q.where("f.kind", "=", f.kind as OffersTable["kind"]);
  if (f.area) q = q.where("f.area", "=", f.area);
  if (f.municipality) q = q.where("o.municipality", "=", f.municipality);
  if (f.tokens.length > 0) q = q.where(matchesAllTokens("f.search_text", f.tokens));
  return q;
}

export async function searchOffers(
  db: Conn,
  f: OfferFilter,
  options: { limit: number; offset: number },
): Promise<{
  rows: (OffersTable & { org_name: string; org_slug: string; org_municipality: string })[];
  total: number;
}> {
  const countRow = await filteredOffers(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  let q = filteredOffers(db, f)
    .selectAll("f")
    .select(["o.name as org_name", "o.slug as org_slug", "o.municipality as org_municipality"]);
  if (f.tokens.length > 0) q = q.orderBy(relevanceScore("f.sort_name", f.tokens), "desc");
  const rows = await q.orderBy("f.sort_name").orderBy("f.id").limit(options.limit).offset(options.offset).execute();
  return { rows, total: Number(countRow.n) };
}

// --- contacts ----------------------------------------------------------------------------

export async function contactsOf(db: Conn, organisationId: string): Promise<ContactsTable[]> {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function findContact(db: Conn, id: string): Promise<ContactsTable | undefined> {
  return db.selectFrom("contacts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertContact(db: Conn, row: ContactsTable): Promise<void> {
  await db.insertInto("contacts").values(row).execute();
}

export async function updateContact(db: Conn, id: string, values: Partial<Omit<ContactsTable, "id">>): Promise<void> {
  await db.updateTable("contacts").set(values).where("id", "=", id).execute();
}

export async function deleteContact(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("contacts").where("id", "=", id).execute();
}

// --- members -----------------------------------------------------------------------------

export async function membersOf(
  db: Conn,
  organisationId: string,
): Promise<{ user_id: string; name: string; email: string; created_at: string }[]> {
  return db
    .selectFrom("organisation_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.name", "u.email", "m.created_at"])
    .where("m.organisation_id", "=", organisationId)
    .orderBy("u.name")
    .execute();
}

export async function organisationsOfMember(db: Conn, userId: string): Promise<OrganisationsTable[]> {
  return db
    .selectFrom("organisation_members as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .selectAll("o")
    .where("m.user_id", "=", userId)
    .orderBy("o.sort_name")
    .execute();
}

export async function insertMember(db: Conn, organisationId: string, userId: string, now: string): Promise<void> {
  await db
    .insertInto("organisation_members")
    .values({ organisation_id: organisationId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(["organisation_id", "user_id"]).doNothing())
    .execute();
}

export async function deleteMember(db: Conn, organisationId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("organisation_members")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function findUserByEmail(
  db: Conn,
  email: string,
): Promise<{ id: string; name: string; email: string; role: string } | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

// --- change log --------------------------------------------------------------------------

export async function insertChange(db: Conn, row: DirectoryChangesTable): Promise<void> {
  await db.insertInto("directory_changes").values(row).execute();
}

export async function listChanges(
  db: Conn,
  options: { openOnly: boolean; membersOnly: boolean; limit: number; offset: number },
): Promise<{ rows: (DirectoryChangesTable & { org_name: string | null; org_slug: string | null })[]; total: number }> {
  let q = db.selectFrom("directory_changes as c").leftJoin("organisations as o", "o.id", "c.organisation_id");
  if (options.openOnly) q = q.where("c.reviewed_at", "is", null);
  if (options.membersOnly) q = q.where("c.user_role", "=", "member");
  const countRow = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll("c")
    .select(["o.name as org_name", "o.slug as org_slug"])
    .orderBy("c.changed_at", "desc")
    .orderBy("c.id")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { rows, total: Number(countRow.n) };
}

export async function markChangeReviewed(db: Conn, id: string, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable("directory_changes")
    .set({ reviewed_at: now, reviewed_by: userId })
    .where("id", "=", id)
    .where("reviewed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
