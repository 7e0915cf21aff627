import type { AppModule } from "../../platform/module.js";
import { accountSection } from "./account-section.js";
import { homeSection } from "./home-section.js";
import { notificationsMessages } from "./messages.js";
import { runDigest } from "./notifications.service.js";
import { eraseSubscription, exportSubscription } from "./privacy.js";
import { notificationRoutes } from "./routes.js";

/**
 * E-mail digests (daily or weekly) of new Austausch posts and new Fachtage for those who
 * subscribed, with one-click unsubscribe, and Atom feeds of posts and Fachtage.
 */
export const notificationsModule: AppModule = {
  name: "notifications",
  messages: notificationsMessages,
  adminLinks: [
    {
      href: "/konto/benachrichtigungen",
      label: "notifications.nav",
      roles: ["admin", "editor", "member", "checkin"],
      order: 950,
    },
  ],
  register: notificationRoutes,
  subscribe(hooks) {
    hooks.on("privacy.exportPerson", exportSubscription);
    hooks.on("privacy.erasePerson", eraseSubscription);
  },
  sections: [homeSection, accountSection],
  // Hourly: each subscription is looked at once its day or week is over (see runDigest).
  jobs: [
    { name: "notifications-digest", everyMs: 3600_000, run: async (platform) => void (await runDigest(platform)) },
  ],
};
