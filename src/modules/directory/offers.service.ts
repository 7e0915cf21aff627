import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess, userOf } from "./access.js";
import { diff, type Flat, recordChange } from "./change-log.service.js";
import * as offers from "./offers.repo.js";
import * as organisations from "./organisations.repo.js";
import { keptOrganisation, visibleOrganisation } from "./organisations.service.js";
import type { OfferInput, OfferQuery } from "./schema.js";
import { searchTerms, searchText, sortKey } from "./search.js";
import type { OffersTable, OrganisationsTable } from "./tables.js";
import { type OfferView, offerToView, parseList, resultPage, type SearchResult } from "./view-models.js";
import { educationAreas, labelOf, offerKinds } from "./vocab.js";

// Offers of an organisation (courses, counselling, places to learn …): kept by the
// organisation's members and the education office, listed and searched on /angebote.

const OFFERS_PAGE_SIZE = 20;

const flatOffer = (row: OffersTable): Flat => ({
  title: row.title,
  kind: row.kind,
  description: row.description,
  targetGroup: row.target_group,
  ageFrom: row.age_from,
  ageTo: row.age_to,
  area: row.area,
  cost: row.cost,
  accessRequirements: row.access_requirements,
  languages: parseList(row.languages).join(", "),
  ongoing: Boolean(row.ongoing),
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  schedule: row.schedule,
  place: row.place,
  contact: row.contact,
});

function offerColumns(input: OfferInput, org: OrganisationsTable) {
  return {
    title: input.title,
    kind: input.kind,
    description: input.description ?? null,
    target_group: input.targetGroup ?? null,
    age_from: input.ageFrom ?? null,
    age_to: input.ageTo ?? null,
    area: input.area ?? null,
    cost: input.cost ?? null,
    access_requirements: input.accessRequirements ?? null,
    languages: JSON.stringify(input.languages),
    ongoing: input.ongoing ? 1 : 0,
    starts_on: input.ongoing ? null : (input.startsOn ?? null),
    ends_on: input.ongoing ? null : (input.endsOn ?? null),
    schedule: input.schedule ?? null,
    place: input.place ?? null,
    contact: input.contact ?? null,
    search_text: searchText([
      input.title,
      labelOf(offerKinds, input.kind, "de"),
      input.description,
      input.targetGroup,
      input.area ? labelOf(educationAreas, input.area, "de") : undefined,
      ...input.languages,
      input.place,
      org.name,
      org.municipality,
    ]),
    sort_name: sortKey(input.title),
  };
}

export async function createOffer(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  input: OfferInput,
  locale: Locale = "de",
): Promise<OfferView> {
  const db = platform.db.kysely;
  directoryAccess.requireAccess(actor, "offer.edit", await keptOrganisation(db, organisationId));
  const org = visibleOrganisation(actor, await organisations.findOrganisation(db, organisationId));
  const now = nowIso();
  const row: OffersTable = {
    id: newId(),
    organisation_id: organisationId,
    ...offerColumns(input, org),
    created_by: userOf(actor)?.id ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await offers.insertOffer(trx, row);
    await recordChange(trx, userOf(actor), {
      entity: "offer",
      entityId: row.id,
      organisationId,
      action: "create",
      changes: diff({}, flatOffer(row)),
    });
    await platform.hooks.emit(
      "directory.organisationsChanged",
      { organisationIds: [organisationId] },
      { platform, db: trx },
    );
  });
  return offerToView(row, org, locale);
}

/** The offer and its organisation, once the actor's right to change them is checked. */
async function offerToChange(db: Conn, actor: Actor, offerId: string) {
  const offer = await offers.findOffer(db, offerId);
  if (!offer) throw new NotFoundError();
  directoryAccess.requireAccess(actor, "offer.edit", await keptOrganisation(db, offer.organisation_id));
  const org = await organisations.findOrganisation(db, offer.organisation_id);
  if (!org) throw new NotFoundError();
  return { offer, org };
}

