// German text normalisation shared by the directory's substring search and the site
// search: both sides of a comparison go through the same function, on both databases.

/** Lower case; ä→ae, ö→oe, ü→ue, ß→ss; other diacritics removed; non-alphanumerics → space. */
export function normaliseExpanded(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Lower case with umlauts stripped to their base letter (ü→u), so "Uber" finds "Über". */
export function normaliseStripped(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
