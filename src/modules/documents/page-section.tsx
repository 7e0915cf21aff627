import { section } from "../../platform/module.js";
import { publicDocuments } from "./documents.service.js";
import { DocumentsSection, documentsStyles } from "./views/public-section.js";

/** The downloads of a Fachtag on its public page ("events.documents"), past Fachtage included. */
export const eventDocumentsSection = section({
  slot: "events.documents",
  order: 10,
  async render({ event, sessions, styles }, request) {
    // Slides of a programme item are shown at that item (events.downloads); the rest here.
    const documents = (await publicDocuments(request.server.platform.db.kysely, event, sessions)).filter(
      (d) => d.sessionId === null,
    );
    if (!documents.length) return null;
    styles.push(...documentsStyles);
    return <DocumentsSection documents={documents} />;
  },
});
