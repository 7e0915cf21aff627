import type { Kysely, Transaction } from "kysely";
import type { Db } from "../../platform/db/database.js";
import type { Database } from "../../platform/db/schema.js";
import { educationAreas, organisationKinds } from "./vocab.js";

export { educationAreas, organisationKinds };

type Conn = Kysely<Database> | Transaction<Database>;
/** Accepts the platform's Db or a Kysely connection/transaction. */
const conn = (db: Conn | Db): Conn => ("kysely" in db ? db.kysely : db);

export interface NetworkOrganisation {
  id: string;
  name: string;
  kind: string;
  areas: string[];
  municipality: string;
}

/** Every published organisation with its areas: the nodes of the network graph. */
export async function listOrganisationsForNetwork(db: Conn | Db): Promise<NetworkOrganisation[]> {
  const k = conn(db);
  const rows = await k
    .selectFrom("organisations")
    .select(["id", "name", "kind", "municipality"])
    .where("status", "=", "published")
    .orderBy("sort_name")
    .execute();
  const areas = await k
    .selectFrom("organisation_areas")
    .innerJoin("organisations", "organisations.id", "organisation_areas.organisation_id")
    .select(["organisation_areas.organisation_id", "organisation_areas.area"])
    .where("organisations.status", "=", "published")
    .execute();
  const byOrg = new Map<string, string[]>();
  for (const a of areas) byOrg.set(a.organisation_id, [...(byOrg.get(a.organisation_id) ?? []), a.area]);
  return rows.map((r) => ({ ...r, areas: (byOrg.get(r.id) ?? []).sort() }));
}

export interface OrganisationSummary extends NetworkOrganisation {
  slug: string;
  status: string;
}

/** Name, slug, kind, areas and municipality of the given organisations (any status), in input order. */
export async function getOrganisationSummaries(db: Conn | Db, ids: readonly string[]): Promise<OrganisationSummary[]> {
  if (ids.length === 0) return [];
  const k = conn(db);
  const unique = [...new Set(ids)];
  const rows = await k
    .selectFrom("organisations")
    .select(["id", "slug", "name", "kind", "municipality", "status"])
    .where("id", "in", unique)
    .execute();
  const areas = await k
    .selectFrom("organisation_areas")
    .select(["organisation_id", "area"])
    .where("organisation_id", "in", unique)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, { ...r, areas: [] as string[] }]));
  for (const a of areas) byId.get(a.organisation_id)?.areas.push(a.area);
  return unique.flatMap((id) => {
    const s = byId.get(id);
    return s ? [{ ...s, areas: s.areas.sort() }] : [];
  });
}

/** True when the user is linked to the organisation as its representative. */
export async function isMemberOf(db: Conn | Db, userId: string, organisationId: string): Promise<boolean> {
  const row = await conn(db)
    .selectFrom("organisation_members")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}
