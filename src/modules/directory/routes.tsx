import { join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { mountAssets, packageDir } from "../../platform/http/assets.js";
import { emptyForm, type FormState, handleForm, parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { addContact, listContactsForKeeping, removeContact, updateContact } from "./contacts.service.js";
import { exportDirectoryCsv, exportDirectoryJson, exportDirectoryXlsx } from "./export.service.js";
import { directoryFacets, filtersFromQuery, searchDirectory } from "./listing.service.js";
import { mapOutline, mapPicker } from "./map-outline.js";
import { myOrganisations } from "./members.service.js";
import {
  createOffer,
  deleteOffer,
  getOfferPage,
  getOfferToEdit,
  offerInputOf,
  searchOfferList,
  updateOffer,
} from "./offers.service.js";
import { inputOf } from "./organisation-input.js";
import { getOrganisationEditForm, getOrganisationToKeep, updateOrganisation } from "./organisations.service.js";
import { mapScripts, mapStyles, page } from "./page.js";
import { getProfile } from "./profile.service.js";
import { proposeOrganisation, startProposal } from "./proposals.service.js";
import {
  contactForm,
  directoryQuery,
  type OrganisationInput,
  offerForm,
  offerQuery,
  organisationForm,
  proposalForm,
} from "./schema.js";
import type { OfferView } from "./view-models.js";
import { ContactsPage, MyOrganisationsPage } from "./views/admin.js";
import { DirectoryPage, MapPage, ProfilePage } from "./views/directory.js";
import { OfferFormPage, OrganisationFormPage, ProposalPage } from "./views/forms.js";
import { OfferDetailPage, OfferListPage } from "./views/offers.js";

/** Pre-fills a form from an organisation (lists as comma-separated text, areas as a list). */
const organisationValues = (input: OrganisationInput): Record<string, unknown> => ({
  ...input,
  targetGroups: input.targetGroups.join(", "),
  themes: input.themes.join(", "),
  languages: input.languages.join(", "),
});

type Params<T extends string> = { Params: Record<T, string> };

/**
 * The filter forms send every field, also the empty ones ("?q=&art=&bereich=…"). A GET
 * with empty parameters is answered with a 302 to the same address without them, so
 * the address bar, bookmarks and shared links carry only the filters that were chosen.
 * Returns undefined when the address is clean already.
 */
function cleanFilterUrl(url: string): string | undefined {
  const index = url.indexOf("?");
  if (index < 0) return undefined;
  const params = new URLSearchParams(url.slice(index + 1));
  const kept = new URLSearchParams();
  let dropped = false;
  for (const [key, value] of params) {
    if (value.trim() === "" || (key === "seite" && value === "1")) dropped = true;
    else kept.append(key, value);
  }
  if (!dropped) return undefined;
  const query = kept.toString();
  return query ? `${url.slice(0, index)}?${query}` : url.slice(0, index);
}

const redirectToCleanUrl = (request: FastifyRequest, reply: FastifyReply) => {
  const clean = cleanFilterUrl(request.url);
  return clean ? reply.redirect(clean, 302) : undefined;
};

/** The public pages and the pages where organisations are kept (their members, admins). */
export function directoryRoutes(app: FastifyInstance, platform: Platform): void {
  mountAssets("leaflet", join(packageDir("leaflet"), "dist"));
  const outline = mapOutline(platform.config.map.outlineFile);

  // The district's outline and municipalities behind the map's points: the shipped
  // schematic file, or the operator's (MAP_OUTLINE_FILE, e.g. a VG250 extract).
  app.get("/akteure/karte/gebiet.geojson", async (_request, reply) =>
    reply
      .header("content-type", "application/geo+json; charset=utf-8")
      .header("cache-control", "public, max-age=86400")
      .send(outline.body),
  );

  // --- public: list, map, exports --------------------------------------------------------

  app.get("/akteure", async (request, reply) => {
    const clean = redirectToCleanUrl(request, reply);
    if (clean) return clean;
    const query = parseQuery(directoryQuery, request.query);
    const [result, facets] = await Promise.all([
      searchDirectory(platform, filtersFromQuery(query), { page: query.seite, locale: request.locale }),
      directoryFacets(platform, request.locale),
    ]);
    return page(
      reply,
      request.t("directory.list.title"),
      <DirectoryPage result={result} values={query} facets={facets} />,
    );
  });

  app.get("/akteure/karte", async (request, reply) => {
    const clean = redirectToCleanUrl(request, reply);
    if (clean) return clean;
    const query = parseQuery(directoryQuery, request.query);
    const [result, facets] = await Promise.all([
      searchDirectory(
        platform,
        { ...filtersFromQuery(query), sort: "name" },
        { pageSize: 1000, locale: request.locale },
      ),
      directoryFacets(platform, request.locale),
    ]);
    return page(
      reply,
      request.t("directory.map.title"),
      <MapPage
        items={result.items}
        total={result.total}
        values={{ ...query, sortierung: undefined }}
        facets={facets}
        map={mapPicker(platform)}
      />,
      { styles: mapStyles, scripts: mapScripts },
    );
  });

  const exportFilters = (request: FastifyRequest) => filtersFromQuery(parseQuery(directoryQuery, request.query));

  app.get("/akteure/export.csv", async (request, reply) =>
    reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="akteure.csv"')
      .send(await exportDirectoryCsv(platform, exportFilters(request))),
  );

  app.get("/akteure/export.xlsx", async (request, reply) =>
    reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", 'attachment; filename="akteure.xlsx"')
      .send(await exportDirectoryXlsx(platform, exportFilters(request))),
  );

  app.get("/akteure/export.json", async (request, reply) => {
    const items = await exportDirectoryJson(platform, exportFilters(request));
    return reply
      .header("content-type", "application/json; charset=utf-8")
      .header("content-disposition", 'inline; filename="akteure.json"')
      .send(JSON.stringify({ items, total: items.length }));
  });

  // --- public: proposal ------------------------------------------------------------------

  app.get("/akteure/vorschlagen", async (request, reply) =>
    page(
      reply,
      request.t("directory.propose.title"),
      <ProposalPage form={emptyForm} kinds={await startProposal(platform, request.actor, request.locale)} />,
    ),
  );

  app.post(
    "/akteure/vorschlagen",
    { config: { rateLimit: { max: 10, timeWindow: "10 minutes" } } },
    async (request, reply) =>
      handleForm(
        request,
        proposalForm,
        async (data) => {
          await proposeOrganisation(platform, request.actor, data);
          return reply.flash("success", "directory.propose.thanks").redirect("/akteure", 303);
        },
        async (form, status) =>
          page(
            reply,
            request.t("directory.propose.title"),
            <ProposalPage form={form} kinds={await startProposal(platform, request.actor, request.locale)} />,
            { status },
          ),
      ),
  );

  // --- member's own organisations --------------------------------------------------------

  app.get("/akteure/meine", async (request, reply) => {
    const organisations = await myOrganisations(platform, request.actor, request.locale);
    return page(reply, request.t("directory.mine.title"), <MyOrganisationsPage organisations={organisations} />);
  });

  // --- profile and keeping -----------------------------------------------------------------

  app.get<Params<"slug">>("/akteure/:slug", async (request, reply) => {
    const profile = await getProfile(platform, request.actor, request.params.slug, request.locale);
    // Other modules (the network's cooperations) add their sections below the contacts.
    const sections = await platform.contributions.renderSections(
      "directory.profile",
      { organisationId: profile.organisation.id, locale: request.locale },
      request,
    );
    return page(reply, profile.organisation.name, <ProfilePage profile={profile} sections={sections} />);
  });

  const editPage = async (
    request: FastifyRequest<Params<"slug">>,
    reply: FastifyReply,
    form?: FormState,
    status = 200,
  ) => {
    const { organisation: o, kinds } = await getOrganisationEditForm(
      platform,
      request.actor,
      request.params.slug,
      request.locale,
    );
    const title = request.t("directory.edit.title", { name: o.name });
    return page(
      reply,
      title,
      <OrganisationFormPage
        title={title}
        action={`/akteure/${o.slug}/bearbeiten`}
        form={form ?? { values: organisationValues(inputOf(o)), errors: {} }}
        kinds={kinds}
        cancelHref={`/akteure/${o.slug}`}
        map={mapPicker(platform)}
      />,
      { status, styles: mapStyles, scripts: mapScripts },
    );
  };

  app.get<Params<"slug">>("/akteure/:slug/bearbeiten", async (request, reply) => editPage(request, reply));

  app.post<Params<"slug">>("/akteure/:slug/bearbeiten", async (request, reply) => {
    const { organisation: o } = await getOrganisationEditForm(
      platform,
      request.actor,
      request.params.slug,
      request.locale,
    );
    return handleForm(
      request,
      organisationForm,
      async (data) => {
        await updateOrganisation(platform, request.actor, o.id, data, request.locale);
        return reply.flash("success", "flash.saved").redirect(`/akteure/${o.slug}`, 303);
      },
      (form, status) => editPage(request, reply, form, status),
    );
  });

  // offers of an organisation
  const newOfferPage = async (
    request: FastifyRequest<Params<"slug">>,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const o = await getOrganisationToKeep(platform, request.actor, request.params.slug, "offer.edit", request.locale);
    const title = request.t("directory.offer.new");
    return page(
      reply,
      title,
      <OfferFormPage
        title={title}
        organisationName={o.name}
        action={`/akteure/${o.slug}/angebote/neu`}
        form={form}
        cancelHref={`/akteure/${o.slug}`}
      />,
      { status },
    );
  };

  app.get<Params<"slug">>("/akteure/:slug/angebote/neu", async (request, reply) =>
    newOfferPage(request, reply, { values: { ongoing: true }, errors: {} }),
  );

  app.post<Params<"slug">>("/akteure/:slug/angebote/neu", async (request, reply) => {
    const o = await getOrganisationToKeep(platform, request.actor, request.params.slug, "offer.edit", request.locale);
    return handleForm(
      request,
      offerForm,
      async (data) => {
        const offer = await createOffer(platform, request.actor, o.id, data, request.locale);
        return reply.flash("success", "directory.offer.saved").redirect(`/angebote/${offer.id}`, 303);
      },
      (form, status) => newOfferPage(request, reply, form, status),
    );
  });

  // contacts
  const contactsPage = async (
    request: FastifyRequest<{ Params: { slug: string; contactId?: string } }>,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const o = await getOrganisationToKeep(
      platform,
      request.actor,
      request.params.slug,
      "contact.manage",
      request.locale,
    );
    const contacts = await listContactsForKeeping(platform, request.actor, o.id);
    const editingId = request.params.contactId;
    const editing = editingId ? contacts.find((c) => c.id === editingId) : undefined;
    if (editingId && !editing) return reply.callNotFound();
    const values =
      editing && Object.keys(form.values).length === 0 && Object.keys(form.errors).length === 0
        ? { ...editing }
        : form.values;
    return page(
      reply,
      request.t("directory.contacts.title", { name: o.name }),
      <ContactsPage organisation={o} contacts={contacts} form={{ values, errors: form.errors }} editing={editing} />,
      { status },
    );
  };

  app.get<Params<"slug">>("/akteure/:slug/kontakte", async (request, reply) => contactsPage(request, reply, emptyForm));

  app.post<Params<"slug">>("/akteure/:slug/kontakte", async (request, reply) => {
    const o = await getOrganisationToKeep(
      platform,
      request.actor,
      request.params.slug,
      "contact.manage",
      request.locale,
    );
    return handleForm(
      request,
      contactForm,
      async (data) => {
        await addContact(platform, request.actor, o.id, data);
        return reply.flash("success", "flash.saved").redirect(`/akteure/${o.slug}/kontakte`, 303);
      },
      (form, status) => contactsPage(request, reply, form, status),
    );
  });

  app.get<Params<"slug" | "contactId">>("/akteure/:slug/kontakte/:contactId", async (request, reply) =>
    contactsPage(request, reply, emptyForm),
  );

  app.post<Params<"slug" | "contactId">>("/akteure/:slug/kontakte/:contactId", async (request, reply) => {
    const o = await getOrganisationToKeep(
      platform,
      request.actor,
      request.params.slug,
      "contact.manage",
      request.locale,
    );
    return handleForm(
      request,
      contactForm,
      async (data) => {
        await updateContact(platform, request.actor, o.id, request.params.contactId, data);
        return reply.flash("success", "flash.saved").redirect(`/akteure/${o.slug}/kontakte`, 303);
      },
      (form, status) => contactsPage(request, reply, form, status),
    );
  });

  app.post<Params<"slug" | "contactId">>("/akteure/:slug/kontakte/:contactId/loeschen", async (request, reply) => {
    const o = await getOrganisationToKeep(
      platform,
      request.actor,
      request.params.slug,
      "contact.manage",
      request.locale,
    );
    await removeContact(platform, request.actor, o.id, request.params.contactId);
    return reply.flash("success", "directory.contacts.removed").redirect(`/akteure/${o.slug}/kontakte`, 303);
  });

  // --- offers --------------------------------------------------------------------------------

  app.get("/angebote", async (request, reply) => {
    const clean = redirectToCleanUrl(request, reply);
    if (clean) return clean;
    const query = parseQuery(offerQuery, request.query);
    const result = await searchOfferList(platform, query, request.locale);
    return page(reply, request.t("directory.offers.title"), <OfferListPage result={result} values={query} />);
  });

  app.get<Params<"id">>("/angebote/:id", async (request, reply) => {
    const { offer, canEdit } = await getOfferPage(platform, request.actor, request.params.id, request.locale);
    return page(reply, offer.title, <OfferDetailPage offer={offer} canKeep={canEdit} />);
  });

  const offerEditPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    offer: OfferView,
    form: FormState,
    status = 200,
  ) => {
    const title = request.t("directory.offer.editTitle", { title: offer.title });
    return page(
      reply,
      title,
      <OfferFormPage
        title={title}
        organisationName={offer.organisationName}
        action={`/angebote/${offer.id}/bearbeiten`}
        form={form}
        cancelHref={`/angebote/${offer.id}`}
      />,
      { status },
    );
  };

  app.get<Params<"id">>("/angebote/:id/bearbeiten", async (request, reply) => {
    const offer = await getOfferToEdit(platform, request.actor, request.params.id, request.locale);
    const input = offerInputOf(offer);
    return offerEditPage(request, reply, offer, {
      values: { ...input, languages: input.languages.join(", ") },
      errors: {},
    });
  });

  app.post<Params<"id">>("/angebote/:id/bearbeiten", async (request, reply) => {
    const offer = await getOfferToEdit(platform, request.actor, request.params.id, request.locale);
    return handleForm(
      request,
      offerForm,
      async (data) => {
        await updateOffer(platform, request.actor, offer.id, data, request.locale);
        return reply.flash("success", "directory.offer.saved").redirect(`/angebote/${offer.id}`, 303);
      },
      (form, status) => offerEditPage(request, reply, offer, form, status),
    );
  });

  app.post<Params<"id">>("/angebote/:id/loeschen", async (request, reply) => {
    const org = await deleteOffer(platform, request.actor, request.params.id);
    return reply.flash("success", "directory.offer.deleted").redirect(`/akteure/${org.slug}`, 303);
  });
}
