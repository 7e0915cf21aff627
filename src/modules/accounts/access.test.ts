import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Outcome, outcome } from "../../../tests/helpers/access.js";
import { createUser } from "../../../tests/helpers/auth.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { type Actor, anonymous, type Role } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { accountsAccess } from "./access.js";
import { changePassword, dashboardLinks, getMyAccount, whoAmI } from "./my-account.service.js";
import { signIn } from "./sign-in.service.js";
import { createMyToken, listMyTokens, revokeMyToken } from "./tokens.service.js";
import {
  changeRole,
  deactivateAccount,
  deleteAccount,
  getAccount,
  inviteUser,
  listAccounts,
  reactivateAccount,
  resendInvitation,
} from "./users.service.js";

// Role × permission: every permission of accounts, tried through the real service
// functions as nobody and as each role. "ok" means the call went through; a number is
// the refusal's status. Removing a requireAccess line makes a row here fail.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

interface Person {
  label: "anonymous" | Role;
  actor: Actor;
  /** For a signed-in person: their password and the cookie of a real session. */
  password?: string;
  cookie?: string;
}

async function person(role: Role): Promise<Person> {
  const user = await createUser(t.platform, { role, name: `Zugriff ${role}` });
  const session = await signIn(t.platform, user.email, user.password);
  if (!session.ok) throw new Error(`sign-in of ${user.email} failed`);
  const cookie = session.cookies.map((line) => line.split(";")[0]).join("; ");
  const actor: Actor = { kind: "user", id: user.id, email: user.email, name: `Zugriff ${role}`, role, via: "session" };
  return { label: role, actor, password: user.password, cookie };
}

let people: Person[];
beforeAll(async () => {
  people = [{ label: "anonymous", actor: anonymous }];
  for (const role of ["member", "editor", "admin", "checkin"] as const) people.push(await person(role));
});

const nobodyRefused = { anonymous: 401, member: "ok", editor: "ok", admin: "ok", checkin: "ok" } as const;
const adminOnly = { anonymous: 401, member: 403, editor: 403, admin: "ok", checkin: 403 } as const;

/** Runs the call once per person and compares who got through with the expectation. */
async function expectOutcomes(expected: Record<Person["label"], Outcome>, call: (p: Person) => unknown): Promise<void> {
  const got: Record<string, Outcome> = {};
  for (const p of people) got[p.label] = await outcome(() => call(p));
  expect(got).toEqual(expected);
}

const covered = new Set<string>();
const permission = (name: (typeof accountsAccess.permissions)[number]) => {
  covered.add(name);
  return name;
};

