import type { FastifyReply, FastifyRequest } from "fastify";
import { translator } from "../i18n/i18n.js";
import { ErrorPage } from "../views/error-page.js";

/** Seconds a client is asked to wait before it tries again (Retry-After). */
const RETRY_AFTER_SECONDS = 10;

export const unavailableMessages = {
  de: {
    "error.unavailable.title": "Vorübergehend nicht erreichbar",
    "error.unavailable.text":
      "Die Datenbank des Bildungsnetzes antwortet gerade nicht. Bitte versuchen Sie es in einer Minute noch einmal. Was Sie eben abgeschickt haben, ist nur dann gespeichert, wenn Sie dazu eine E-Mail bekommen.",
  },
  en: {
    "error.unavailable.title": "Temporarily unavailable",
    "error.unavailable.text":
      "The Bildungsnetz database is not answering right now. Please try again in a minute. What you just sent has only been saved if you receive an e-mail about it.",
  },
};

const de = translator("de");

/**
 * The answer while the database is unreachable: 503 with Retry-After, a problem document
 * (code `database_unavailable`, German detail) for the API, the error page for the web.
 * The page needs no database (layout and texts are in memory); should it fail anyway, a
 * plain German HTML page goes out instead.
 */
export function sendUnavailable(request: FastifyRequest, reply: FastifyReply, api: boolean) {
  request.log.warn({ path: request.url.split("?")[0] }, "database unavailable: answered 503");
  reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  if (api) {
    return reply
      .code(503)
      .header("content-type", "application/problem+json; charset=utf-8")
      .send(
        JSON.stringify({
          type: "urn:bildungsnetz:problem:database_unavailable",
          title: de("error.unavailable.title"),
          status: 503,
          code: "database_unavailable",
          detail: de("error.unavailable.text"),
        }),
      );
  }
  try {
    return reply.page({
      status: 503,
      title: request.t("error.unavailable.title"),
      body: ErrorPage({ titleKey: "error.unavailable.title", textKey: "error.unavailable.text" }),
    });
  } catch {
    const title = de("error.unavailable.title");
    return reply
      .code(503)
      .header("content-type", "text/html; charset=utf-8")
      .send(
        `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
          `<body><main><h1>${title}</h1><p>${de("error.unavailable.text")}</p></main></body></html>`,
      );
  }
}
