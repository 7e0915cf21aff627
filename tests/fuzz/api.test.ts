import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createUserWithToken } from "../helpers/users.js";
import { fieldPaths, jsonSchemaOf, plausible } from "./from-schema.js";
import {
  answerProblem,
  changedTables,
  createFuzzApp,
  fuzz,
  fuzzRuns,
  tableCounts,
  type WriteRoute,
} from "./harness.js";
import { hostileJson, hostileText, rawJsonBodies } from "./hostile.js";

// Issue 14, item 6: every POST/PUT/PATCH/DELETE of the JSON API, as the app registered
// it, gets random and hostile bodies — plausible ones with one field made hostile,
// wrong types, deep nesting, duplicate keys, invalid UTF-8, wrong content types — as an
// admin (token) and as nobody. The answer is always below 500, a 4xx is an RFC 9457
// problem document, and a refused request leaves every table's row count as it was.

const t = await createFuzzApp();
afterAll(async () => t.close());
const admin = await createUserWithToken(t.platform, "admin");
const db = t.platform.db.kysely;

// Real ids from the demo data, so a request reaches past the 404 of an unknown thing.
const event = await db
  .selectFrom("events")
  .innerJoin("event_sessions", "event_sessions.event_id", "events.id")
  .select(["events.id as id", "event_sessions.id as sessionId"])
  .where("events.status", "=", "published")
  .executeTakeFirstOrThrow();
const organisation = await db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
const post = await db.selectFrom("exchange_posts").select("id").executeTakeFirstOrThrow();
const registration = await db
  .selectFrom("registrations")
  .select("id")
  .where("event_id", "=", event.id)
  .executeTakeFirstOrThrow();

function realParam(url: string, name: string): string {
  if (name === "sessionId") return event.sessionId;
  if (url.startsWith("/api/v1/organisations/")) return organisation.id;
  if (url.startsWith("/api/v1/posts/")) return post.id;
  if (url.startsWith("/api/v1/registrations/")) return registration.id;
  return event.id;
}

const hostileSegment = fc.oneof(
  hostileText.filter((s) => s.length > 0 && s.length < 3000).map(encodeURIComponent),
  fc.constantFrom("%00", "%ff", "%", "..", "%2e%2e%2f", "0", "-1", "1e999", "NaN", "x".repeat(5000)),
);

const api = t.routes.filter((r) => r.url.startsWith("/api/"));
// Writes that cannot be undone for the rest of the run go last (publishing, cancelling, deleting).
const lasting = (r: WriteRoute) => r.method === "DELETE" || /cancel|publish/.test(r.url);
api.sort((a, b) => Number(lasting(a)) - Number(lasting(b)));

const setAt = (body: unknown, path: string[], value: unknown): unknown => {
  const root = (body && typeof body === "object" && !Array.isArray(body) ? { ...body } : {}) as Record<string, unknown>;
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = next && typeof next === "object" && !Array.isArray(next) ? { ...next } : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
  return root;
};

// Field names of the API bodies that are read in the handler, not declared on the route.
const LOOSE_FIELDS = ["title", "results", "organisationIds", "dueDate", "status", "name", "email", "description"];

function requests(route: WriteRoute) {
  const schema = route.bodySchema ? jsonSchemaOf(route.bodySchema) : undefined;
  const base = schema ? plausible(schema) : fc.constant({});
  const paths = fieldPaths(schema);
  const path = paths.length ? fc.constantFrom(...paths) : fc.constantFrom(...LOOSE_FIELDS.map((f) => [f]));
  const params = (route.url.match(/:[A-Za-z]+/g) ?? []).map((p) => p.slice(1));
  const body = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(base, path, hostileJson).map(([b, p, v]) => ({ json: setAt(b, p, v) })) },
    { weight: 2, arbitrary: base.map((b) => ({ json: b })) },
    { weight: 1, arbitrary: hostileJson.map((v) => ({ json: v })) },
    { weight: 2, arbitrary: rawJsonBodies.map((raw) => ({ raw })) },
  );
  const segment = (name: string) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constant(realParam(route.url, name)) },
      { weight: 1, arbitrary: hostileSegment },
    );
  return fc.record({
    as: fc.constantFrom("admin", "admin", "admin", "anonymous"),
    params: fc.tuple(...params.map(segment)),
    body,
  });
}

describe("the JSON API under hostile input", () => {
  expect(api.length).toBeGreaterThan(10);

  for (const route of api) {
    it(`${route.method} ${route.url}`, async () => {
      await fuzz(requests(route), fuzzRuns(40), async ({ as, params, body }) => {
        let i = 0;
        const url = route.url.replace(/:[A-Za-z]+/g, () => params[i++] as string);
        const before = await tableCounts(t.platform);
        const payload = "raw" in body ? body.raw.payload : JSON.stringify(body.json);
        const contentType = "raw" in body ? body.raw.contentType : "application/json";
        const res = await t.app.inject({
          method: route.method as "POST",
          url,
          headers: { "content-type": contentType, ...(as === "admin" ? { authorization: admin.authorization } : {}) },
          payload,
        });
        const problem = answerProblem(res, true);
        if (problem) {
          const sent = typeof payload === "string" ? payload.slice(0, 300) : `${payload.length} bytes`;
          throw new Error(
            `${route.method} ${url.slice(0, 200)} as ${as}: ${problem}\nsent (${contentType}): ${sent}\nlogged: ${t.errors.at(-1) ?? "-"}`,
          );
        }
        if (res.statusCode >= 400) {
          const changed = changedTables(before, await tableCounts(t.platform));
          if (changed.length) {
            throw new Error(`${route.method} ${url} refused (${res.statusCode}) but stored: ${changed.join(", ")}`);
          }
        }
      });
    }, 300_000);
  }
});
