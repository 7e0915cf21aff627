import type { Kysely } from "kysely";

/**
 * Hermannsburg and Unterlüß form the Gemeinde Südheide since 1 January 2015. Entries
 * made with the old names move to Südheide, so the municipality filter and the list of
 * municipalities agree; the place names stay in the address (Ort) and the search text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable("organisations")
    .set({ municipality: "Südheide" })
    .where("municipality", "in", ["Hermannsburg", "Unterlüß"])
    .execute();
}

// Which rows had which old name is not kept: the merger is not undone.
export async function down(): Promise<void> {}
