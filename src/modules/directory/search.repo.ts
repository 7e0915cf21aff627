import { type RawBuilder, sql } from "kysely";
import { likePattern } from "./search.js";

// The one place where the German substring match is written in SQL; the organisation
// and offer searches both use it.

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
