import { DomainError } from "../../platform/http/errors.js";

// Stable error codes of the check-in (part of the API contract).

/** A forged code, a typo, or the ticket of another Fachtag: all the same to the entrance. */
export class UnknownTicketError extends DomainError {
  constructor() {
    super(404, "ticket_unknown", "checkin.error.unknownTicket");
  }
}

/** Only confirmed registrations are let in; the reason names the status. */
export class NotConfirmedError extends DomainError {
  constructor(status: string) {
    super(409, "not_confirmed", `checkin.error.status.${status}`);
  }
}

export class NotCheckedInError extends DomainError {
  constructor() {
    super(409, "not_checked_in", "checkin.error.notCheckedIn");
  }
}
