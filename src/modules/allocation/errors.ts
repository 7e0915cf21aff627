import { ConflictError, DomainError } from "../../platform/http/errors.js";

// Stable error codes of the allocation module (part of the API contract).

export class NotPreferenceModeError extends ConflictError {
  constructor() {
    super("not_preference_mode", "allocation.error.notPreferenceMode");
  }
}

export class NoWorkshopsError extends ConflictError {
  constructor() {
    super("no_workshops", "allocation.error.noWorkshops");
  }
}

export class AllocationPublishedError extends ConflictError {
  constructor() {
    super("allocation_published", "allocation.error.published");
  }
}

export class NothingToPublishError extends ConflictError {
  constructor() {
    super("no_allocation", "allocation.error.nothingToPublish");
  }
}

export class AllocationOverCapacityError extends ConflictError {
  constructor(title: string) {
    super("allocation_over_capacity", "allocation.error.overCapacity", { title });
  }
}

/** Registrations or wishes came after the run: publishing it would pass them over. */
export class AllocationOutdatedError extends ConflictError {
  constructor(count: number) {
    super("allocation_outdated", count === 1 ? "allocation.error.outdatedOne" : "allocation.error.outdated", { count });
  }
}

/** A place by hand in a workshop that has none left (or outside the slot): said beside the select. */
export class NoPlaceLeftError extends DomainError {
  constructor() {
    super(409, "workshop_full", "allocation.error.noPlaceLeft", {}, { sessionId: "allocation.error.noPlaceLeft" });
  }
}
