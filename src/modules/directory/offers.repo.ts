import type { Conn } from "../../platform/db/database.js";
import type { SearchTerm } from "./search.js";
import { matchesAllTerms, relevanceScore } from "./search.repo.js";
import type { OffersTable } from "./tables.js";

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
  terms: SearchTerm[];
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
  if (f.terms.length > 0) q = q.where(matchesAllTerms("f.search_text", f.terms));
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
  if (f.terms.length > 0) q = q.orderBy(relevanceScore("f.sort_name", f.terms), "desc");
  const rows = await q.orderBy("f.sort_name").orderBy("f.id").limit(options.limit).offset(options.offset).execute();
  return { rows, total: Number(countRow.n) };
}
