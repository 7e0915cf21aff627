import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { toBerlinIso, utcToBerlin } from "../../lib/berlin-time.js";
import { escapeHtml } from "../../lib/html.js";
import { anonymous } from "../../platform/auth/actor.js";
import { ValidationError } from "../../platform/http/errors.js";
import { type FormState, handleForm, parseForm, parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import type { PageContext } from "../../platform/views/page-context.js";
import { renderFragment } from "../../platform/views/render.js";
import { requireOrganiser } from "./access.js";
import type { EventView, SessionView } from "./event-views.js";
import {
  changeEventStatus,
  choiceLock,
  copyEvent,
  createEvent,
  deleteDraftEvent,
  getCopySource,
  getManageableEvent,
  listManagedEvents,
  startNewEvent,
  statusSteps,
  updateEvent,
} from "./events.service.js";
import type { EventAvailability } from "./hooks.js";
import {
  calendarFeed,
  eventCalendarFile,
  getArchive,
  getEventPage,
  getEventWithAvailability,
  getPublicProgramme,
  listPublicEvents,
  listUpcomingEvents,
} from "./listing.service.js";
import {
  addSession,
  deleteSession,
  getProgramme,
  getSession,
  nextItemDefaults,
  updateSession,
} from "./programme.service.js";
import {
  copyForm,
  createEventBody,
  eventFieldOfService,
  eventForm,
  eventFormToInput,
  idParams,
  listQuery,
  patchEventBody,
  programmeQuery,
  rangeBound,
  sessionBody,
  sessionFieldOfService,
  sessionForm,
  sessionFormToInput,
  statusForm,
  toSpeakers,
} from "./schema.js";
import {
  AdminListPage,
  ConfirmPage,
  CopyPage,
  EventCreatePage,
  EventEditPage,
  eventFormValues,
  newEventDefaults,
  ProgrammePage,
  SessionEditPage,
  sessionFormValues,
} from "./views/admin.js";
import { ArchivePage, CalendarPage, EmbedList, EventPage } from "./views/public.js";

const styles = ["/assets/events.css?v=3"];
const slugParams = z.object({ slug: z.string().min(1).max(200) });

// ---------------------------------------------------------------------------
// JSON shapes of the API (a published contract: field names stay; times with Berlin offset)

const isoOrNull = (v: string | null) => (v ? toBerlinIso(v) : null);

function eventJson(e: EventView, baseUrl: string, availability?: EventAvailability | null) {
  return {
    id: e.id,
    slug: e.slug,
    url: new URL(e.url, baseUrl).href,
    title: e.title,
    subtitle: e.subtitle,
    description: e.description,
    themes: e.themes,
    targetGroups: e.targetGroups,
    organisers: e.organisers,
    startsAt: toBerlinIso(e.startsAt),
    endsAt: toBerlinIso(e.endsAt),
    venue: e.venue,
    capacity: e.capacity,
    registrationOpensAt: isoOrNull(e.registrationOpensAt),
    registrationClosesAt: isoOrNull(e.registrationClosesAt),
    registrationOpen: e.registrationOpen,
    ...(e.registrationClosedReason ? { registrationClosedReason: e.registrationClosedReason } : {}),
    confirmByEmail: e.confirmByEmail,
    holdHours: e.holdHours,
    reminderDays: e.reminderDays,
    fee: e.fee,
    creditHours: e.creditHours,
    contact: e.contact,
    status: e.status,
    workshopChoice: e.workshopChoice,
    maxChoices: e.maxChoices,
    retentionMonths: e.retentionMonths,
    allocationPublishedAt: isoOrNull(e.allocationPublishedAt),
    ...(availability
      ? {
          availability: {
            capacity: availability.capacity,
            taken: availability.taken,
            free: availability.free,
            waitlist: availability.waitlist,
          },
        }
      : {}),
    createdAt: toBerlinIso(e.createdAt),
    updatedAt: toBerlinIso(e.updatedAt),
  };
}

function sessionJson(s: SessionView) {
  return {
    id: s.id,
    eventId: s.eventId,
    kind: s.kind,
    title: s.title,
    abstract: s.abstract,
    startsAt: toBerlinIso(s.startsAt),
    endsAt: toBerlinIso(s.endsAt),
    room: s.room,
    capacity: s.capacity,
    speakers: s.speakers,
    slotIndex: s.slotIndex,
    position: s.position,
  };
}

// ---------------------------------------------------------------------------

/**
 * A service's field problems under the names of the HTML form's fields (the service
 * speaks of startsAt, the form of startTime), so handleForm shows each beside its field.
 */
async function withFormFields<T>(map: Record<string, string>, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([f, key]) => [map[f] ?? f, key]));
    throw new ValidationError(fields, error.messageKey);
  }
}

