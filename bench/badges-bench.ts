/**
 * 150 name badges as one PDF (target: under 5 s on the 2-core machine), and the
 * signature list of the same 150 people. Names with umlauts, long names that must
 * shrink, organisations and two workshops each, as on a real Fachtag. Prints the time
 * of each run, the median, the pages and the size of the file.
 *
 *   npx tsx bench/badges-bench.ts
 */
import type { TicketHolder } from "../src/modules/registrations/index.js";
import { badgesPdf } from "../src/modules/tickets/badges-pdf.js";
import { signaturesPdf } from "../src/modules/tickets/signatures-pdf.js";

const PEOPLE = Number(process.env.BADGES ?? 150);
const RUNS = 5;

const first = ["Jürgen", "Käthe", "Élodie", "Maximiliane-Friederike", "Özlem", "Hans", "Anna-Lena", "Björn"];
const last = ["Größmann", "Weiß", "Müller-Lüdenscheidt", "Schönfeld-Großkopf von der Aue", "Çelik", "Ahrens"];
const orgs = [
  "Kita Sonnenschein",
  "Grundschule Wietze",
  "Evangelische Kindertagesstätte St. Marien am Stadtpark Celle-Altenhagen",
  "Familienzentrum Südheide",
];
const day = "2025-03-28T";
const holders: TicketHolder[] = Array.from({ length: PEOPLE }, (_, i) => ({
  registrationId: `r-${i}`,
  status: "confirmed",
  firstName: first[i % first.length] as string,
  lastName: `${last[i % last.length]} ${i}`,
  organisation: orgs[i % orgs.length] as string,
  ticketCode: `code-${i}`,
  workshops: [
    {
      id: `w-${i % 8}`,
      title: `Workshop ${(i % 8) + 1}: Sprache und Bewegung`,
      startsAt: `${day}09:30:00Z`,
      endsAt: `${day}11:00:00Z`,
      room: "Raum 1",
    },
    {
      id: `w-${8 + (i % 4)}`,
      title: "Übergänge gestalten",
      startsAt: `${day}12:00:00Z`,
      endsAt: `${day}13:30:00Z`,
      room: null,
    },
  ],
}));
const event = { title: "Kindliche Entwicklung stärken – Schätze statt Schwächen", startsAt: `${day}08:00:00Z` };
const district = { office: "Bildungsbüro" };

async function time(label: string, make: () => Promise<Buffer>) {
  const times: number[] = [];
  let size = 0;
  let pages = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const pdf = await make();
    times.push(performance.now() - started);
    size = pdf.length;
    pages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${label}: ${times.map((t) => `${Math.round(t)} ms`).join(", ")} — Median ${Math.round(median)} ms, ${pages} Seiten, ${Math.round(size / 1024)} KiB`,
  );
  return median;
}

console.log(`${PEOPLE} Personen, ${RUNS} Läufe je Datei`);
const badges = await time("Namensschilder", () => badgesPdf(holders, event, district));
await time("Unterschriftenliste", () => signaturesPdf([{ heading: "Gesamter Fachtag", holders }], event, district));
console.log(badges < 5000 ? "Ziel erreicht: unter 5 s." : "Ziel verfehlt: 5 s oder mehr.");
process.exitCode = badges < 5000 ? 0 : 1;
