import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { SeedContext } from "../../platform/module.js";
import { listOrganisationsForNetwork } from "../directory/index.js";
import { listPublicEvents } from "../events/index.js";
import { secondarySchoolKinds, transitionAreas } from "./constants.js";
import { hasAnyCooperation, insertCooperation, type PartnerRow } from "./cooperations.repo.js";
import { insertMeeting, insertNetwork, insertStoredFile } from "./networks.repo.js";

// Demo cooperations and networks among the directory's demo organisations. Fictitious,
// deterministic (fixed pseudo-random sequence), and only loaded into an empty network.

const FACHTAG_2024 = "Fachtag Migrationsbedingte Vielfalt in der Bildung (23.02.2024)";

/** mulberry32: a tiny seeded generator, so the demo network is the same on every start. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A one-page PDF with a few lines of text: the demo minutes. */
export function tinyPdf(lines: string[]): Buffer {
  const esc = (s: string) =>
    s
      .replace(/[\\()]/g, (c) => `\\${c}`)
      .replace(
        /[^\x20-\x7e]/g,
        (c) => ({ ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss", "–": "-" })[c] ?? "?",
      );
  const text = lines.map((l, i) => `BT /F1 12 Tf 56 ${780 - i * 18} Td (${esc(l)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export async function seedNetworkDemo({ platform, announce }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  if (await hasAnyCooperation(db)) return;
  const orgs = await listOrganisationsForNetwork(db);
  if (orgs.length < 4) return;
  const random = seededRandom(20240223);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const fachtag = (await listPublicEvents(db)).find((e) => e.title.includes("Migrationsbedingte Vielfalt"));

  const kitas = orgs.filter((o) => o.kind === "kita");
  const primary = orgs.filter((o) => o.kind === "grundschule");
  const secondary = orgs.filter((o) => (secondarySchoolKinds as readonly string[]).includes(o.kind));
  const transition = orgs.filter(
    (o) => o.kind !== "grundschule" && o.areas.some((a) => (transitionAreas as readonly string[]).includes(a)),
  );
  // Starts spread over the years: about half before 2024, the rest over the quarters of
  // 2024, 2025 and 2026 (up to November), so the reports show new cooperations each year.
  const day = () => {
    const recent = random() < 0.55;
    const start = recent ? Date.UTC(2024, 0, 8) : Date.UTC(2019, 0, 1);
    const end = recent ? Date.UTC(2026, 10, 20) : Date.UTC(2023, 11, 20);
    return new Date(start + random() * (end - start)).toISOString().slice(0, 10);
  };

  interface Plan {
    title: string;
    kind: string;
    ids: string[];
    startsOn: string;
    endsOn?: string;
    status?: string;
    origin?: boolean;
    pending?: boolean;
    themes?: string[];
  }
  const plans: Plan[] = [];
  // Kitas and Grundschulen: all but the last three Kitas get a partner, so the gap analysis shows something.
  kitas.slice(0, Math.max(0, kitas.length - 3)).forEach((kita, i) => {
    if (primary.length === 0) return;
    const near = primary.filter((g) => g.municipality === kita.municipality);
    const school = near.length ? near[i % near.length]! : primary[i % primary.length]!;
    plans.push({
      title: `Übergang Kita–Grundschule: ${kita.name} und ${school.name}`,
      kind: "uebergang_kita_grundschule",
      ids: [kita.id, school.id],
      startsOn: day(),
      themes: ["Übergang", "Sprachförderung"],
    });
  });
  // Secondary schools and the step into work: all but one get a partner.
  secondary.slice(0, Math.max(0, secondary.length - 1)).forEach((school, i) => {
    if (transition.length === 0) return;
    const partner = transition[i % transition.length]!;
    plans.push({
      title: `Berufsorientierung: ${school.name} und ${partner.name}`,
      kind: partner.kind === "unternehmen" ? "schule_unternehmen" : "vereinbarung",
      ids: [school.id, partner.id],
      startsOn: day(),
      themes: ["Berufsorientierung"],
    });
  });
  const projectTitles = [
    "Sprachbrücken – mehrsprachige Elternabende",
    "Lesepatenschaften",
    "Interkulturelle Woche",
    "Bildungslotsen für neu zugewanderte Familien",
    "Digitale Werkstatt",
    "Gemeinsame Fortbildung Vielfalt",
    "Ferienakademie",
    "Netzwerk Frühe Hilfen",
    "Mentoring für Auszubildende",
    "Kulturrucksack",
  ];
  let n = 0;
  while (plans.length < 50 && n < 200) {
    n++;
    const size = random() < 0.2 ? 3 : 2;
    const ids = new Set<string>();
    while (ids.size < size) ids.add(pick(orgs).id);
    const kita = [...ids].some((id) => kitas.slice(-3).some((k) => k.id === id));
    if (kita) continue; // keep the demo gaps open
    const title = projectTitles[plans.length % projectTitles.length]!;
    plans.push({
      title,
      kind: pick(["projekt", "projekt", "vereinbarung", "netzwerk", "sonstige"]),
      ids: [...ids],
      startsOn: day(),
      origin: random() < 0.3,
    });
  }
  // A few special cases: proposed, ended, still waiting for the partner's confirmation.
  if (plans[plans.length - 1]) plans[plans.length - 1]!.pending = true;
  if (plans[plans.length - 2]) plans[plans.length - 2]!.pending = true;
  if (plans[plans.length - 3])
    Object.assign(plans[plans.length - 3]!, { status: "ended", startsOn: "2020-09-01", endsOn: "2023-07-31" });
  if (plans[plans.length - 4]) plans[plans.length - 4]!.status = "proposed";

  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const p of plans) {
      const id = newId();
      // Agreed at the 2024 Fachtag: cooperations that started in 2024 (earlier ones began right after it).
      const fromFachtag = p.origin === true && p.startsOn < "2025-01-01";
      const partners: PartnerRow[] = p.ids.map((organisation_id, i) => ({
        cooperation_id: id,
        organisation_id,
        confirmed_at: p.pending && i > 0 ? null : now,
        confirmed_by: null,
      }));
      await insertCooperation(
        trx,
        {
          id,
          title: p.title,
          kind: p.kind,
          description: fromFachtag
            ? "Vereinbart beim Fachtag im Februar 2024 im Anschluss an den Workshop zum Austausch guter Praxis."
            : null,
          starts_on: fromFachtag && p.startsOn < "2024-02-23" ? "2024-03-01" : p.startsOn,
          ends_on: p.endsOn ?? null,
          status: p.status ?? "active",
          themes: JSON.stringify(p.themes ?? (fromFachtag ? ["Migrationsbedingte Vielfalt"] : [])),
          origin: fromFachtag ? FACHTAG_2024 : null,
          origin_event_id: fromFachtag && fachtag ? fachtag.id : null,
          created_by: null,
          created_at: now,
          updated_at: now,
        },
        partners,
      );
    }

    const celle = orgs.filter((o) => o.municipality === "Celle" && (o.kind === "kita" || o.kind === "grundschule"));
    const office = orgs.find((o) => o.kind === "verwaltung") ?? orgs[0]!;
    const networks = [
      {
        name: "Arbeitskreis Übergang Kita–Grundschule Celle (fiktiv)",
        slug: "arbeitskreis-uebergang-kita-grundschule-celle",
        purpose:
          "Kitas und Grundschulen der Stadt Celle stimmen den Übergang ab: gemeinsame Sprachstandsbeobachtung, Hospitationen, Elternabende.",
        members: [
          ...new Set([
            office.id,
            ...(celle.length >= 3 ? celle : [...kitas, ...primary]).slice(0, 10).map((o) => o.id),
          ]),
        ],
        meeting: {
          startsAt: "2025-05-14T08:00:00.000Z",
          place: "Kreishaus Celle, Raum 112",
          agenda: "1. Rückblick Fachtag 2025\n2. Hospitationsplan\n3. Termine",
        },
      },
      {
        name: "Netzwerk Berufsorientierung Landkreis Celle (fiktiv)",
        slug: "netzwerk-berufsorientierung-landkreis-celle",
        purpose:
          "Schulen des Sekundarbereichs, berufsbildende Schulen und Betriebe planen Praktika und Berufsorientierungstage.",
        members: [...new Set([office.id, ...[...secondary, ...transition].slice(0, 10).map((o) => o.id)])],
        meeting: {
          startsAt: "2025-09-24T12:00:00.000Z",
          place: "BBS Celle, Aula",
          agenda: "1. Praktikumsbörse\n2. Berufsorientierungstag 2026",
        },
      },
    ];
    for (const nw of networks) {
      const id = newId();
      await insertNetwork(
        trx,
        {
          id,
          slug: nw.slug,
          name: nw.name,
          purpose: nw.purpose,
          coordinator_id: office.id,
          visibility: "public",
          created_at: now,
          updated_at: now,
        },
        nw.members,
      );
      const fileId = newId();
      const key = `network/minutes/${fileId}.pdf`;
      const pdf = tinyPdf([
        nw.name,
        `Protokoll des Treffens am ${nw.meeting.startsAt.slice(0, 10)}`,
        "Fiktive Demodaten.",
      ]);
      await platform.storage.put(key, pdf);
      await insertStoredFile(trx, {
        id: fileId,
        storage_key: key,
        original_name: `Protokoll ${nw.name}.pdf`,
        content_type: "application/pdf",
        size_bytes: pdf.length,
        sha256: "",
        uploaded_by: null,
        created_at: now,
      });
      await insertMeeting(trx, {
        id: newId(),
        network_id: id,
        starts_at: nw.meeting.startsAt,
        place: nw.meeting.place,
        agenda: nw.meeting.agenda,
        minutes_file_id: fileId,
        created_at: now,
      });
    }
  });
  announce(`Netzwerk: ${plans.length} Demo-Kooperationen und 2 Netzwerke angelegt.`);
}
