import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type AuthzRole, buildFixture, type Fixture, FORGED_TOKEN, ROLES } from "../tests/authz/fixture.js";
import { type StateTracker, trackState } from "../tests/authz/state.js";
import { type Entry, publicSurfaces, table, withoutParticipants } from "../tests/authz/table.js";
import { createTestApp, type TestApp } from "../tests/helpers/test-app.js";

// The authorisation matrix (issue 14, item 7): every state-changing route of the built app
// and every page, export and API list with participants, each sent by nine people — see
// tests/authz/table.ts for who may. Allowed: anything but 401/403 (and, unless the table
// says why, 404) and never a 500. Refused: 401/403/404 or a redirect to sign in, and no
// table of the database changed. Afterwards whatever changed is put back (state.ts).

// Every route the app registers, as "METHOD /url", noted while buildApp registers them.
const registered = vi.hoisted(() => new Set<string>());
vi.mock("fastify", async (importOriginal) => {
  const original = await importOriginal<typeof import("fastify")>();
  const create = original.default as unknown as (options: unknown) => import("fastify").FastifyInstance;
  const wrapped = (options: unknown) => {
    const app = create(options);
    app.addHook("onRoute", (route) => {
      for (const method of ([] as string[]).concat(route.method)) registered.add(`${method} ${route.url}`);
    });
    return app;
  };
  return { ...original, default: wrapped };
});

let t: TestApp;
let f: Fixture;
let state: StateTracker;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  f = await buildFixture(t);
  state = await trackState(t.platform);
}, 120_000);
afterAll(async () => t?.close());

const isApi = (url: string) => url.startsWith("/api/");

/** The value of a route parameter in the fixture's world. */
function param(url: string, name: string, role: AuthzRole): string {
  const under = (prefix: string) => url.startsWith(prefix);
  switch (name) {
    case "token":
      if (under("/abbestellen")) return role === "member" ? f.unsubscribeToken : FORGED_TOKEN;
      if (under("/anmeldung/bestaetigen")) return role === "participant" ? f.a.confirmToken : FORGED_TOKEN;
      return role === "participant" ? f.a.token : FORGED_TOKEN;
    case "eventId":
      return url.includes("/dokumente") || url.includes("/ergebnisse") ? f.past.id : f.event.id;
    case "sessionId":
      return f.event.workshop;
    case "registrationId":
      return f.a.id;
    case "questionId":
      return url.includes("/umfrage/") ? "content" : f.event.questionId;
    case "documentId":
      return f.past.documentId;
    case "agreementId":
      return f.past.agreementId;
    case "commentId":
      return f.commentId;
    case "reportId":
      return f.reportId;
    case "contactId":
      return f.org.contactId;
    case "userId":
      return f.people.member.userId ?? "";
    case "slug":
      if (under("/netzwerke")) return f.network.slug;
      if (under("/fachtage")) return f.event.slug;
      return f.org.slug;
    case "id":
      if (under("/verwaltung/fachtage") || under("/api/v1/events"))
        return url.includes("/dokumente") ||
          url.includes("/ergebnisse") ||
          url.includes("/documents") ||
          url.includes("/outcomes")
          ? f.past.id
          : f.event.id;
      if (under("/angebote")) return f.org.offerId;
      if (under("/api/v1/organisations")) return f.org.id;
      if (under("/api/v1/registrations")) return f.a.id;
      if (under("/api/v1/posts") || under("/austausch")) return f.postId;
      if (under("/kooperationen")) return f.cooperationId;
      if (under("/verwaltung/benutzer")) return f.spareUserId;
      if (under("/konto/tokens")) return f.memberTokenId;
      if (under("/verwaltung/akteure/aenderungen")) return f.changeId;
      return "00000000-0000-4000-8000-000000000000";
    default:
      return "00000000-0000-4000-8000-000000000000";
  }
}

function address(route: string, entry: Entry, role: AuthzRole): string {
  const url = route.slice(route.indexOf(" ") + 1);
  let path = entry.path ? entry.path(f) : url.replace(/:([A-Za-z]+)/g, (_, name: string) => param(url, name, role));
  if (entry.tokenQuery && (role === "participant" || role === "otherParticipant")) {
    path += `?token=${role === "participant" ? f.a.token : f.b.token}`;
  }
  return path;
}

async function send(route: string, entry: Entry, role: AuthzRole, empty = false): Promise<LightMyRequestResponse> {
  const method = route.slice(0, route.indexOf(" ")) as "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  const url = address(route, entry, role);
  const who = f.people[role];
  const body = empty ? {} : typeof entry.body === "function" ? entry.body(f) : (entry.body ?? {});
  if (isApi(url)) {
    return t.app.inject({
      method,
      url,
      headers: who.authorization ? { authorization: who.authorization } : {},
      ...(method === "GET" || method === "DELETE" ? {} : { payload: body as Record<string, unknown> }),
    });
  }
  if (method === "GET") return t.app.inject({ method, url, headers: { cookie: who.cookie } });
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...body, _csrf: who.csrf })) {
    for (const v of ([] as unknown[]).concat(value)) form.append(key, String(v));
  }
  return t.app.inject({
    method,
    url,
    headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form.toString(),
  });
}

const toSignIn = (res: LightMyRequestResponse) =>
  res.statusCode >= 300 && res.statusCode < 400 && String(res.headers.location ?? "").startsWith("/anmelden");

