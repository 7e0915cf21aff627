import type { AppModule } from "../../platform/module.js";

/** Tickets with QR codes, name badges and signature lists of a Fachtag. */
export const ticketsModule: AppModule = {
  name: "tickets",
};
