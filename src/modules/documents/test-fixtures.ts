import { randomBytes } from "node:crypto";
import PDFDocument from "pdfkit";
import { insertFachtag } from "../../../tests/helpers/fachtag.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";

// Test data for the documents tests: a Fachtag with a talk, written straight into the
// events tables (the Fachtag through the shared tests/helpers/fachtag.ts), a real PDF, and
// multipart bodies as a browser would send them.

export interface FixtureEvent {
  id: string;
  slug: string;
  talkId: string;
}

export async function createFachtag(
  platform: Platform,
  options: { createdBy?: string | null; startsInDays?: number; status?: "draft" | "published" | "documented" } = {},
): Promise<FixtureEvent> {
  const { id, slug, at } = await insertFachtag(platform, {
    title: "Übergänge gestalten",
    startsInDays: options.startsInDays ?? 30,
    status: options.status ?? "published",
    capacity: 100,
    createdBy: options.createdBy,
  });
  const now = nowIso();
  const db = platform.db.kysely;
  const talkId = newId();
  await db
    .insertInto("event_sessions")
    .values({
      id: talkId,
      event_id: id,
      kind: "talk",
      title: "Vortrag: Das Bild vom Kind",
      abstract: null,
      speakers: "[]",
      room: null,
      starts_at: at(1),
      ends_at: at(2),
      capacity: null,
      position: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, slug, talkId };
}

/** A real PDF with one line of text; `padding` random bytes after it make it as large as needed. */
export async function samplePdf(text = "Dokumentation", padding = 0): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
  });
  doc.text(text);
  doc.end();
  const pdf = await done;
  return padding ? Buffer.concat([pdf, randomBytes(padding)]) : pdf;
}

/** The first bytes of a PNG: enough for the type to be recognised. */
export const pngHeader = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

export function multipart(
  fields: Record<string, string>,
  file?: { name?: string; filename: string; data: Buffer; type?: string },
): { payload: Buffer; contentType: string } {
  const boundary = "----bn-documents-boundary";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? "file"}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
