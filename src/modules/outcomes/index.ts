import type { AppModule } from "../../platform/module.js";
import { seedOutcomesDemo } from "./demo.js";
import { outcomesMessages } from "./messages.js";
import { resultSummaries } from "./outcomes.service.js";
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
  },
  seedDemo: seedOutcomesDemo,
};

// The outcomes module's public API, for reports: the agreements of Fachtage with the id of
// the cooperation each proposed (the network's cooperations carry origin_event_id as well).
export { type AgreementView, agreementsOf } from "./outcomes.service.js";
