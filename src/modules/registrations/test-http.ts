import type { FastifyInstance } from "fastify";
import type { Platform } from "../../platform/platform.js";

// Small helpers for the registrations HTTP tests (not a test file itself).

/** A cookie-keeping client that can also send a bearer token with HTML form posts. */
export class FormClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    private readonly authorization?: string,
  ) {}

  private headers(extra: Record<string, string> = {}) {
    return {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      ...(this.authorization ? { authorization: this.authorization } : {}),
      ...extra,
    };
  }

  private store(setCookie: string | string[] | undefined) {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair] = line.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (!pair || i < 0) continue;
      const value = pair.slice(i + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.cookies.delete(pair.slice(0, i).trim());
      else this.cookies.set(pair.slice(0, i).trim(), value);
    }
  }

  async get(url: string) {
    const res = await this.app.inject({ method: "GET", url, headers: this.headers() });
    this.store(res.headers["set-cookie"]);
    return res;
  }

  /** Loads the page for its CSRF token, then posts the form. */
  async submit(pageUrl: string, action: string, fields: Record<string, string | string[]>) {
    const page = await this.get(pageUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${pageUrl} (${page.statusCode})`);
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...fields, _csrf: token })) {
      for (const item of ([] as string[]).concat(v)) body.append(k, item);
    }
    const res = await this.app.inject({
      method: "POST",
      url: action,
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }),
      payload: body.toString(),
    });
    this.store(res.headers["set-cookie"]);
    return res;
  }
}

export async function mailsTo(platform: Platform, address: string) {
  return platform.db.kysely
    .selectFrom("outbox")
    .selectAll()
    .where("to_address", "=", address.toLowerCase())
    .orderBy("created_at")
    .execute();
}

export async function statusOf(platform: Platform, id: string) {
  const row = await platform.db.kysely
    .selectFrom("registrations")
    .select("status")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.status;
}

/** The link in a mail body that starts with the given path. */
export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+(${path.replace(/\//g, "\\/")}[^\\s]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in mail:\n${text}`);
  return match[1];
}
