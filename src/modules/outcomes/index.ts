import type { AppModule } from "../../platform/module.js";
import { seedOutcomesDemo } from "./demo.js";
import { outcomesMessages } from "./messages.js";
import { resultSummaries, withdrawProposalsOfEvent } from "./outcomes.service.js";
import { outcomesRoutes } from "./routes.js";
import { eventOutcomesSection, profileAgreementsSection } from "./sections.js";

/**
 * A Fachtag's results and agreements (what, which organisations, by when, status). An
 * agreement between organisations becomes a cooperation proposal in the network, with the
 * Fachtag as its origin. Shown on the Fachtag's page, in the archive and on the profiles.
 */
export const outcomesModule: AppModule = {
  name: "outcomes",
  messages: outcomesMessages,
  register: outcomesRoutes,
  sections: [eventOutcomesSection, profileAgreementsSection],
  subscribe(hooks) {
    hooks.on("events.results", ({ eventIds }, { db }) => resultSummaries(db, eventIds));
    hooks.on("events.deleting", ({ eventId }, { db }) => withdrawProposalsOfEvent(db, eventId));
  },
  seedDemo: seedOutcomesDemo,
};

// No public functions: other modules see the agreements through the network, where every
// cooperation proposed here carries the Fachtag as origin_event_id (for reports).
