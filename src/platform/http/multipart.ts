import type { MultipartFile, MultipartValue } from "@fastify/multipart";
import { cleanText } from "./clean-input.js";

export interface UploadedFile {
  data: Buffer;
  filename: string;
  mimetype: string;
}

export interface MultipartBody {
  /** Text fields, cleaned like every other form input; repeated names become lists. */
  fields: Record<string, string | string[]>;
  /** Non-empty uploaded files by field name (the first one of a repeated name). */
  files: Record<string, UploadedFile>;
}

type Part = MultipartFile | MultipartValue;

const isFile = (part: Part): part is MultipartFile => part.type === "file";

/**
 * The parts of a multipart form, which the platform has already read whole (and checked
 * for the CSRF token). A field left empty or a file input without a file is absent.
 */
export async function multipartBody(body: unknown): Promise<MultipartBody> {
  const fields: Record<string, string | string[]> = {};
  const files: Record<string, UploadedFile> = {};
  if (!body || typeof body !== "object") return { fields, files };
  for (const [name, entry] of Object.entries(body as Record<string, Part | Part[]>)) {
    for (const part of Array.isArray(entry) ? entry : [entry]) {
      if (!part || typeof part !== "object" || !("type" in part)) continue;
      if (isFile(part)) {
        const data = await part.toBuffer();
        if (data.length > 0 && !files[name]) files[name] = { data, filename: part.filename, mimetype: part.mimetype };
      } else if (typeof part.value === "string") {
        const value = cleanText(part.value);
        const existing = fields[name];
        fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
      }
    }
  }
  return { fields, files };
}
