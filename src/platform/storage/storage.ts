import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileTypeFromBuffer } from "file-type";
import type { Conn } from "../db/database.js";
import { DomainError } from "../http/errors.js";

/** Where uploaded files are kept. Local folder by default; object storage can implement the same. */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

/** Keys are made by the app (ids and an extension), never taken from a browser. */
function checkKey(key: string): string {
  if (!/^[a-zA-Z0-9/_-]+(\.[a-z0-9]+)?$/.test(key) || key.includes("..")) {
    throw new Error(`Unsafe storage key: ${key}`);
  }
  return key;
}

/** One machine: files in a folder beside the SQLite file (DATA_DIR/files). */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    return join(this.root, checkKey(key));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.path(key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, data);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(key));
    } catch {
      return undefined;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/**
 * Several instances (FILE_STORAGE=database): file contents in the shared database, so
 * every instance serves every file and a database backup contains them.
 */
export class DatabaseFileStorage implements FileStorage {
  constructor(private readonly db: Conn) {}

  async put(key: string, data: Buffer): Promise<void> {
    await this.db
      .insertInto("file_blobs")
      .values({ storage_key: checkKey(key), data, size_bytes: data.length, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column("storage_key").doUpdateSet({ data, size_bytes: data.length }))
      .execute();
  }

  async get(key: string): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom("file_blobs")
      .select("data")
      .where("storage_key", "=", checkKey(key))
      .executeTakeFirst();
    return row ? Buffer.from(row.data) : undefined;
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom("file_blobs").where("storage_key", "=", checkKey(key)).execute();
  }
}

/** Content types accepted for uploads, decided by the bytes, never by the name a browser sends. */
export const documentTypes = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/webp",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.presentation",
] as const;

export interface CheckedFile {
  contentType: string;
  extension: string;
  sha256: string;
  size: number;
}

/** Checks an upload by its content and size; throws a 422 domain error with a German message. */
export async function checkUpload(
  data: Buffer,
  options: { maxBytes: number; allowed: readonly string[] },
): Promise<CheckedFile> {
  if (data.length === 0) throw new DomainError(422, "file_empty", "storage.empty");
  if (data.length > options.maxBytes) {
    throw new DomainError(422, "file_too_large", "storage.tooLarge", {
      maxMb: Math.round(options.maxBytes / 1024 / 1024),
    });
  }
  const detected = await fileTypeFromBuffer(data);
  if (!detected || !options.allowed.includes(detected.mime)) {
    throw new DomainError(422, "file_type_not_allowed", "storage.typeNotAllowed");
  }
  return {
    contentType: detected.mime,
    extension: detected.ext,
    sha256: createHash("sha256").update(data).digest("hex"),
    size: data.length,
  };
}

/**
 * A Content-Disposition header that keeps umlauts (RFC 6266 / RFC 5987) and
 * gives old clients a plain ASCII fallback: "Dokumentation Fachtag Übergänge.pdf".
 */
export function contentDisposition(filename: string, disposition: "attachment" | "inline" = "attachment"): string {
  const clean =
    filename
      .replace(/[\r\n"\\/]/g, "_")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim() || "download";
  const ascii = clean
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/Ä/g, "Ae")
    .replace(/Ö/g, "Oe")
    .replace(/Ü/g, "Ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}
