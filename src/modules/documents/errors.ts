import { DomainError } from "../../platform/http/errors.js";

// Stable error codes of uploads (part of the API contract). Each carries its message
// for the field it concerns, so the form shows it beside that field.

export class UploadError extends DomainError {
  constructor(code: string, field: "file" | "altText" | "sessionId", messageKey: string) {
    super(422, code, messageKey, {}, { [field]: messageKey });
  }
}
