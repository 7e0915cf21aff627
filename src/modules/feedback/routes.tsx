import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { toCsv, toXlsx } from "../../lib/spreadsheet.js";
import { NotFoundError } from "../../platform/http/errors.js";
import { emptyForm, type FormState, handleForm, parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { contentDisposition } from "../../platform/storage/storage.js";
import { exportTable, getResults } from "./results.service.js";
import { answerQuery, apiResults, autoSendForm, eventParams, questionForm } from "./schema.js";
import {
  addQuestion,
  answerSchema,
  getOverview,
  getQuestion,
  moveQuestion,
  openSurvey,
  removeQuestion,
  resetQuestionnaire,
  saveAutoSend,
  sendLinks,
  submitAnswer,
  updateQuestion,
} from "./survey.service.js";
import { AnswerPage, answerPath, ThanksPage } from "./views/answer-page.js";
import { ResultsPage } from "./views/results-page.js";
import { QuestionPage, SurveyPage, surveyBase } from "./views/survey-page.js";

const feedbackStyles = ["/assets/feedback.css?v=1"];

type EventParams = { Params: { eventId: string } };
type QuestionParams = { Params: { eventId: string; questionId: string } };

/** The link's token must never travel on as a referrer, nor stay in a cache. */
const privately = (reply: FastifyReply) =>
  reply.header("cache-control", "private, no-store").header("referrer-policy", "no-referrer");

const tokenOf = (body: unknown): string => {
  const t = body && typeof body === "object" ? (body as Record<string, unknown>).t : undefined;
  return typeof t === "string" ? t.trim().slice(0, 200) : "";
};

const exportName = (title: string, ext: string) => `Umfrage ${title.replace(/[\\/:*?"<>|]/g, "_")}.${ext}`;

export function feedbackRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // --- answering: the link is the proof, and it names nobody -----------------------------
  const answerPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    form = emptyForm,
    status = 200,
  ) => {
    const survey = await openSurvey(platform, token);
    return privately(reply).page({
      status,
      title: request.t("feedback.answer.title", { event: survey.eventTitle }),
      body: <AnswerPage survey={survey} token={token} form={form} />,
    });
  };

  app.get(answerPath, async (request, reply) => {
    const { t } = parseQuery(answerQuery, request.query);
    if (!t) throw new NotFoundError("feedback.error.unknown");
    return answerPage(request, reply, t);
  });

  app.post(answerPath, async (request, reply) => {
    const token = tokenOf(request.body);
    if (!token) throw new NotFoundError("feedback.error.unknown");
    const survey = await openSurvey(platform, token);
    return handleForm(
      { body: request.body, t: request.t, locale: request.locale },
      answerSchema(survey),
      async (data) => {
        await submitAnswer(platform, token, data as Record<string, unknown>);
        return reply.redirect(`${answerPath}/danke`, 303);
      },
      (form, status) => answerPage(request, reply, token, form, status),
    );
  });

  app.get(`${answerPath}/danke`, async (request, reply) =>
    reply.page({ title: request.t("feedback.thanks.heading"), body: <ThanksPage /> }),
  );

  // --- the organiser's page ---------------------------------------------------------------
  const page = async (request: FastifyRequest<EventParams>, reply: FastifyReply, form = emptyForm, status = 200) => {
    const o = await getOverview(platform, request.actor, request.params.eventId);
    return reply.page({
      status,
      styles: feedbackStyles,
      title: request.t("feedback.page.title", { event: o.event.title }),
      body: <SurveyPage o={o} form={form} />,
    });
  };
  const back = (reply: FastifyReply, eventId: string) => reply.redirect(surveyBase(eventId), 303);

  app.get<EventParams>("/verwaltung/fachtage/:eventId/umfrage", async (request, reply) => page(request, reply));

  app.post<EventParams>("/verwaltung/fachtage/:eventId/umfrage/fragen", async (request, reply) =>
    handleForm(
      { body: request.body, t: request.t, locale: request.locale },
      questionForm,
      async (data) => {
        await addQuestion(platform, request.actor, request.params.eventId, data);
        reply.flash("success", "feedback.flash.added");
        return back(reply, request.params.eventId);
      },
      (form: FormState, status) => page(request, reply, form, status),
    ),
  );

  const questionPage = async (
    request: FastifyRequest<QuestionParams>,
    reply: FastifyReply,
    form = emptyForm,
    status = 200,
  ) => {
    const { o, question } = await getQuestion(
      platform,
      request.actor,
      request.params.eventId,
      request.params.questionId,
    );
    return reply.page({
      status,
      styles: feedbackStyles,
      title: request.t("feedback.editor.editHeading"),
      body: <QuestionPage o={o} question={question} form={form} />,
    });
  };

  app.get<QuestionParams>("/verwaltung/fachtage/:eventId/umfrage/fragen/:questionId", async (request, reply) =>
    questionPage(request, reply),
  );

  app.post<QuestionParams>("/verwaltung/fachtage/:eventId/umfrage/fragen/:questionId", async (request, reply) =>
    handleForm(
      { body: request.body, t: request.t, locale: request.locale },
      questionForm,
      async (data) => {
        await updateQuestion(platform, request.actor, request.params.eventId, request.params.questionId, data);
        reply.flash("success", "feedback.flash.saved");
        return back(reply, request.params.eventId);
      },
      (form: FormState, status) => questionPage(request, reply, form, status),
    ),
  );

  app.post<QuestionParams>(
    "/verwaltung/fachtage/:eventId/umfrage/fragen/:questionId/loeschen",
    async (request, reply) => {
      await removeQuestion(platform, request.actor, request.params.eventId, request.params.questionId);
      reply.flash("success", "feedback.flash.removed");
      return back(reply, request.params.eventId);
    },
  );

  for (const [path, direction] of [
    ["hoch", "up"],
    ["runter", "down"],
  ] as const) {
    app.post<QuestionParams>(
      `/verwaltung/fachtage/:eventId/umfrage/fragen/:questionId/${path}`,
      async (request, reply) => {
        await moveQuestion(platform, request.actor, request.params.eventId, request.params.questionId, direction);
        return back(reply, request.params.eventId);
      },
    );
  }

  app.post<EventParams>("/verwaltung/fachtage/:eventId/umfrage/standard", async (request, reply) => {
    await resetQuestionnaire(platform, request.actor, request.params.eventId);
    reply.flash("success", "feedback.flash.reset");
    return back(reply, request.params.eventId);
  });

  app.post<EventParams>("/verwaltung/fachtage/:eventId/umfrage/senden", async (request, reply) => {
    const count = await sendLinks(platform, request.actor, request.params.eventId);
    if (count === 0) reply.flash("info", "feedback.flash.noneSent");
    else reply.flash("success", "feedback.flash.sent", { count });
    return back(reply, request.params.eventId);
  });

  app.post<EventParams>("/verwaltung/fachtage/:eventId/umfrage/automatisch", async (request, reply) =>
    handleForm(
      { body: request.body, t: request.t, locale: request.locale },
      autoSendForm,
      async (data) => {
        await saveAutoSend(platform, request.actor, request.params.eventId, data.autoSendDays);
        reply.flash("success", "feedback.flash.autoSaved");
        return back(reply, request.params.eventId);
      },
      (form: FormState, status) => page(request, reply, form, status),
    ),
  );

  // --- results ----------------------------------------------------------------------------
  app.get<EventParams>("/verwaltung/fachtage/:eventId/umfrage/ergebnisse", async (request, reply) => {
    const results = await getResults(platform, request.actor, request.params.eventId);
    return reply.page({
      styles: feedbackStyles,
      title: request.t("feedback.results.title", { event: results.event.title }),
      body: <ResultsPage results={results} />,
    });
  });

  app.get<EventParams>("/verwaltung/fachtage/:eventId/umfrage/ergebnisse.csv", async (request, reply) => {
    const results = await getResults(platform, request.actor, request.params.eventId);
    const { headers, rows } = exportTable(results);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", contentDisposition(exportName(results.event.title, "csv")))
      .header("cache-control", "private, no-store")
      .send(toCsv(headers, rows));
  });

  app.get<EventParams>("/verwaltung/fachtage/:eventId/umfrage/ergebnisse.xlsx", async (request, reply) => {
    const results = await getResults(platform, request.actor, request.params.eventId);
    const { headers, rows } = exportTable(results);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", contentDisposition(exportName(results.event.title, "xlsx")))
      .header("cache-control", "private, no-store")
      .send(await toXlsx("Umfrage", headers, rows));
  });

  app.get(
    "/api/v1/events/:eventId/survey/results",
    {
      schema: {
        tags: ["Fachtage"],
        summary:
          "Ergebnisse der Feedback-Umfrage eines Fachtags (Veranstalter): je Frage Anzahlen, Mittelwert, Freitexte; anonym",
        params: eventParams,
        response: { 200: apiResults },
      },
    },
    async (request) => {
      const results = await getResults(platform, request.actor, request.params.eventId);
      return {
        eventId: results.event.id,
        answers: results.answers,
        questions: results.questions.map((r) => ({
          id: r.question.id,
          kind: r.question.kind,
          text: r.question.text,
          answered: r.answered,
          counts: r.counts,
          mean: r.mean,
          texts: r.texts,
          byWorkshop: r.byWorkshop,
        })),
      };
    },
  );
}
