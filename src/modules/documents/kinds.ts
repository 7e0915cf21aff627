import { documentTypes } from "../../platform/storage/storage.js";

// The kinds of document a Fachtag has, as stable codes (the API's values, stored as
// they are) and the file types accepted. Labels live in messages.ts ("documents.kind.<code>").

export const documentKinds = [
  "documentation",
  "press_release",
  "presentation",
  "graphic_recording",
  "result",
  "other",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * What may be uploaded: the platform's document types, decided by the bytes. HTML, SVG
 * and scripts are not among them and must never be: served from our origin they would
 * run as our pages.
 */
export const acceptedTypes = documentTypes;

const formatNames: Record<string, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.oasis.opendocument.text": "ODT",
  "application/vnd.oasis.opendocument.presentation": "ODP",
};

/** "PDF", "PPTX" …: the short name people know a format by. */
export const formatName = (contentType: string): string => formatNames[contentType] ?? "Datei";

export const isImage = (contentType: string): boolean => contentType.startsWith("image/");

/**
 * A file size as people read it: "830 KB", "2,4 MB" (German decimal comma). Units of
 * 1024, as file managers show them; below 1 KB still "1 KB" rather than bytes.
 */
export function formatSize(bytes: number, locale: "de" | "en"): string {
  const tag = locale === "de" ? "de-DE" : "en-GB";
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(tag)} KB`;
  }
  const mb = bytes / 1024 / 1024;
  return `${mb.toLocaleString(tag, { maximumFractionDigits: mb < 10 ? 1 : 0 })} MB`;
}
