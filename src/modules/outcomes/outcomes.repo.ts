import type { Conn } from "../../platform/db/database.js";
import type { EventAgreementsTable } from "./tables.js";

// All SQL of a Fachtag's results and agreements.

export async function findResults(db: Conn, eventId: string): Promise<string | null> {
  const row = await db.selectFrom("event_results").select("results").where("event_id", "=", eventId).executeTakeFirst();
  return row?.results ?? null;
}

export async function resultsOf(db: Conn, eventIds: readonly string[]): Promise<Map<string, string>> {
  if (!eventIds.length) return new Map();
  const rows = await db
    .selectFrom("event_results")
    .select(["event_id", "results"])
    .where("event_id", "in", eventIds)
    .execute();
  return new Map(rows.map((r) => [r.event_id, r.results]));
}

export async function saveResults(
  db: Conn,
  row: { event_id: string; results: string; updated_by: string | null; updated_at: string },
): Promise<void> {
  await db
    .insertInto("event_results")
    .values(row)
    .onConflict((oc) =>
      oc
        .column("event_id")
        .doUpdateSet({ results: row.results, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteResults(db: Conn, eventId: string): Promise<void> {
  await db.deleteFrom("event_results").where("event_id", "=", eventId).execute();
}

export interface AgreementRow extends EventAgreementsTable {
  organisationIds: string[];
}

async function withOrganisations(db: Conn, rows: EventAgreementsTable[]): Promise<AgreementRow[]> {
  if (!rows.length) return [];
  const links = await db
    .selectFrom("event_agreement_organisations")
    .select(["agreement_id", "organisation_id"])
    .where(
      "agreement_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    organisationIds: links.filter((l) => l.agreement_id === r.id).map((l) => l.organisation_id),
  }));
}

export async function listAgreements(db: Conn, eventId: string): Promise<AgreementRow[]> {
  const rows = await db
    .selectFrom("event_agreements")
    .selectAll()
    .where("event_id", "=", eventId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return withOrganisations(db, rows);
}

export async function findAgreement(db: Conn, eventId: string, id: string): Promise<AgreementRow | undefined> {
  const row = await db
    .selectFrom("event_agreements")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? (await withOrganisations(db, [row]))[0] : undefined;
}

/** The agreements an organisation is part of, latest Fachtag's first is the caller's sorting. */
export async function agreementsOfOrganisation(db: Conn, organisationId: string): Promise<AgreementRow[]> {
  const rows = await db
    .selectFrom("event_agreements as a")
    .innerJoin("event_agreement_organisations as o", "o.agreement_id", "a.id")
    .selectAll("a")
    .where("o.organisation_id", "=", organisationId)
    .orderBy("a.created_at")
    .execute();
  return withOrganisations(db, rows);
}

export async function insertAgreement(db: Conn, row: EventAgreementsTable, organisationIds: string[]): Promise<void> {
  await db.insertInto("event_agreements").values(row).execute();
  await setOrganisations(db, row.id, organisationIds);
}

export async function updateAgreement(
  db: Conn,
  id: string,
  patch: Pick<EventAgreementsTable, "title" | "due_on" | "status" | "cooperation_id" | "updated_at">,
  organisationIds: string[],
): Promise<void> {
  await db.updateTable("event_agreements").set(patch).where("id", "=", id).execute();
  await setOrganisations(db, id, organisationIds);
}

async function setOrganisations(db: Conn, id: string, organisationIds: string[]): Promise<void> {
  await db.deleteFrom("event_agreement_organisations").where("agreement_id", "=", id).execute();
  if (organisationIds.length) {
    await db
      .insertInto("event_agreement_organisations")
      .values(organisationIds.map((organisation_id) => ({ agreement_id: id, organisation_id })))
      .execute();
  }
}

export async function deleteAgreement(db: Conn, id: string): Promise<void> {
  await db.deleteFrom("event_agreements").where("id", "=", id).execute();
}
