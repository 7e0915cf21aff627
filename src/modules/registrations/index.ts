import type { AppModule } from "../../platform/module.js";
import { adminRoutes } from "./admin-routes.js";
import { seedRegistrationsDemo } from "./demo.js";
import {
  onActiveRegistrationsAsked,
  onAvailabilityAsked,
  onCapacityRaised,
  onEventChanged,
  onEventCopied,
} from "./event-changes.service.js";
import { participantCountsByEvent } from "./figures.js";
import { registrationsMessages } from "./messages.js";
import { networkingSection } from "./networking-section.js";
import { eventPageSection } from "./page-section.js";
import { eraseRegistrations, exportRegistrations } from "./privacy.js";
import { expireUnconfirmed, sendReminders } from "./reminders.service.js";
import { anonymiseRegistrations } from "./retention.js";
import { registrationRoutes } from "./routes.js";

export const registrationsModule: AppModule = {
  name: "registrations",
  messages: registrationsMessages,
  register(app, platform) {
    registrationRoutes(app, platform);
    adminRoutes(app, platform);
  },
  adminLinks: [
    { href: "/verwaltung/anmeldungen", label: "registrations.admin.nav", roles: ["admin", "editor"], order: 21 },
  ],
  subscribe(hooks) {
    hooks.on("events.changed", onEventChanged);
    hooks.on("events.capacityRaised", onCapacityRaised);
    hooks.on("events.availability", onAvailabilityAsked);
    hooks.on("events.copied", onEventCopied);
    hooks.on("events.activeRegistrations", onActiveRegistrationsAsked);
    hooks.on("retention.anonymiseEvent", ({ eventId }, { db }) => anonymiseRegistrations(db, eventId));
    hooks.on("privacy.exportPerson", exportRegistrations);
    hooks.on("privacy.eraseIdentity", eraseRegistrations);
    hooks.on("events.participants", ({ eventIds }, { db }) => participantCountsByEvent(db, eventIds));
  },
  sections: [eventPageSection, networkingSection],
  seedDemo: seedRegistrationsDemo,
  jobs: [
    { name: "expire-unconfirmed", everyMs: 60_000, run: async (platform) => void (await expireUnconfirmed(platform)) },
    { name: "reminders", everyMs: 15 * 60_000, run: async (platform) => void (await sendReminders(platform)) },
  ],
};

export {
  type AttendanceRow,
  attendanceCounts,
  attendanceList,
  clearCheckIn,
  findAttendance,
  findAttendanceById,
  findAttendanceByManageHash,
  findByTicketCode,
  markCheckedIn,
  presentList,
} from "./attendance.repo.js";
// For reports: registrations, confirmed, present, waitlist-only, participants — defined once, there.
export { participantsGroupedBy, type RegistrationFilter, registrationCountsByEvent } from "./figures.js";
export { listPlaceHolders, type PlaceHolder } from "./holdings.js";
// The public API of the registrations module, for modules further down the line.
export type { ManagePageSlot } from "./hooks.js";
export { manageUrl } from "./mails.js";
export { moveWorkshop } from "./organiser-desk.service.js";
export { listEventPreferences, type PreferenceRow, placeInWorkshops } from "./preferences.repo.js";
// A person's registrations, for the modules' parts of a data subject request (certificates).
export { personRegistrationIds } from "./privacy.js";
export { type RegistrationInput, register } from "./register.service.js";
export {
  getTicketById,
  getTicketByManageToken,
  listTicketHolders,
  type Ticket,
  type TicketHolder,
  type TicketHolderList,
} from "./tickets.service.js";
export { getAvailability } from "./view-models.js";
