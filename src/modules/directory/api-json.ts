import type { z } from "zod";
import type { apiOffer, apiOrganisation } from "./schema.js";
import type { OfferView, OrganisationView } from "./view-models.js";

// The API's JSON objects (the contract's fields plus a few more), also the JSON export.

export type ApiOrganisation = z.output<typeof apiOrganisation>;
export type ApiOffer = z.output<typeof apiOffer>;

/** The API's organisation object (contract fields plus a few more). */
export function organisationJson(o: OrganisationView, baseUrl: string): ApiOrganisation {
  const address =
    o.street || o.postalCode || o.city
      ? {
          ...(o.street ? { street: o.street } : {}),
          ...(o.postalCode ? { postalCode: o.postalCode } : {}),
          ...(o.city ? { city: o.city } : {}),
        }
      : undefined;
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    kindLabel: o.kindLabel,
    areas: o.areas as ApiOrganisation["areas"],
    municipality: o.municipality,
    ...(address ? { address } : {}),
    ...(o.lat !== undefined && o.lon !== undefined ? { geo: { lat: o.lat, lon: o.lon } } : {}),
    ...(o.website ? { website: o.website } : {}),
    ...(o.email ? { email: o.email } : {}),
    ...(o.phone ? { phone: o.phone } : {}),
    ...(o.description ? { description: o.description } : {}),
    themes: o.themes,
    targetGroups: o.targetGroups,
    languages: o.languages,
    ...(o.carrierType ? { carrierType: o.carrierType } : {}),
    ...(o.carrierName ? { carrierName: o.carrierName } : {}),
    ...(o.accessibility ? { accessibility: o.accessibility } : {}),
    status: o.status,
    url: `${baseUrl}/akteure/${o.slug}`,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function offerJson(o: OfferView, baseUrl: string): ApiOffer {
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    id: o.id,
    organisationId: o.organisationId,
    title: o.title,
    kind: o.kind,
    ...optional("description", o.description),
    ...optional("targetGroup", o.targetGroup),
    ...optional("ageFrom", o.ageFrom),
    ...optional("ageTo", o.ageTo),
    ...optional("area", o.area as ApiOffer["area"]),
    ...optional("cost", o.cost),
    ...optional("accessRequirements", o.accessRequirements),
    languages: o.languages,
    ongoing: o.ongoing,
    ...optional("startsOn", o.startsOn),
    ...optional("endsOn", o.endsOn),
    ...optional("schedule", o.schedule),
    ...optional("place", o.place),
    ...optional("contact", o.contact),
    url: `${baseUrl}/angebote/${o.id}`,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
