import type { AppModule } from "../../platform/module.js";

/** Check-in on the day (Einlass): by QR code or name, offline-safe, walk-ins, live count. */
export const checkinModule: AppModule = {
  name: "checkin",
};
