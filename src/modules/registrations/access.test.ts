import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { type Actor, anonymous, type Role } from "../../platform/auth/actor.js";
import { registrationsAccess } from "./access.js";
import { exportRows } from "./exports.service.js";
import {
  cancelByOrganiser,
  listForApi,
  listManagedEventsWithCounts,
  listRegistrations,
  mailParticipants,
  moveWorkshop,
  setCapacities,
} from "./organiser-desk.service.js";
import { addQuestion, removeQuestion } from "./questions.service.js";
import { type RegistrationInput, register } from "./register.service.js";
import {
  cancelByToken,
  cancelRegistration,
  changeWorkshopsByToken,
  confirmByToken,
  getByManageToken,
  getConfirmation,
  updateDetailsByToken,
} from "./self-service.service.js";
import { createFachtag, type FixtureEvent } from "./test-fixtures.js";

// Role × permission: every permission of the registrations module, called through the
// real service functions by nobody, a member, an editor of another Fachtag, the editor
// who owns the Fachtag and an admin — and, for the e-mailed links, by a participant
// holding the manage token of another registration.

let t: TestApp;
const actors: Record<"anonymous" | "member" | "otherEditor" | "owner" | "admin", Actor> = {
  anonymous,
  member: anonymous,
  otherEditor: anonymous,
  owner: anonymous,
  admin: anonymous,
};
type Who = keyof typeof actors;
const everybody = Object.keys(actors) as Who[];
let ev: FixtureEvent;
let n = 0;

const userActor = async (role: Role): Promise<Actor> => {
  const u = await createUserWithToken(t.platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
};

const person = (workshopIds: string[] = []): RegistrationInput => {
  n++;
  return {
    firstName: "Erika",
    lastName: `Muster ${n}`,
    email: `access-${n}@example.org`,
    workshopIds,
    consents: { privacy: true, photos: false, participantList: false },
    answers: {},
  };
};

/** A fresh registration (by the API, as anybody may) with its manage token. */
const registration = () => register(t.platform, anonymous, ev.id, person(), "api");

const table = (call: (actor: Actor, who: Who) => unknown) => roleTable(actors, call);

const organisers = { anonymous: 401, member: 403, otherEditor: "ok", owner: "ok", admin: "ok" };
const managers = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok" };
const public_ = { anonymous: "ok", member: "ok", otherEditor: "ok", owner: "ok", admin: "ok" };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors.member = await userActor("member");
  actors.otherEditor = await userActor("editor");
  actors.owner = await userActor("editor");
  actors.admin = await userActor("admin");
  ev = await createFachtag(t.platform, {
    capacity: 200,
    createdBy: actors.owner.kind === "user" ? actors.owner.id : null,
    workshops: [
      { title: "Sprache", capacity: 50 },
      { title: "Bewegung", capacity: 50 },
    ],
  });
});
afterAll(async () => t?.close());

