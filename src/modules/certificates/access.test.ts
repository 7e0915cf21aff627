import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { certificatesAccess } from "./access.js";
import {
  allCertificates,
  certificateById,
  getOverview,
  organiserCertificate,
  ownCertificate,
  saveSettings,
  sendAll,
} from "./certificates.service.js";
import { attendedFachtag } from "./test-fixtures.js";

// Role × permission: every permission of the certificates, called through the real service
// functions by nobody, a member, an editor of another Fachtag, the owner, an admin and a
// check-in helper. "ok" went through; a number is the refusal's status. The participant's
// own certificate needs their manage token, and only their own.

let t: TestApp;
let actors: EventActors;
let ev: Awaited<ReturnType<typeof attendedFachtag>>;

const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);
const organisers = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok", helper: 403 };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
  ev = await attendedFachtag(t.platform, {
    createdBy: actors.owner.kind === "user" ? actors.owner.id : null,
    people: [{ present: true }, { present: true }],
  });
});
afterAll(async () => t?.close());

describe("certificate permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...certificatesAccess.permissions].sort()).toEqual(["certificates.download", "certificates.manage"]);
  });

  it("certificates.manage: the page, settings, sending and downloads only for the owner and admins", async () => {
    const person = ev.people[0]?.id as string;
    expect(await table((actor) => getOverview(t.platform, actor, ev.id))).toEqual(organisers);
    expect(
      await table((actor) =>
        saveSettings(t.platform, actor, ev.id, { autoSendDays: 1, removeSignature: false, signerName: "A" }),
      ),
    ).toEqual(organisers);
    expect(await table((actor) => sendAll(t.platform, actor, ev.id))).toEqual(organisers);
    expect(await table((actor) => allCertificates(t.platform, actor, ev.id))).toEqual(organisers);
    expect(await table((actor) => organiserCertificate(t.platform, actor, ev.id, person))).toEqual(organisers);
  });

  it("certificates.download by id: organisers; everybody else nothing (an outsider is not even told it exists)", async () => {
    const person = ev.people[0]?.id as string;
    expect(await table((actor) => certificateById(t.platform, actor, person))).toEqual({
      ...organisers,
      anonymous: 404,
    });
  });

  it("certificates.download: with the registration's own token anybody, with another's token nobody", async () => {
    const [a, b] = ev.people;
    const all = { anonymous: "ok", member: "ok", otherEditor: "ok", owner: "ok", admin: "ok", helper: "ok" };
    expect(await table((actor) => certificateById(t.platform, actor, a?.id as string, a?.token))).toEqual(all);
    expect(await table((actor) => ownCertificate(t.platform, actor, a?.token as string))).toEqual(all);
    expect(await table((actor) => certificateById(t.platform, actor, a?.id as string, b?.token))).toEqual({
      ...organisers,
      anonymous: 404,
    });
    expect(await table((actor) => ownCertificate(t.platform, actor, "forged-token"))).toEqual({
      anonymous: 404,
      member: 404,
      otherEditor: 404,
      owner: 404,
      admin: 404,
      helper: 404,
    });
  });
});
