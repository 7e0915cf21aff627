import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { type Actor, anonymous } from "../../platform/auth/actor.js";
import { register } from "../registrations/index.js";
import { createFachtag, type FixtureEvent } from "../registrations/test-fixtures.js";
import { manageTokenFor } from "../registrations/tokens.js";
import { ticketsAccess } from "./access.js";
import { badgeSheets, ownTicketPdf, printOverview, signatureLists, ticketPdfById } from "./print.service.js";

// Role × permission: the print files of a Fachtag and the tickets, called through the
// real service functions by nobody, a member, an editor of another Fachtag, the owner,
// an admin and a check-in helper (who checks people in, but takes no lists of names).

let t: TestApp;
let actors: EventActors;
let ev: FixtureEvent;
let draft: FixtureEvent;
let registrationId: string;

const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);

const organisersOnly = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok", helper: 403 };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
  const createdBy = actors.owner.kind === "user" ? actors.owner.id : null;
  ev = await createFachtag(t.platform, {
    confirmByEmail: false,
    createdBy,
    workshops: [{ title: "Sprache", capacity: 10 }],
  });
  draft = await createFachtag(t.platform, {
    status: "draft",
    createdBy,
    workshops: [{ title: "Entwurf", capacity: 5 }],
  });
  registrationId = (
    await register(
      t.platform,
      anonymous,
      ev.id,
      {
        firstName: "Jürgen",
        lastName: "Größmann",
        email: "tickets-access@example.org",
        workshopIds: [],
        consents: { privacy: true, photos: false, participantList: false },
        answers: {},
      },
      "api",
    )
  ).id;
});
afterAll(async () => t?.close());

describe("who may print a Fachtag's badges and lists", () => {
  it("has one permission, for the Fachtag's organisers", () => {
    expect(ticketsAccess.permissions).toEqual(["tickets.print"]);
  });

  it("name badges", async () => {
    expect(await table((a) => badgeSheets(t.platform, a, ev.id))).toEqual(organisersOnly);
  });

  it("signature lists, of the Fachtag and of a workshop", async () => {
    expect(await table((a) => signatureLists(t.platform, a, ev.id))).toEqual(organisersOnly);
    expect(await table((a) => signatureLists(t.platform, a, ev.id, ev.workshops[0]))).toEqual(organisersOnly);
  });

  it("the print page", async () => {
    expect(await table((a) => printOverview(t.platform, a, ev.id))).toEqual(organisersOnly);
  });

  it("a draft is not known to exist for those who may not manage it", async () => {
    expect(await table((a) => badgeSheets(t.platform, a, draft.id))).toEqual({
      ...organisersOnly,
      otherEditor: 404,
    });
  });
});

describe("who gets a ticket", () => {
  it("by the manage link: whoever holds its token, anybody else 404", async () => {
    const token = manageTokenFor(t.config.sessionSecret, registrationId);
    const everybody = { anonymous: "ok", member: "ok", otherEditor: "ok", owner: "ok", admin: "ok", helper: "ok" };
    expect(await table((a) => ownTicketPdf(t.platform, a, token))).toEqual(everybody);
    const nobody = { anonymous: 404, member: 404, otherEditor: 404, owner: 404, admin: 404, helper: 404 };
    expect(await table((a) => ownTicketPdf(t.platform, a, `${token.slice(0, -2)}xx`))).toEqual(nobody);
  });

  it("by id (API): the Fachtag's organisers; others only with the manage token", async () => {
    expect(await table((a) => ticketPdfById(t.platform, a, registrationId))).toEqual({
      ...organisersOnly,
      anonymous: 404,
    });
    const token = manageTokenFor(t.config.sessionSecret, registrationId);
    const withToken = await table((a) => ticketPdfById(t.platform, a, registrationId, token));
    expect(Object.values(withToken).every((o) => o === "ok")).toBe(true);
  });
});