export async function updateOffer(
  platform: Platform,
  actor: Actor,
  offerId: string,
  input: OfferInput,
  locale: Locale = "de",
): Promise<OfferView> {
  const db = platform.db.kysely;
  const { offer, org } = await offerToChange(db, actor, offerId);
  const values = { ...offerColumns(input, org), updated_at: nowIso() };
  const after = { ...offer, ...values };
  await db.transaction().execute(async (trx) => {
    await offers.updateOffer(trx, offerId, values);
    await recordChange(trx, userOf(actor), {
      entity: "offer",
      entityId: offerId,
      organisationId: org.id,
      action: "update",
      changes: diff(flatOffer(offer), flatOffer(after)),
    });
    await platform.hooks.emit("directory.organisationsChanged", { organisationIds: [org.id] }, { platform, db: trx });
  });
  return offerToView(after, org, locale);
}

/** Deletes an offer; returns the organisation's slug (its profile is where one goes next). */
export async function deleteOffer(platform: Platform, actor: Actor, offerId: string): Promise<{ slug: string }> {
  const db = platform.db.kysely;
  const { offer, org } = await offerToChange(db, actor, offerId);
  await db.transaction().execute(async (trx) => {
    await offers.deleteOffer(trx, offerId);
    await recordChange(trx, userOf(actor), {
      entity: "offer",
      entityId: offerId,
      organisationId: org.id,
      action: "delete",
      changes: diff(flatOffer(offer), {}),
    });
    await platform.hooks.emit("directory.organisationsChanged", { organisationIds: [org.id] }, { platform, db: trx });
  });
  return { slug: org.slug };
}

async function visibleOffer(
  db: Conn,
  actor: Actor,
  offerId: string,
): Promise<{ offer: OffersTable; org: OrganisationsTable }> {
  const offer = await offers.findOffer(db, offerId);
  if (!offer) throw new NotFoundError();
  const org = visibleOrganisation(actor, await organisations.findOrganisation(db, offer.organisation_id));
  return { offer, org };
}

/** The offer's page: the offer, and whether the viewer may change it. */
export async function getOfferPage(
  platform: Platform,
  actor: Actor,
  offerId: string,
  locale: Locale,
): Promise<{ offer: OfferView; canEdit: boolean }> {
  const db = platform.db.kysely;
  const { offer, org } = await visibleOffer(db, actor, offerId);
  return {
    offer: offerToView(offer, org, locale),
    canEdit: directoryAccess.can(actor, "offer.edit", await keptOrganisation(db, org.id)),
  };
}

/** An offer for its edit form, once the actor's right to change it is checked. */
export async function getOfferToEdit(
  platform: Platform,
  actor: Actor,
  offerId: string,
  locale: Locale,
): Promise<OfferView> {
  const db = platform.db.kysely;
  const { offer, org } = await visibleOffer(db, actor, offerId);
  directoryAccess.requireAccess(actor, "offer.edit", await keptOrganisation(db, org.id));
  return offerToView(offer, org, locale);
}

/** The editable input of an offer (to pre-fill its form). */
export function offerInputOf(v: OfferView): OfferInput {
  return {
    title: v.title,
    kind: v.kind,
    description: v.description,
    targetGroup: v.targetGroup,
    ageFrom: v.ageFrom,
    ageTo: v.ageTo,
    area: v.area as OfferInput["area"],
    cost: v.cost,
    accessRequirements: v.accessRequirements,
    languages: v.languages,
    ongoing: v.ongoing,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    schedule: v.schedule,
    place: v.place,
    contact: v.contact,
  };
}

export async function listOffersOf(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  locale: Locale = "de",
): Promise<OfferView[]> {
  const db = platform.db.kysely;
  const org = visibleOrganisation(actor, await organisations.findOrganisation(db, organisationId));
  const rows = await offers.offersOf(db, organisationId);
  return rows.map((r) => offerToView(r, org, locale));
}

/** The public list of offers of published organisations, searched and paginated. */
export async function searchOfferList(
  platform: Platform,
  query: OfferQuery,
  locale: Locale,
): Promise<SearchResult<OfferView>> {
  const page = query.seite;
  const { rows, total } = await offers.searchOffers(
    platform.db.kysely,
    { terms: searchTerms(query.q), kind: query.art, area: query.bereich, municipality: query.gemeinde },
    { limit: OFFERS_PAGE_SIZE, offset: (page - 1) * OFFERS_PAGE_SIZE },
  );
  const items = rows.map((r) =>
    offerToView(r, { name: r.org_name, slug: r.org_slug, municipality: r.org_municipality }, locale),
  );
  return resultPage(items, total, page, OFFERS_PAGE_SIZE);
}
