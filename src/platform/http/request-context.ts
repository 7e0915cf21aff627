import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../auth/actor.js";
import type { Locale, Translate } from "../i18n/i18n.js";
import type { Platform } from "../platform.js";
import type { Flash, NavItem, PageContext } from "../views/page-context.js";
import { type PageOptions, renderDocument } from "../views/render.js";

declare module "fastify" {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    actor: Actor;
  }
  interface FastifyReply {
    /** Renders a full HTML page inside the layout. */
    page(options: PageOptions & { status?: number }): FastifyReply;
    /** Post/redirect/get: stores a one-time message shown on the next page. */
    flash(kind: Flash["kind"], messageKey: string, params?: Record<string, string | number>): FastifyReply;
  }
  interface FastifyInstance {
    platform: Platform;
    navItems: NavItem[];
    /** Where rate limits are counted now (for /readyz): off, this process, or the shared Redis. */
    rateLimitStore(): "off" | "memory" | "redis" | "redis_unreachable";
  }
}

export const FLASH_COOKIE = "bn_flash";
export const LOCALE_COOKIE = "bn_lang";

export function readFlash(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: "/" });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const { kind, key, params } = JSON.parse(unsigned.value) as {
      kind: Flash["kind"];
      key: string;
      params?: Record<string, string | number>;
    };
    return { kind, message: request.t(key, params) };
  } catch {
    return undefined;
  }
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const platform = request.server.platform;
  return {
    t: request.t,
    locale: request.locale,
    actor: request.actor,
    csrfToken: reply.generateCsrf(),
    path: request.url.split("?")[0] ?? "/",
    district: platform.config.district,
    nav: request.server.navItems,
    flash: readFlash(request, reply),
    demo: platform.config.seedDemo,
  };
}

export function renderPage(request: FastifyRequest, reply: FastifyReply, options: PageOptions & { status?: number }) {
  const html = renderDocument(pageContext(request, reply), options);
  return reply
    .code(options.status ?? 200)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(html);
}
