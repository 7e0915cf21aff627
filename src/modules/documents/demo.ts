import PDFDocument from "pdfkit";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { SeedContext } from "../../platform/module.js";
import { checkUpload } from "../../platform/storage/storage.js";
import { listPublicEvents } from "../events/index.js";
import { insertDocument, listDocuments } from "./documents.repo.js";
import { acceptedTypes, type DocumentKind } from "./kinds.js";

// The past 2024 and 2025 demo Fachtage get their documentation and press release, so the
// archive shows downloads on first start. The PDFs are made here, a few pages of German text.

async function pdf(title: string, paragraphs: string[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 64,
    info: { Title: title, Author: "Landkreis Celle" },
    lang: "de-DE",
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(18).text(title);
  doc.moveDown();
  doc.font("Helvetica").fontSize(11);
  for (const p of paragraphs) doc.text(p, { align: "left" }).moveDown(0.8);
  doc.end();
  return done;
}

type DemoDocument = { kind: DocumentKind; title: string; filename: string; paragraphs: string[] };

const documents2024: DemoDocument[] = [
  {
    kind: "documentation",
    title: "Dokumentation des Fachtags",
    filename: "Dokumentation Fachtag Vielfalt 2024",
    paragraphs: [
      "Fachtag „Migrationsbedingte Vielfalt in der Bildung“ am 23. Februar 2024 im Kreishaus Celle.",
      "Rund 60 Fachkräfte aus Kitas, Schulen, der Erwachsenenbildung und Integrationsprojekten tauschten sich über Mehrsprachigkeit, Elternarbeit und den Übergang von der Kita in die Grundschule aus.",
      "Ergebnis: ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure. Mehrere Einrichtungen verabredeten, künftig enger zu kooperieren.",
      "Diese Dokumentation ist ein Beispiel der Demo-Daten; Personen und Inhalte sind fiktiv.",
    ],
  },
  {
    kind: "press_release",
    title: "Pressemitteilung zum Fachtag",
    filename: "Pressemitteilung Fachtag Vielfalt 2024",
    paragraphs: [
      "Pressemitteilung des Landkreises Celle",
      "Vielfalt als Normalfall: Fachtag bringt Kitas, Schulen und Integrationsprojekte zusammen.",
      "Celle. Beim Fachtag „Migrationsbedingte Vielfalt in der Bildung“ haben sich Fachkräfte aus dem ganzen Landkreis ausgetauscht und zukünftige Kooperationen angestoßen.",
      "Die Dokumentation des Fachtags steht auf der Seite des Bildungsnetzes zum Herunterladen bereit. (Demo-Daten, fiktiv.)",
    ],
  },
];

const documents2025: DemoDocument[] = [
  {
    kind: "documentation",
    title: "Dokumentation: Schätze statt Schwächen",
    filename: "Dokumentation Fachtag Kindliche Entwicklung 2025",
    paragraphs: [
      "Fachtag „Kindliche Entwicklung stärken – Schätze statt Schwächen“ am 28. März 2025 im Kreishaus Celle.",
      "Rund 150 Leitungskräfte und pädagogische Fachkräfte aus Kitas diskutierten in acht Workshops über Beobachtung, Sprachbildung, Bewegung und den Übergang in die Grundschule.",
      "Ergebnis: Um die frühkindliche Bildung nachhaltig zu stärken, braucht es ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure.",
      "Diese Dokumentation ist ein Beispiel der Demo-Daten; Personen und Inhalte sind fiktiv.",
    ],
  },
  {
    kind: "press_release",
    title: "Pressemitteilung: Schätze statt Schwächen",
    filename: "Pressemitteilung Fachtag Kindliche Entwicklung 2025",
    paragraphs: [
      "Pressemitteilung des Landkreises Celle",
      "Stärken sehen, Risiken früh erkennen: 150 Fachkräfte beim Kita-Fachtag im Kreishaus.",
      "Celle. Kitas, Schulen, Fachberatung und Jugendärztlicher Dienst verabredeten, den Übergang in die Schule gemeinsam zu planen. (Demo-Daten, fiktiv.)",
    ],
  },
];

const demoSets: { eventTitle: string; documents: DemoDocument[] }[] = [
  { eventTitle: "Migrationsbedingte Vielfalt in der Bildung", documents: documents2024 },
  { eventTitle: "Kindliche Entwicklung stärken – Schätze statt Schwächen", documents: documents2025 },
];

export async function seedDocumentsDemo(ctx: SeedContext): Promise<void> {
  for (const set of demoSets) await seedEventDocuments(ctx, set.eventTitle, set.documents);
}

async function seedEventDocuments(
  { platform }: SeedContext,
  eventTitle: string,
  documents: DemoDocument[],
): Promise<void> {
  const db = platform.db.kysely;
  const event = (await listPublicEvents(db)).find((e) => e.title === eventTitle);
  if (!event || (await listDocuments(db, event.id, { all: true })).length) return;
  for (const d of documents) {
    const data = await pdf(d.title, d.paragraphs);
    const checked = await checkUpload(data, { maxBytes: platform.config.uploadMaxBytes, allowed: acceptedTypes });
    const id = newId();
    const now = nowIso();
    const key = `documents/${event.id}/${id}.${checked.extension}`;
    await platform.storage.put(key, data);
    await insertDocument(db, {
      id,
      event_id: event.id,
      session_id: null,
      kind: d.kind,
      title: d.title,
      alt_text: null,
      public: 1,
      storage_key: key,
      content_type: checked.contentType,
      size_bytes: checked.size,
      sha256: checked.sha256,
      original_name: `${d.filename}.${checked.extension}`,
      uploaded_by: event.createdBy,
      created_at: now,
      updated_at: now,
    });
  }
}
