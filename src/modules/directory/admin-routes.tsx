import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError, ValidationError } from "../../platform/http/errors.js";
import { emptyForm, type FormState, handleForm, parseQuery } from "../../platform/http/forms.js";
import { multipartBody } from "../../platform/http/multipart.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess } from "./access.js";
import { listChangeLog, reviewAllChanges, reviewChange } from "./change-log.service.js";
import { confirmImport, previewImport, startImport } from "./import.service.js";
import { addKind, listKindsForAdmin } from "./kinds.service.js";
import { searchAllForAdmin } from "./listing.service.js";
import { mapPicker } from "./map-outline.js";
import { getMembersPage, inviteMember, linkMemberByEmail, unlinkMember } from "./members.service.js";
import { createOrganisation, getOrganisationBySlug, startNewOrganisation } from "./organisations.service.js";
import { mapScripts, mapStyles, page } from "./page.js";
import { decideProposal, listProposals } from "./proposals.service.js";
import {
  adminListQuery,
  changeLogQuery,
  importConfirmation,
  kindForm,
  memberForm,
  memberInviteForm,
  organisationForm,
  proposalDecision,
} from "./schema.js";
import { AdminListPage, ChangesPage, ImportPage, KindsPage, MembersPage, ProposalsPage } from "./views/admin.js";
import { OrganisationFormPage } from "./views/forms.js";
import { countText } from "./views/shared.js";

type Params<T extends string> = { Params: Record<T, string> };

/** The accounts module names the fields name and email; the invite form calls them inviteName/inviteEmail. */
function asInviteFieldErrors(error: unknown): unknown {
  if (!(error instanceof DomainError) || Object.keys(error.fieldErrors).length === 0) return error;
  const renamed: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    renamed[field === "name" ? "inviteName" : field === "email" ? "inviteEmail" : field] = message;
  }
  return new DomainError(error.status, error.code, error.messageKey, error.params, renamed);
}

