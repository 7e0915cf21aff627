import { join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { requireRole, requireUser } from "../../platform/auth/actor.js";
import { mountAssets, packageDir } from "../../platform/http/assets.js";
import { ValidationError } from "../../platform/http/errors.js";
import { parseForm } from "../../platform/http/forms.js";
import type { Translate } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { assetVersion } from "../../platform/views/layout.js";
import { cooperationsForProfile } from "./cooperations.js";
import { organisationJson, toCsv, toXlsx } from "./export.js";
import { checkImport, decodeCsv, type Encoding } from "./import.js";
import {
  contactForm,
  directoryQuery,
  kindForm,
  memberForm,
  type OrganisationInput,
  offerForm,
  offerQuery,
  organisationForm,
  proposalForm,
} from "./schema.js";
import * as service from "./service.js";
import {
  AdminListPage,
  ChangesPage,
  ContactsPage,
  ImportPage,
  KindsPage,
  MembersPage,
  MyOrganisationsPage,
  ProposalsPage,
} from "./views/admin.js";
import { DirectoryPage, MapPage, ProfilePage } from "./views/directory.js";
import { emptyForm, type FormState, OfferFormPage, OrganisationFormPage, ProposalPage } from "./views/forms.js";
import { OfferDetailPage, OfferListPage } from "./views/offers.js";
import { districtCentre } from "./vocab.js";

export const directoryStyles = [`/assets/directory.css?v=${assetVersion}`];
const mapStyles = [`/assets/leaflet/leaflet.css?v=${assetVersion}`, ...directoryStyles];
const mapScripts = [`/assets/directory-map.js?v=${assetVersion}`];

/** Field errors a service reported (catalogue keys), translated for the form. */
function serviceFieldErrors(error: unknown, t: Translate): Record<string, string> | undefined {
  if (!(error instanceof ValidationError)) return undefined;
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key)]));
}

/** Pre-fills a form from an organisation (lists as comma-separated text, areas as a list). */
const organisationValues = (input: OrganisationInput): Record<string, unknown> => ({
  ...input,
  targetGroups: input.targetGroups.join(", "),
  themes: input.themes.join(", "),
  languages: input.languages.join(", "),
});

type Params<T extends string> = { Params: Record<T, string> };

