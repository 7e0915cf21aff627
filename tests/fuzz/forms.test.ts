import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../e2e/helpers/auth.js";
import { signIn } from "../helpers/auth.js";
import { Browser } from "../helpers/test-app.js";
import { crawlForms, type FoundForm } from "./forms.js";
import {
  answerProblem,
  changedTables,
  createFuzzApp,
  fuzz,
  fuzzRuns,
  patternOf,
  tableCounts,
  type WriteRoute,
} from "./harness.js";
import { hostileText } from "./hostile.js";

// Issue 14, item 6, for the HTML forms: every POST route outside /api, as the app
// registered it, gets the form a browser would send — found on the pages of the demo
// site, signed in as the demo admin or as nobody — with one field made hostile, a field
// sent twice, bracketed and deeply nested keys, broken %-escapes and UTF-8, the wrong
// content type, or no CSRF token. The answer is below 500 and a German page (a 422 with
// the message beside the field), and a refused form leaves every table as it was.

const t = await createFuzzApp();
afterAll(async () => t.close());

const admin = new Browser(t.app);
await signIn(admin, demoAccounts.admin.email, demoAccounts.admin.password);
const visitor = new Browser(t.app);

const csrfOf = async (browser: Browser, page: string) => {
  const res = await browser.get(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!token) throw new Error(`no CSRF token on ${page}`);
  return token;
};

const adminForms = await crawlForms(
  admin,
  ["/verwaltung", "/", "/konto", "/austausch", "/akteure", "/fachtage", "/kooperationen", "/netzwerke", "/merkliste"],
  Number(process.env.FUZZ_PAGES ?? 200),
  t.pages,
);
const visitorForms = await crawlForms(visitor, ["/", "/fachtage", "/akteure", "/barrierefreiheit"], 100, t.pages);
const tokens = { admin: await csrfOf(admin, "/konto"), visitor: await csrfOf(visitor, "/anmelden") };

// Signing out ends the admin's session for every later form: fuzzed as a visitor only.
const VISITOR_ONLY = new Set(["/abmelden"]);
const forms = t.routes.filter((r) => !r.url.startsWith("/api/"));
// Forms whose success cannot be undone for the rest of the run go last.
const lasting = (r: WriteRoute) =>
  /loeschen|absagen|entfernen|deaktivieren|widerrufen|abmelden|veroeffentlichen|beenden|passwort|rolle/.test(r.url);
forms.sort((a, b) => Number(lasting(a)) - Number(lasting(b)));

function formFor(route: WriteRoute, found: FoundForm[]): FoundForm | undefined {
  const pattern = patternOf(route.url);
  return found.find((f) => pattern.test(f.action.split("?")[0] as string));
}

/** A form nobody could find on a page: the route with made-up ids and the usual field names. */
function blindForm(route: WriteRoute): FoundForm {
  const action = route.url.replace(/:[A-Za-z]+/g, "unbekannt-0000");
  const fields: [string, string][] = ["title", "name", "email", "body", "kind", "status", "date"].map((k) => [k, "x"]);
  return { action, multipart: false, fields, fixed: [], page: "/" };
}

/** What is sent; `typedInto` names the field a person could have typed the hostile value into. */
type Body = { payload: string | Buffer; contentType: string; typedInto?: string };

const enc = (s: string) => new URLSearchParams([["", s]]).toString().slice(1);
const urlencoded = (fields: [string, string][], csrf: string | undefined): Body => ({
  payload: [...fields, ...(csrf === undefined ? [] : [["_csrf", csrf] as [string, string]])]
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join("&"),
  contentType: "application/x-www-form-urlencoded",
});

