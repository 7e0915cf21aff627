import type { Conn } from "../../platform/db/database.js";
import type { CooperationsTable } from "./tables.js";

// What the network analysis reads: the whole cooperation graph, and a cheap fingerprint
// that tells the cache whether anything changed.

/** The whole cooperation graph in two queries: what the analysis needs, nothing more. */
export async function cooperationsForAnalysis(db: Conn): Promise<{
  cooperations: Pick<CooperationsTable, "id" | "kind" | "status" | "starts_on" | "ends_on">[];
  partners: { cooperation_id: string; organisation_id: string; confirmed_at: string | null }[];
}> {
  const cooperations = await db
    .selectFrom("cooperations")
    .select(["id", "kind", "status", "starts_on", "ends_on"])
    .execute();
  const partners = await db
    .selectFrom("cooperation_partners")
    .select(["cooperation_id", "organisation_id", "confirmed_at"])
    .execute();
  return { cooperations, partners };
}

/**
 * A fingerprint of everything the network analysis reads: counts and latest change
 * times. Reads the directory's tables too (aggregates only) so that the analysis
 * cache notices organisation changes without the directory having to call us.
 */
export async function networkFingerprint(db: Conn): Promise<string> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("organisations")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("orgs"),
      eb
        .selectFrom("organisations")
        .select((sub) => sub.fn.max("updated_at").as("u"))
        .as("orgs_changed"),
      eb
        .selectFrom("organisations")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .where("status", "=", "published")
        .as("published"),
      eb
        .selectFrom("organisation_areas")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("areas"),
      eb
        .selectFrom("cooperations")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("coops"),
      eb
        .selectFrom("cooperations")
        .select((sub) => sub.fn.max("updated_at").as("u"))
        .as("coops_changed"),
      eb
        .selectFrom("cooperation_partners")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .as("partners"),
      eb
        .selectFrom("cooperation_partners")
        .select((sub) => sub.fn.count<number>("confirmed_at").as("n"))
        .as("confirmed"),
    ])
    .executeTakeFirstOrThrow();
  return Object.values(row).map(String).join("|");
}
