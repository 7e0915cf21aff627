import type { AppModule } from "../../platform/module.js";
import { accountRoutes } from "./account.routes.js";
import { seedDemoAccounts } from "./demo.js";
import { accountsMessages } from "./messages.js";
import { eraseAccount, exportAccount } from "./privacy.js";
import { actorForSession } from "./session.js";
import { signInRoutes } from "./sign-in.routes.js";
import { usersRoutes } from "./users.routes.js";

export const accountsModule: AppModule = {
  name: "accounts",
  messages: accountsMessages,
  nav: [
    { href: "/verwaltung", label: "accounts.nav.admin", roles: ["admin", "editor", "member", "checkin"], order: 1000 },
  ],
  adminLinks: [{ href: "/verwaltung/benutzer", label: "accounts.users.link", roles: ["admin"], order: 900 }],
  resolveActor: actorForSession,
  register(app, platform) {
    signInRoutes(app, platform);
    accountRoutes(app, platform);
    usersRoutes(app, platform);
  },
  subscribe(hooks) {
    hooks.on("privacy.exportPerson", exportAccount);
    hooks.on("privacy.eraseIdentity", eraseAccount);
  },
  seedDemo: seedDemoAccounts,
};

// Data subject requests (privacy) find the account of an address through this.
export { accountIdForEmail } from "./privacy.js";
// The operator's tools (command line, test factories) create accounts and tokens through these.
export { createTokenForAccount } from "./tokens.service.js";
// Modules above create an account as part of their own change (the directory: an account for
// an organisation's representative); the permission stays with accounts (users.manage).
export { createUserWithPassword, type InvitationOptions, inviteUser } from "./users.service.js";
