import type { EventView } from "../events/index.js";
import type { RegistrationView } from "./view-models.js";

// The page slots the registrations module hosts, for modules further down the line
// (allocation, admission) to add their part without this module importing them.

/** What a section on a participant's own page (the manage link) receives. */
export interface ManagePageSlot {
  event: EventView;
  registration: RegistrationView;
  /** The manage token of the page, for links that act on this registration. */
  token: string;
}

declare module "../../platform/module.js" {
  interface SectionSlots {
    /** A participant's own page (/anmeldung/<token>), below the overview of the registration. */
    "registrations.manage": ManagePageSlot;
  }
}

/** Asked while listing a Fachtag's registrations in the API: what other modules add to each item. */
export interface ApiListFieldsQuestion {
  eventId: string;
  registrationIds: string[];
}

declare module "../../platform/hooks.js" {
  interface HookMap {
    /**
     * Extra fields per registration for GET /api/v1/events/{id}/registrations (e.g. the
     * certificate's code), by registration id. The item schema must name each field.
     */
    "registrations.apiListFields": {
      payload: ApiListFieldsQuestion;
      result: Record<string, Record<string, unknown>>;
    };
  }
}