function bodies(form: FoundForm, csrf: string): fc.Arbitrary<Body> {
  const names = form.fields.length ? form.fields.map(([k]) => k) : ["title"];
  const name = fc.constantFrom(...names);
  const replace = (k: string, v: string): [string, string][] =>
    form.fields.some(([f]) => f === k)
      ? form.fields.map(([f, old]) => [f, f === k ? v : old])
      : [...form.fields, [k, v]];
  return fc.oneof(
    // One field hostile, the others as the page filled them in.
    {
      weight: 8,
      arbitrary: fc
        .tuple(name, hostileText)
        .map(([k, v]) => ({ ...urlencoded(replace(k, v), csrf), ...(form.fixed.includes(k) ? {} : { typedInto: k }) })),
    },
    { weight: 1, arbitrary: fc.constant(urlencoded(form.fields, csrf)) },
    // A field sent twice (a browser does that for checkbox groups only).
    {
      weight: 2,
      arbitrary: fc
        .tuple(name, hostileText, hostileText)
        .map(([k, a, b]) => urlencoded([...form.fields.filter(([f]) => f !== k), [k, a], [k, b]], csrf)),
    },
    // Bracketed keys the query string parser may turn into objects and arrays.
    {
      weight: 2,
      arbitrary: fc
        .tuple(name, fc.constantFrom("[a]", "[]", "[0]", "[__proto__]", "[constructor][prototype]", "[a][b][c]", ".x"))
        .map(([k, suffix]) => urlencoded([...form.fields.filter(([f]) => f !== k), [`${k}${suffix}`, "1"]], csrf)),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 20, max: 3_000 })
        .map((depth) => urlencoded([...form.fields, [`${names[0]}${"[a]".repeat(depth)}`, "tief"]], csrf)),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1_000, max: 5_000 })
        .map((n) =>
          urlencoded(
            [...form.fields, ...Array.from({ length: n }, (_, i) => [`f${i}`, "x"] as [string, string])],
            csrf,
          ),
        ),
    },
    // Bytes that are no text: broken %-escapes, invalid UTF-8, a surrogate in UTF-8 form.
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          name,
          fc.constantFrom("%", "%zz", "%ff%fe", "%ed%a0%80", "%c3%28", "%f8%88%80%80%80", "%00", "%e2%80%ae"),
        )
        .map(([k, raw]) => {
          const body = urlencoded(
            form.fields.filter(([f]) => f !== k),
            csrf,
          );
          return { ...body, payload: `${body.payload}&${enc(k)}=${raw}` };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
        payload: Buffer.concat([
          Buffer.from(`${urlencoded(form.fields, csrf).payload}&${enc(names[0] as string)}=`),
          Buffer.from(bytes),
        ]),
        contentType: "application/x-www-form-urlencoded",
      })),
    },
    // More than the body limit.
    { weight: 1, arbitrary: fc.constant(urlencoded(replace(names[0] as string, "x".repeat(1_100_000)), csrf)) },
    // The wrong content type, and no or a wrong CSRF token.
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        {
          payload: JSON.stringify(Object.fromEntries([...form.fields, ["_csrf", csrf]])),
          contentType: "application/json",
        },
        { payload: urlencoded(form.fields, csrf).payload as string, contentType: "text/plain" },
        { payload: urlencoded(form.fields, csrf).payload as string, contentType: "multipart/form-data" },
        {
          payload: '--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n',
          contentType: "multipart/form-data; boundary=x",
        },
        { payload: "", contentType: "application/x-www-form-urlencoded" },
      ),
    },
    { weight: 1, arbitrary: hostileText.map((bad) => urlencoded(form.fields, bad)) },
    { weight: 1, arbitrary: fc.constant(urlencoded(form.fields, undefined)) },
  );
}

describe("the HTML forms under hostile input", () => {
  expect(forms.length).toBeGreaterThan(50);

  for (const route of forms) {
    const adminForm = formFor(route, adminForms);
    const visitorForm = formFor(route, visitorForms);
    const label = `${route.url}${adminForm || visitorForm ? "" : " (no page shows this form)"}`;
    it(label, async () => {
      const who = VISITOR_ONLY.has(route.url)
        ? fc.constant("visitor" as const)
        : fc.constantFrom("admin" as const, "admin" as const, "admin" as const, "visitor" as const);
      const requests = who.chain((as) => {
        const shown = as === "admin" ? adminForm : visitorForm;
        const form = shown ?? adminForm ?? visitorForm ?? blindForm(route);
        return bodies(form, tokens[as]).map((body) => ({ as, action: form.action, body, shown: shown !== undefined }));
      });
      await fuzz(requests, fuzzRuns(8), async ({ as, action, body, shown }) => {
        const browser = as === "admin" ? admin : visitor;
        const before = await tableCounts(t.platform);
        const res = await t.app.inject({
          method: "POST",
          url: action,
          headers: { cookie: browser.cookieHeader(), "content-type": body.contentType },
          payload: body.payload,
        });
        const sent = typeof body.payload === "string" ? body.payload.slice(0, 300) : `${body.payload.length} bytes`;
        const where = `POST ${action} as ${as} (${body.contentType}): ${sent}`;
        // The check-in scanner's endpoint answers the page's script in JSON.
        const problem = answerProblem(res, false, route.url.endsWith(".json"));
        if (problem) throw new Error(`${where}\n${problem}\nlogged: ${t.errors.at(-1) ?? "-"}`);
        // A value typed into a form this person was shown comes back as the form again with
        // the message beside the field (or the page "Bitte prüfen Sie Ihre Eingaben").
        const html = String(res.headers["content-type"]).startsWith("text/html");
        const typed = shown && body.typedInto !== undefined;
        if (res.statusCode === 422 && html && typed && !/role="alert"|Bitte prüfen Sie Ihre Eingaben/.test(res.body)) {
          const main = /<main[\s\S]*?<\/main>/
            .exec(res.body)?.[0]
            .replace(/<[^>]+>/g, " ")
            .replace(/\s+/g, " ");
          throw new Error(`${where}\n422 without a German message: ${main?.slice(0, 300)}`);
        }
        if (res.statusCode >= 400) {
          const changed = changedTables(before, await tableCounts(t.platform));
          if (changed.length)
            throw new Error(`${where}\nrefused (${res.statusCode}) but stored: ${changed.join(", ")}`);
        }
      });
    }, 300_000);
  }
});
