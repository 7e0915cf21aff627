import { type RawBuilder, sql } from "kysely";
import { likePattern, type SearchTerm } from "./search.js";

// The one place where the German substring match is written in SQL; the organisation
// and offer searches both use it.

/**
 * True when every term occurs in the normalised column — a term through any of its
 * alternatives (synonyms). Terms are already normalised ([a-z0-9] and spaces only, see
 * search.ts), the column is stored normalised: plain LIKE, which behaves the same on
 * SQLite and PostgreSQL for lower-case ASCII.
 */
export function matchesAllTerms(column: string, terms: readonly SearchTerm[]): RawBuilder<boolean> {
  if (terms.length === 0) return sql<boolean>`1 = 1`;
  const parts = terms.map(
    (alternatives) =>
      sql`(${sql.join(
        alternatives.map((a) => sql`${sql.ref(column)} like ${likePattern(a)}`),
        sql` or `,
      )})`,
  );
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** Relevance: terms in the name count more than in the rest, a name starting with one most. */
export function relevanceScore(nameColumn: string, terms: readonly SearchTerm[]): RawBuilder<number> {
  if (terms.length === 0) return sql<number>`0`;
  const any = (alternatives: SearchTerm, pattern: (a: string) => string) =>
    sql.join(
      alternatives.map((a) => sql`${sql.ref(nameColumn)} like ${pattern(a.trim())}`),
      sql` or `,
    );
  const parts = terms.map(
    (alternatives) =>
      sql`(case when ${any(alternatives, (a) => `${a}%`)} then 3 when ${any(alternatives, likePattern)} then 2 else 0 end)`,
  );
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}
