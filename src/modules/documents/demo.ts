import PDFDocument from "pdfkit";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { SeedContext } from "../../platform/module.js";
import { checkUpload } from "../../platform/storage/storage.js";
import { listPublicEvents } from "../events/index.js";
import { insertDocument, listDocuments } from "./documents.repo.js";
import { acceptedTypes, type DocumentKind } from "./kinds.js";

// The past 2024 demo Fachtag gets its documentation and press release, so the archive
// shows downloads on first start. The PDFs are made here, a few pages of German text.

const demoTitle = "Migrationsbedingte Vielfalt in der Bildung";

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

const documents: { kind: DocumentKind; title: string; filename: string; paragraphs: string[] }[] = [
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

export async function seedDocumentsDemo({ platform }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  const event = (await listPublicEvents(db)).find((e) => e.title === demoTitle);
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
