import type { Browser } from "../helpers/test-app.js";
import { patternOf } from "./harness.js";

// The POST forms of the site as a browser sees them: found by following the links of
// the pages (signed in or not), each with the fields and values it would send unchanged.

export interface FoundForm {
  /** The concrete action, e.g. /verwaltung/fachtage/abc/programm */
  action: string;
  multipart: boolean;
  /** Field name → values, in the order a browser sends them (no _csrf). */
  fields: [string, string][];
  /** Fields a person cannot change (hidden inputs, buttons). */
  fixed: string[];
  /** The page the form was on (its CSRF token is fetched there again). */
  page: string;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1] ?? "") : undefined;
};
const hasAttr = (tag: string, name: string) => new RegExp(`\\s${name}(=|\\s|>|/)`).test(tag);

/** The POST forms of one page with what a browser would send from them untouched. */
export function formsOf(html: string, page: string): FoundForm[] {
  const found: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const open = m[1] ?? "";
    const inner = m[2] ?? "";
    if ((attr(open, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(open, "action") ?? page;
    if (!action.startsWith("/")) continue;
    const fields: [string, string][] = [];
    const fixed: string[] = [];
    const radios = new Set<string>();
    let button = false;
    const controls = /<(input|textarea|select|button)\b([^>]*)>([\s\S]*?(?:<\/textarea>|<\/select>)|)/g;
    for (const c of inner.matchAll(controls)) {
      const kind = c[1];
      const tag = ` ${c[2] ?? ""}`;
      const name = attr(tag, "name");
      if (!name || name === "_csrf" || hasAttr(tag, "disabled")) continue;
      if (kind === "textarea") {
        fields.push([name, decode((c[3] ?? "").replace(/<\/textarea>$/, "")).replace(/^\n/, "")]);
      } else if (kind === "select") {
        const options = [...(c[3] ?? "").matchAll(/<option\b([^>]*)>([^<]*)/g)];
        const chosen = options.filter((o) => hasAttr(` ${o[1]}`, "selected"));
        const pick = chosen.length ? chosen : options.slice(0, 1);
        for (const o of pick) fields.push([name, attr(` ${o[1]}`, "value") ?? decode(o[2] ?? "")]);
      } else if (kind === "button") {
        fixed.push(name);
        if (!button) fields.push([name, attr(tag, "value") ?? ""]);
        button = true;
      } else {
        const type = (attr(tag, "type") ?? "text").toLowerCase();
        if (type === "file" || type === "image" || type === "reset") continue;
        if (type === "hidden" || type === "submit") fixed.push(name);
        if (type === "submit") {
          if (!button) fields.push([name, attr(tag, "value") ?? ""]);
          button = true;
        } else if (type === "checkbox") {
          if (hasAttr(tag, "checked")) fields.push([name, attr(tag, "value") ?? "on"]);
        } else if (type === "radio") {
          if (hasAttr(tag, "checked") && !radios.has(name)) {
            radios.add(name);
            fields.push([name, attr(tag, "value") ?? "on"]);
          }
        } else fields.push([name, attr(tag, "value") ?? ""]);
      }
    }
    found.push({ action: decode(action), multipart: /multipart\/form-data/.test(open), fields, fixed, page });
  }
  return found;
}

const SKIP =
  /\.(csv|xlsx|pdf|ics|json|xml|png|jpe?g|svg|zip|txt|eml)(\?|$)|\/assets\/|\/dateien\/|\/export|\/download|\/abmelden|\/abbestellen|^\/sprache/;

/**
 * Walks the site from the start pages along its links (same site, pages only, at most
 * `limit` pages) and collects every POST form, keyed by its action.
 */
export async function crawlForms(
  browser: Browser,
  starts: string[],
  limit: number,
  patterns: string[],
): Promise<FoundForm[]> {
  // Two pages of each route are enough (one Fachtag's pages, not those of all twenty).
  const routes = [...new Set(patterns)]
    .sort((a, b) => (a.match(/:/g)?.length ?? 0) - (b.match(/:/g)?.length ?? 0))
    .map((p) => ({ p, re: patternOf(p) }));
  const visits = new Map<string, number>();
  const routeOf = (url: string) => routes.find((r) => r.re.test(url.split("?")[0] as string))?.p ?? url;
  const seen = new Set<string>();
  const queue = [...starts];
  const forms = new Map<string, FoundForm>();
  let fetched = 0;
  while (queue.length && fetched < limit) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const route = routeOf(url);
    const count = visits.get(route) ?? 0;
    if (count >= 2) continue;
    visits.set(route, count + 1);
    fetched++;
    const res = await browser.get(url);
    if (res.statusCode !== 200 || !String(res.headers["content-type"]).startsWith("text/html")) continue;
    for (const form of formsOf(res.body, url)) if (!forms.has(form.action)) forms.set(form.action, form);
    for (const link of res.body.matchAll(/href="(\/[^"#]*)"/g)) {
      const target = decode(link[1] ?? "");
      if (target.startsWith("//") || SKIP.test(target) || seen.has(target)) continue;
      // One of each kind of list page is enough: no paging through thousands of results.
      if (/[?&](seite|page)=/.test(target)) continue;
      queue.push(target);
    }
  }
  return [...forms.values()];
}