describe("registrations permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...registrationsAccess.permissions].sort()).toEqual(
      [
        "registration.cancel",
        "registration.desk",
        "registration.manage",
        // by role and token in networking.test.ts
        "registration.networking",
        "registration.register",
        "registration.selfService",
      ].sort(),
    );
  });

  it("registration.register: anybody registers on the web and the API; by hand only the Fachtag's organisers", async () => {
    expect(await table((actor) => register(t.platform, actor, ev.id, person(), "web"))).toEqual(public_);
    expect(await table((actor) => register(t.platform, actor, ev.id, person(), "api"))).toEqual(public_);
    expect(await table((actor) => register(t.platform, actor, ev.id, person(), "manual"))).toEqual(managers);
  });

  it("registration.register: walk-ins at the entrance by the Fachtag's organisers and its check-in helpers only", async () => {
    expect(await table((actor) => register(t.platform, actor, ev.id, person(), "walkin"))).toEqual(managers);
    const helper = await userActor("checkin");
    expect(await outcome(() => register(t.platform, helper, ev.id, person(), "walkin"))).toBe("ok");
    // A helper may do nothing else of the desk: no registration by hand, no list, no export.
    expect(await outcome(() => register(t.platform, helper, ev.id, person(), "manual"))).toBe(403);
    expect(await outcome(() => listRegistrations(t.platform, helper, ev.id))).toBe(403);
    expect(await outcome(() => listForApi(t.platform, helper, ev.id))).toBe(403);
    expect(await outcome(() => exportRows(t.platform, helper, ev.id))).toBe(403);
    expect(await outcome(() => listManagedEventsWithCounts(t.platform, helper))).toBe(403);
    const draft = await createFachtag(t.platform, { status: "draft" });
    expect(await outcome(() => register(t.platform, helper, draft.id, person(), "walkin"))).toBe(404);
  });

  it("registration.register and .manage: a draft is unknown (404) to all but its organisers", async () => {
    const draft = await createFachtag(t.platform, {
      status: "draft",
      createdBy: actors.owner.kind === "user" ? actors.owner.id : null,
    });
    // Its organisers are told why they cannot register (409: not published); the others that it does not exist.
    const hiddenFromOthers = { anonymous: 404, member: 404, otherEditor: 404, owner: 409, admin: 409 };
    expect(await table((actor) => register(t.platform, actor, draft.id, person(), "web"))).toEqual(hiddenFromOthers);
    expect(await table((actor) => register(t.platform, actor, draft.id, person(), "api"))).toEqual(hiddenFromOthers);
    // By hand (a phone call) its organisers may register somebody before publishing.
    expect(await table((actor) => register(t.platform, actor, draft.id, person(), "manual"))).toEqual({
      ...hiddenFromOthers,
      owner: "ok",
      admin: "ok",
    });
    expect(await table((actor) => listRegistrations(t.platform, actor, draft.id))).toEqual({
      anonymous: 401,
      member: 403,
      otherEditor: 404,
      owner: "ok",
      admin: "ok",
    });
  });

  it("registration.desk: the overview of Fachtage is for organisers", async () => {
    expect(await table((actor) => listManagedEventsWithCounts(t.platform, actor))).toEqual(organisers);
  });

  it("registration.manage: the list, the API list and the exports only for the owner and admins", async () => {
    expect(await table((actor) => listRegistrations(t.platform, actor, ev.id))).toEqual(managers);
    expect(await table((actor) => listForApi(t.platform, actor, ev.id))).toEqual(managers);
    expect(await table((actor) => exportRows(t.platform, actor, ev.id))).toEqual(managers);
  });

  it("registration.manage: cancelling, moving, capacities and messages only for the owner and admins", async () => {
    const regs = Object.fromEntries(await Promise.all(everybody.map(async (w) => [w, await registration()])));
    expect(await table((actor, who) => cancelByOrganiser(t.platform, actor, ev.id, regs[who].id))).toEqual(managers);
    const mover = await registration();
    const slot = (await listRegistrations(t.platform, actors.admin, ev.id)).slots[0]?.key ?? "";
    expect(
      await table((actor) => moveWorkshop(t.platform, actor, ev.id, mover.id, slot, ev.workshops[0] ?? null)),
    ).toEqual(managers);
    // The same inside a caller's transaction (a hand placement of the allocation).
    expect(
      await table((actor) =>
        t.platform.db.kysely
          .transaction()
          .execute((trx) => moveWorkshop(t.platform, actor, ev.id, mover.id, slot, ev.workshops[0] ?? null, trx)),
      ),
    ).toEqual(managers);
    const workshops = Object.fromEntries(ev.workshops.map((id) => [id, 50]));
    expect(await table((actor) => setCapacities(t.platform, actor, ev.id, { capacity: 200, workshops }))).toEqual(
      managers,
    );
    const message = { subject: "Hinweis", text: "Bitte Ausweis mitbringen.", filter: {} };
    expect(await table((actor) => mailParticipants(t.platform, actor, ev.id, message))).toEqual(managers);
  });

  it("registration.manage: organiser questions are added and removed only by the owner and admins", async () => {
    const q = { kind: "text" as const, label: "Anreise?", options: [], required: false };
    expect(await table((actor) => addQuestion(t.platform, actor, ev.id, q))).toEqual(managers);
    const ids = Object.fromEntries(
      await Promise.all(everybody.map(async (w) => [w, await addQuestion(t.platform, actors.admin, ev.id, q)])),
    );
    expect(await table((actor, who) => removeQuestion(t.platform, actor, ev.id, ids[who]))).toEqual(managers);
  });

  it("registration.selfService: the manage link works for its holder only; a forged token finds nothing", async () => {
    const mine = await registration();
    expect(await table((actor) => getByManageToken(t.platform, actor, mine.manageToken))).toEqual(public_);
    expect(await table((actor) => getByManageToken(t.platform, actor, "forged-token"))).toEqual({
      anonymous: 404,
      member: 404,
      otherEditor: 404,
      owner: 404,
      admin: 404,
    });
    expect(await outcome(() => changeWorkshopsByToken(t.platform, anonymous, "forged", []))).toBe(404);
    expect(await outcome(() => changeWorkshopsByToken(t.platform, anonymous, mine.manageToken, []))).toBe("ok");
    expect(await outcome(() => confirmByToken(t.platform, anonymous, "forged"))).toBe(404);
    expect(await outcome(() => getConfirmation(t.platform, anonymous, "forged"))).toBe(404);
    const details = { firstName: "Erika", lastName: "Korrigiert" };
    expect(await outcome(() => updateDetailsByToken(t.platform, anonymous, "forged", details))).toBe(404);
    expect(await outcome(() => updateDetailsByToken(t.platform, anonymous, mine.manageToken, details))).toBe("ok");
    expect(await outcome(() => cancelByToken(t.platform, anonymous, "forged"))).toBe(404);
    expect(await outcome(() => cancelByToken(t.platform, anonymous, mine.manageToken))).toBe("ok");
  });

  it("registration.cancel: by id with this registration's token, or by the owner and admins", async () => {
    const regs = Object.fromEntries(await Promise.all(everybody.map(async (w) => [w, await registration()])));
    expect(await table((actor, who) => cancelRegistration(t.platform, actor, regs[who].id))).toEqual(managers);

    // A participant holding the manage token of another registration learns nothing (404).
    const victim = await registration();
    const other = await registration();
    expect(await outcome(() => cancelRegistration(t.platform, anonymous, victim.id, other.manageToken))).toBe(404);
    expect(await outcome(() => cancelRegistration(t.platform, anonymous, victim.id, victim.manageToken))).toBe("ok");
  });
});
