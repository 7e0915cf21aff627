import type { AppModule } from "../../platform/module.js";
import "./hooks.js";
import { privacyMessages } from "./messages.js";
import { type ErasureReport, erasePersonData, exportPersonData } from "./privacy.service.js";
import { privacyRoutes } from "./routes.js";

/**
 * Data subject requests (DSGVO Art. 15 and 17) for one e-mail address: the admin page
 * /verwaltung/datenschutz and the commands privacy:export / privacy:erase. Modules that keep
 * personal data answer the hooks "privacy.exportPerson", "privacy.erasePerson" and
 * "privacy.eraseIdentity" (hooks.ts).
 */
export const privacyModule: AppModule = {
  name: "privacy",
  messages: privacyMessages,
  adminLinks: [{ href: "/verwaltung/datenschutz", label: "dsr.link", roles: ["admin"], order: 955 }],
  register: privacyRoutes,
};

/** The erasure's figures as one German line for the terminal. */
export function erasureLine(report: ErasureReport): string {
  const de = privacyMessages.de;
  const words = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([key, n]) => `${de[`dsr.count.${key}`] ?? key}: ${n}`)
      .join(", ") || (de["dsr.flash.none"] as string);
  return (de["dsr.flash.erased"] as string)
    .replace("{removed}", words(report.removed))
    .replace("{kept}", words(report.kept));
}

// The command line answers requests as the system.
export { erasePersonData, exportPersonData };
