import type { AppModule } from "../../platform/module.js";
import { organisationsCooperatingWithKind, warmNetworkAnalysis } from "./analysis.service.js";
import { seedNetworkDemo } from "./demo.js";
import { networkMessages } from "./messages.js";
import { profileCooperationsSection } from "./profile-section.js";
import { networkRoutes } from "./routes.js";

export const networkModule: AppModule = {
  name: "network",
  messages: networkMessages,
  nav: [{ href: "/netzwerk", label: "network.nav", order: 30 }],
  adminLinks: [
    { href: "/verwaltung/kooperationen", label: "network.admin.cooperations", roles: ["admin"], order: 30 },
    {
      href: "/verwaltung/kooperationen/bestaetigen",
      label: "network.admin.confirm",
      roles: ["admin", "member"],
      order: 31,
    },
    { href: "/netzwerke", label: "network.admin.networks", roles: ["admin"], order: 32 },
    { href: "/kooperationen/neu", label: "network.admin.propose", roles: ["admin", "member"], order: 33 },
  ],
  register: networkRoutes,
  // The directory asks for its "Kooperiert mit" filter without knowing this module.
  subscribe(hooks) {
    hooks.on("directory.organisationsCooperatingWithKind", ({ kind }, { platform }) =>
      organisationsCooperatingWithKind(platform, kind),
    );
  },
  sections: [profileCooperationsSection],
  seedDemo: seedNetworkDemo,
  jobs: [{ name: "analysis-cache", everyMs: 30_000, run: warmNetworkAnalysis }],
};

// The network module's public API: what other modules and the directory's tests use.
// For reports: the analysis itself (one definition of "active cooperation", isolated
// actors, gaps), the same analysis as of several days (networkOnDays: isolated actors and
// gaps over time) and the cooperations started in a period (cooperationStarts).
export type { NetworkAnalysis } from "./analysis.js";
export { getNetworkAnalysis } from "./analysis.service.js";
export { organisationPicker, type PartnerPicker } from "./choices.service.js";
export { createCooperation } from "./cooperations.service.js";
export {
  confirmationStates,
  proposeCooperationFromFachtag,
  withdrawFachtagProposal,
} from "./fachtag-proposals.js";
export { type CooperationStarts, cooperationStarts, type NetworkOnDay, networkOnDays } from "./figures.js";
// The partner picker field (chosen, own, search matches) for forms that name organisations.
export { PartnerPickerField } from "./views/cooperations.js";
