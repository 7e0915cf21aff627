import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { type Actor, anonymous, type Role } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { translator } from "../../platform/i18n/i18n.js";
import { directoryAccess } from "./access.js";
import { listChangeLog, reviewAllChanges } from "./change-log.service.js";
import { listContactsForKeeping } from "./contacts.service.js";
import { importOrganisations } from "./import.service.js";
import { addKind } from "./kinds.service.js";
import { searchAllForAdmin } from "./listing.service.js";
import { linkMemberByEmail, myOrganisations } from "./members.service.js";
import { createOffer } from "./offers.service.js";
import { createOrganisation, getOrganisationById, updateOrganisation } from "./organisations.service.js";
import { getProfile } from "./profile.service.js";
import { decideProposal, proposeOrganisation } from "./proposals.service.js";
import type { ProposalInput } from "./schema.js";
import { orgInput } from "./test-fixtures.js";

// Every permission of access.ts, called through the real service function as each kind
// of actor: who is refused (and how), who gets through. A check removed from a service
// makes one of these fail.

type Who = "anonymous" | "memberOfIt" | "memberOfAnother" | "editor" | "admin";
const everybody: Who[] = ["anonymous", "memberOfIt", "memberOfAnother", "editor", "admin"];

let t: TestApp;
const actors = {} as Record<Who, Actor>;
let own: { id: string; slug: string };
let proposalId: string;
let linkable: string;

const unique = () => newId().slice(0, 8);

