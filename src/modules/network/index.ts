import type { AppModule } from "../../platform/module.js";
import { seedNetworkDemo } from "./demo.js";
import { networkMessages } from "./messages.js";
import { networkRoutes } from "./routes.js";
import { warmNetworkAnalysis } from "./service.js";

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
  ],
  register: networkRoutes,
  seedDemo: seedNetworkDemo,
  jobs: [{ name: "analysis-cache", everyMs: 30_000, run: warmNetworkAnalysis }],
};
