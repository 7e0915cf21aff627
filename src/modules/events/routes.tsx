import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { VNode } from "preact";
import { z } from "zod";
import { toBerlinIso, utcToBerlin } from "../../lib/berlin-time.js";
import { escapeHtml } from "../../lib/html.js";
import { requireRole } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/schema.js";
import { ValidationError } from "../../platform/http/errors.js";
import { parseForm } from "../../platform/http/forms.js";
import { pageContext } from "../../platform/http/request-context.js";
import type { Platform } from "../../platform/platform.js";
import { renderFragment } from "../../platform/views/render.js";
import { organisationFieldScripts, RegistrationSection } from "../registrations/views/registration-section.js";
import { toIcs } from "./ics.js";
import { type Availability, availabilityOf, organisationFieldFor, questionsOf } from "./registration-hooks.js";
import {
  createEventBody,
  eventFieldOfService,
  eventForm,
  eventFormToInput,
  idParams,
  listQuery,
  patchEventBody,
  rangeBound,
  sessionBody,
  sessionFieldOfService,
  sessionForm,
  sessionFormToInput,
  statusForm,
  toSpeakers,
} from "./schema.js";
import {
  addSession,
  canManageEvent,
  changeEventStatus,
  createEvent,
  deleteDraftEvent,
  deleteSession,
  type EventView,
  getManageableEvent,
  getSession,
  getVisibleEvent,
  listManagedEvents,
  listPastEvents,
  listPublicEvents,
  listSessions,
  listUpcomingEvents,
  type SessionView,
  updateEvent,
  updateSession,
} from "./service.js";
import {
  AdminListPage,
  ConfirmPage,
  EventCreatePage,
  EventEditPage,
  eventFormValues,
  type FormState,
  newEventDefaults,
  ProgrammePage,
  SessionEditPage,
  sessionFormValues,
} from "./views/admin.js";
import { ArchivePage, CalendarPage, EmbedList, EventPage } from "./views/public.js";

const styles = ["/assets/events.css?v=1"];
const slugParams = z.object({ slug: z.string().min(1).max(200) });

// ---------------------------------------------------------------------------
// JSON shapes of the API (contract of issue 3 §8; times with Berlin offset)

const isoOrNull = (v: string | null) => (v ? toBerlinIso(v) : null);

