import { section } from "../../platform/module.js";
import { getRegistrationSection } from "./register.service.js";
import { workshopSlots } from "./view-models.js";
import { organisationFieldScripts, RegistrationSection } from "./views/registration-section.js";

/** What this module adds to a public Fachtag page ("events.page"): free places and the form, or why it is closed. */
export const eventPageSection = section({
  slot: "events.page",
  order: 10,
  async render({ event, sessions, availability, scripts }, request) {
    if (!availability) return null;
    const { questions, organisationField } = await getRegistrationSection(request.server.platform, event);
    scripts.push(...organisationFieldScripts(organisationField));
    return (
      <RegistrationSection
        event={event}
        slots={workshopSlots(sessions)}
        availability={availability}
        questions={questions}
        organisationField={organisationField}
      />
    );
  },
});
