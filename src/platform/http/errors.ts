/**
 * Domain errors: services throw these; the central error handler turns each into
 * an HTTP status, a German message and (for the API) an RFC 9457 problem document.
 * `code` is stable and part of the API contract; `messageKey` points into the catalogue.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
    /** Field-level problems, shown beside each field in forms. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(`${code}: ${messageKey}`);
  }
}

export class NotFoundError extends DomainError {
  constructor(messageKey = "error.notFound.text") {
    super(404, "not_found", messageKey);
  }
}

export class ForbiddenError extends DomainError {
  constructor(messageKey = "error.forbidden.text") {
    super(403, "forbidden", messageKey);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(messageKey = "error.unauthorized.text") {
    super(401, "unauthorized", messageKey);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, messageKey: string, params: Record<string, string | number> = {}) {
    super(409, code, messageKey, params);
  }
}

export class ValidationError extends DomainError {
  constructor(fieldErrors: Record<string, string>, messageKey = "error.validation.title") {
    super(422, "validation_failed", messageKey, {}, fieldErrors);
  }
}
