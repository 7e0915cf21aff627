import { DomainError } from "../../platform/http/errors.js";

// Stable error codes of the certificates (part of the API contract).

/** Only people marked present at the entrance get a certificate. */
export class NotAttendedError extends DomainError {
  constructor() {
    super(409, "not_attended", "certificates.error.notAttended");
  }
}

/** Certificates go out once the Fachtag is over. */
export class NotOverError extends DomainError {
  constructor() {
    super(409, "event_not_over", "certificates.error.notOver");
  }
}
