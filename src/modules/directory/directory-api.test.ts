import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { linkMemberByEmail } from "./members.service.js";
import { adminActor } from "./test-fixtures.js";
import { areaIds, baseKindIds } from "./vocab.js";

// The JSON API contract: POST/GET /api/v1/organisations, GET/PATCH
// /api/v1/organisations/{id}, POST/GET /api/v1/organisations/{id}/offers.

let t: TestApp;
let admin: { authorization: string };
let member: { id: string; email: string; authorization: string };
let editor: { authorization: string };
let orgId: string;
let otherId: string;

const json = (authorization: string | undefined, method: "POST" | "PATCH", url: string, payload: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    payload: JSON.stringify(payload),
  });

const contractBody = {
  name: "Grundschule API (Test)",
  kind: "grundschule",
  areas: ["schule", "uebergang_schule_beruf"],
  municipality: "Celle",
  address: { street: "Beispielweg 1", postalCode: "29221", city: "Celle" },
  geo: { lat: 52.62, lon: 10.08 },
  website: "https://www.example.org/gs",
  email: "gs@example.org",
  phone: "05141 123",
  description: "Über die API angelegt",
  themes: ["Lesen", "Übergang Kita–Grundschule"],
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUserWithToken(t.platform, "admin");
  member = await createUserWithToken(t.platform, "member");
  editor = await createUserWithToken(t.platform, "editor");
  const created = await json(admin.authorization, "POST", "/api/v1/organisations", contractBody);
  expect(created.statusCode).toBe(201);
  orgId = created.json().id;
  const other = await json(admin.authorization, "POST", "/api/v1/organisations", {
    name: "Kita Fremd (Test)",
    kind: "kita",
    areas: ["fruehkindlich"],
    municipality: "Bergen",
  });
  otherId = other.json().id;
  await linkMemberByEmail(t.platform, await adminActor(t.platform), orgId, member.email);
});
afterAll(async () => t?.close());

