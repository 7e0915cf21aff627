// The two word lists of the site search. Edit them here; the index follows after
// `npm run cli -- search:rebuild` (synonyms apply at once: they widen the query only).

/**
 * Words that mean the same in the field (or so nearly that people look for one and mean
 * the other), one group per line, separated by "=". A form may have several words
 * ("Deutsch als Zweitsprache"): then the words must follow each other. Searching any
 * form of a group finds every other one.
 */
export const synonymList = `
Kita = Kindertagesstätte = Kindergarten = Kindertageseinrichtung
VHS = Volkshochschule
DaZ = Deutsch als Zweitsprache
Sprachförderung = Sprachbildung = Sprachentwicklung = Mehrsprachigkeit
DaF = Deutsch als Fremdsprache
GS = Grundschule
BBS = Berufsbildende Schule
IGS = Integrierte Gesamtschule
OBS = Oberschule
JuZ = Jugendzentrum
Jugendhaus = Jugendzentrum = Jugendtreff
Ganztag = Ganztagsschule
Kinderkrippe = Krippe
Hort = Schulkinderbetreuung
Eltern = Erziehungsberechtigte
Flüchtlinge = Geflüchtete
Migration = Zuwanderung
`;

/**
 * The last (or first) parts of compound words the field uses. A stored word made with one
 * of them is also indexed under it, so "Schule" finds "Grundschule" and "Förderung" finds
 * "Sprachförderung" (full-text indexes of both databases match whole words or their starts,
 * never the middle or end of a word).
 */
export const compoundParts = `
schule hochschule bildung förderung sprache kita kindergarten krippe hort beratung
arbeit sozialarbeit hilfe jugend zentrum treff verein bibliothek bücherei musik kunst
sport theater lernen lernort kurs projekt programm integration migration vielfalt
inklusion eltern familie kinder kind pädagogik erziehung betreuung ganztag übergang
medien digital lesen schreiben rechnen natur umwelt gesundheit bewegung ausbildung beruf
werkstatt garten netzwerk fachtag fortbildung weiterbildung qualifizierung begleitung
mentoring patenschaft demokratie kultur teilhabe
`;
