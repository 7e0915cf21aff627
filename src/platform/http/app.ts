import { constants as zlib } from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import helmet from "helmet";
import { z } from "zod";
import { qs } from "../../lib/querystring.js";
import { anonymous } from "../auth/actor.js";
import { resolveActor } from "../auth/resolve-actor.js";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { isLocale, registerMessages, translator } from "../i18n/i18n.js";
import { platformMessages } from "../i18n/messages.js";
import type { AppModule } from "../module.js";
import type { Platform } from "../platform.js";
import { ErrorPage } from "../views/error-page.js";
import { registerAssets } from "./assets.js";
import { cleanInput } from "./clean-input.js";
import { DomainError } from "./errors.js";
import { rateLimitRedis, redisConnected } from "./rate-limit-store.js";
import { FLASH_COOKIE, LOCALE_COOKIE, renderPage } from "./request-context.js";
import { safeReturnPath } from "./safe-return.js";
import { sendUnavailable, unavailableMessages } from "./unavailable.js";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// zod's own messages (a missing object, a too long text without a message of ours) in German:
// the API's 422 problems say "Ungültige Eingabe …", not "Invalid input …". The HTML forms
// pass the page's language themselves (parseForm), which wins over this default.
z.config(z.locales.de());

export const isApiRequest = (request: FastifyRequest) => request.url.startsWith("/api/");

