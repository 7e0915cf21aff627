import { section } from "../../platform/module.js";
import { outcomesAccess } from "./access.js";
import { agreementsForProfile, outcomesOf } from "./outcomes.service.js";
import { outcomesBase } from "./views/outcomes-page.js";
import { EventOutcomesSection, ProfileAgreementsSection } from "./views/public-section.js";

/**
 * Results and agreements on a Fachtag's public page (slot "events.documents", before the
 * downloads): once the Fachtag is past, its page is its documentation. Its organisers get
 * the link to write them.
 */
export const eventOutcomesSection = section({
  slot: "events.documents",
  order: 5,
  async render({ event }, request) {
    const { results, agreements } = await outcomesOf(request.server.platform.db.kysely, event);
    const canManage = outcomesAccess.can(request.actor, "outcomes.manage", event);
    if (!results && !agreements.length && !canManage) return null;
    return (
      <>
        {canManage ? (
          <p class="kern-body">
            <a class="kern-link" href={outcomesBase(event.id)}>
              {request.t("outcomes.manage.link")}
            </a>
          </p>
        ) : null}
        <EventOutcomesSection results={results} agreements={agreements} />
      </>
    );
  },
});

/** The agreements from Fachtagen an organisation is part of, on its profile ("directory.profile"). */
export const profileAgreementsSection = section({
  slot: "directory.profile",
  order: 35,
  async render({ organisationId }, request) {
    const agreements = await agreementsForProfile(request.server.platform.db.kysely, organisationId);
    if (!agreements.length) return null;
    return <ProfileAgreementsSection agreements={agreements} />;
  },
});
