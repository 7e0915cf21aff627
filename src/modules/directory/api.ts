import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Platform } from "../../platform/platform.js";
import { offerJson, organisationJson } from "./api-json.js";
import { searchDirectory } from "./listing.service.js";
import { createOffer, listOffersOf } from "./offers.service.js";
import { inputFromApi } from "./organisation-input.js";
import { createOrganisation, getOrganisationById, patchOrganisation } from "./organisations.service.js";
import {
  apiIdParams,
  apiOffer,
  apiOfferCreate,
  apiOfferList,
  apiOrganisation,
  apiOrganisationCreate,
  apiOrganisationList,
  apiOrganisationPatch,
  apiOrganisationQuery,
  type OfferInput,
} from "./schema.js";

const tags = ["Akteure"];
const bearer = [{ bearerAuth: [] }];

/** The directory's JSON API under /api/v1 (schemas, which are the contract, in schema.ts). */
export function apiRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const baseUrl = platform.config.baseUrl;

  app.get(
    "/api/v1/organisations",
    {
      schema: {
        tags,
        summary: "Akteure suchen und filtern (veröffentlichte)",
        querystring: apiOrganisationQuery,
        response: { 200: apiOrganisationList },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await searchDirectory(
        platform,
        {
          q: q.q,
          kind: q.kind,
          area: q.area,
          municipality: q.municipality,
          theme: q.theme,
          partnerKind: q.partnerKind,
        },
        { pageSize: q.limit, offset: q.offset },
      );
      return { items: result.items.map((o) => organisationJson(o, baseUrl)), total: result.total };
    },
  );

  app.post(
    "/api/v1/organisations",
    {
      schema: {
        tags,
        summary: "Akteur anlegen (Bildungsbüro; sofort veröffentlicht)",
        security: bearer,
        body: apiOrganisationCreate,
        response: { 201: apiOrganisation },
      },
    },
    async (request, reply) => {
      const created = await createOrganisation(platform, request.actor, inputFromApi(request.body));
      return reply
        .code(201)
        .header("location", `/api/v1/organisations/${created.id}`)
        .send(organisationJson(created, baseUrl));
    },
  );

  app.get(
    "/api/v1/organisations/:id",
    {
      schema: {
        tags,
        summary: "Einen Akteur lesen",
        params: apiIdParams,
        response: { 200: apiOrganisation },
      },
    },
    async (request) => organisationJson(await getOrganisationById(platform, request.actor, request.params.id), baseUrl),
  );

  app.patch(
    "/api/v1/organisations/:id",
    {
      schema: {
        tags,
        summary: "Akteur ändern (Bildungsbüro oder verknüpfte Vertretung; null löscht ein Feld)",
        security: bearer,
        params: apiIdParams,
        body: apiOrganisationPatch,
        response: { 200: apiOrganisation },
      },
    },
    async (request) =>
      organisationJson(await patchOrganisation(platform, request.actor, request.params.id, request.body), baseUrl),
  );

  app.get(
    "/api/v1/organisations/:id/offers",
    {
      schema: {
        tags,
        summary: "Angebote eines Akteurs",
        params: apiIdParams,
        response: { 200: apiOfferList },
      },
    },
    async (request) => {
      const offers = await listOffersOf(platform, request.actor, request.params.id);
      return { items: offers.map((o) => offerJson(o, baseUrl)), total: offers.length };
    },
  );

  app.post(
    "/api/v1/organisations/:id/offers",
    {
      schema: {
        tags,
        summary: "Angebot anlegen (Bildungsbüro oder verknüpfte Vertretung)",
        security: bearer,
        params: apiIdParams,
        body: apiOfferCreate,
        response: { 201: apiOffer },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const input: OfferInput = {
        title: b.title,
        kind: b.kind,
        description: b.description || undefined,
        targetGroup: b.targetGroup || undefined,
        ageFrom: b.ageFrom,
        ageTo: b.ageTo,
        area: b.area,
        cost: b.cost || undefined,
        accessRequirements: b.accessRequirements || undefined,
        languages: b.languages ?? [],
        ongoing: b.ongoing,
        startsOn: b.startsOn,
        endsOn: b.endsOn,
        schedule: b.schedule || undefined,
        place: b.place || undefined,
        contact: b.contact || undefined,
      };
      const offer = await createOffer(platform, request.actor, request.params.id, input);
      return reply.code(201).header("location", `/angebote/${offer.id}`).send(offerJson(offer, baseUrl));
    },
  );
}