/** The education office's back office: every organisation, proposals, change log, kinds, members, import. */
export function directoryAdminRoutes(app: FastifyInstance, platform: Platform): void {
  // --- back office -----------------------------------------------------------------------------

  app.get("/verwaltung/akteure", async (request, reply) => {
    const query = parseQuery(adminListQuery, request.query);
    const { result, openProposals } = await searchAllForAdmin(
      platform,
      request.actor,
      { q: query.q, status: query.status },
      query.seite,
      request.locale,
    );
    return page(
      reply,
      request.t("directory.admin.title"),
      <AdminListPage result={result} q={query.q} status={query.status} openProposals={openProposals} />,
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
        kinds={await startNewOrganisation(platform, request.actor, request.locale)}
        cancelHref="/verwaltung/akteure"
        map={mapPicker(platform)}
      />,
      { status, styles: mapStyles, scripts: mapScripts },
    );
  };

  app.get("/verwaltung/akteure/neu", async (request, reply) => newOrganisationPage(request, reply, emptyForm));

  app.post("/verwaltung/akteure/neu", async (request, reply) => {
    // Who may not add organisations is told so before any message about the form.
    await startNewOrganisation(platform, request.actor, request.locale);
    return handleForm(
      request,
      organisationForm,
      async (data) => {
        const created = await createOrganisation(platform, request.actor, data, request.locale);
        return reply.flash("success", "flash.saved").redirect(`/akteure/${created.slug}`, 303);
      },
      (form, status) => newOrganisationPage(request, reply, form, status),
    );
  });

  app.get("/verwaltung/akteure/vorschlaege", async (request, reply) => {
    const proposals = await listProposals(platform, request.actor, request.locale);
    return page(reply, request.t("directory.proposals.title"), <ProposalsPage proposals={proposals} />);
  });

  // Nobody and non-admins are refused before the decision is read.
  const reviewersOnly = async (request: FastifyRequest) =>
    directoryAccess.requireAccess(request.actor, "proposal.review", undefined);
  app.post<Params<"id">>(
    "/verwaltung/akteure/vorschlaege/:id",
    { preValidation: reviewersOnly },
    async (request, reply) => {
      const parsed = proposalDecision.safeParse(request.body ?? {});
      if (!parsed.success) throw new ValidationError({ decision: "validation.choice" });
      const { decision } = parsed.data;
      const org = await decideProposal(platform, request.actor, request.params.id, decision);
      return reply
        .flash("success", decision === "approve" ? "directory.proposals.approved" : "directory.proposals.rejected", {
          name: org.name,
        })
        .redirect("/verwaltung/akteure/vorschlaege", 303);
    },
  );

  app.get("/verwaltung/akteure/aenderungen", async (request, reply) => {
    const query = parseQuery(changeLogQuery, request.query);
    const openOnly = query.offen === "1";
    const membersOnly = query.mitglieder === "1";
    const result = await listChangeLog(
      platform,
      request.actor,
      { openOnly, membersOnly, page: query.seite },
      request.t,
      request.locale,
    );
    return page(
      reply,
      request.t("directory.changes.title"),
      <ChangesPage result={result} openOnly={openOnly} membersOnly={membersOnly} />,
    );
  });

  app.post("/verwaltung/akteure/aenderungen/alle-gesehen", async (request, reply) => {
    const { mitglieder } = parseQuery(changeLogQuery, request.body);
    const marked = await reviewAllChanges(platform, request.actor, { membersOnly: mitglieder === "1" });
    const back =
      mitglieder === "1"
        ? "/verwaltung/akteure/aenderungen?offen=1&mitglieder=1"
        : "/verwaltung/akteure/aenderungen?offen=1";
    return reply
      .flash("success", `directory.changes.markedAll.${marked === 1 ? "one" : "other"}`, { count: marked })
      .redirect(back, 303);
  });

  app.post<Params<"id">>("/verwaltung/akteure/aenderungen/:id/gesehen", async (request, reply) => {
    await reviewChange(platform, request.actor, request.params.id);
    return reply.flash("success", "directory.changes.marked").redirect("/verwaltung/akteure/aenderungen?offen=1", 303);
  });

  const kindsPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    page(
      reply,
      request.t("directory.kinds.title"),
      <KindsPage kinds={await listKindsForAdmin(platform, request.actor)} form={form} />,
      { status },
    );

  app.get("/verwaltung/akteure/arten", async (request, reply) => kindsPage(request, reply, emptyForm));

  app.post("/verwaltung/akteure/arten", async (request, reply) => {
    // Who may not add kinds is told so before any message about the form.
    await listKindsForAdmin(platform, request.actor);
    return handleForm(
      request,
      kindForm,
      async (data) => {
        await addKind(platform, request.actor, data);
        return reply.flash("success", "directory.kinds.added.flash").redirect("/verwaltung/akteure/arten", 303);
      },
      (form, status) => kindsPage(request, reply, form, status),
    );
  });

  const membersPage = async (
    request: FastifyRequest<Params<"slug">>,
    reply: FastifyReply,
    form: FormState,
    status = 200,
    inviteForm: FormState = emptyForm,
  ) => {
    const { organisation, members } = await getMembersPage(
      platform,
      request.actor,
      request.params.slug,
      request.locale,
    );
    return page(
      reply,
      request.t("directory.members.title", { name: organisation.name }),
      <MembersPage organisation={organisation} members={members} form={form} inviteForm={inviteForm} />,
      { status },
    );
  };

  app.get<Params<"slug">>("/verwaltung/akteure/:slug/mitglieder", async (request, reply) =>
    membersPage(request, reply, emptyForm),
  );

  app.post<Params<"slug">>("/verwaltung/akteure/:slug/mitglieder", async (request, reply) => {
    const { organisation } = await getMembersPage(platform, request.actor, request.params.slug, request.locale);
    return handleForm(
      request,
      memberForm,
      async (data) => {
        await linkMemberByEmail(platform, request.actor, organisation.id, data.email ?? "");
        return reply
          .flash("success", "directory.members.linked")
          .redirect(`/verwaltung/akteure/${organisation.slug}/mitglieder`, 303);
      },
      (form, status) => membersPage(request, reply, form, status),
    );
  });

  app.post<Params<"slug">>("/verwaltung/akteure/:slug/mitglieder/neu", async (request, reply) => {
    const { organisation } = await getMembersPage(platform, request.actor, request.params.slug, request.locale);
    return handleForm(
      request,
      memberInviteForm,
      async (data) => {
        try {
          await inviteMember(platform, request.actor, organisation.id, {
            name: data.inviteName,
            email: data.inviteEmail ?? "",
          });
        } catch (error) {
          throw asInviteFieldErrors(error);
        }
        return reply
          .flash("success", "directory.members.invited", { email: data.inviteEmail ?? "" })
          .redirect(`/verwaltung/akteure/${organisation.slug}/mitglieder`, 303);
      },
      (form, status) => membersPage(request, reply, emptyForm, status, form),
    );
  });

  app.post<Params<"slug" | "userId">>(
    "/verwaltung/akteure/:slug/mitglieder/:userId/entfernen",
    async (request, reply) => {
      const organisation = await getOrganisationBySlug(platform, request.actor, request.params.slug);
      await unlinkMember(platform, request.actor, organisation.id, request.params.userId);
      return reply
        .flash("success", "directory.members.unlinked")
        .redirect(`/verwaltung/akteure/${organisation.slug}/mitglieder`, 303);
    },
  );

  // --- import ----------------------------------------------------------------------------------

  app.get("/verwaltung/akteure/import", async (request, reply) => {
    startImport(platform, request.actor);
    return page(reply, request.t("directory.import.title"), <ImportPage />);
  });

  app.post("/verwaltung/akteure/import", async (request, reply) => {
    // Refused before the upload is read.
    startImport(platform, request.actor);
    const title = request.t("directory.import.title");
    const { files } = await multipartBody(request.body);
    const preview = await previewImport(platform, request.actor, files.file?.data, request.t, request.locale);
    if (!preview) {
      return page(reply, title, <ImportPage error={request.t("directory.import.error.noFile")} />, { status: 422 });
    }
    const ok = preview.fileErrors.length === 0 && preview.errorCount === 0;
    return page(reply, title, <ImportPage preview={preview} />, { status: ok ? 200 : 422 });
  });

  app.post("/verwaltung/akteure/import/bestaetigen", async (request, reply) => {
    const { content, encoding, nurFehlerfreie } = parseQuery(importConfirmation, request.body);
    const outcome = await confirmImport(platform, request.actor, content, encoding, request.t, request.locale, {
      onlyValid: nurFehlerfreie === "1",
    });
    if ("preview" in outcome) {
      return page(reply, request.t("directory.import.title"), <ImportPage preview={outcome.preview} />, {
        status: 422,
      });
    }
    const skipped = outcome.skippedLines;
    const doneKey = `directory.import.done.${outcome.imported === 1 ? "one" : "other"}`;
    if (skipped.length === 0) {
      return reply.flash("success", doneKey, { count: outcome.imported }).redirect("/verwaltung/akteure", 303);
    }
    return reply
      .flash("success", "directory.import.doneSkipped", {
        done: countText(request.t, "directory.import.done", outcome.imported),
        skipped: countText(request.t, "directory.import.skippedDone", skipped.length, { lines: skipped.join(", ") }),
      })
      .redirect("/verwaltung/akteure", 303);
  });
}
