import type { AppModule } from "../../platform/module.js";
import { registrationsMessages } from "./messages.js";
import { registrationRoutes } from "./routes.js";
import { expireUnconfirmed, sendReminders } from "./service.js";

export const registrationsModule: AppModule = {
  name: "registrations",
  messages: registrationsMessages,
  register: registrationRoutes,
  adminLinks: [
    { href: "/verwaltung/anmeldungen", label: "registrations.admin.nav", roles: ["admin", "editor"], order: 21 },
  ],
  jobs: [
    { name: "expire-unconfirmed", everyMs: 60_000, run: async (platform) => void (await expireUnconfirmed(platform)) },
    { name: "reminders", everyMs: 15 * 60_000, run: async (platform) => void (await sendReminders(platform)) },
  ],
};
