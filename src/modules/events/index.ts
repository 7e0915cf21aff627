import type { AppModule } from "../../platform/module.js";
import { seedEventsDemo } from "./demo.js";
import { messages } from "./messages.js";
import { eventRoutes } from "./routes.js";

export const eventsModule: AppModule = {
  name: "events",
  messages,
  nav: [{ href: "/fachtage", label: "events.nav", order: 20 }],
  adminLinks: [{ href: "/verwaltung/fachtage", label: "events.admin.link", roles: ["admin", "editor"], order: 20 }],
  register: eventRoutes,
  seedDemo: seedEventsDemo,
};

// The events module's public service API: what other modules may use.
export {
  type EventView,
  getEventForRegistration,
  listManagedEvents,
  listPublicEvents,
  listUpcomingEvents,
} from "./service.js";
