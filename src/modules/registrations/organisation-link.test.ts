import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { adminActor, makeOrg } from "../directory/test-fixtures.js";
import { createFachtag, validApiBody } from "./test-fixtures.js";
import { FormClient } from "./test-http.js";

// "Organisation (pick from the directory or free text)": the registration form offers the
// Bildungsportal's organisations, and a registration links to the entry it names.

let t: TestApp;
let editor: Awaited<ReturnType<typeof createUserWithToken>>;
let sonnenschein: { id: string; slug: string };
let wietzeWestercelle: { id: string };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  editor = await createUserWithToken(t.platform, "editor");
  const admin = await adminActor(t.platform);
  sonnenschein = await makeOrg(t.platform, admin, { name: "Kita Sonnenschein", kind: "kita", municipality: "Bergen" });
  // The same name in two places: the form tells them apart by municipality.
  await makeOrg(t.platform, admin, { name: "Grundschule am Park", kind: "grundschule", municipality: "Celle" });
  wietzeWestercelle = await makeOrg(t.platform, admin, {
    name: "Grundschule am Park",
    kind: "grundschule",
    municipality: "Wietze",
  });
});
afterAll(async () => t?.close());

const registration = (email: string) =>
  t.platform.db.kysely.selectFrom("registrations").selectAll().where("email", "=", email).executeTakeFirstOrThrow();

const form = (n: string, organisation: string, extra: Record<string, string> = {}) => ({
  firstName: "Jana",
  lastName: `Körtge ${n}`,
  email: `org-${n}@example.org`,
  organisation,
  consentPrivacy: "on",
  ...extra,
});

async function registerByForm(slug: string, fields: Record<string, string>) {
  const res = await new FormClient(t.app).submit(`/fachtage/${slug}/anmeldung`, `/fachtage/${slug}/anmeldung`, fields);
  expect(res.statusCode).toBe(303);
}

describe("picking the organisation from the Bildungsportal", () => {
  it("offers the directory's organisations in the form, telling equal names apart by municipality", async () => {
    const ev = await createFachtag(t.platform);
    for (const url of [`/fachtage/${ev.slug}`, `/fachtage/${ev.slug}/anmeldung`]) {
      const page = (await t.app.inject(url)).body;
      expect(page).toContain('list="f-organisation-vorschlaege"');
      expect(page).toContain('<datalist id="f-organisation-vorschlaege">');
      expect(page).toContain('<option value="Kita Sonnenschein">');
      expect(page).toContain('<option value="Grundschule am Park (Celle)">');
      expect(page).toContain('<option value="Grundschule am Park (Wietze)">');
      expect(page).not.toContain('<option value="Grundschule am Park">');
    }
  });

  it("links a typed name to the directory entry and fills kind and municipality from it", async () => {
    const ev = await createFachtag(t.platform);
    await registerByForm(ev.slug, form("typed", "kita  SONNENSCHEIN"));
    const row = await registration("org-typed@example.org");
    expect(row.organisation_id).toBe(sonnenschein.id);
    expect(row.organisation).toBe("Kita Sonnenschein");
    expect(row.organisation_kind).toBe("kita");
    expect(row.municipality).toBe("Bergen");
  });

  it("keeps what the person chose over the directory's kind and municipality", async () => {
    const ev = await createFachtag(t.platform);
    await registerByForm(
      ev.slug,
      form("own", "Kita Sonnenschein", { organisationKind: "jugendhilfe", municipality: "Hermannsburg" }),
    );
    const row = await registration("org-own@example.org");
    expect(row.organisation_id).toBe(sonnenschein.id);
    expect(row.organisation_kind).toBe("jugendhilfe");
    // The former municipality is counted under today's name.
    expect(row.municipality).toBe("Südheide");
  });

  it("links a picked label with municipality, but not an ambiguous bare name", async () => {
    const ev = await createFachtag(t.platform);
    await registerByForm(ev.slug, form("label", "Grundschule am Park (Wietze)"));
    expect((await registration("org-label@example.org")).organisation_id).toBe(wietzeWestercelle.id);
    await registerByForm(ev.slug, form("bare", "Grundschule am Park"));
    const bare = await registration("org-bare@example.org");
    expect(bare.organisation_id).toBeNull();
    expect(bare.organisation).toBe("Grundschule am Park");
  });

  it("keeps a name that is not in the directory as free text", async () => {
    const ev = await createFachtag(t.platform);
    await registerByForm(ev.slug, form("free", "Tagespflege Rasche"));
    const row = await registration("org-free@example.org");
    expect(row.organisation_id).toBeNull();
    expect(row.organisation).toBe("Tagespflege Rasche");
  });

  it("links the organiser's list to the directory profile", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    await registerByForm(ev.slug, form("listed", "Kita Sonnenschein"));
    const page = await new FormClient(t.app, editor.authorization).get(`/verwaltung/fachtage/${ev.id}/anmeldungen`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<a class="kern-link" href="/akteure/${sonnenschein.slug}">Kita Sonnenschein</a>`);
    // The export carries the profile address beside the name.
    const csv = (
      await new FormClient(t.app, editor.authorization).get(`/verwaltung/fachtage/${ev.id}/anmeldungen/export.csv`)
    ).body;
    const [header, row] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain("Organisation;Im Bildungsportal;");
    expect(row).toContain(`Kita Sonnenschein;${t.platform.config.baseUrl}/akteure/${sonnenschein.slug};`);
  });
});

describe("organisationId in the JSON API", () => {
  it("accepts a directory organisation and returns it in the list", async () => {
    const ev = await createFachtag(t.platform, { createdBy: editor.id });
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/registrations`,
      payload: validApiBody("api-org", { organisationId: sonnenschein.id }),
    });
    expect(res.statusCode).toBe(201);
    const list = await t.app.inject({
      url: `/api/v1/events/${ev.id}/registrations`,
      headers: { authorization: editor.authorization },
    });
    expect(list.statusCode).toBe(200);
    const item = (list.json() as { id: string; organisation: string; organisationId: string | null }[]).find(
      (r) => r.id === res.json().id,
    );
    expect(item?.organisationId).toBe(sonnenschein.id);
    expect(item?.organisation).toBe("Kita Sonnenschein");
  });

  it("answers 422 for an organisationId that is not in the directory, and stores nothing", async () => {
    const ev = await createFachtag(t.platform);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/registrations`,
      payload: validApiBody("api-unknown", { organisationId: "gibt-es-nicht" }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify(res.json())).toContain("organisationId");
    const rows = await t.platform.db.kysely
      .selectFrom("registrations")
      .select("id")
      .where("event_id", "=", ev.id)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("leaves the API's free-text organisation unlinked", async () => {
    const ev = await createFachtag(t.platform);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${ev.id}/registrations`,
      payload: validApiBody("api-free", { organisation: "Kita Sonnenschein" }),
    });
    expect(res.statusCode).toBe(201);
    const row = await t.platform.db.kysely
      .selectFrom("registrations")
      .select(["organisation", "organisation_id"])
      .where("id", "=", res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ organisation: "Kita Sonnenschein", organisation_id: null });
  });
});