/** The fixture's participants in a response — but not the words of a search the response repeats. */
const leaks = (res: LightMyRequestResponse, query = "") => {
  const q = query.toLowerCase();
  const repeated = (s: string) => q !== "" && (q.includes(s.toLowerCase()) || s.toLowerCase().includes(q));
  return f.secrets.filter((s) => res.body.includes(s) && !repeated(s));
};

describe("authorisation matrix", () => {
  it("has a row for every state-changing route the app registers, and none for a route that is gone", () => {
    const routes = [...registered].filter((r) => !r.startsWith("GET ") && !r.startsWith("HEAD "));
    expect(routes.length).toBeGreaterThan(100);
    expect(
      routes.filter((r) => !(r in table)),
      "routes missing in tests/authz/table.ts",
    ).toEqual([]);
    expect(
      Object.keys(table).filter((r) => !registered.has(r)),
      "rows of tests/authz/table.ts for routes that no longer exist",
    ).toEqual([]);
  });

  it("has decided for every GET route of one Fachtag or registration whether it shows participants", () => {
    const ofOne = /^GET \/(verwaltung\/fachtage|api\/v1\/events|api\/v1\/registrations|anmeldung)\/.*:/;
    const gets = [...registered].filter((r) => ofOne.test(r));
    expect(
      gets.filter((r) => !(r in table) && !withoutParticipants.includes(r)),
      "GET routes in neither table nor withoutParticipants (tests/authz/table.ts)",
    ).toEqual([]);
    expect(withoutParticipants.filter((r) => !registered.has(r))).toEqual([]);
  });

  it.each(Object.keys(table))("%s", async (route) => {
    const entry = table[route] as Entry;
    const problems: string[] = [];
    const statuses: string[] = [];
    for (const role of ROLES) {
      const allowed = entry.allow.includes(role);
      const res = await send(route, entry, role);
      const status = res.statusCode;
      const changed = await state.changed();
      statuses.push(`${role}=${status}${entry.allow.includes(role) ? "+" : ""}`);
      const what = `${role}: ${status}${res.headers.location ? ` → ${res.headers.location}` : ""}`;
      if (status >= 500) problems.push(`${what} (server error)`);
      else if (allowed) {
        // Pages open to everybody may send on to the sign-in page (e.g. after "Passwort vergessen").
        const signInRefusal = toSignIn(res) && !entry.allow.includes("anonymous");
        if (status === 401 || status === 403 || signInRefusal || (status === 404 && !entry.allowedMay404))
          problems.push(`${what}, but may`);
        if (entry.butNotTheirs?.includes(role) && leaks(res).length > 0)
          problems.push(`${role} saw ${leaks(res).join(", ")} of a Fachtag not theirs`);
      } else {
        const refused = [401, 403, 404].includes(status) || toSignIn(res) || (entry.refusedWith200 && status === 200);
        if (!refused) problems.push(`${what}, but may not`);
        if (changed.length > 0) problems.push(`${role} may not, yet changed ${changed.join(", ")}`);
        if (entry.participants && leaks(res).length > 0)
          problems.push(`${role} may not, yet saw ${leaks(res).join(", ")}`);
        // The refusal comes before the form is read: an empty form is refused the same way.
        // (The API's bodies are checked by their schema before any handler runs.)
        if (entry.body && !isApi(route.slice(route.indexOf(" ") + 1)) && !entry.validatesFirst) {
          const bare = await send(route, entry, role, true);
          const bareRefused = [401, 403, 404].includes(bare.statusCode) || toSignIn(bare);
          if (!bareRefused) problems.push(`${role}: ${bare.statusCode} for an empty form, before being refused`);
          if ((await state.changed()).length > 0) problems.push(`${role} may not, yet an empty form changed something`);
        }
      }
      await state.reset();
    }
    if (process.env.AUTHZ_PRINT) console.log(`${route}\t${statuses.join(" ")}`);
    expect(problems).toEqual([]);
  });

  it("public lists, searches and feeds never show a participant, whoever asks", async () => {
    const seen: string[] = [];
    for (const surface of publicSurfaces) {
      for (const role of ROLES) {
        const url = surface(f);
        const who = f.people[role];
        const res = await t.app.inject({
          method: "GET",
          url,
          headers: isApi(url)
            ? who.authorization
              ? { authorization: who.authorization }
              : {}
            : { cookie: who.cookie },
        });
        expect(res.statusCode, `${role} ${url}`).toBe(200);
        const query = new URL(url, "http://x").searchParams.get("q") ?? "";
        for (const s of leaks(res, query)) seen.push(`${role} ${url}: ${s}`);
      }
    }
    expect(seen).toEqual([]);
  });

  it("sees a change, and puts it back (so the 'changed nothing' checks can fail)", async () => {
    const unseen = async () =>
      (
        await t.platform.db.kysely
          .selectFrom("directory_changes")
          .select("id")
          .where("reviewed_at", "is", null)
          .execute()
      ).length;
    const before = await unseen();
    expect(before).toBeGreaterThan(0);
    const res = await send("POST /verwaltung/akteure/aenderungen/alle-gesehen", { allow: [] }, "admin");
    expect(res.statusCode).toBe(303);
    expect(await state.changed()).toContain("directory_changes");
    expect(await unseen()).toBe(0);
    await state.reset();
    expect(await state.changed()).toEqual([]);
    expect(await unseen()).toBe(before);
  });

  it("the organiser's list does show them (so the checks above can fail)", async () => {
    const res = await send("GET /verwaltung/fachtage/:eventId/anmeldungen", { allow: [] }, "editor");
    expect(res.statusCode).toBe(200);
    expect(leaks(res)).toEqual(expect.arrayContaining([f.a.name, f.b.name]));
  });
});
