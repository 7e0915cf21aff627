import { DomainError, NotFoundError } from "../../platform/http/errors.js";

// Stable error codes of the tickets module (part of the API contract).

/** A ticket exists only for a confirmed place at a Fachtag that takes place. */
export class TicketNotAvailableError extends DomainError {
  constructor(reason: "notConfirmed" | "eventCancelled") {
    super(409, "ticket_not_available", `tickets.error.${reason}`);
  }
}

export class UnknownWorkshopError extends NotFoundError {
  constructor() {
    super("tickets.error.unknownWorkshop");
  }
}