describe(`${permission("users.manage")}: the education office only`, () => {
  it("lists the accounts and opens one", async () => {
    const victim = await createUser(t.platform, { role: "member" });
    await expectOutcomes(adminOnly, (p) => listAccounts(t.platform, p.actor));
    await expectOutcomes(adminOnly, (p) => getAccount(t.platform, p.actor, victim.id));
  });

  it("invites a person, and nobody else's invitation is stored", async () => {
    await expectOutcomes(adminOnly, (p) =>
      inviteUser(t.platform, p.actor, { name: "Neu", email: `neu-${p.label}-${newId()}@test.example`, role: "admin" }),
    );
    const invited = await t.platform.db.kysely
      .selectFrom("users")
      .select("email")
      .where("email", "like", "neu-%")
      .execute();
    expect(invited.map((u) => u.email.split("-")[1])).toEqual(["admin"]);
  });

  it("sends an invitation again", async () => {
    const admin = people.find((p) => p.label === "admin") as Person;
    await expectOutcomes(adminOnly, async (p) => {
      const { id } = await inviteUser(t.platform, admin.actor, {
        name: "Eingeladen",
        email: `wieder-${p.label}-${newId()}@test.example`,
        role: "member",
      });
      return resendInvitation(t.platform, p.actor, id);
    });
  });

  it("changes a role, and a refused change leaves it as it was", async () => {
    const victim = await createUser(t.platform, { role: "member" });
    await expectOutcomes(adminOnly, (p) =>
      changeRole(t.platform, p.actor, victim.id, p.label === "admin" ? "member" : "admin"),
    );
    const row = await t.platform.db.kysely
      .selectFrom("users")
      .select("role")
      .where("id", "=", victim.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe("member");
  });

  it("deletes an account, and a refused deletion leaves it in place", async () => {
    const victims = new Map<string, string>();
    await expectOutcomes(adminOnly, async (p) => {
      const victim = await createUser(t.platform, { role: "member" });
      victims.set(p.label, victim.id);
      return deleteAccount(t.platform, p.actor, victim.id);
    });
    for (const [label, id] of victims) {
      const row = await t.platform.db.kysely.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst();
      expect(row === undefined, label).toBe(label === "admin");
    }
  });
});

describe("users.manage: deactivating and reactivating", () => {
  const deactivatedAt = async (id: string) =>
    (await t.platform.db.kysely.selectFrom("users").select("deactivated_at").where("id", "=", id).executeTakeFirst())
      ?.deactivated_at;

  it("deactivates an account, and a refused deactivation leaves it active", async () => {
    const victims = new Map<string, string>();
    await expectOutcomes(adminOnly, async (p) => {
      const victim = await createUser(t.platform, { role: "member" });
      victims.set(p.label, victim.id);
      return deactivateAccount(t.platform, p.actor, victim.id, "Test");
    });
    for (const [label, id] of victims) expect(Boolean(await deactivatedAt(id)), label).toBe(label === "admin");
  });

  it("reactivates an account, and a refused reactivation leaves it deactivated", async () => {
    const admin = people.find((p) => p.label === "admin") as Person;
    const victims = new Map<string, string>();
    await expectOutcomes(adminOnly, async (p) => {
      const victim = await createUser(t.platform, { role: "member" });
      await deactivateAccount(t.platform, admin.actor, victim.id);
      victims.set(p.label, victim.id);
      return reactivateAccount(t.platform, p.actor, victim.id);
    });
    for (const [label, id] of victims) expect(Boolean(await deactivatedAt(id)), label).toBe(label !== "admin");
  });

  it("never deactivates the admin's own account", async () => {
    const admin = people.find((p) => p.label === "admin") as Person;
    expect(await outcome(() => deactivateAccount(t.platform, admin.actor, (admin.actor as { id: string }).id))).toBe(
      409,
    );
  });
});

describe(`${permission("tokens.own")}: every signed-in person, for their own tokens`, () => {
  it("lists, creates and revokes one's own tokens", async () => {
    await expectOutcomes(nobodyRefused, (p) => listMyTokens(t.platform, p.actor));
    await expectOutcomes(nobodyRefused, (p) => createMyToken(t.platform, p.actor, "Auswertung"));
    await expectOutcomes(nobodyRefused, async (p) => {
      const tokens = p.actor.kind === "user" ? await listMyTokens(t.platform, p.actor) : [{ id: newId() }];
      return revokeMyToken(t.platform, p.actor, tokens[0]?.id ?? "");
    });
  });

  it("never revokes somebody else's token: it is not found", async () => {
    const owner = people.find((p) => p.label === "member") as Person;
    await createMyToken(t.platform, owner.actor, "Fremd");
    const [token] = await listMyTokens(t.platform, owner.actor);
    const others = people.filter((p) => p.label !== "member");
    for (const p of others) {
      expect(await outcome(() => revokeMyToken(t.platform, p.actor, token?.id ?? "")), p.label).toBe(
        p.label === "anonymous" ? 401 : 404,
      );
    }
    expect((await listMyTokens(t.platform, owner.actor)).find((x) => x.id === token?.id)?.active).toBe(true);
  });
});

describe(`${permission("account.own")}: every signed-in person, for their own account`, () => {
  it("shows the account and answers GET /api/v1/me", async () => {
    await expectOutcomes(nobodyRefused, (p) => getMyAccount(t.platform, p.actor));
    await expectOutcomes(nobodyRefused, (p) => whoAmI(t.platform, p.actor));
  });

  it("changes the password in a real session, and never with an API token", async () => {
    await expectOutcomes(nobodyRefused, (p) =>
      changePassword(t.platform, p.actor, p.cookie ?? "", {
        current: p.password ?? "",
        password: "Neues-Zugriffs-Passwort-1",
      }),
    );
    const member = people.find((p) => p.label === "member") as Person;
    const viaToken = { ...member.actor, via: "token" } as Actor;
    expect(
      await outcome(() =>
        changePassword(t.platform, viaToken, "", { current: "egal", password: "Noch-ein-Passwort-22" }),
      ),
    ).toBe(403);
  });
});

describe(`${permission("backoffice.enter")}: every signed-in person, with the links of their role`, () => {
  it("opens the dashboard, and only admins get the user-management link", async () => {
    await expectOutcomes(nobodyRefused, (p) => dashboardLinks(t.platform, p.actor));
    for (const p of people.filter((x) => x.label !== "anonymous")) {
      const hrefs = dashboardLinks(t.platform, p.actor).links.map((l) => l.href);
      expect(hrefs.includes("/verwaltung/benutzer"), p.label).toBe(p.label === "admin");
    }
  });
});

describe("the permission list", () => {
  it("has a test above for every permission", () => {
    expect([...covered].sort()).toEqual([...accountsAccess.permissions].sort());
  });
});
