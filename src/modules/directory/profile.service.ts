import type { Actor } from "../../platform/auth/actor.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess } from "./access.js";
import * as contacts from "./contacts.repo.js";
import * as offers from "./offers.repo.js";
import { getOrganisationBySlug, keptOrganisation } from "./organisations.service.js";
import {
  type ContactView,
  contactToView,
  isPublicContact,
  type OfferView,
  type OrganisationView,
  offerToView,
} from "./view-models.js";

// The public profile page of an organisation. Other modules add their sections to it
// through the "directory.profile" slot (hooks.ts).

export interface Profile {
  organisation: OrganisationView;
  offers: OfferView[];
  contacts: ContactView[];
  /** May the viewer change the entry, its offers and contacts? */
  canKeep: boolean;
  /** May the viewer link accounts to the organisation? */
  canLinkMembers: boolean;
}

/** The profile: offers, and contacts — only those with recorded consent unless the viewer keeps it. */
export async function getProfile(platform: Platform, actor: Actor, slug: string, locale: Locale): Promise<Profile> {
  const db = platform.db.kysely;
  const organisation = await getOrganisationBySlug(platform, actor, slug, locale);
  const kept = await keptOrganisation(db, organisation.id);
  const [offerRows, contactRows] = await Promise.all([
    offers.offersOf(db, organisation.id),
    contacts.contactsOf(db, organisation.id),
  ]);
  const contactViews = contactRows.map(contactToView);
  return {
    organisation,
    offers: offerRows.map((o) => offerToView(o, organisation, locale)),
    contacts: directoryAccess.can(actor, "contact.manage", kept) ? contactViews : contactViews.filter(isPublicContact),
    canKeep: directoryAccess.can(actor, "organisation.edit", kept),
    canLinkMembers: directoryAccess.can(actor, "members.link", undefined),
  };
}
