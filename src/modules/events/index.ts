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

// The events module's public API: what other modules use. Functions that take `db`
// accept an open transaction, so a caller's decision and its reads share one lock.
export { canManageEvent, type OwnedEvent } from "./access.js";
export {
  changeCapacities,
  listEventsStartingBetween,
  listWorkshops,
  lockEventForCapacity,
  markAllocationPublished,
} from "./capacity.js";
export type { EventView, SessionView } from "./event-views.js";
export { getVisibleEvent, listManagedEvents } from "./events.service.js";
export type { EventAvailability, EventChanges, EventDownload } from "./hooks.js";
export { eventIcs } from "./ics.js";
export { getEventForRegistration, listPublicEvents, listUpcomingEvents } from "./listing.service.js";
export { listSessions } from "./programme.service.js";
export { type RegistrationClosedReason, type RegistrationState, registrationState } from "./registration-state.js";
export { personalDataDueAt } from "./retention.js";
export { listEventsWithPersonalData, markPersonalDataRemoved } from "./retention.repo.js";
export { timeSlots } from "./slots.js";
