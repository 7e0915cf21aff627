import type { AppModule } from "../../platform/module.js";
import { certificateCodesFor, keepCertificatesOfEvent, sendDue } from "./certificates.service.js";
import { seedCertificatesDemo } from "./demo.js";
import { manageSection } from "./manage-section.js";
import { certificatesMessages } from "./messages.js";
import { exportCertificates, keepCertificatesOfPerson } from "./privacy.js";
import { certificateRoutes } from "./routes.js";

/** Attendance certificates (Teilnahmebescheinigungen) with a public verification code. */
export const certificatesModule: AppModule = {
  name: "certificates",
  messages: certificatesMessages,
  register: certificateRoutes,
  sections: [manageSection],
  subscribe(hooks) {
    hooks.on("registrations.apiListFields", ({ registrationIds }, ctx) => certificateCodesFor(ctx, registrationIds));
    hooks.on("retention.anonymiseEvent", ({ eventId }, { db }) => keepCertificatesOfEvent(db, eventId));
    hooks.on("privacy.exportPerson", exportCertificates);
    hooks.on("privacy.erasePerson", keepCertificatesOfPerson);
  },
  jobs: [{ name: "certificates-send", everyMs: 15 * 60_000, run: async (platform) => void (await sendDue(platform)) }],
  seedDemo: seedCertificatesDemo,
};
