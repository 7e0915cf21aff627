/**
 * 150 attendance certificates as one PDF (target: under 10 s on the 2-core machine),
 * through the whole application: the organiser's "all as one PDF" download (routing,
 * bearer token, permission, SQL, the signature image embedded once, pdfkit). The first
 * run also issues the 150 certificates (codes stored); later runs only draw them. Names
 * with umlauts, a workshop each, a signature image. Prints each run, the median, the
 * pages and the size of the file.
 *
 *   npx tsx bench/certificates-bench.ts                 (SQLite)
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/certificates-bench.ts
 */
import QRCode from "qrcode";
import { attendedFachtag } from "../src/modules/certificates/test-fixtures.js";
import { createTestApp } from "../tests/helpers/test-app.js";
import { createUserWithToken } from "../tests/helpers/users.js";

const PEOPLE = Number(process.env.CERTIFICATES ?? 150);
const RUNS = 5;
const first = ["Jürgen", "Käthe", "Élodie", "Maximiliane-Friederike", "Özlem", "Hans"];
const last = ["Größmann", "Weiß", "Müller-Lüdenscheidt", "Schönfeld-Großkopf", "Çelik", "Ahrens"];

const t = await createTestApp({ RATE_LIMIT: "off" });
try {
  const owner = await createUserWithToken(t.platform, "editor");
  const ev = await attendedFachtag(t.platform, {
    createdBy: owner.id,
    people: Array.from({ length: PEOPLE }, (_, i) => ({
      firstName: first[i % first.length] as string,
      lastName: `${last[i % last.length]} ${i}`,
      present: true,
      workshop: true,
    })),
  });
  // A signature image, as an organiser would upload it.
  const key = "certificates/signatures/bench.png";
  await t.platform.storage.put(key, await QRCode.toBuffer("Unterschrift", { width: 400 }));
  await t.platform.db.kysely
    .insertInto("certificate_settings")
    .values({
      event_id: ev.id,
      signer_name: "Dr. Anna Beispiel",
      signer_function: "Leitung Bildungsbüro",
      signature_key: key,
      auto_send_days: 1,
      updated_at: new Date().toISOString(),
    })
    .execute();

  const times: number[] = [];
  let size = 0;
  let pages = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const res = await t.app.inject({
      method: "GET",
      url: `/verwaltung/fachtage/${ev.id}/bescheinigungen/alle.pdf`,
      headers: { authorization: owner.authorization },
    });
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body.slice(0, 200)}`);
    size = res.rawPayload.length;
    pages = (res.rawPayload.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
  }
  const issued = await t.platform.db.kysely.selectFrom("certificates").select("id").execute();
  if (issued.length !== PEOPLE || pages !== PEOPLE) throw new Error(`${issued.length} issued, ${pages} pages`);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${PEOPLE} Teilnahmebescheinigungen als ein PDF (${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "SQLite"}): ` +
      `${times.map((ms) => `${Math.round(ms)} ms`).join(", ")} — erster Lauf (stellt aus) ${Math.round(times[0] ?? 0)} ms, ` +
      `Median ${Math.round(median)} ms, ${pages} Seiten, ${Math.round(size / 1024)} KiB`,
  );
  if ((times[0] ?? 0) > 10_000 || median > 10_000) {
    console.error("Ziel verfehlt: unter 10 s");
    process.exitCode = 1;
  }
} finally {
  await t.close();
}
