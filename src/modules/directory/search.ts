// German search that behaves the same on SQLite and PostgreSQL: both sides of the
// comparison are normalised in JavaScript, and each query token must occur as a
// substring of the stored text (LIKE '%token%'). No dialect-specific full-text search.

import { normaliseExpanded, normaliseStripped } from "../../lib/german-text.js";

export { normaliseExpanded, normaliseStripped };

/**
 * The stored search text: the expanded form of every part, followed by the stripped
 * form of just those words that differ ("ueber den tellerrand | uber"). Tokens never
 * contain a space, so a match always lies within one word and the extra words suffice.
 */
export function searchText(parts: readonly (string | null | undefined)[]): string {
  const joined = parts.filter((p): p is string => Boolean(p?.trim())).join(" | ");
  const expanded = normaliseExpanded(joined);
  const known = new Set(expanded.split(" "));
  const extra = [...new Set(normaliseStripped(joined).split(" "))].filter((w) => !known.has(w));
  return extra.length === 0 ? ` ${expanded} ` : ` ${expanded} | ${extra.join(" ")} `;
}

/** The query split into normalised tokens (at most 8, each at most 40 characters). */
export function searchTokens(query: string | undefined | null): string[] {
  if (!query) return [];
  const tokens = normaliseExpanded(query)
    .split(" ")
    .filter((t) => t.length > 0)
    .map((t) => t.slice(0, 40));
  return [...new Set(tokens)].slice(0, 8);
}

/**
 * Words that mean the same in the district's everyday language, in their normalised form.
 * Abbreviations of up to three letters are matched as whole words only ("gs" would
 * otherwise be found inside "bildungsstaette"); everything else as a substring, so
 * "volkshochschule" also finds "Volkshochschulen" and "kita" "Kitas".
 */
const synonymGroups: readonly (readonly string[])[] = [
  ["vhs", "volkshochschule"],
  ["kita", "kindertagesstaette", "kindergarten"],
  ["gs", "grundschule"],
  ["bbs", "berufsbildende schule"],
  ["igs", "integrierte gesamtschule"],
  ["obs", "oberschule"],
  ["juz", "jugendzentrum"],
];

const isAbbreviation = (form: string) => form.length <= 3;
/** A whole word: the stored search text is normalised and padded with spaces. */
const alternativeOf = (form: string) => (isAbbreviation(form) ? ` ${form} ` : form);

/**
 * One part of the query: it matches when any of its alternatives occurs in the stored
 * text. Alternatives contain only [a-z0-9] and spaces.
 */
export type SearchTerm = readonly string[];

/**
 * The query as terms that must all match: each token, widened by its synonyms ("VHS"
 * also finds "Volkshochschule", "Volkshochschule" also "VHS"). A two-word form
 * ("berufsbildende schule") is recognised across two consecutive tokens.
 */
export function searchTerms(query: string | undefined | null): SearchTerm[] {
  const tokens = searchTokens(query);
  const terms: SearchTerm[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    let match: { group: readonly string[]; words: number } | undefined;
    for (const group of synonymGroups) {
      for (const form of group) {
        const [first = "", second] = form.split(" ");
        const hit =
          second === undefined
            ? isAbbreviation(form)
              ? token === form
              : token.startsWith(form)
            : token === first && (tokens[i + 1] ?? "").startsWith(second);
        if (hit) {
          match = { group, words: second === undefined ? 1 : 2 };
          break;
        }
      }
      if (match) break;
    }
    if (!match) {
      terms.push([token]);
      continue;
    }
    const typed = tokens.slice(i, i + match.words).join(" ");
    // What was typed stays an alternative (it may be longer: "kitas"); an abbreviation as a whole word.
    terms.push([
      ...new Set([match.group.includes(typed) ? alternativeOf(typed) : typed, ...match.group.map(alternativeOf)]),
    ]);
    i += match.words - 1;
  }
  return terms;
}

/**
 * The LIKE pattern for one token. Tokens contain only [a-z0-9] after
 * normalisation, so no LIKE wildcard can slip in and no ESCAPE clause is needed.
 */
export const likePattern = (token: string): string => `%${token}%`;

/** The sort key of a name: normalised, expanded umlauts (DIN 5007-2 style). */
export const sortKey = (name: string): string => normaliseExpanded(name);
