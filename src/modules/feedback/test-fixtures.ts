import type { FastifyInstance } from "fastify";
import type { Platform } from "../../platform/platform.js";

// Helpers for the survey's tests (not a test file itself).

/** The survey link of every mail sent to `to`, as a path with the token. */
export async function surveyLinks(platform: Platform, to: string): Promise<string[]> {
  const mails = await platform.db.kysely
    .selectFrom("outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", to.toLowerCase())
    .execute();
  return mails
    .filter((m) => m.subject.startsWith("Ihre Meinung zum Fachtag"))
    .map((m) => /https?:\/\/[^\s]+(\/umfrage\?t=[^\s]+)/.exec(m.text_body)?.[1] ?? "")
    .filter(Boolean);
}

export const tokenOfLink = (link: string) => decodeURIComponent(link.replace(/^\/umfrage\?t=/, ""));

/** A browser without JavaScript on the answer page: loads it (for the CSRF token and cookie) and posts. */
export class SurveyClient {
  private cookie = "";
  private csrf = "";
  constructor(private readonly app: FastifyInstance) {}

  async open(link: string) {
    const res = await this.app.inject({ method: "GET", url: link, headers: { cookie: this.cookie } });
    const set = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
    if (set.length) this.cookie = set.map((c) => c.split(";")[0]).join("; ");
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? this.csrf;
    return res;
  }

  async post(fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...fields, _csrf: this.csrf })) {
      for (const item of ([] as string[]).concat(v)) body.append(k, item);
    }
    return this.app.inject({
      method: "POST",
      url: "/umfrage",
      headers: { cookie: this.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: body.toString(),
    });
  }
}
