import type { AppModule } from "../../platform/module.js";
import { manageSection } from "./manage-section.js";
import { ticketsMessages } from "./messages.js";
import { ticketRoutes } from "./routes.js";

/** Tickets with QR codes, name badges and signature lists of a Fachtag. */
export const ticketsModule: AppModule = {
  name: "tickets",
  messages: ticketsMessages,
  register(app, platform) {
    ticketRoutes(app, platform);
  },
  sections: [manageSection],
};
