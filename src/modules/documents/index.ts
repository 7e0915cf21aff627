import { translator } from "../../platform/i18n/i18n.js";
import type { AppModule } from "../../platform/module.js";
import "./hooks.js";
import { seedDocumentsDemo } from "./demo.js";
import { deleteFilesOfEvent, deleteInternalDocumentsOfEvent, publicDownloads } from "./documents.service.js";
import { documentsMessages } from "./messages.js";
import { eventDocumentsSection } from "./page-section.js";
import { documentsRoutes } from "./routes.js";
import { documentDetails } from "./views/public-section.js";

/**
 * A Fachtag's documents: documentation, press release, slides of programme items, photos.
 * Organisers upload them; public ones appear on the Fachtag's page and in the archive.
 */
export const documentsModule: AppModule = {
  name: "documents",
  messages: documentsMessages,
  register: documentsRoutes,
  sections: [eventDocumentsSection],
  subscribe(hooks) {
    hooks.on("events.downloads", ({ events, locale }, { db }) => {
      const t = translator(locale);
      return publicDownloads(db, events, (d) => documentDetails(t, d, locale));
    });
    hooks.on("events.deleting", ({ eventId }, { platform, db }) => deleteFilesOfEvent(platform, db, eventId));
    hooks.on("retention.anonymiseEvent", ({ eventId }, { platform, db }) =>
      deleteInternalDocumentsOfEvent(platform, db, eventId),
    );
  },
  seedDemo: seedDocumentsDemo,
};