async function asUser(role: Role): Promise<Actor> {
  const u = await createUserWithToken(t.platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
}

beforeAll(async () => {
  t = await createTestApp();
  actors.anonymous = anonymous;
  actors.admin = await asUser("admin");
  actors.editor = await asUser("editor");
  actors.memberOfIt = await asUser("member");
  actors.memberOfAnother = await asUser("member");
  own = await createOrganisation(t.platform, actors.admin, orgInput({ name: "Eigene Organisation" }));
  const another = await createOrganisation(t.platform, actors.admin, orgInput({ name: "Andere Organisation" }));
  const email = (a: Actor) => (a.kind === "user" ? a.email : "");
  await linkMemberByEmail(t.platform, actors.admin, own.id, email(actors.memberOfIt));
  await linkMemberByEmail(t.platform, actors.admin, another.id, email(actors.memberOfAnother));
  proposalId = await freshProposal();
  linkable = (await createUserWithToken(t.platform, "member")).email;
});
afterAll(async () => t?.close());

const changeCount = async () =>
  Number(
    (
      await t.platform.db.kysely
        .selectFrom("directory_changes")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const offer = { title: "Kurs", kind: "kurs", languages: [], ongoing: true } as never;

const proposal = (): ProposalInput => ({
  ...(orgInput({ name: `Vorschlag ${unique()}` }) as ProposalInput),
  proposerName: "P",
  proposerEmail: "p@example.org",
});

async function freshProposal(): Promise<string> {
  return (await proposeOrganisation(t.platform, anonymous, proposal())) as string;
}

/** Per permission: the service call, who may, and the status everybody else gets. */
const cases: Record<
  (typeof directoryAccess.permissions)[number],
  { allowed: Who[]; refusedWith?: 404; call: (actor: Actor) => Promise<unknown> }
> = {
  "organisation.see": {
    allowed: ["admin"],
    refusedWith: 404,
    call: (actor) => getOrganisationById(t.platform, actor, proposalId),
  },
  "organisation.create": {
    allowed: ["admin"],
    call: (actor) => createOrganisation(t.platform, actor, orgInput({ name: `Neu ${unique()}` })),
  },
  "organisation.edit": {
    allowed: ["admin", "memberOfIt"],
    call: (actor) =>
      updateOrganisation(t.platform, actor, own.id, orgInput({ name: "Eigene Organisation", themes: [unique()] })),
  },
  "organisation.listAll": {
    allowed: ["admin"],
    call: (actor) => searchAllForAdmin(t.platform, actor, {}, 1, "de"),
  },
  "organisation.listOwn": {
    allowed: ["memberOfIt", "memberOfAnother", "editor", "admin"],
    call: (actor) => myOrganisations(t.platform, actor, "de"),
  },
  "offer.edit": {
    allowed: ["admin", "memberOfIt"],
    call: (actor) => createOffer(t.platform, actor, own.id, offer),
  },
  "contact.manage": {
    allowed: ["admin", "memberOfIt"],
    call: (actor) => listContactsForKeeping(t.platform, actor, own.id),
  },
  "proposal.submit": {
    allowed: everybody,
    call: (actor) => proposeOrganisation(t.platform, actor, proposal()),
  },
  "proposal.review": {
    allowed: ["admin"],
    call: async (actor) => decideProposal(t.platform, actor, await freshProposal(), "approve"),
  },
  "changes.review": {
    allowed: ["admin"],
    call: (actor) =>
      listChangeLog(t.platform, actor, { openOnly: false, membersOnly: false, page: 1 }, translator("de"), "de"),
  },
  import: {
    allowed: ["admin"],
    call: (actor) => importOrganisations(t.platform, actor, [orgInput({ name: `Import ${unique()}` })]),
  },
  "kinds.manage": {
    allowed: ["admin"],
    call: (actor) => addKind(t.platform, actor, { id: `art_${unique()}`, labelDe: "Neu", labelEn: "New" }),
  },
  "members.link": {
    allowed: ["admin"],
    call: (actor) => linkMemberByEmail(t.platform, actor, own.id, linkable),
  },
};

describe.each(directoryAccess.permissions)("%s", (permission) => {
  const { allowed, refusedWith, call } = cases[permission];
  it.each(everybody)("as %s", async (who) => {
    if (allowed.includes(who)) {
      await expect(call(actors[who])).resolves.not.toThrow();
      return;
    }
    const status = refusedWith ?? (who === "anonymous" ? 401 : 403);
    // A refusal writes nothing; the proposal that "proposal.review" decides is made in the call.
    const before = await changeCount();
    await expect(call(actors[who])).rejects.toMatchObject({ status });
    const written = (await changeCount()) - before;
    expect(written).toBe(permission === "proposal.review" ? 1 : 0);
  });
});

describe("what a page offers follows the same policies", () => {
  it.each(everybody)("the profile's keeping controls as %s", async (who) => {
    const profile = await getProfile(t.platform, actors[who], own.slug, "de");
    expect(profile.canKeep).toBe(who === "admin" || who === "memberOfIt");
    expect(profile.canLinkMembers).toBe(who === "admin");
  });
});

describe("marking every change as reviewed is for who reviews the log", () => {
  const openChanges = async () =>
    Number(
      (
        await t.platform.db.kysely
          .selectFrom("directory_changes")
          .where("reviewed_at", "is", null)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each(["anonymous", "memberOfIt", "memberOfAnother", "editor"] as const)(
    "refused as %s, nothing marked",
    async (who) => {
      const before = await openChanges();
      expect(before).toBeGreaterThan(0);
      await expect(reviewAllChanges(t.platform, actors[who], { membersOnly: false })).rejects.toMatchObject({
        status: who === "anonymous" ? 401 : 403,
      });
      expect(await openChanges()).toBe(before);
    },
  );

  it("as admin: only members' changes with that filter, then all", async () => {
    await updateOrganisation(
      t.platform,
      actors.memberOfIt,
      own.id,
      orgInput({ name: "Eigene Organisation", themes: [unique()] }),
    );
    const members = await reviewAllChanges(t.platform, actors.admin, { membersOnly: true });
    expect(members).toBeGreaterThan(0);
    expect(await openChanges()).toBeGreaterThan(0); // the admin's own changes are still open
    await reviewAllChanges(t.platform, actors.admin, { membersOnly: false });
    expect(await openChanges()).toBe(0);
  });
});
