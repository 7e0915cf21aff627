import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { anonymous } from "../../platform/auth/actor.js";
import { personalDataDueAt } from "../events/index.js";
import { runRetention } from "../retention/index.js";
import { networkingList } from "./networking.js";
import { register } from "./register.service.js";
import { createFachtag } from "./test-fixtures.js";
import { manageTokenFor } from "./tokens.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function fachtagWithPeople() {
  const ev = await createFachtag(t.platform, {
    confirmByEmail: false,
    workshops: [{ title: "Sprache im Kita-Alltag", capacity: null }],
  });
  const person = async (first: string, last: string, participantList: boolean) => {
    const r = await register(
      t.platform,
      anonymous,
      ev.id,
      {
        firstName: first,
        lastName: last,
        email: `${first.toLowerCase()}.${ev.id.slice(0, 6)}@example.org`,
        organisation: `Kita ${last}`,
        municipality: "Bergen",
        workshopIds: [ev.workshops[0] as string],
        consents: { privacy: true, photos: false, participantList },
        answers: {},
      },
      "api",
    );
    return { id: r.id, token: manageTokenFor(t.platform.config.sessionSecret, r.id) };
  };
  const ada = await person("Ada", "Amsel", true);
  const ben = await person("Ben", "Buche", true);
  const cem = await person("Cem", "Carlsen", false);
  const dora = await person("Dora", "Distel", true);
  await t.platform.db.kysely
    .updateTable("registrations")
    .set({ status: "cancelled", cancelled_at: new Date().toISOString() })
    .where("id", "=", dora.id)
    .execute();
  return { ev, ada, ben, cem, dora };
}

/** Lets the Fachtag begin an hour ago. */
async function begin(eventId: string) {
  const start = new Date(Date.now() - 3_600_000);
  await t.platform.db.kysely
    .updateTable("events")
    .set({ starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 8 * 3_600_000).toISOString() })
    .where("id", "=", eventId)
    .execute();
}

const page = async (token: string) => {
  const res = await t.app.inject({ method: "GET", url: `/anmeldung/${token}` });
  return { status: res.statusCode, body: res.body };
};

describe("networking list on the participant's own page", () => {
  it("shows nothing before the Fachtag; then the consenting others, only to those who consented", async () => {
    const { ev, ada, ben, cem } = await fachtagWithPeople();
    const before = await page(ada.token);
    expect(before.status).toBe(200);
    expect(before.body).not.toContain("Vernetzung: wer noch dabei ist");
    expect(await networkingList(t.platform, anonymous, ada.token)).toEqual({ available: false });

    await begin(ev.id);
    const adaPage = await page(ada.token);
    expect(adaPage.body).toContain("Vernetzung: wer noch dabei ist");
    expect(adaPage.body).toContain("Ben Buche");
    expect(adaPage.body).toContain("Kita Buche, Bergen");
    expect(adaPage.body).toContain("Workshops: Sprache im Kita-Alltag");
    expect(adaPage.body).not.toContain("Cem Carlsen"); // did not agree
    expect(adaPage.body).not.toContain("Dora Distel"); // cancelled
    const list = await networkingList(t.platform, anonymous, ada.token);
    expect(list.available && list.people.map((p) => `${p.firstName} ${p.lastName}`)).toEqual(["Ben Buche"]);

    // Who did not agree sees no list (and the page does not hint at one).
    const cemPage = await page(cem.token);
    expect(cemPage.status).toBe(200);
    expect(cemPage.body).not.toContain("Vernetzung");
    expect(cemPage.body).not.toContain("Ben Buche");

    // Ben sees Ada.
    expect((await page(ben.token)).body).toContain("Ada Amsel");
  });

  it("is refused (404) to every role without a consenting person's token — the token is the permission", async () => {
    const { ev, ada, cem, dora } = await fachtagWithPeople();
    await begin(ev.id);
    const actors = await eventActors(t.platform);
    expect(await roleTable(actors, (actor) => networkingList(t.platform, actor, cem.token))).toEqual({
      anonymous: 404,
      member: 404,
      otherEditor: 404,
      owner: 404,
      admin: 404,
      helper: 404,
    });
    expect(await roleTable(actors, (actor) => networkingList(t.platform, actor, dora.token))).toMatchObject({
      anonymous: 404,
      admin: 404,
    });
    expect(await roleTable(actors, (actor) => networkingList(t.platform, actor, "x".repeat(40)))).toMatchObject({
      anonymous: 404,
      admin: 404,
    });
    expect(await roleTable(actors, (actor) => networkingList(t.platform, actor, ada.token))).toEqual({
      anonymous: "ok",
      member: "ok",
      otherEditor: "ok",
      owner: "ok",
      admin: "ok",
      helper: "ok",
    });
  });

  it("is gone after the retention", async () => {
    const { ev, ada } = await fachtagWithPeople();
    await begin(ev.id);
    const row = await t.platform.db.kysely
      .selectFrom("events")
      .select("ends_at")
      .where("id", "=", ev.id)
      .executeTakeFirstOrThrow();
    await runRetention(t.platform, new Date(Date.parse(personalDataDueAt(row.ends_at, 6)) + 60_000));
    expect((await page(ada.token)).status).toBe(404);
    await expect(networkingList(t.platform, anonymous, ada.token)).rejects.toMatchObject({ status: 404 });
  });
});
