import type { AppModule } from "../../platform/module.js";
import { placementSection } from "./explanation-section.js";
import { allocationMessages } from "./messages.js";
import { allocationRoutes } from "./routes.js";

/** Workshop wishes allocated optimally and fairly (preference mode): run, review, publish. */
export const allocationModule: AppModule = {
  name: "allocation",
  messages: allocationMessages,
  register: allocationRoutes,
  sections: [placementSection],
};

// For reports: the first-wish rate of published allocations.
export { firstWishCounts } from "./figures.js";