export function directoryRoutes(app: FastifyInstance, platform: Platform): void {
  mountAssets("leaflet", join(packageDir("leaflet"), "dist"));
  const baseUrl = platform.config.baseUrl;

  const page = (
    reply: FastifyReply,
    title: string,
    body: VNode,
    options: { status?: number; styles?: string[]; scripts?: string[] } = {},
  ) => reply.page({ title, body, styles: options.styles ?? directoryStyles, ...options });

  // --- public: list, map, exports --------------------------------------------------------

  app.get("/akteure", async (request, reply) => {
    const query = directoryQuery.parse(request.query ?? {});
    const [result, facets] = await Promise.all([
      service.searchDirectory(platform, service.filtersFromQuery(query), { page: query.seite, locale: request.locale }),
      service.directoryFacets(platform, request.locale),
    ]);
    return page(
      reply,
      request.t("directory.list.title"),
      <DirectoryPage result={result} values={query} facets={facets} />,
    );
  });

  app.get("/akteure/karte", async (request, reply) => {
    const query = directoryQuery.parse(request.query ?? {});
    const [result, facets] = await Promise.all([
      service.searchDirectory(
        platform,
        { ...service.filtersFromQuery(query), sort: "name" },
        {
          pageSize: 1000,
          locale: request.locale,
        },
      ),
      service.directoryFacets(platform, request.locale),
    ]);
    return page(
      reply,
      request.t("directory.map.title"),
      <MapPage
        items={result.items}
        total={result.total}
        values={{ ...query, sortierung: undefined }}
        facets={facets}
        tileUrl={platform.config.map.tileUrl}
        attribution={platform.config.map.attribution}
        centre={districtCentre}
      />,
      { styles: mapStyles, scripts: mapScripts },
    );
  });

  const exportItems = (request: FastifyRequest) =>
    service.exportDirectory(platform, service.filtersFromQuery(directoryQuery.parse(request.query ?? {})), "de");

  app.get("/akteure/export.csv", async (request, reply) => {
    const csv = toCsv(await exportItems(request), baseUrl);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="akteure.csv"')
      .send(csv);
  });

  app.get("/akteure/export.xlsx", async (request, reply) => {
    const xlsx = await toXlsx(await exportItems(request), baseUrl);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", 'attachment; filename="akteure.xlsx"')
      .send(xlsx);
  });

  app.get("/akteure/export.json", async (request, reply) => {
    const items = (await exportItems(request)).map((o) => organisationJson(o, baseUrl));
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
      <ProposalPage form={emptyForm} kinds={await service.listKindOptions(platform, request.locale)} />,
    ),
  );

  app.post(
    "/akteure/vorschlagen",
    { config: { rateLimit: { max: 10, timeWindow: "10 minutes" } } },
    async (request, reply) => {
      const kinds = await service.listKindOptions(platform, request.locale);
      const rerender = (form: FormState) =>
        page(reply, request.t("directory.propose.title"), <ProposalPage form={form} kinds={kinds} />, { status: 422 });
      const form = parseForm(proposalForm, request.body, request.t, request.locale);
      if (!form.ok) return rerender(form);
      try {
        await service.proposeOrganisation(platform, request.actor, form.data);
      } catch (error) {
        const errors = serviceFieldErrors(error, request.t);
        if (errors) return rerender({ values: request.body as Record<string, unknown>, errors });
        throw error;
      }
      return reply.flash("success", "directory.propose.thanks").redirect("/akteure", 303);
    },
  );

  // --- member's own organisations --------------------------------------------------------

  app.get("/akteure/meine", async (request, reply) => {
    const organisations = await service.myOrganisations(platform, request.actor, request.locale);
    return page(reply, request.t("directory.mine.title"), <MyOrganisationsPage organisations={organisations} />);
  });

  // --- profile and keeping -----------------------------------------------------------------

  app.get<Params<"slug">>("/akteure/:slug", async (request, reply) => {
    const profile = await service.getProfile(platform, request.actor, request.params.slug, request.locale);
    const cooperations = await cooperationsForProfile(platform, profile.organisation.id, request.locale);
    return page(reply, profile.organisation.name, <ProfilePage profile={profile} cooperations={cooperations} />);
  });

  const keepOrganisation = async (request: FastifyRequest, slug: string) => {
    const organisation = await service.getOrganisationBySlug(platform, request.actor, slug, request.locale);
    if (!(await service.canKeep(platform, request.actor, organisation.id))) {
      requireUser(request.actor);
      requireRole(request.actor, "admin");
    }
    return organisation;
  };

  app.get<Params<"slug">>("/akteure/:slug/bearbeiten", async (request, reply) => {
    const o = await keepOrganisation(request, request.params.slug);
    const title = request.t("directory.edit.title", { name: o.name });
    return page(
      reply,
      title,
      <OrganisationFormPage
        title={title}
        action={`/akteure/${o.slug}/bearbeiten`}
        form={{ values: organisationValues(service.inputOf(o)), errors: {} }}
        kinds={await service.listKindOptions(platform, request.locale)}
        cancelHref={`/akteure/${o.slug}`}
      />,
    );
  });

  app.post<Params<"slug">>("/akteure/:slug/bearbeiten", async (request, reply) => {
    const o = await keepOrganisation(request, request.params.slug);
    const title = request.t("directory.edit.title", { name: o.name });
    const rerender = async (form: FormState) =>
      page(
        reply,
        title,
        <OrganisationFormPage
          title={title}
          action={`/akteure/${o.slug}/bearbeiten`}
          form={form}
          kinds={await service.listKindOptions(platform, request.locale)}
          cancelHref={`/akteure/${o.slug}`}
        />,
        { status: 422 },
      );
    const form = parseForm(organisationForm, request.body, request.t, request.locale);
    if (!form.ok) return rerender(form);
    try {
      await service.updateOrganisation(platform, request.actor, o.id, form.data, request.locale);
    } catch (error) {
      const errors = serviceFieldErrors(error, request.t);
      if (errors) return rerender({ values: request.body as Record<string, unknown>, errors });
      throw error;
    }
    return reply.flash("success", "flash.saved").redirect(`/akteure/${o.slug}`, 303);
  });

  // offers of an organisation
  app.get<Params<"slug">>("/akteure/:slug/angebote/neu", async (request, reply) => {
    const o = await keepOrganisation(request, request.params.slug);
    const title = request.t("directory.offer.new");
    return page(
      reply,
      title,
      <OfferFormPage
        title={title}
        organisationName={o.name}
        action={`/akteure/${o.slug}/angebote/neu`}
        form={{ values: { ongoing: true }, errors: {} }}
        cancelHref={`/akteure/${o.slug}`}
      />,
    );
  });

  app.post<Params<"slug">>("/akteure/:slug/angebote/neu", async (request, reply) => {
    const o = await keepOrganisation(request, request.params.slug);
    const form = parseForm(offerForm, request.body, request.t, request.locale);
    if (!form.ok) {
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
        { status: 422 },
      );
    }
    const offer = await service.createOffer(platform, request.actor, o.id, form.data, request.locale);
    return reply.flash("success", "directory.offer.saved").redirect(`/angebote/${offer.id}`, 303);
  });

  // contacts
  const contactsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    form: FormState,
    editingId?: string,
    status = 200,
  ) => {
    const o = await keepOrganisation(request, slug);
    const contacts = await service.listContactsForKeeping(platform, request.actor, o.id);
    const editing = editingId ? contacts.find((c) => c.id === editingId) : undefined;
    if (editingId && !editing) return reply.callNotFound();
    const values =
      editing && Object.keys(form.values).length === 0 && Object.keys(form.errors).length === 0
        ? { ...editing, publicConsent: editing.publicConsent }
        : form.values;
    return page(
      reply,
      request.t("directory.contacts.title", { name: o.name }),
      <ContactsPage organisation={o} contacts={contacts} form={{ values, errors: form.errors }} editing={editing} />,
      { status },
    );
  };

  app.get<Params<"slug">>("/akteure/:slug/kontakte", async (request, reply) =>
    contactsPage(request, reply, request.params.slug, emptyForm),
  );

  app.post<Params<"slug">>("/akteure/:slug/kontakte", async (request, reply) => {
    const o = await keepOrganisation(request, request.params.slug);
    const form = parseForm(contactForm, request.body, request.t, request.locale);
    if (!form.ok) return contactsPage(request, reply, o.slug, form, undefined, 422);
    await service.addContact(platform, request.actor, o.id, form.data);
    return reply.flash("success", "flash.saved").redirect(`/akteure/${o.slug}/kontakte`, 303);
  });

  app.get<Params<"slug" | "contactId">>("/akteure/:slug/kontakte/:contactId", async (request, reply) =>
    contactsPage(request, reply, request.params.slug, emptyForm, request.params.contactId),
  );

  app.post<Params<"slug" | "contactId">>("/akteure/:slug/kontakte/:contactId", async (request, reply) => {
    const o = await keepOrganisation(request, request.params.slug);
    const form = parseForm(contactForm, request.body, request.t, request.locale);
    if (!form.ok) return contactsPage(request, reply, o.slug, form, request.params.contactId, 422);
    await service.updateContact(platform, request.actor, o.id, request.params.contactId, form.data);
    return reply.flash("success", "flash.saved").redirect(`/akteure/${o.slug}/kontakte`, 303);
  });

  app.post<Params<"slug" | "contactId">>("/akteure/:slug/kontakte/:contactId/loeschen", async (request, reply) => {
    const o = await keepOrganisation(request, request.params.slug);
    await service.removeContact(platform, request.actor, o.id, request.params.contactId);
    return reply.flash("success", "directory.contacts.removed").redirect(`/akteure/${o.slug}/kontakte`, 303);
  });

  // --- offers --------------------------------------------------------------------------------

  app.get("/angebote", async (request, reply) => {
    const query = offerQuery.parse(request.query ?? {});
    const result = await service.searchOfferList(platform, query, request.locale);
    return page(reply, request.t("directory.offers.title"), <OfferListPage result={result} values={query} />);
  });

  app.get<Params<"id">>("/angebote/:id", async (request, reply) => {
    const offer = await service.getOffer(platform, request.actor, request.params.id, request.locale);
    const canKeep = await service.canKeep(platform, request.actor, offer.organisationId);
    return page(reply, offer.title, <OfferDetailPage offer={offer} canKeep={canKeep} />);
  });

  const offerEditPage = (
    reply: FastifyReply,
    t: Translate,
    offer: service.OfferView,
    form: FormState,
    status = 200,
  ) => {
    const title = t("directory.offer.editTitle", { title: offer.title });
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

  const keepOffer = async (request: FastifyRequest, id: string) => {
    const offer = await service.getOffer(platform, request.actor, id, request.locale);
    if (!(await service.canKeep(platform, request.actor, offer.organisationId))) {
      requireUser(request.actor);
      requireRole(request.actor, "admin");
    }
    return offer;
  };

  app.get<Params<"id">>("/angebote/:id/bearbeiten", async (request, reply) => {
    const offer = await keepOffer(request, request.params.id);
    const input = service.offerInputOf(offer);
    return offerEditPage(reply, request.t, offer, {
      values: { ...input, languages: input.languages.join(", ") },
      errors: {},
    });
  });

  app.post<Params<"id">>("/angebote/:id/bearbeiten", async (request, reply) => {
    const offer = await keepOffer(request, request.params.id);
    const form = parseForm(offerForm, request.body, request.t, request.locale);
    if (!form.ok) return offerEditPage(reply, request.t, offer, form, 422);
    await service.updateOffer(platform, request.actor, offer.id, form.data, request.locale);
    return reply.flash("success", "directory.offer.saved").redirect(`/angebote/${offer.id}`, 303);
  });

  app.post<Params<"id">>("/angebote/:id/loeschen", async (request, reply) => {
    const org = await service.deleteOffer(platform, request.actor, request.params.id);
    return reply.flash("success", "directory.offer.deleted").redirect(`/akteure/${org.slug}`, 303);
  });

  // --- back office -----------------------------------------------------------------------------

  app.get("/verwaltung/akteure", async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const text = typeof q.q === "string" ? q.q.slice(0, 200) : undefined;
    const status =
      q.status === "published" || q.status === "proposed" || q.status === "rejected" ? q.status : undefined;
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(String(q.seite ?? "1"), 10) || 1));
    const result = await service.searchAllForAdmin(
      platform,
      request.actor,
      { q: text, status },
      pageNo,
      request.locale,
    );
    return page(
      reply,
      request.t("directory.admin.title"),
      <AdminListPage
        result={result}
        q={text}
        status={status}
        openProposals={await service.countOpenProposals(platform)}
      />,
    );
  });

  const newOrganisationPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const title = request.t("directory.admin.new");
    return page(
      reply,
      title,
      <OrganisationFormPage
        title={title}
        action="/verwaltung/akteure/neu"
        form={form}
        kinds={await service.listKindOptions(platform, request.locale)}
        cancelHref="/verwaltung/akteure"
      />,
      { status },
    );
  };

  app.get("/verwaltung/akteure/neu", async (request, reply) => {
    requireRole(request.actor, "admin");
    return newOrganisationPage(request, reply, emptyForm);
  });

  app.post("/verwaltung/akteure/neu", async (request, reply) => {
    requireRole(request.actor, "admin");
    const form = parseForm(organisationForm, request.body, request.t, request.locale);
    if (!form.ok) return newOrganisationPage(request, reply, form, 422);
    let created: service.OrganisationView;
    try {
      created = await service.createOrganisation(platform, request.actor, form.data, request.locale);
    } catch (error) {
      const errors = serviceFieldErrors(error, request.t);
      if (errors)
        return newOrganisationPage(request, reply, { values: request.body as Record<string, unknown>, errors }, 422);
      throw error;
    }
    return reply.flash("success", "flash.saved").redirect(`/akteure/${created.slug}`, 303);
  });

  app.get("/verwaltung/akteure/vorschlaege", async (request, reply) => {
    const proposals = await service.listProposals(platform, request.actor, request.locale);
    return page(reply, request.t("directory.proposals.title"), <ProposalsPage proposals={proposals} />);
  });

  app.post<Params<"id">>("/verwaltung/akteure/vorschlaege/:id", async (request, reply) => {
    const decision = (request.body as Record<string, unknown> | undefined)?.decision;
    if (decision !== "approve" && decision !== "reject") throw new ValidationError({ decision: "validation.choice" });
    const org = await service.decideProposal(platform, request.actor, request.params.id, decision);
    return reply
      .flash("success", decision === "approve" ? "directory.proposals.approved" : "directory.proposals.rejected", {
        name: org.name,
      })
      .redirect("/verwaltung/akteure/vorschlaege", 303);
  });

  app.get("/verwaltung/akteure/aenderungen", async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const openOnly = q.offen === "1";
    const membersOnly = q.mitglieder === "1";
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(String(q.seite ?? "1"), 10) || 1));
    const result = await service.listChangeLog(platform, request.actor, { openOnly, membersOnly, page: pageNo });
    return page(
      reply,
      request.t("directory.changes.title"),
      <ChangesPage result={result} openOnly={openOnly} membersOnly={membersOnly} />,
    );
  });

  app.post<Params<"id">>("/verwaltung/akteure/aenderungen/:id/gesehen", async (request, reply) => {
    await service.reviewChange(platform, request.actor, request.params.id);
    return reply.flash("success", "directory.changes.marked").redirect("/verwaltung/akteure/aenderungen?offen=1", 303);
  });

  const kindsPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    page(
      reply,
      request.t("directory.kinds.title"),
      <KindsPage kinds={await service.listKindsForAdmin(platform, request.actor)} form={form} />,
      { status },
    );

  app.get("/verwaltung/akteure/arten", async (request, reply) => kindsPage(request, reply, emptyForm));

  app.post("/verwaltung/akteure/arten", async (request, reply) => {
    requireRole(request.actor, "admin");
    const form = parseForm(kindForm, request.body, request.t, request.locale);
    if (!form.ok) return kindsPage(request, reply, form, 422);
    try {
      await service.addKind(platform, request.actor, form.data);
    } catch (error) {
      const errors = serviceFieldErrors(error, request.t);
      if (errors) return kindsPage(request, reply, { values: form.data, errors }, 422);
      throw error;
    }
    return reply.flash("success", "directory.kinds.added.flash").redirect("/verwaltung/akteure/arten", 303);
  });

  const membersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    form: FormState,
    status = 200,
  ) => {
    requireRole(request.actor, "admin");
    const organisation = await service.getOrganisationBySlug(platform, request.actor, slug, request.locale);
    const members = await service.listMembers(platform, request.actor, organisation.id);
    return page(
      reply,
      request.t("directory.members.title", { name: organisation.name }),
      <MembersPage organisation={organisation} members={members} form={form} />,
      { status },
    );
  };

  app.get<Params<"slug">>("/verwaltung/akteure/:slug/mitglieder", async (request, reply) =>
    membersPage(request, reply, request.params.slug, emptyForm),
  );

  app.post<Params<"slug">>("/verwaltung/akteure/:slug/mitglieder", async (request, reply) => {
    requireRole(request.actor, "admin");
    const organisation = await service.getOrganisationBySlug(platform, request.actor, request.params.slug);
    const form = parseForm(memberForm, request.body, request.t, request.locale);
    if (!form.ok) return membersPage(request, reply, organisation.slug, form, 422);
    try {
      await service.linkMemberByEmail(platform, request.actor, organisation.id, form.data.email ?? "");
    } catch (error) {
      const errors = serviceFieldErrors(error, request.t);
      if (errors) return membersPage(request, reply, organisation.slug, { values: form.data, errors }, 422);
      throw error;
    }
    return reply
      .flash("success", "directory.members.linked")
      .redirect(`/verwaltung/akteure/${organisation.slug}/mitglieder`, 303);
  });

  app.post<Params<"slug" | "userId">>(
    "/verwaltung/akteure/:slug/mitglieder/:userId/entfernen",
    async (request, reply) => {
      requireRole(request.actor, "admin");
      const organisation = await service.getOrganisationBySlug(platform, request.actor, request.params.slug);
      await service.unlinkMember(platform, request.actor, organisation.id, request.params.userId);
      return reply
        .flash("success", "directory.members.unlinked")
        .redirect(`/verwaltung/akteure/${organisation.slug}/mitglieder`, 303);
    },
  );

  // --- import ----------------------------------------------------------------------------------

  app.get("/verwaltung/akteure/import", async (request, reply) => {
    requireRole(request.actor, "admin");
    return page(reply, request.t("directory.import.title"), <ImportPage />);
  });

  app.post("/verwaltung/akteure/import", async (request, reply) => {
    requireRole(request.actor, "admin");
    const title = request.t("directory.import.title");
    let bytes: Buffer | undefined;
    if (request.isMultipart()) {
      const file = await request.file();
      if (file) bytes = await file.toBuffer();
    }
    if (!bytes || bytes.length === 0) {
      return page(reply, title, <ImportPage error={request.t("directory.import.error.noFile")} />, { status: 422 });
    }
    const { text, encoding } = decodeCsv(bytes);
    const preview = checkImport(text, encoding, await service.kindLookup(platform), request.t, request.locale);
    const ok = preview.fileErrors.length === 0 && preview.errorCount === 0;
    return page(reply, title, <ImportPage preview={preview} />, { status: ok ? 200 : 422 });
  });

  app.post("/verwaltung/akteure/import/bestaetigen", async (request, reply) => {
    requireRole(request.actor, "admin");
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = typeof body.content === "string" ? body.content : "";
    const encoding: Encoding = body.encoding === "Windows-1252" ? "Windows-1252" : "UTF-8";
    const preview = checkImport(text, encoding, await service.kindLookup(platform), request.t, request.locale);
    if (preview.fileErrors.length > 0 || preview.errorCount > 0 || preview.validCount === 0) {
      return page(reply, request.t("directory.import.title"), <ImportPage preview={preview} />, { status: 422 });
    }
    const inputs = preview.rows.flatMap((r) => (r.input ? [r.input] : []));
    const count = await service.importOrganisations(platform, request.actor, inputs);
    return reply.flash("success", "directory.import.done", { count }).redirect("/verwaltung/akteure", 303);
  });
}
