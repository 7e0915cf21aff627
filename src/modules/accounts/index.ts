import { randomBytes } from "node:crypto";
import type { AppModule } from "../../platform/module.js";
import type { NavItem } from "../../platform/views/page-context.js";
import { accountsMessages } from "./messages.js";
import { accountsRoutes } from "./routes.js";
import { DEMO_PASSWORD, seedDemoAccounts } from "./service.js";
import { actorForSession } from "./session.js";

const adminLinks: NavItem[] = [
  { href: "/verwaltung/benutzer", label: "accounts.users.link", roles: ["admin"], order: 900 },
];

export const accountsModule: AppModule = {
  name: "accounts",
  messages: accountsMessages,
  nav: [{ href: "/verwaltung", label: "accounts.nav.admin", roles: ["admin", "editor", "member"], order: 1000 }],
  adminLinks,
  resolveActor: actorForSession,
  register(app, platform) {
    accountsRoutes(app, platform);
  },
  async seedDemo({ platform, announce }) {
    // Outside production everybody may know the demo password; in production it is random and unknown.
    const password = platform.config.isProduction ? randomBytes(18).toString("base64url") : DEMO_PASSWORD;
    for (const line of await seedDemoAccounts(platform, password)) announce(line);
  },
};
