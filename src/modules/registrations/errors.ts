import { DomainError } from "../../platform/http/errors.js";

// Stable error codes of the registrations module (part of the API contract).

export class RegistrationClosedError extends DomainError {
  constructor(reason: string) {
    super(409, "registration_closed", `registrations.error.closed.${reason}`);
  }
}

export class AlreadyRegisteredError extends DomainError {
  constructor() {
    super(
      409,
      "already_registered",
      "registrations.error.alreadyRegistered",
      {},
      {
        email: "registrations.error.alreadyRegistered",
      },
    );
  }
}

export class WorkshopFullError extends DomainError {
  constructor(title: string, field: string) {
    super(
      409,
      "workshop_full",
      "registrations.error.workshopFull",
      { title },
      {
        [field]: "registrations.error.workshopFullField",
      },
    );
  }
}

/** A walk-in at a full Fachtag: the entrance does not keep a waitlist. */
export class EventFullError extends DomainError {
  constructor() {
    super(409, "event_full", "registrations.error.eventFull");
  }
}

export class RegistrationExpiredError extends DomainError {
  constructor() {
    super(410, "registration_expired", "registrations.error.expired");
  }
}

export class RegistrationNotActiveError extends DomainError {
  constructor() {
    super(409, "registration_not_active", "registrations.error.notActive");
  }
}

export class CapacityBelowTakenError extends DomainError {
  constructor(field: string, taken: number) {
    super(
      422,
      "capacity_below_taken",
      "registrations.error.capacityBelowTaken",
      { taken },
      {
        [field]: "registrations.error.capacityBelowTakenField",
      },
    );
  }
}

/** A unique index refused the row (SQLite and PostgreSQL spell it differently). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return (
    e?.code === "23505" || e?.code === "SQLITE_CONSTRAINT_UNIQUE" || /UNIQUE constraint failed/.test(e?.message ?? "")
  );
}
