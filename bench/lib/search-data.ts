import type { Kysely } from "kysely";
import type { Database } from "../../src/platform/db/schema.js";

// The site search benchmark's data beyond the directory's (bench/directory-data.ts):
// 20,000 posts of the Austausch (every 17th a draft, every 101st hidden: neither may be
// found) and 500 Fachtage (every 10th a draft) with four programme items and a public
// document each, written straight into the tables. Deterministic, fictitious.

const topics = [
  ["Sprachförderung", "Sprachförderung für neu zugewanderte Kinder", "Wir fördern Deutsch als Zweitsprache im Alltag."],
  ["Elternarbeit", "Elterncafé am Nachmittag", "Eltern treffen sich in der Kita und tauschen sich aus."],
  ["Inklusion", "Inklusive Ganztagsangebote", "Alle Kinder spielen zusammen, Schulbegleitung inklusive."],
  ["Digitalisierung", "Tablets im Unterricht", "Erfahrungen mit Lern-Apps in der Grundschule."],
  ["Berufsorientierung", "Praktikumsbörse", "Betriebe bieten Plätze für Schülerinnen und Schüler an."],
  ["Lesen", "Lesepaten gesucht", "Die Bücherei sucht Ehrenamtliche für Vorlesestunden."],
  ["Migration", "Lotsenprojekt für Familien", "Ehrenamtliche begleiten zugewanderte Familien zu Ämtern."],
  ["Übergang", "Schnuppertag vor dem Schulstart", "Kita und Grundschule bereiten den Übergang gemeinsam vor."],
] as const;
const kinds = ["idea", "experience", "practice", "offer", "request"] as const;
const places = ["Celle", "Bergen", "Wietze", "Südheide", "Faßberg", "Eschede", "Hambühren", "Winsen (Aller)"];
const areas = ["fruehkindlich", "schule", "weiterbildung", "non_formal", "beruflich"];

export interface SearchData {
  posts: number;
  events: number;
  sessions: number;
  ms: number;
}

/** Writes the posts and Fachtage; `organisations` is how many bench organisations exist (posts name one). */
export async function generateSearchData(db: Kysely<Database>, organisations: number): Promise<SearchData> {
  const started = performance.now();
  const now = new Date().toISOString();
  const posts = Array.from({ length: 20_000 }, (_, i) => {
    const [theme, title, text] = topics[i % topics.length] ?? topics[0];
    const kind = kinds[i % kinds.length] ?? "idea";
    return {
      id: `post-${String(i).padStart(6, "0")}-bench`,
      kind,
      title: `${title} ${i + 1}`,
      body: `${text} Beitrag ${i + 1}.`,
      body_html: `<p>${text} Beitrag ${i + 1}.</p>`,
      areas: JSON.stringify([areas[i % areas.length]]),
      themes: JSON.stringify([theme]),
      target_groups: JSON.stringify(["Kinder"]),
      municipality: places[i % places.length] ?? "Celle",
      organisation_id: `org-${String(i % organisations).padStart(6, "0")}-bench`,
      status: i % 17 === 0 ? "draft" : "published",
      hidden: i % 101 === 0 ? 1 : 0,
      created_at: now,
      updated_at: now,
      published_at: now,
    };
  });
  for (let i = 0; i < posts.length; i += 500)
    await db
      .insertInto("exchange_posts")
      .values(posts.slice(i, i + 500))
      .execute();
  const events = Array.from({ length: 500 }, (_, i) => {
    const [theme, title, text] = topics[i % topics.length] ?? topics[0];
    const day = new Date(Date.UTC(2020 + (i % 8), i % 12, 1 + (i % 27), 8)).toISOString();
    return {
      id: `event-${String(i).padStart(4, "0")}-bench`,
      slug: `bench-fachtag-${i}`,
      title: `Fachtag ${title} ${i + 1}`,
      subtitle: "Fachtag für pädagogische Fachkräfte",
      description: `${text} Vorträge, Workshops und Austausch.`,
      themes: JSON.stringify([theme]),
      target_groups: JSON.stringify(["Fachkräfte"]),
      organisers: JSON.stringify(["Bildungsbüro"]),
      starts_at: day,
      ends_at: day,
      venue_name: "Kreishaus Celle",
      capacity: 100,
      confirm_by_email: 0,
      hold_hours: 24,
      reminder_days: 3,
      status: i % 10 === 0 ? ("draft" as const) : ("documented" as const),
      workshop_choice: "first_come" as const,
      created_at: now,
      updated_at: now,
    };
  });
  await db.insertInto("events").values(events).execute();
  const sessions = events.flatMap((e, i) =>
    ["Begrüßung", "Vortrag zur Praxis", "Workshop Mehrsprachigkeit", "Markt der Möglichkeiten"].map((t, k) => ({
      id: `${e.id}-s${k}`,
      event_id: e.id,
      kind: k === 2 ? ("workshop" as const) : ("talk" as const),
      title: `${t} ${i + 1}`,
      abstract: "Beispiele aus Kita, Schule und Verein.",
      speakers: JSON.stringify([{ name: "Fiktive Referentin" }]),
      starts_at: e.starts_at,
      ends_at: e.ends_at,
      position: k,
      created_at: now,
      updated_at: now,
    })),
  );
  for (let i = 0; i < sessions.length; i += 500)
    await db
      .insertInto("event_sessions")
      .values(sessions.slice(i, i + 500))
      .execute();
  await db
    .insertInto("event_documents")
    .values(
      events.map((e) => ({
        id: `${e.id}-doc`,
        event_id: e.id,
        kind: "documentation",
        title: "Dokumentation des Fachtags",
        public: 1,
        storage_key: `bench/${e.id}.pdf`,
        content_type: "application/pdf",
        size_bytes: 1000,
        sha256: "0".repeat(64),
        original_name: "doku.pdf",
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  return {
    posts: posts.length,
    events: events.length,
    sessions: sessions.length,
    ms: Math.round(performance.now() - started),
  };
}