export function eventJson(e: EventView, baseUrl: string, availability?: Availability | null) {
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

export function sessionJson(s: SessionView) {
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

/** The registrations module's section (form, or why registration is closed) and its scripts. */
async function registrationSection(
  platform: Platform,
  event: EventView,
  sessions: SessionView[],
  availability: Availability | null,
): Promise<{ section: VNode | null; scripts: string[] }> {
  if (!availability) return { section: null, scripts: [] };
  const questions = await questionsOf(platform.db.kysely, event.id);
  const field = event.registrationOpen ? await organisationFieldFor(platform) : undefined;
  return {
    section: (
      <RegistrationSection
        event={event}
        sessions={sessions}
        availability={availability}
        questions={questions}
        organisationField={field}
      />
    ),
    scripts: organisationFieldScripts(field),
  };
}

/** Service errors about fields, translated and put beside the form field they belong to. */
function fieldErrors(request: FastifyRequest, error: ValidationError, map: Record<string, string>) {
  const errors: Record<string, string> = {};
  for (const [field, key] of Object.entries(error.fieldErrors)) errors[map[field] ?? field] = request.t(key);
  return errors;
}

function sendIcs(reply: FastifyReply, filename: string, body: string) {
  return reply
    .header("content-type", "text/calendar; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "public, max-age=300")
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
      body: <CalendarPage events={await listUpcomingEvents(db)} />,
    }),
  );

  app.get("/fachtage/archiv", async (request, reply) =>
    reply.page({
      title: request.t("events.archive.title"),
      styles,
      body: <ArchivePage events={await listPastEvents(db)} />,
    }),
  );

  app.get("/fachtage/kalender.ics", async (request, reply) => {
    const events = await listPublicEvents(db);
    return sendIcs(
      reply,
      "fachtage.ics",
      toIcs(
        events.map((event) => ({ event })),
        { baseUrl, calendarName: calendarName(request) },
      ),
    );
  });

  // Plain list for the district's website: no site frame, may be shown in iframes anywhere.
  app.get("/fachtage/einbetten", async (request, reply) => {
    const events = await listUpcomingEvents(db);
    const ctx = pageContext(request, reply);
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
  });

  app.get("/fachtage/:slug", { schema: { params: slugParams } }, async (request, reply) => {
    const { slug } = request.params;
    if (slug.endsWith(".ics")) {
      const event = await getVisibleEvent(db, request.actor, slug.slice(0, -4));
      const sessions = await listSessions(db, event.id);
      return sendIcs(
        reply,
        `${event.slug}.ics`,
        toIcs([{ event, sessions }], { baseUrl, calendarName: calendarName(request) }),
      );
    }
    const event = await getVisibleEvent(db, request.actor, slug);
    const sessions = await listSessions(db, event.id);
    // Free places matter only while people can still come: not for drafts or past events.
    const availability =
      event.status === "draft" || event.registrationClosedReason === "past" ? null : await availabilityOf(db, event.id);
    const registration = await registrationSection(platform, event, sessions, availability);
    return reply.page({
      title: event.title,
      styles,
      scripts: registration.scripts,
      body: (
        <EventPage
          event={event}
          sessions={sessions}
          availability={availability}
          registration={registration.section}
          canManage={canManageEvent(request.actor, event)}
        />
      ),
    });
  });

  // --- back office --------------------------------------------------------------

  app.get("/verwaltung/fachtage", async (request, reply) => {
    const events = await listManagedEvents(db, request.actor);
    return reply.page({
      styles,
      title: request.t("events.admin.title"),
      body: <AdminListPage events={events} all={request.actor.kind === "user" && request.actor.role === "admin"} />,
    });
  });

  app.get("/verwaltung/fachtage/neu", async (request, reply) => {
    requireRole(request.actor, "admin", "editor");
    return reply.page({
      styles,
      title: request.t("events.admin.createTitle"),
      body: <EventCreatePage form={{ values: newEventDefaults, errors: {} }} />,
    });
  });

  app.post("/verwaltung/fachtage/neu", async (request, reply) => {
    requireRole(request.actor, "admin", "editor");
    const form = parseForm(eventForm, request.body, request.t, request.locale);
    const fail = (errors: Record<string, string>) =>
      reply.page({
        styles,
        status: 422,
        title: request.t("events.admin.createTitle"),
        body: (
          <EventCreatePage
            form={{ values: form.ok ? (request.body as Record<string, unknown>) : form.values, errors }}
          />
        ),
      });
    if (!form.ok) return fail(form.errors);
    try {
      const event = await createEvent(platform, request.actor, eventFormToInput(form.data));
      return reply.flash("success", "events.flash.created").redirect(`/verwaltung/fachtage/${event.id}/programm`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return fail(fieldErrors(request, error, eventFieldOfService));
      throw error;
    }
  });

  app.get("/verwaltung/fachtage/:id", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(db, request.actor, request.params.id);
    return reply.page({
      styles,
      title: request.t("events.admin.editTitle", { title: event.title }),
      body: <EventEditPage event={event} form={{ values: eventFormValues(event), errors: {} }} />,
    });
  });

  app.post("/verwaltung/fachtage/:id", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(db, request.actor, request.params.id);
    const form = parseForm(eventForm, request.body, request.t, request.locale);
    const fail = (errors: Record<string, string>) =>
      reply.page({
        styles,
        status: 422,
        title: request.t("events.admin.editTitle", { title: event.title }),
        body: (
          <EventEditPage
            event={event}
            form={{ values: form.ok ? (request.body as Record<string, unknown>) : form.values, errors }}
          />
        ),
      });
    if (!form.ok) return fail(form.errors);
    try {
      await updateEvent(platform, request.actor, event.id, eventFormToInput(form.data));
      return reply.flash("success", "events.flash.saved").redirect(`/verwaltung/fachtage/${event.id}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return fail(fieldErrors(request, error, eventFieldOfService));
      throw error;
    }
  });

  app.post("/verwaltung/fachtage/:id/status", { schema: { params: idParams } }, async (request, reply) => {
    const form = parseForm(statusForm, request.body, request.t, request.locale);
    if (!form.ok) throw new ValidationError({ status: "validation.choice" });
    const event = await changeEventStatus(platform, request.actor, request.params.id, form.data.status);
    return reply
      .flash("success", "events.flash.status", { status: request.t(`events.status.${event.status}`) })
      .redirect(`/verwaltung/fachtage/${event.id}`, 303);
  });

  app.get("/verwaltung/fachtage/:id/absagen", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(db, request.actor, request.params.id);
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
    const event = await getManageableEvent(db, request.actor, request.params.id);
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
    event: EventView,
    form: FormState,
    status = 200,
  ) =>
    reply.page({
      styles,
      status,
      title: request.t("events.programme.title", { title: event.title }),
      body: <ProgrammePage event={event} sessions={await listSessions(db, event.id)} form={form} />,
    });

  app.get("/verwaltung/fachtage/:id/programm", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(db, request.actor, request.params.id);
    return programmePage(request, reply, event, { values: { kind: "workshop" }, errors: {} });
  });

  app.post("/verwaltung/fachtage/:id/programm", { schema: { params: idParams } }, async (request, reply) => {
    const event = await getManageableEvent(db, request.actor, request.params.id);
    const form = parseForm(sessionForm, request.body, request.t, request.locale);
    const values = request.body as Record<string, unknown>;
    if (!form.ok) return programmePage(request, reply, event, { values: form.values, errors: form.errors }, 422);
    try {
      await addSession(
        platform,
        request.actor,
        event.id,
        sessionFormToInput(form.data, utcToBerlin(event.startsAt).date),
      );
    } catch (error) {
      if (error instanceof ValidationError) {
        return programmePage(
          request,
          reply,
          event,
          { values, errors: fieldErrors(request, error, sessionFieldOfService) },
          422,
        );
      }
      throw error;
    }
    return reply
      .flash("success", "events.flash.sessionAdded")
      .redirect(`/verwaltung/fachtage/${event.id}/programm`, 303);
  });

  const sessionParams = idParams.extend({ sessionId: idParams.shape.id });

  app.get(
    "/verwaltung/fachtage/:id/programm/:sessionId",
    { schema: { params: sessionParams } },
    async (request, reply) => {
      const { event, session } = await getSession(db, request.actor, request.params.id, request.params.sessionId);
      return reply.page({
        styles,
        title: request.t("events.programme.editTitle", { title: session.title }),
        body: (
          <SessionEditPage event={event} session={session} form={{ values: sessionFormValues(session), errors: {} }} />
        ),
      });
    },
  );

  app.post(
    "/verwaltung/fachtage/:id/programm/:sessionId",
    { schema: { params: sessionParams } },
    async (request, reply) => {
      const { event, session } = await getSession(db, request.actor, request.params.id, request.params.sessionId);
      const form = parseForm(sessionForm, request.body, request.t, request.locale);
      const fail = (form: FormState) =>
        reply.page({
          styles,
          status: 422,
          title: request.t("events.programme.editTitle", { title: session.title }),
          body: <SessionEditPage event={event} session={session} form={form} />,
        });
      if (!form.ok) return fail({ values: form.values, errors: form.errors });
      try {
        await updateSession(
          platform,
          request.actor,
          event.id,
          session.id,
          sessionFormToInput(form.data, utcToBerlin(event.startsAt).date),
        );
      } catch (error) {
        if (error instanceof ValidationError) {
          return fail({
            values: request.body as Record<string, unknown>,
            errors: fieldErrors(request, error, sessionFieldOfService),
          });
        }
        throw error;
      }
      return reply
        .flash("success", "events.flash.sessionSaved")
        .redirect(`/verwaltung/fachtage/${event.id}/programm`, 303);
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
  const organisersOnly = async (request: FastifyRequest) => {
    requireRole(request.actor, "admin", "editor");
  };

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
      const event = await getVisibleEvent(db, request.actor, request.params.id);
      const availability = event.status === "draft" ? null : await availabilityOf(db, event.id);
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
    async (request) => {
      const event = await getVisibleEvent(db, request.actor, request.params.id);
      return (await listSessions(db, event.id)).map(sessionJson);
    },
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
      const { session } = await getSession(db, request.actor, request.params.id, request.params.sessionId);
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