/** A calendar file; only what everybody may see may be kept by shared caches. */
function sendIcs(reply: FastifyReply, filename: string, body: string, visibility: "public" | "private" = "public") {
  return reply
    .header("content-type", "text/calendar; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", visibility === "public" ? "public, max-age=300" : "private, no-store")
    .send(body);
}

export function eventRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = platform.db.kysely;
  const baseUrl = platform.config.baseUrl;
  const calendarName = (request: FastifyRequest) =>
    request.t("events.ics.calendarName", { district: platform.config.district.name });

  // --- public pages -----------------------------------------------------------

  app.get("/fachtage", async (request, reply) =>
    reply.page({
      title: request.t("events.list.title"),
      styles,
      // The feed itself is the notifications module's (like the iCal feed beside it, public).
      feeds: [{ href: "/fachtage/feed.xml", title: request.t("events.list.atom") }],
      body: <CalendarPage events={await listUpcomingEvents(db)} />,
    }),
  );

  app.get("/fachtage/archiv", async (request, reply) => {
    const archive = await getArchive(platform, request.actor, request.locale);
    return reply.page({
      title: request.t("events.archive.title"),
      styles,
      body: <ArchivePage {...archive} />,
    });
  });

  app.get("/fachtage/kalender.ics", async (request, reply) =>
    sendIcs(reply, "fachtage.ics", await calendarFeed(platform, calendarName(request))),
  );

  // Plain list for the district's website: no site frame, may be shown in iframes anywhere.
  // Shared caches keep it for everybody, so it must carry nothing of this visitor: no CSRF
  // token (it has no form), no flash message, no cookie of any kind.
  app.get(
    "/fachtage/einbetten",
    {
      onSend: async (_request, reply, payload) => {
        reply.removeHeader("set-cookie");
        return payload;
      },
    },
    async (request, reply) => {
      const events = await listUpcomingEvents(db);
      const ctx: PageContext = {
        t: request.t,
        locale: request.locale,
        actor: anonymous,
        csrfToken: "",
        path: "/fachtage/einbetten",
        district: platform.config.district,
        nav: [],
        flash: undefined,
        demo: false,
      };
      const html = renderFragment(ctx, <EmbedList events={events} baseUrl={baseUrl} />);
      const title = request.t("events.embed.title", { district: platform.config.district.name });
      reply.removeHeader("x-frame-options");
      return reply
        .header(
          "content-security-policy",
          "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *",
        )
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", "public, max-age=300")
        .send(
          `<!DOCTYPE html><html lang="${request.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/assets/events-embed.css?v=1"></head><body>${html}</body></html>`,
        );
    },
  );

  app.get("/fachtage/:slug", { schema: { params: slugParams } }, async (request, reply) => {
    const { slug } = request.params;
    if (slug.endsWith(".ics")) {
      const file = await eventCalendarFile(platform, request.actor, slug.slice(0, -4), calendarName(request));
      return sendIcs(reply, file.filename, file.content, file.public ? "public" : "private");
    }
    const model = await getEventPage(platform, request.actor, slug, request.locale);
    // Other modules (registrations) add their part of the page; they push the scripts they need.
    const scripts: string[] = [];
    const sections = await platform.contributions.renderSections(
      "events.page",
      { event: model.event, sessions: model.sessions, availability: model.availability, scripts },
      request,
    );
    // Documentation and downloads (the documents module), for past Fachtage too.
    const documentStyles: string[] = [];
    const documents = await platform.contributions.renderSections(
      "events.documents",
      { event: model.event, sessions: model.sessions, styles: documentStyles },
      request,
    );
    return reply.page({
      title: model.event.title,
      styles: [...styles, ...documentStyles],
      scripts,
      body: (
        <EventPage
          event={model.event}
          sessions={model.sessions}
          availability={model.availability}
          sections={sections}
          documents={documents}
          sessionDownloads={model.sessionDownloads}
          canManage={model.canManage}
        />
      ),
    });
  });

  // --- back office --------------------------------------------------------------

  app.get("/verwaltung/fachtage", async (request, reply) => {
    const { events, all } = await listManagedEvents(platform, request.actor);
    return reply.page({
      styles,
      title: request.t("events.admin.title"),
      body: <AdminListPage events={events} all={all} />,
    });
  });

  const createPage = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page({
      styles,
      status,
      title: request.t("events.admin.createTitle"),
      body: <EventCreatePage form={form} />,
    });

  app.get("/verwaltung/fachtage/neu", async (request, reply) => {
    startNewEvent(platform, request.actor);
    return createPage(request, reply, { values: newEventDefaults, errors: {} });
  });

  app.post("/verwaltung/fachtage/neu", async (request, reply) => {
    startNewEvent(platform, request.actor);
    return handleForm(
      request,
      eventForm,
      async (data) => {
        const event = await withFormFields(eventFieldOfService, () =>
          createEvent(platform, request.actor, eventFormToInput(data)),
        );
        return reply
          .flash("success", "events.flash.created")
          .redirect(`/verwaltung/fachtage/${event.id}/programm`, 303);
      },
      (form, status) => createPage(request, reply, form, status),
    );
  });

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    event: EventView,
    form: FormState,
    status = 200,
  ) =>
    reply.page({
      styles,
      status,
      title: request.t("events.admin.editTitle", { title: event.title }),
      body: (
        <EventEditPage
          event={event}
          steps={statusSteps(request.actor, event)}
          form={form}
          choiceLock={await choiceLock(platform, event)}
        />
      ),
    });

  app.get("/verwaltung/fachtage/:id", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(platform, request.actor, request.params.id);
    return editPage(request, reply, event, { values: eventFormValues(event), errors: {} });
  });

  app.post("/verwaltung/fachtage/:id", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(platform, request.actor, request.params.id);
    return handleForm(
      request,
      eventForm,
      async (data) => {
        await withFormFields(eventFieldOfService, () =>
          updateEvent(platform, request.actor, event.id, eventFormToInput(data)),
        );
        return reply.flash("success", "events.flash.saved").redirect(`/verwaltung/fachtage/${event.id}`, 303);
      },
      (form, status) => editPage(request, reply, event, form, status),
    );
  });

  const copyPage = (request: FastifyRequest, reply: FastifyReply, source: EventView, form: FormState, status = 200) =>
    reply.page({
      styles,
      status,
      title: request.t("events.copy.title", { title: source.title }),
      body: <CopyPage source={source} form={form} />,
    });

  app.get("/verwaltung/fachtage/:id/kopieren", { schema: { params: idParams } }, async (request, reply) => {
    const source = await getCopySource(platform, request.actor, request.params.id);
    return copyPage(request, reply, source, { values: { title: source.title }, errors: {} });
  });

  app.post("/verwaltung/fachtage/:id/kopieren", { schema: { params: idParams } }, async (request, reply) => {
    const source = await getCopySource(platform, request.actor, request.params.id);
    return handleForm(
      request,
      copyForm,
      async (data) => {
        const copy = await withFormFields(
          { startsAt: "date", endsAt: "date", registrationOpensAt: "date", registrationClosesAt: "date" },
          () => copyEvent(platform, request.actor, source.id, data),
        );
        return reply.flash("success", "events.flash.copied").redirect(`/verwaltung/fachtage/${copy.id}`, 303);
      },
      (form, status) => copyPage(request, reply, source, form, status),
    );
  });

  app.post("/verwaltung/fachtage/:id/status", { schema: { params: idParams } }, async (request, reply) => {
    await getManageableEvent(platform, request.actor, request.params.id); // refused before the form is read
    const form = parseForm(statusForm, request.body, request.t, request.locale);
    if (!form.ok) throw new ValidationError({ status: "validation.choice" });
    const event = await changeEventStatus(platform, request.actor, request.params.id, form.data.status);
    return reply
      .flash("success", "events.flash.status", { status: request.t(`events.status.${event.status}`) })
      .redirect(`/verwaltung/fachtage/${event.id}`, 303);
  });

  app.get("/verwaltung/fachtage/:id/absagen", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(platform, request.actor, request.params.id);
    const title = request.t("events.cancel.title", { title: event.title });
    return reply.page({
      styles,
      title,
      body: (
        <ConfirmPage
          title={title}
          text={request.t("events.cancel.text")}
          action={`/verwaltung/fachtage/${event.id}/absagen`}
          confirm={request.t("events.cancel.confirm")}
          back={`/verwaltung/fachtage/${event.id}`}
        />
      ),
    });
  });

  app.post("/verwaltung/fachtage/:id/absagen", { schema: { params: idParams } }, async (request, reply) => {
    const event = await changeEventStatus(platform, request.actor, request.params.id, "cancelled");
    return reply
      .flash("success", "events.flash.status", { status: request.t("events.status.cancelled") })
      .redirect(`/verwaltung/fachtage/${event.id}`, 303);
  });

  app.get("/verwaltung/fachtage/:id/loeschen", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(platform, request.actor, request.params.id);
    const title = request.t("events.delete.title", { title: event.title });
    return reply.page({
      styles,
      title,
      body: (
        <ConfirmPage
          title={title}
          text={request.t("events.delete.text")}
          action={`/verwaltung/fachtage/${event.id}/loeschen`}
          confirm={request.t("events.delete.confirm")}
          back={`/verwaltung/fachtage/${event.id}`}
        />
      ),
    });
  });

  app.post("/verwaltung/fachtage/:id/loeschen", { schema: { params: idParams } }, async (request, reply) => {
    await deleteDraftEvent(platform, request.actor, request.params.id);
    return reply.flash("success", "events.flash.deleted").redirect("/verwaltung/fachtage", 303);
  });

  // --- programme editor ---------------------------------------------------------

  const programmePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    form: FormState | ((sessions: SessionView[]) => { form: FormState; template?: SessionView }),
    status = 200,
  ) => {
    const { event, sessions } = await getProgramme(platform, request.actor, eventId);
    const filled = typeof form === "function" ? form(sessions) : { form };
    return reply.page({
      styles,
      status,
      title: request.t("events.programme.title", { title: event.title }),
      body: <ProgrammePage event={event} sessions={sessions} form={filled.form} template={filled.template} />,
    });
  };

  // The "add" form starts from a copied item (?vorlage=) or from where the last item left off.
  app.get("/verwaltung/fachtage/:id/programm", { schema: { params: idParams } }, async (request, reply) => {
    const { vorlage } = parseQuery(programmeQuery, request.query);
    return programmePage(request, reply, request.params.id, (sessions) => {
      const template = vorlage ? sessions.find((s) => s.id === vorlage) : undefined;
      if (template) return { form: { values: sessionFormValues(template), errors: {} }, template };
      return { form: { values: nextItemDefaults(sessions), errors: {} } };
    });
  });

  app.post("/verwaltung/fachtage/:id/programm", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(platform, request.actor, request.params.id);
    return handleForm(
      request,
      sessionForm,
      async (data) => {
        await withFormFields(sessionFieldOfService, () =>
          addSession(platform, request.actor, event.id, sessionFormToInput(data, utcToBerlin(event.startsAt).date)),
        );
        return reply
          .flash("success", "events.flash.sessionAdded")
          .redirect(`/verwaltung/fachtage/${event.id}/programm`, 303);
      },
      (form, status) => programmePage(request, reply, event.id, form, status),
    );
  });

  const sessionParams = idParams.extend({ sessionId: idParams.shape.id });

  const sessionPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    found: { event: EventView; session: SessionView },
    form: FormState,
    status = 200,
  ) =>
    reply.page({
      styles,
      status,
      title: request.t("events.programme.editTitle", { title: found.session.title }),
      body: <SessionEditPage event={found.event} session={found.session} form={form} />,
    });

  app.get(
    "/verwaltung/fachtage/:id/programm/:sessionId",
    { schema: { params: sessionParams } },
    async (request, reply) => {
      const found = await getSession(platform, request.actor, request.params.id, request.params.sessionId);
      return sessionPage(request, reply, found, { values: sessionFormValues(found.session), errors: {} });
    },
  );

  app.post(
    "/verwaltung/fachtage/:id/programm/:sessionId",
    { schema: { params: sessionParams } },
    async (request, reply) => {
      const found = await getSession(platform, request.actor, request.params.id, request.params.sessionId);
      const { event, session } = found;
      return handleForm(
        request,
        sessionForm,
        async (data) => {
          await withFormFields(sessionFieldOfService, () =>
            updateSession(
              platform,
              request.actor,
              event.id,
              session.id,
              sessionFormToInput(data, utcToBerlin(event.startsAt).date),
            ),
          );
          return reply
            .flash("success", "events.flash.sessionSaved")
            .redirect(`/verwaltung/fachtage/${event.id}/programm`, 303);
        },
        (form, status) => sessionPage(request, reply, found, form, status),
      );
    },
  );

  app.post(
    "/verwaltung/fachtage/:id/programm/:sessionId/loeschen",
    { schema: { params: sessionParams } },
    async (request, reply) => {
      await deleteSession(platform, request.actor, request.params.id, request.params.sessionId);
      return reply
        .flash("success", "events.flash.sessionDeleted")
        .redirect(`/verwaltung/fachtage/${request.params.id}/programm`, 303);
    },
  );

  // --- JSON API -------------------------------------------------------------------

  const tags = ["Fachtage"];
  const security = [{ bearerAuth: [] }];
  // Who may write is checked before the body is validated: 401/403 come before 422.
  const organisersOnly = async (request: FastifyRequest) => requireOrganiser(request.actor);

  app.get(
    "/api/v1/events",
    {
      schema: {
        tags,
        summary: "Veröffentlichte Fachtage auflisten (optional von/bis: ?from=&to=)",
        querystring: listQuery,
      },
    },
    async (request, reply) => {
      // Public, read-only and without cookies: other sites (the district's homepage) may fetch it.
      reply.header("access-control-allow-origin", "*");
      const range = { from: rangeBound(request.query.from), to: rangeBound(request.query.to) };
      const events = await listPublicEvents(db, {
        ...(range.from ? { from: range.from } : {}),
        ...(range.to ? { to: range.to } : {}),
      });
      return events.map((e) => eventJson(e, baseUrl));
    },
  );

  app.post(
    "/api/v1/events",
    {
      schema: { tags, summary: "Fachtag anlegen (Veranstalter, Bildungsbüro)", security, body: createEventBody },
      preValidation: organisersOnly,
    },
    async (request, reply) => {
      const body = request.body;
      const event = await createEvent(platform, request.actor, {
        ...body,
        contact: body.contact ?? {},
      });
      return reply.code(201).send(eventJson(event, baseUrl));
    },
  );

  app.get(
    "/api/v1/events/:id",
    { schema: { tags, summary: "Einen Fachtag abrufen", params: idParams } },
    async (request) => {
      const { event, availability } = await getEventWithAvailability(platform, request.actor, request.params.id);
      return eventJson(event, baseUrl, availability);
    },
  );

  app.patch(
    "/api/v1/events/:id",
    {
      schema: {
        tags,
        summary: "Fachtag ändern (Veranstalter des Fachtags, Bildungsbüro)",
        security,
        params: idParams,
        body: patchEventBody,
      },
      preValidation: organisersOnly,
    },
    async (request) => {
      const event = await updateEvent(platform, request.actor, request.params.id, request.body);
      return eventJson(event, baseUrl);
    },
  );

  app.get(
    "/api/v1/events/:id/sessions",
    { schema: { tags, summary: "Programm eines Fachtags (Programmpunkte mit Zeitfenster)", params: idParams } },
    async (request) => (await getPublicProgramme(platform, request.actor, request.params.id)).map(sessionJson),
  );

  const sessionIdParams = idParams.extend({ sessionId: idParams.shape.id });

  app.patch(
    "/api/v1/events/:id/sessions/:sessionId",
    {
      schema: {
        tags,
        summary: "Programmpunkt ändern (nur die gesendeten Felder)",
        security,
        params: sessionIdParams,
        body: sessionBody.partial(),
      },
      preValidation: organisersOnly,
    },
    async (request) => {
      const { session } = await getSession(platform, request.actor, request.params.id, request.params.sessionId);
      const body = request.body;
      const updated = await updateSession(platform, request.actor, request.params.id, session.id, {
        kind: body.kind ?? session.kind,
        title: body.title ?? session.title,
        abstract: body.abstract !== undefined ? body.abstract : session.abstract,
        room: body.room !== undefined ? body.room : session.room,
        startsAt: body.startsAt ?? session.startsAt,
        endsAt: body.endsAt ?? session.endsAt,
        capacity: body.capacity !== undefined ? body.capacity : session.capacity,
        speakers: body.speakers !== undefined ? toSpeakers(body.speakers) : session.speakers,
      });
      return sessionJson(updated);
    },
  );

  app.delete(
    "/api/v1/events/:id/sessions/:sessionId",
    {
      schema: { tags, summary: "Programmpunkt löschen", security, params: sessionIdParams },
      preValidation: organisersOnly,
    },
    async (request, reply) => {
      await deleteSession(platform, request.actor, request.params.id, request.params.sessionId);
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/events/:id/sessions",
    {
      schema: { tags, summary: "Programmpunkt hinzufügen", security, params: idParams, body: sessionBody },
      preValidation: organisersOnly,
    },
    async (request, reply) => {
      const body = request.body;
      const session = await addSession(platform, request.actor, request.params.id, {
        ...body,
        speakers: toSpeakers(body.speakers),
      });
      return reply.code(201).send(sessionJson(session));
    },
  );
}