/**
 * One log line per request, when it is answered: method, path without the query string
 * (it may carry tokens), status and time. Fastify's own "incoming request" line is dropped.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: request.url.split("?")[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request");
  }
}

export interface BuildOptions {
  platform: Platform;
  modules: AppModule[];
}

/** Builds the whole application: platform plugins first, then every module's routes. */
export async function buildApp({ platform, modules }: BuildOptions): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.logger,
    logController: new OneLinePerRequest(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, querystringParser: (s: string) => qs.parse(s) },
    // An address the router cannot read (a broken %-escape, a path part of more than 100
    // characters) is refused before any hook runs: as a problem document or a German page.
    frameworkErrors: (error, request, reply) => sendFrameworkError(error, request, reply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("platform", platform);
  app.decorate("navItems", []);

  registerMessages(platformMessages);
  registerMessages(unavailableMessages);
  for (const module of modules) if (module.messages) registerMessages(module.messages);
  app.navItems.push(...modules.flatMap((m) => m.nav ?? []).sort((a, b) => a.order - b.order));

  // --- external plugins -----------------------------------------------------
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { parser: (body) => qs.parse(body) });
  // Multipart bodies are read whole (files into memory, up to UPLOAD_MAX_MB) before the
  // hooks run, so the CSRF token travels as an ordinary form field; routes take the parts
  // with multipartBody().
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: config.uploadMaxBytes, files: 5, fields: 50 },
  });
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    // Fast brotli for dynamic pages: a small window keeps the per-response encoder cheap.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_LGWIN]: 18 } },
  });
  // Security headers. They are the same for every response, so helmet's middleware is
  // built once here (the @fastify/helmet plugin builds it anew on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: [
          "'self'",
          "data:",
          ...(config.map.tileUrl ? [new URL(config.map.tileUrl.replace(/\{[a-z]\}/g, "0")).origin] : []),
        ],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.isProduction,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
  });
  app.addHook("onRequest", (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)),
  );
  if (config.rateLimit) {
    const redis = config.redisUrl ? rateLimitRedis(config.redisUrl, platform.logger) : undefined;
    if (redis) {
      app.addHook("onReady", async () => redisConnected(redis));
      app.addHook("onClose", async () => void (await redis.quit().catch(() => undefined)));
    }
    app.decorate("rateLimitStore", () =>
      !redis ? "memory" : redis.status === "ready" ? "redis" : "redis_unreachable",
    );
    await app.register(rateLimit, {
      global: true,
      max: 600,
      timeWindow: "1 minute",
      ...(redis ? { redis, nameSpace: "bn-rate-limit-", skipOnError: true } : {}),
      errorResponseBuilder: (_request, context) => {
        const error = new DomainError(429, "rate_limited", "error.rateLimit.text", {
          seconds: Math.max(1, Math.ceil(context.ttl / 1000)),
        });
        return error;
      },
    });
  }
  if (!app.hasDecorator("rateLimitStore")) app.decorate("rateLimitStore", () => "off" as const);
  await app.register(csrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: "bn_csrf",
    cookieOpts: { path: "/", sameSite: "lax", httpOnly: true, secure: config.isProduction, signed: true },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const field = body?._csrf;
      const token =
        field && typeof field === "object" && "value" in field
          ? field.value
          : (field ?? request.headers["x-csrf-token"]);
      return typeof token === "string" ? token : "";
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Bildungsnetz API",
        version: "1.0.0",
        description:
          "JSON-Schnittstelle des Bildungsnetzes. Fehler als application/problem+json (RFC 9457) mit stabilem `code` und deutschem `detail`.",
        license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
      },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "API-Token aus dem Konto" } },
      },
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });

  // --- request context --------------------------------------------------------
  app.decorateRequest("locale", "de");
  app.decorateRequest("t", translator("de"));
  app.decorateRequest("actor", null as unknown as { kind: "anonymous" });
  app.decorateReply("page", function (this: FastifyReply, options) {
    return renderPage(this.request, this, options);
  });
  app.decorateReply("flash", function (this: FastifyReply, kind, messageKey, params) {
    this.setCookie(FLASH_COOKIE, JSON.stringify({ kind, key: messageKey, params }), {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: config.isProduction,
      signed: true,
      maxAge: 60,
    });
    return this;
  });

  app.addHook("onRequest", async (request) => {
    request.actor = anonymous;
    const cookieLocale = request.cookies[LOCALE_COOKIE];
    request.locale = isLocale(cookieLocale) ? cookieLocale : "de";
    request.t = translator(request.locale);
  });
  // Control characters, bidi overrides and lone surrogates never reach a schema,
  // a database row or a page: stripped from every body, query string and path parameter
  // at the door (PostgreSQL refuses a NUL even in a WHERE: /api/v1/posts/%00 was a 500).
  app.addHook("preValidation", async (request) => {
    // Multipart parts are cleaned when a route reads them (multipartBody).
    if (request.body !== undefined && !request.isMultipart()) request.body = cleanInput(request.body);
    if (request.query) request.query = cleanInput(request.query) as typeof request.query;
    // The router's params object has a prototype of its own, which cleanInput leaves alone.
    if (request.params) request.params = cleanInput({ ...(request.params as object) }) as typeof request.params;
  });
  app.addHook("preValidation", async (request) => {
    request.actor = await resolveActor(request);
  });
  // The JSON API takes JSON (and multipart uploads) only: a cross-site HTML form can send
  // neither, and the API ignores session cookies (see resolveActor), so no page on any
  // other origin can make a signed-in browser change something through the API.
  app.addHook("preValidation", async (request) => {
    if (!UNSAFE.has(request.method) || !isApiRequest(request) || request.body === undefined) return;
    const type = String(request.headers["content-type"] ?? "").toLowerCase();
    if (!type.startsWith("application/json") && !type.startsWith("multipart/form-data")) {
      throw new DomainError(415, "unsupported_media_type", "error.mediaType.text");
    }
  });
  // Every state-changing form needs a valid CSRF token. The JSON API is exempt:
  // it authenticates with bearer tokens only, which a browser never sends by itself.
  app.addHook("preValidation", async (request, reply) => {
    if (!UNSAFE.has(request.method) || isApiRequest(request)) return;
    // A route that a mail client posts to by itself (RFC 8058 one-click unsubscribe) opts out.
    if ((request.routeOptions.config as { csrfExempt?: boolean } | undefined)?.csrfExempt) return;
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });
  });

  // --- errors -----------------------------------------------------------------
  app.setErrorHandler(async (error: FastifyError, request, reply) => handleError(app, error, request, reply));
  app.setNotFoundHandler(
    {
      preValidation: async (request: FastifyRequest) => {
        request.actor = await resolveActor(request);
      },
    },
    async (request, reply) => {
      if (isApiRequest(request)) {
        return sendProblem(
          reply,
          404,
          "not_found",
          request.t("error.notFound.title"),
          "Diese Adresse gibt es in der API nicht.",
        );
      }
      return reply.page({
        status: 404,
        title: request.t("error.notFound.title"),
        body: ErrorPage({ titleKey: "error.notFound.title", textKey: "error.notFound.text" }),
      });
    },
  );

  // --- routes -------------------------------------------------------------------
  registerAssets(app);
  app.get("/sprache", async (request, reply) => {
    const { lang, zurueck } = request.query as { lang?: string; zurueck?: unknown };
    const target = safeReturnPath(zurueck, config.baseUrl);
    if (isLocale(lang)) {
      reply.setCookie(LOCALE_COOKIE, lang, {
        path: "/",
        sameSite: "lax",
        httpOnly: true,
        secure: config.isProduction,
        maxAge: 365 * 24 * 3600,
      });
    }
    return reply.redirect(target, 303);
  });
  for (const module of modules) {
    if (module.register) await app.register(async (scope) => module.register?.(scope, platform));
  }
  return app;
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  return reply
    .code(status)
    .header("content-type", "application/problem+json; charset=utf-8")
    .send(JSON.stringify({ type: `urn:bildungsnetz:problem:${code}`, title, status, code, detail, ...extra }));
}

const de = translator("de");

/**
 * Errors of the router, answered before the cookie, session and CSRF hooks ran: so a
 * plain page without the site's header (it would need them), or a problem document.
 */
function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const detail =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? "Diese Adresse ist zu lang."
      : "Diese Adresse ist ungültig: sie enthält ein Zeichen, das so nicht in einer Adresse stehen darf.";
  const title = de("error.badRequest.title");
  if (request.url.startsWith("/api/")) return sendProblem(reply, status, error.code.toLowerCase(), title, detail);
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
        `<body><main><h1>${title}</h1><p>${detail}</p><p><a href="/">Zur Startseite</a></p></main></body></html>`,
    );
}