describe("organisations API", () => {
  it("creates with the contract fields and returns them exactly, published at once", async () => {
    const res = await t.app.inject(`/api/v1/organisations/${orgId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ...contractBody, id: orgId, status: "published" });
    expect(typeof body.createdAt).toBe("string");
    expect(body.url).toMatch(/\/akteure\/grundschule-api-test$/);
  });

  it("lists {items, total} with q, kind, area and municipality filters", async () => {
    const all = (await t.app.inject("/api/v1/organisations")).json();
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(2);
    const q = (await t.app.inject("/api/v1/organisations?q=ueber%20die%20api")).json();
    expect(q.items.map((o: { id: string }) => o.id)).toEqual([orgId]);
    expect((await t.app.inject("/api/v1/organisations?kind=kita")).json().total).toBe(1);
    expect((await t.app.inject("/api/v1/organisations?area=uebergang_schule_beruf")).json().total).toBe(1);
    expect((await t.app.inject("/api/v1/organisations?municipality=Bergen")).json().items[0].id).toBe(otherId);
    expect((await t.app.inject("/api/v1/organisations?limit=1&offset=1")).json()).toMatchObject({ total: 2 });
  });

  it("answers bad values with a 422 problem document in German", async () => {
    const bad = await json(admin.authorization, "POST", "/api/v1/organisations", {
      name: "",
      kind: "Raumstation!",
      areas: [],
      municipality: "Hannover",
      geo: { lat: 0, lon: 0 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json()).toMatchObject({ status: 422, code: "validation_failed" });
    const unknownKind = await json(admin.authorization, "POST", "/api/v1/organisations", {
      name: "X",
      kind: "raumstation",
      areas: ["schule"],
      municipality: "Celle",
    });
    expect(unknownKind.statusCode).toBe(422);
    expect(unknownKind.json().errors).toEqual([{ field: "kind", message: "Bitte wählen Sie eine Art aus der Liste." }]);
    expect((await t.app.inject("/api/v1/organisations?area=mond")).statusCode).toBe(422);
    expect((await t.app.inject("/api/v1/organisations?limit=0")).statusCode).toBe(422);
    expect((await t.app.inject("/api/v1/organisations/gibt-es-nicht")).statusCode).toBe(404);
    const notJson = await t.app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: { authorization: admin.authorization, "content-type": "application/json" },
      payload: "{kaputt",
    });
    expect(notJson.statusCode).toBe(400);
  });

  it("lets only admins create organisations", async () => {
    expect((await json(undefined, "POST", "/api/v1/organisations", contractBody)).statusCode).toBe(401);
    expect((await json(member.authorization, "POST", "/api/v1/organisations", contractBody)).statusCode).toBe(403);
    expect((await json(editor.authorization, "POST", "/api/v1/organisations", contractBody)).statusCode).toBe(403);
  });

  it("lets a member PATCH only their own organisation; null clears a field", async () => {
    const own = await json(member.authorization, "PATCH", `/api/v1/organisations/${orgId}`, {
      description: "Vom Mitglied geändert",
      phone: null,
      themes: ["Lesen"],
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      description: "Vom Mitglied geändert",
      themes: ["Lesen"],
      name: contractBody.name,
    });
    expect(own.json().phone).toBeUndefined();
    const log = await t.platform.db.kysely
      .selectFrom("directory_changes")
      .selectAll()
      .where("organisation_id", "=", orgId)
      .where("user_id", "=", member.id)
      .execute();
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.changes)).toMatchObject({
      description: { from: "Über die API angelegt", to: "Vom Mitglied geändert" },
      phone: { from: "05141 123", to: null },
    });

    expect(
      (await json(member.authorization, "PATCH", `/api/v1/organisations/${otherId}`, { name: "X" })).statusCode,
    ).toBe(403);
    expect(
      (await json(editor.authorization, "PATCH", `/api/v1/organisations/${orgId}`, { name: "X" })).statusCode,
    ).toBe(403);
    expect((await json(undefined, "PATCH", `/api/v1/organisations/${orgId}`, { name: "X" })).statusCode).toBe(401);
    expect(
      (await json(admin.authorization, "PATCH", `/api/v1/organisations/${otherId}`, { areas: ["mond"] })).statusCode,
    ).toBe(422);
  });
});

describe("offers API", () => {
  it("lets admins and the organisation's member add offers, and lists them", async () => {
    const created = await json(member.authorization, "POST", `/api/v1/organisations/${orgId}/offers`, {
      title: "Lesepaten",
      kind: "programm",
      targetGroup: "Kinder",
      ageFrom: 6,
      ageTo: 10,
      area: "schule",
      languages: ["Deutsch"],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      title: "Lesepaten",
      kind: "programm",
      ongoing: true,
      organisationId: orgId,
    });
    const list = (await t.app.inject(`/api/v1/organisations/${orgId}/offers`)).json();
    expect(list).toMatchObject({ total: 1, items: [{ title: "Lesepaten" }] });

    const byAdmin = await json(admin.authorization, "POST", `/api/v1/organisations/${otherId}/offers`, {
      title: "Elterncafé",
      kind: "beratung",
      ongoing: false,
      startsOn: "2027-01-10",
      endsOn: "2027-02-10",
    });
    expect(byAdmin.statusCode).toBe(201);
  });

  it("refuses members of other organisations, editors, anonymous callers and bad values", async () => {
    const offer = { title: "X", kind: "kurs" };
    expect(
      (await json(member.authorization, "POST", `/api/v1/organisations/${otherId}/offers`, offer)).statusCode,
    ).toBe(403);
    expect((await json(editor.authorization, "POST", `/api/v1/organisations/${orgId}/offers`, offer)).statusCode).toBe(
      403,
    );
    expect((await json(undefined, "POST", `/api/v1/organisations/${orgId}/offers`, offer)).statusCode).toBe(401);
    const bad = await json(admin.authorization, "POST", `/api/v1/organisations/${orgId}/offers`, {
      title: "X",
      kind: "party",
      ageFrom: 10,
      ageTo: 3,
    });
    expect(bad.statusCode).toBe(422);
    expect((await t.app.inject("/api/v1/organisations/nix/offers")).statusCode).toBe(404);
  });
});

describe("OpenAPI document", () => {
  it("lists the kind and area ids as enums and tags the endpoints", async () => {
    const doc = (await t.app.inject("/api/v1/openapi.json")).json();
    const post = doc.paths["/api/v1/organisations"].post;
    expect(post.tags).toEqual(["Akteure"]);
    expect(post.summary).toBeTruthy();
    const text = JSON.stringify(doc);
    for (const id of [...baseKindIds, ...areaIds]) expect(text).toContain(`"${id}"`);
    expect(doc.paths["/api/v1/organisations/{id}"].patch).toBeDefined();
    expect(doc.paths["/api/v1/organisations/{id}/offers"].get).toBeDefined();
  });
});
