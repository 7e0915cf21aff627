import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";

// "A Kita leader finds the Grundschulen in her municipality that already cooperate with Kitas."

let t: TestApp;
let admin: Awaited<ReturnType<typeof createUserWithToken>>;
const ids: Record<string, string> = {};

async function organisation(key: string, name: string, kind: string, area: string, municipality: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/organisations",
    headers: { authorization: admin.authorization },
    payload: { name, kind, areas: [area], municipality },
  });
  expect(res.statusCode).toBe(201);
  ids[key] = res.json().id;
}

async function cooperation(title: string, organisationIds: string[], endsOn?: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/cooperations",
    headers: { authorization: admin.authorization },
    payload: { title, kind: "uebergang_kita_grundschule", organisationIds, startsOn: "2024-03-01", endsOn },
  });
  expect(res.statusCode).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUserWithToken(t.platform, "admin");
  await organisation("kita", "Kita Pusteblume", "kita", "fruehkindlich", "Bergen");
  await organisation("partner", "Grundschule Am Bach", "grundschule", "schule", "Bergen");
  await organisation("lonely", "Grundschule Am Berg", "grundschule", "schule", "Bergen");
  await organisation("ended", "Grundschule Am Hang", "grundschule", "schule", "Bergen");
  await organisation("elsewhere", "Grundschule Am See", "grundschule", "schule", "Celle");
  await organisation("kita2", "Kita Wirbelwind", "kita", "fruehkindlich", "Celle");
  await cooperation("Brückenjahr", [ids.kita!, ids.partner!]);
  await cooperation("Vorbei", [ids.kita!, ids.ended!], "2024-12-31");
  await cooperation("Brückenjahr Celle", [ids.kita2!, ids.elsewhere!]);
});
afterAll(async () => t?.close());

describe("filter: cooperates with", () => {
  it("lists only the Grundschulen of the municipality with a running cooperation with a Kita", async () => {
    const page = await t.app.inject("/akteure?art=grundschule&gemeinde=Bergen&partnerart=kita");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Grundschule Am Bach");
    expect(page.body).not.toContain("Grundschule Am Berg");
    expect(page.body).not.toContain("Grundschule Am Hang"); // the cooperation has ended
    expect(page.body).not.toContain("Grundschule Am See"); // another municipality
    expect(page.body).toContain('<option value="kita" selected');
  });

  it("offers the same filter in the API", async () => {
    const res = await t.app.inject("/api/v1/organisations?kind=grundschule&partnerKind=kita");
    const names = (res.json().items as { name: string }[]).map((o) => o.name).sort();
    expect(names).toEqual(["Grundschule Am Bach", "Grundschule Am See"]);
  });

  it("finds nothing for a kind nobody cooperates with, and ignores unknown values gracefully", async () => {
    expect((await t.app.inject("/api/v1/organisations?partnerKind=hochschule")).json().total).toBe(0);
    const page = await t.app.inject("/akteure?partnerart=%3Cscript%3E");
    expect(page.statusCode).toBe(200);
  });
});
