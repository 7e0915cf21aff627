import { normaliseExpanded } from "../../lib/german-text.js";
import { compoundParts, synonymList } from "./vocabulary.js";

// German behaviour of the site search, identical on SQLite and PostgreSQL because it all
// happens here, in JavaScript, on both sides: the stored text and the query are
// normalised (case, umlauts, ß: "Förderung" = "foerderung" = "FOERDERUNG"), every word is
// cut to a light stem (plural and inflected forms meet: "Schulen" = "Schule"), compound
// words are indexed under their known parts as well ("Grundschule" also as "schul"), and
// the query's words are widened by their synonyms. The database's full-text index then
// only matches words and word starts (see fulltext.ts).

/**
 * A light German stemmer (after CISTEM, Weissweiler & Fraser 2017, without its letter
 * substitutions): strips -em, -er, -nd and then -e, -s, -n, -t while the word stays long
 * enough. Input is normalised ([a-z0-9]); the same word always gives the same stem.
 */
export function stem(word: string): string {
  let w = word;
  if (/^\d+$/.test(w)) return w;
  for (;;) {
    if (w.length > 5 && /(em|er|nd)$/.test(w)) w = w.slice(0, -2);
    else if (w.length > 4 && /[esnt]$/.test(w)) w = w.slice(0, -1);
    else return w;
  }
}

const words = (text: string): string[] => normaliseExpanded(text).split(" ").filter(Boolean);

/** Stems of the compound parts, longest first (so "sozialarbeit" wins over "arbeit"). */
const parts = [...new Set(words(compoundParts).map(stem))].sort((a, b) => b.length - a.length);

/**
 * The known parts a stemmed word is made of (beyond itself): its last part, that part's
 * own last part ("volkshochschul" → "hochschul" → "schul"), and its first part.
 */
function compoundPartsOf(s: string): string[] {
  const found: string[] = [];
  for (let rest = s; ; ) {
    const tail = parts.find((p) => rest.length >= p.length + 3 && rest.endsWith(p));
    if (!tail) break;
    found.push(tail);
    rest = tail;
  }
  const head = parts.find((p) => s.length >= p.length + 3 && s.startsWith(p) && !found.includes(p));
  if (head) found.push(head);
  return found;
}

/**
 * The text the full-text index stores for some parts of an entry: stems of all words,
 * each compound followed by its known parts. Only [a-z0-9] and spaces.
 */
export function indexText(parts: readonly (string | null | undefined)[]): string {
  const out: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    for (const word of words(part)) {
      const s = stem(word);
      out.push(s, ...compoundPartsOf(s));
    }
  }
  return out.join(" ");
}

/** One alternative of a query term: words that must follow each other; the last may be a word start. */
export type Phrase = readonly string[];
/** One word of the query with its synonyms: any alternative matches. */
export type QueryTerm = readonly Phrase[];

interface SynonymForm {
  /** Normalised words of the form ("deutsch", "als", "zweitsprache"). */
  words: string[];
  group: number;
}

function parseSynonyms(list: string): { forms: SynonymForm[]; groups: Phrase[][] } {
  const forms: SynonymForm[] = [];
  const groups: Phrase[][] = [];
  for (const line of list.split("\n")) {
    const members = line
      .split("=")
      .map((m) => words(m))
      .filter((m) => m.length > 0);
    if (members.length < 2) continue;
    const group = groups.length;
    groups.push(members.map((m) => m.map(stem)));
    for (const m of members) forms.push({ words: m, group });
  }
  // Longest forms first, so "Deutsch als Zweitsprache" is recognised before "Deutsch".
  forms.sort((a, b) => b.words.length - a.words.length);
  return { forms, groups };
}

const synonyms = parseSynonyms(synonymList);

/** At most this many query words count; longer queries are cut. */
const MAX_WORDS = 8;

/**
 * The query as terms that must all match. Each word becomes its stem; a word (or a run of
 * words) that is a form of a synonym group becomes the group's alternatives. Two groups may
 * share a form ("Jugendzentrum"): then the alternatives of both count.
 */
export function queryTerms(query: string | null | undefined, list = synonyms): QueryTerm[] {
  if (!query) return [];
  const typed = words(query)
    .map((w) => w.slice(0, 40))
    .slice(0, MAX_WORDS);
  const terms: QueryTerm[] = [];
  for (let i = 0; i < typed.length; ) {
    const matched = list.forms.filter(
      (f) => f.words.length <= typed.length - i && f.words.every((w, k) => stem(w) === stem(typed[i + k] ?? "")),
    );
    const longest = matched[0]?.words.length ?? 0;
    if (longest === 0) {
      terms.push([[stem(typed[i] ?? "")]]);
      i += 1;
      continue;
    }
    const alternatives = new Map<string, Phrase>();
    for (const f of matched.filter((m) => m.words.length === longest)) {
      for (const phrase of list.groups[f.group] ?? []) alternatives.set(phrase.join(" "), phrase);
    }
    terms.push([...alternatives.values()]);
    i += longest;
  }
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = JSON.stringify(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Stems a snippet highlights: every word of every alternative. */
export function highlightStems(terms: readonly QueryTerm[]): string[] {
  return [...new Set(terms.flatMap((t) => t.flatMap((p) => [...p])))].filter((s) => s.length > 1);
}

/** A piece of a snippet: plain text or a match. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

/**
 * A short passage of `text` around the first match, the matched words marked. A word
 * matches when its stem starts with a query stem or a query stem is one of its compound
 * parts (so "Sprachförderung" is marked for "Förderung").
 */
export function snippet(text: string, stems: readonly string[], maxWords = 30): SnippetPart[] {
  const tokens = text.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu) ?? [];
  const isWord = (token: string) => /[\p{L}\p{N}]/u.test(token);
  // A word's compound parts are looked up once, and each distinct token is judged once.
  const judged = new Map<string, boolean>();
  const isHit = (token: string) => {
    let hit = judged.get(token);
    if (hit === undefined) {
      hit = words(token).some((w) => {
        const s = stem(w);
        if (stems.some((q) => s.startsWith(q))) return true;
        const long = stems.filter((q) => q.length >= 4);
        if (long.length === 0) return false;
        const partsOfS = compoundPartsOf(s);
        return long.some((q) => partsOfS.includes(q));
      });
      judged.set(token, hit);
    }
    return hit;
  };
  const wordIndexes = tokens.map((t, i) => (isWord(t) ? i : -1)).filter((i) => i >= 0);
  const firstHit = wordIndexes.findIndex((i) => isHit(tokens[i] ?? ""));
  const startWord = firstHit < 0 ? 0 : Math.max(0, firstHit - 8);
  const chosen = wordIndexes.slice(startWord, startWord + maxWords);
  if (chosen.length === 0) return [];
  const from = chosen[0] ?? 0;
  const to = chosen[chosen.length - 1] ?? 0;
  const out: SnippetPart[] = [];
  const add = (piece: string, mark: boolean) => {
    const last = out[out.length - 1];
    if (last && !last.mark && !mark) last.text += piece;
    else out.push({ text: piece, mark });
  };
  if (startWord > 0) add("… ", false);
  for (let i = from; i <= to; i++) {
    const token = tokens[i] ?? "";
    add(token, isWord(token) && isHit(token));
  }
  if (startWord + maxWords < wordIndexes.length) add(" …", false);
  return out;
}
