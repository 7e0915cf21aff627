import { z } from "zod";
import { formText, requiredText } from "../../platform/http/forms.js";
import { documentKinds } from "./kinds.js";

// The upload and edit forms (HTML, multipart) and the API's fields and answers. The API
// posts the same multipart fields as the form; only "public" is spelled true/false there.

const kind = z.enum(documentKinds, { error: "documents.validation.kind" });

/** A checkbox ("on") in the form, "true"/"false" in the API. */
const publicFlag = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("false"), z.literal("0"), z.literal("")], {
    error: "documents.validation.public",
  })
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** A programme item of the Fachtag, or empty for the Fachtag as a whole. */
const sessionId = z
  .string()
  .trim()
  .max(100, "documents.validation.session")
  .transform((v) => (v === "" ? undefined : v))
  .optional();

export const documentForm = z.object({
  kind,
  title: requiredText(200),
  public: publicFlag,
  altText: formText(500),
  sessionId,
});
export type DocumentInput = z.output<typeof documentForm>;

export const eventParams = z.object({ id: z.string().min(1).max(200) });
export const documentParams = z.object({ id: z.string().min(1).max(200), documentId: z.string().min(1).max(100) });
export const downloadParams = z.object({
  slug: z.string().min(1).max(200),
  documentId: z.string().min(1).max(100),
  filename: z.string().min(1).max(300),
});

export const apiDocument = z.object({
  id: z.string(),
  url: z.string().describe("Absolute Adresse zum Herunterladen"),
  kind: z
    .enum(documentKinds)
    .describe(
      "Art: documentation = Dokumentation, press_release = Pressemitteilung, presentation = Präsentation, graphic_recording = Fotoprotokoll/Graphic Recording, result = Ergebnis, other = Sonstiges",
    ),
  title: z.string(),
  size: z.number().int().describe("Größe in Bytes"),
  contentType: z.string().describe("Am Inhalt erkannter Dateityp"),
  public: z.boolean().describe("Öffentlich (false: nur für das Organisationsteam)"),
  sessionId: z.string().nullable().describe("Programmpunkt, zu dem die Datei gehört (z. B. Folien eines Vortrags)"),
  altText: z.string().nullable(),
  createdAt: z.string(),
});
export const apiDocumentList = z.object({ items: z.array(apiDocument) });
