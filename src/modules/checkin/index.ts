import type { AppModule } from "../../platform/module.js";
import { checkinMessages } from "./messages.js";
import { checkinRoutes } from "./routes.js";

/** Check-in on the day (Einlass): by QR code or name, offline-safe, walk-ins, live count. */
export const checkinModule: AppModule = {
  name: "checkin",
  messages: checkinMessages,
  register: checkinRoutes,
  adminLinks: [{ href: "/verwaltung/einlass", label: "checkin.nav", roles: ["admin", "editor", "checkin"], order: 22 }],
};