async function handleError(app: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const api = isApiRequest(request);

  if (hasZodFastifySchemaValidationErrors(error)) {
    // A page whose address or query does not fit its schema (an id of 500 characters, a
    // NUL stripped to nothing): the person sees "not found" or "please check", never JSON.
    if (!api) {
      const inAddress = (error as { validationContext?: string }).validationContext === "params";
      const titleKey = inAddress ? "error.notFound.title" : "error.validation.title";
      return reply.page({
        status: inAddress ? 404 : 422,
        title: request.t(titleKey),
        body: ErrorPage(
          inAddress ? { titleKey, textKey: "error.notFound.text" } : { titleKey, text: "Die Anfrage ist ungültig." },
        ),
      });
    }
    const errors = error.validation.map((issue) => ({
      field: issue.instancePath.replace(/^\//, "").replace(/\//g, "."),
      message: issue.message ?? "ungültig",
    }));
    return sendProblem(
      reply,
      422,
      "validation_failed",
      de("error.validation.title"),
      errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; "),
      { errors },
    );
  }

  if (error instanceof DomainError) {
    if (error.status === 429) reply.header("retry-after", String(error.params.seconds ?? 60));
    if (api) {
      const errors = Object.entries(error.fieldErrors).map(([field, key]) => ({ field, message: de(key) }));
      return sendProblem(
        reply,
        error.status,
        error.code,
        titleFor(error.status),
        de(error.messageKey, error.params),
        errors.length ? { errors } : {},
      );
    }
    return reply.page({
      status: error.status,
      title: request.t(titleKeyFor(error.status)),
      body: ErrorPage({ titleKey: titleKeyFor(error.status), textKey: error.messageKey, params: error.params }),
    });
  }

  const status = error.statusCode ?? (isBrokenMultipart(error, request) ? 400 : 500);
  if (error.code?.startsWith("FST_CSRF")) {
    if (api) return sendProblem(reply, 403, "csrf_invalid", de("error.csrf.title"), de("error.csrf.text"));
    return reply.page({
      status: 403,
      title: request.t("error.csrf.title"),
      body: ErrorPage({ titleKey: "error.csrf.title", textKey: "error.csrf.text" }),
    });
  }
  if (status >= 400 && status < 500) {
    const detail = clientErrorDetail(error);
    if (api) return sendProblem(reply, status, error.code?.toLowerCase() ?? "bad_request", titleFor(status), detail);
    return reply.page({
      status,
      title: request.t("error.badRequest.title"),
      body: ErrorPage({ titleKey: "error.badRequest.title", text: detail }),
    });
  }

  // The database is down or restarting: 503, "try again shortly", not a 500.
  if (isDatabaseUnavailable(error)) return sendUnavailable(request, reply, api);

  request.log.error({ err: error }, "unhandled error");
  if (api) return sendProblem(reply, 500, "internal_error", de("error.server.title"), de("error.server.text"));
  try {
    return reply.page({
      status: 500,
      title: request.t("error.server.title"),
      body: ErrorPage({ titleKey: "error.server.title", textKey: "error.server.text" }),
    });
  } catch (renderError) {
    app.log.error({ err: renderError }, "error page failed");
    return reply.code(500).type("text/plain; charset=utf-8").send("Interner Fehler");
  }
}

// What the multipart parser (busboy) throws, without a status, for a body it cannot read:
// no or an overlong boundary, a body that ends in the middle of a part.
const MULTIPART_PARSE_ERROR =
  /^Multipart: |unexpected end of multipart data|^Unsupported Content-Type\.$|^The needle cannot|^Malformed/i;

const isBrokenMultipart = (error: FastifyError, request: FastifyRequest) =>
  request.isMultipart() && MULTIPART_PARSE_ERROR.test(error.message);

function clientErrorDetail(error: FastifyError): string {
  if (!error.statusCode) return "Die gesendeten Formulardaten sind unvollständig oder beschädigt.";
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return "Die gesendeten Daten sind zu groß.";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "Dieses Datenformat wird nicht unterstützt. Bitte senden Sie JSON (application/json).";
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return "Der Inhalt der Anfrage ist kein gültiges JSON.";
    default:
      return error.statusCode === 400
        ? "Die Anfrage ist ungültig."
        : `Die Anfrage konnte nicht bearbeitet werden (${error.statusCode}).`;
  }
}

function titleKeyFor(status: number): string {
  switch (status) {
    case 401:
      return "error.unauthorized.title";
    case 403:
      return "error.forbidden.title";
    case 404:
      return "error.notFound.title";
    case 409:
      return "error.conflict.title";
    case 422:
      return "error.validation.title";
    case 429:
      return "error.rateLimit.title";
    default:
      return status >= 500 ? "error.server.title" : "error.badRequest.title";
  }
}

const titleFor = (status: number) => de(titleKeyFor(status));
