import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { type Actor, anonymous, type Role } from "../../platform/auth/actor.js";
import * as service from "./service.js";
import { adminActor, makeOrg, orgInput } from "./test-fixtures.js";

// Every state-changing service function checks its permission itself (not only the
// route): the roles that must not are refused, with nothing written.

let t: TestApp;
let orgId: string;
let offerId: string;
const actors: Partial<Record<Role | "anonymous", Actor>> = {};

const asUser = async (role: Role): Promise<Actor> => {
  const u = await createUserWithToken(t.platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
};

beforeAll(async () => {
  t = await createTestApp();
  const admin = await adminActor(t.platform);
  const org = await makeOrg(t.platform, admin, { name: "Rechte (Test)" });
  orgId = org.id;
  offerId = (
    await service.createOffer(t.platform, admin, orgId, {
      title: "A",
      kind: "kurs",
      languages: [],
      ongoing: true,
    } as never)
  ).id;
  actors.anonymous = anonymous;
  actors.editor = await asUser("editor");
  actors.member = await asUser("member"); // not linked to the organisation
});
afterAll(async () => t?.close());

const changes = async () =>
  Number(
    (
      await t.platform.db.kysely
        .selectFrom("directory_changes")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(["anonymous", "editor", "member"] as const)("%s", (who) => {
  const status = who === "anonymous" ? 401 : 403;
  const actor = () => actors[who] as Actor;
  const offer = { title: "B", kind: "kurs", languages: [], ongoing: true } as never;
  const contact = { name: "X", publicConsent: false } as never;

  it.each([
    ["createOrganisation", () => service.createOrganisation(t.platform, actor(), orgInput())],
    [
      "updateOrganisation",
      () => service.updateOrganisation(t.platform, actor(), orgId, orgInput({ name: "Gekapert" })),
    ],
    ["patchOrganisation", () => service.patchOrganisation(t.platform, actor(), orgId, { name: "Gekapert" })],
    ["createOffer", () => service.createOffer(t.platform, actor(), orgId, offer)],
    ["updateOffer", () => service.updateOffer(t.platform, actor(), offerId, offer)],
    ["deleteOffer", () => service.deleteOffer(t.platform, actor(), offerId)],
    ["addContact", () => service.addContact(t.platform, actor(), orgId, contact)],
    ["linkMemberByEmail", () => service.linkMemberByEmail(t.platform, actor(), orgId, "x@example.org")],
    ["unlinkMember", () => service.unlinkMember(t.platform, actor(), orgId, "x")],
    ["addKind", () => service.addKind(t.platform, actor(), { id: "neu_art", labelDe: "Neu", labelEn: "New" })],
    ["decideProposal", () => service.decideProposal(t.platform, actor(), orgId, "approve")],
    ["importOrganisations", () => service.importOrganisations(t.platform, actor(), [orgInput()])],
    ["reviewChange", () => service.reviewChange(t.platform, actor(), "x")],
    [
      "listChangeLog",
      () => service.listChangeLog(t.platform, actor(), { openOnly: false, membersOnly: false, page: 1 }),
    ],
    ["listProposals", () => service.listProposals(t.platform, actor(), "de")],
  ] as const)("may not %s", async (_name, call) => {
    const before = await changes();
    await expect(call()).rejects.toMatchObject({ status });
    expect(await changes()).toBe(before);
  });
});
