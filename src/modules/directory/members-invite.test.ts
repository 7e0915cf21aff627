import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { type Actor, anonymous } from "../../platform/auth/actor.js";
import { inviteMember, isMemberOf } from "./members.service.js";
import { adminActor, makeOrg } from "./test-fixtures.js";

// An account for a representative, created and linked to the organisation in one step
// from the organisation's members page; the invitation names the organisation.

let t: TestApp;
let admin: Browser;
let org: { id: string; slug: string };

const userByEmail = (email: string) =>
  t.platform.db.kysely.selectFrom("users").select(["id", "role"]).where("email", "=", email).executeTakeFirst();
const mailsTo = (email: string) =>
  t.platform.db.kysely.selectFrom("outbox").select(["text_body"]).where("to_address", "=", email).execute();

beforeAll(async () => {
  t = await createTestApp();
  const office = await createUser(t.platform, { role: "admin" });
  admin = new Browser(t.app);
  await signIn(admin, office.email, office.password);
  org = await makeOrg(t.platform, await adminActor(t.platform), { name: "Kita Einladung (Test)", kind: "kita" });
});
afterAll(async () => t?.close());

describe("a new account for a representative", () => {
  it("is created, linked and invited from the members page in one step", async () => {
    const page = await admin.get(`/verwaltung/akteure/${org.slug}/mitglieder`);
    expect(page.body).toContain("Neues Konto anlegen und verknüpfen");
    const res = await admin.submit(
      `/verwaltung/akteure/${org.slug}/mitglieder`,
      `/verwaltung/akteure/${org.slug}/mitglieder/neu`,
      { inviteName: "Ina Einladung", inviteEmail: "Ina@Kita-Einladung.example" },
    );
    expect(res.statusCode).toBe(303);
    const user = await userByEmail("ina@kita-einladung.example");
    expect(user?.role).toBe("member");
    expect(await isMemberOf(t.platform.db.kysely, user?.id ?? "", org.id)).toBe(true);
    const [mail] = await mailsTo("ina@kita-einladung.example");
    expect(mail?.text_body).toContain("„Kita Einladung (Test)“");
    const members = await admin.get(`/verwaltung/akteure/${org.slug}/mitglieder`);
    expect(members.body).toContain("Ina Einladung");
    expect(members.body).toContain("die Einladung an ina@kita-einladung.example ist unterwegs");
    const log = await t.platform.db.kysely
      .selectFrom("directory_changes")
      .select("changes")
      .where("entity", "=", "member")
      .where("entity_id", "=", user?.id ?? "")
      .execute();
    expect(log).toHaveLength(1);
  });

  it("refuses an address that has an account, beside the field, and creates nothing", async () => {
    const existing = await createUser(t.platform, { role: "editor" });
    const res = await admin.submit(
      `/verwaltung/akteure/${org.slug}/mitglieder`,
      `/verwaltung/akteure/${org.slug}/mitglieder/neu`,
      { inviteName: "Doppelt", inviteEmail: existing.email },
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toMatch(/id="f-inviteEmail-error"/);
    expect(await isMemberOf(t.platform.db.kysely, existing.id, org.id)).toBe(false);
  });

  it("answers an empty form with German messages beside both fields", async () => {
    const res = await admin.submit(
      `/verwaltung/akteure/${org.slug}/mitglieder`,
      `/verwaltung/akteure/${org.slug}/mitglieder/neu`,
      { inviteName: "", inviteEmail: "" },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="f-inviteName-error"');
    expect(res.body).toContain('id="f-inviteEmail-error"');
  });

  it("is for the education office only: members, editors and visitors are refused and nothing is made", async () => {
    const asUser = async (role: "member" | "editor"): Promise<Actor> => {
      const u = await createUser(t.platform, { role });
      return { kind: "user", id: u.id, email: u.email, name: role, role, via: "session" };
    };
    const cases: [Actor, number][] = [
      [anonymous, 401],
      [await asUser("member"), 403],
      [await asUser("editor"), 403],
    ];
    for (const [actor, status] of cases) {
      const email = `verboten-${status}-${actor.kind === "user" ? actor.role : "anon"}@test.example`;
      await expect(inviteMember(t.platform, actor, org.id, { name: "Nein", email })).rejects.toMatchObject({ status });
      expect(await userByEmail(email)).toBeUndefined();
    }
    // Through the page as a member with a valid form token too.
    const member = await createUser(t.platform, { role: "member" });
    const browser = new Browser(t.app);
    await signIn(browser, member.email, member.password);
    const page = await browser.get("/akteure/meine");
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const res = await browser.post(`/verwaltung/akteure/${org.slug}/mitglieder/neu`, {
      inviteName: "Nein",
      inviteEmail: "nein-seite@test.example",
      _csrf: token,
    });
    expect(res.statusCode).toBe(403);
    expect(await userByEmail("nein-seite@test.example")).toBeUndefined();
  });
});
