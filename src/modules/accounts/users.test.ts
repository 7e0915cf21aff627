import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { accountsModule } from "./index.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const signedInBrowser = async (role: "admin" | "editor" | "member", name?: string) => {
  const user = await createUser(t.platform, { role, ...(name ? { name } : {}) });
  const browser = new Browser(t.app);
  await signIn(browser, user.email, user.password);
  return { browser, user };
};

const roleOf = async (id: string) =>
  (await t.platform.db.kysely.selectFrom("users").select("role").where("id", "=", id).executeTakeFirst())?.role;

const me = (token: string) => t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });

describe("API tokens on the account page", () => {
  it("creates a token shown once, which works until it is revoked", async () => {
    const { browser, user } = await signedInBrowser("member");
    const created = await browser.submit("/konto", "/konto/tokens", { name: "Auswertung" });
    expect(created.statusCode).toBe(303);
    const page = await browser.get("/konto");
    const token = /<code class="api-token">(bn_[^<]+)<\/code>/.exec(page.body)?.[1];
    expect(token).toBeDefined();
    expect(page.body).toContain("Token „Auswertung“ erstellt");
    // Shown once only.
    expect((await browser.get("/konto")).body).not.toContain(token as string);

    const ok = await me(token as string);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ email: user.email, role: "member" });

    const row = await t.platform.db.kysely
      .selectFrom("api_tokens")
      .select(["id", "token_hash"])
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token as string);
    const revoked = await browser.submit("/konto", `/konto/tokens/${row.id}/widerrufen`, {});
    expect(revoked.statusCode).toBe(303);
    const after = await browser.get("/konto");
    expect(after.body).toContain("widerrufen");

    const refused = await me(token as string);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
  });

  it("needs a name, and cannot revoke somebody else's token", async () => {
    const { browser } = await signedInBrowser("editor");
    const empty = await browser.submit("/konto", "/konto/tokens", { name: "  " });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("Bitte füllen Sie dieses Feld aus.");

    const other = await createUserWithToken(t.platform, "admin");
    const otherToken = await t.platform.db.kysely
      .selectFrom("api_tokens")
      .select("id")
      .where("user_id", "=", other.id)
      .executeTakeFirstOrThrow();
    const res = await browser.submit("/konto", `/konto/tokens/${otherToken.id}/widerrufen`, {});
    expect(res.statusCode).toBe(404);
    expect((await me(other.token)).statusCode).toBe(200);
  });

  it("refuses a token post without CSRF token and creates nothing", async () => {
    const { browser, user } = await signedInBrowser("member");
    const res = await browser.post("/konto/tokens", { name: "Ohne Schutz" });
    expect(res.statusCode).toBe(403);
    const rows = await t.platform.db.kysely
      .selectFrom("api_tokens")
      .select("id")
      .where("user_id", "=", user.id)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("sends anonymous visitors of /konto to the login page, and answers the API with 401", async () => {
    const res = await t.app.inject("/konto");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain("/anmelden");
    expect((await t.app.inject("/api/v1/me")).statusCode).toBe(401);
  });
});

describe("changing the password", () => {
  it("checks the current password, then only the new one works", async () => {
    const { browser, user } = await signedInBrowser("member");
    const wrong = await browser.submit("/konto", "/konto/passwort", {
      current: "nicht-das-passwort",
      password: "Ganz-neues-Passwort-7",
      confirm: "Ganz-neues-Passwort-7",
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("Das bisherige Passwort ist falsch.");
    const weak = await browser.submit("/konto", "/konto/passwort", {
      current: user.password,
      password: "passwort1234",
      confirm: "passwort1234",
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain("zu leicht zu erraten");

    const ok = await browser.submit("/konto", "/konto/passwort", {
      current: user.password,
      password: "Ganz-neues-Passwort-7",
      confirm: "Ganz-neues-Passwort-7",
    });
    expect(ok.statusCode).toBe(303);
    expect((await browser.get("/konto")).body).toContain("Ihr Passwort ist geändert");
    const old = await new Browser(t.app).submit("/anmelden", "/anmelden", {
      email: user.email,
      password: user.password,
    });
    expect(old.statusCode).toBe(422);
    await signIn(new Browser(t.app), user.email, "Ganz-neues-Passwort-7");
  });
});

describe("back office and user management", () => {
  it("shows the Verwaltung entry only to signed-in people, and the user link only to admins", async () => {
    expect((await t.app.inject("/")).body).not.toContain('href="/verwaltung"');
    const anonymous = await t.app.inject("/verwaltung");
    expect(anonymous.statusCode).toBe(303);

    const admin = await signedInBrowser("admin");
    const adminPage = await admin.browser.get("/verwaltung");
    expect(adminPage.statusCode).toBe(200);
    expect(adminPage.body).toContain('href="/verwaltung"');
    expect(adminPage.body).toContain('href="/verwaltung/benutzer"');

    for (const role of ["editor", "member"] as const) {
      const { browser } = await signedInBrowser(role);
      const page = await browser.get("/verwaltung");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/verwaltung"');
      expect(page.body).not.toContain('href="/verwaltung/benutzer"');
    }
  });

  it("lets an admin invite a person, who sets a password through the mailed link", async () => {
    const { browser } = await signedInBrowser("admin");
    const res = await browser.submit("/verwaltung/benutzer", "/verwaltung/benutzer", {
      name: "Nora Neu",
      email: "Nora.Neu@Test.Example",
      role: "editor",
    });
    expect(res.statusCode).toBe(303);
    const list = await browser.get("/verwaltung/benutzer");
    expect(list.body).toContain("Das Konto für nora.neu@test.example ist angelegt");
    expect(list.body).toContain("Nora Neu");
    expect(list.body).toContain("eingeladen");

    const mail = await t.platform.db.kysely
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", "nora.neu@test.example")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain("Einladung");
    expect(mail.text_body).toContain("Redaktion (Fachtage)");
    const link = /https?:\/\/\S+\/passwort-zuruecksetzen\?token=(\S+)/.exec(mail.text_body);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link?.[1] ?? "");

    const invited = new Browser(t.app);
    // No password yet: signing in fails with the usual message.
    const before = await invited.submit("/anmelden", "/anmelden", {
      email: "nora.neu@test.example",
      password: "Irgendein-Passwort-1",
    });
    expect(before.statusCode).toBe(422);
    const set = await invited.submit(
      `/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`,
      "/passwort-zuruecksetzen",
      {
        token,
        password: "Noras-Passwort-2026",
        confirm: "Noras-Passwort-2026",
      },
    );
    expect(set.statusCode).toBe(303);
    await signIn(invited, "nora.neu@test.example", "Noras-Passwort-2026");
    expect((await invited.get("/konto")).body).toContain("Redaktion (Fachtage)");
    expect((await browser.get("/verwaltung/benutzer")).body).toMatch(/Nora Neu[\s\S]*bestätigt/);
  });

  it("sends an invitation again: the new link works, the old one no longer", async () => {
    const { browser } = await signedInBrowser("admin");
    await browser.submit("/verwaltung/benutzer", "/verwaltung/benutzer", {
      name: "Olaf Später",
      email: "olaf.spaeter@test.example",
      role: "member",
    });
    const invited = await t.platform.db.kysely
      .selectFrom("users")
      .select("id")
      .where("email", "=", "olaf.spaeter@test.example")
      .executeTakeFirstOrThrow();
    const tokens = async () =>
      (
        await t.platform.db.kysely
          .selectFrom("outbox")
          .select("text_body")
          .where("to_address", "=", "olaf.spaeter@test.example")
          .orderBy("created_at")
          .execute()
      ).map((m) => decodeURIComponent(/passwort-zuruecksetzen\?token=(\S+)/.exec(m.text_body)?.[1] ?? ""));

    const list = await browser.get("/verwaltung/benutzer");
    expect(list.body).toContain(`action="/verwaltung/benutzer/${invited.id}/einladung"`);
    const res = await browser.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${invited.id}/einladung`, {});
    expect(res.statusCode).toBe(303);
    expect((await browser.get("/verwaltung/benutzer")).body).toContain(
      "Eine neue Einladung an olaf.spaeter@test.example ist unterwegs",
    );
    const [first, second] = await tokens();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);

    const person = new Browser(t.app);
    const setWith = (token: string) =>
      person.submit(`/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`, "/passwort-zuruecksetzen", {
        token,
        password: "Olafs-Passwort-2026",
        confirm: "Olafs-Passwort-2026",
      });
    expect((await setWith(first as string)).statusCode).not.toBe(303);
    expect((await setWith(second as string)).statusCode).toBe(303);
    await signIn(person, "olaf.spaeter@test.example", "Olafs-Passwort-2026");

    // Set up now: no more invitations, and nothing is mailed.
    expect((await browser.get("/verwaltung/benutzer")).body).not.toContain(
      `action="/verwaltung/benutzer/${invited.id}/einladung"`,
    );
    const again = await browser.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${invited.id}/einladung`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("schon eingerichtet");
    expect(await tokens()).toHaveLength(2);
  });

  it("explains bad input beside the fields and refuses a taken address", async () => {
    const { browser, user } = await signedInBrowser("admin");
    const bad = await browser.submit("/verwaltung/benutzer", "/verwaltung/benutzer", {
      name: "",
      email: "kein-mail",
      role: "chef",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Bitte füllen Sie dieses Feld aus.");
    expect(bad.body).toContain("gültige E-Mail-Adresse");
    expect(bad.body).toContain("Bitte wählen Sie einen der angebotenen Werte.");

    const taken = await browser.submit("/verwaltung/benutzer", "/verwaltung/benutzer", {
      name: "Doppelt",
      email: user.email,
      role: "member",
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("Für diese E-Mail-Adresse gibt es schon ein Konto.");
  });

  it("lets an admin change roles and delete accounts, but not their own admin role or account", async () => {
    const { browser, user: admin } = await signedInBrowser("admin");
    const target = await signedInBrowser("member", "Moritz Mitglied");

    const changed = await browser.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${target.user.id}/rolle`, {
      role: "editor",
    });
    expect(changed.statusCode).toBe(303);
    expect(await roleOf(target.user.id)).toBe("editor");
    expect((await browser.get("/verwaltung/benutzer")).body).toContain("Die Rolle von Moritz Mitglied ist jetzt");
    // The new role applies to the running session at once.
    expect((await target.browser.get("/konto")).body).toContain("Redaktion (Fachtage)");

    const badRole = await browser.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${target.user.id}/rolle`, {
      role: "superuser",
    });
    expect(badRole.statusCode).toBe(422);
    expect(await roleOf(target.user.id)).toBe("editor");

    const self = await browser.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${admin.id}/rolle`, {
      role: "member",
    });
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain("Sie können Ihre eigene Administrationsrolle nicht entfernen.");
    expect(await roleOf(admin.id)).toBe("admin");

    const selfDelete = await browser.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${admin.id}/loeschen`, {});
    expect(selfDelete.statusCode).toBe(409);
    expect(await roleOf(admin.id)).toBe("admin");

    const confirm = await browser.get(`/verwaltung/benutzer/${target.user.id}/loeschen`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Konto von Moritz Mitglied löschen?");
    expect(await roleOf(target.user.id)).toBe("editor");
    const deleted = await browser.submit(
      `/verwaltung/benutzer/${target.user.id}/loeschen`,
      `/verwaltung/benutzer/${target.user.id}/loeschen`,
      {},
    );
    expect(deleted.statusCode).toBe(303);
    expect(await roleOf(target.user.id)).toBeUndefined();
    // The deleted person's session ends with the account.
    expect((await target.browser.get("/konto")).statusCode).toBe(303);

    const missing = await browser.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${target.user.id}/loeschen`, {});
    expect(missing.statusCode).toBe(404);
  });

  it("forbids members and editors to see users, change roles, invite, re-invite or delete", async () => {
    const victim = await createUser(t.platform, { role: "member" });
    for (const role of ["member", "editor"] as const) {
      const { browser } = await signedInBrowser(role);
      const list = await browser.get("/verwaltung/benutzer");
      expect(list.statusCode).toBe(403);
      expect((await browser.get(`/verwaltung/benutzer/${victim.id}/loeschen`)).statusCode).toBe(403);
      expect(list.body).toContain("Keine Berechtigung");
      const token = /name="_csrf" value="([^"]+)"/.exec((await browser.get("/konto")).body)?.[1] ?? "";
      const promote = await browser.post(`/verwaltung/benutzer/${victim.id}/rolle`, { role: "admin", _csrf: token });
      expect(promote.statusCode).toBe(403);
      expect(await roleOf(victim.id)).toBe("member");
      const invite = await browser.post("/verwaltung/benutzer", {
        name: "Eindringling",
        email: `eindringling-${role}@test.example`,
        role: "admin",
        _csrf: token,
      });
      expect(invite.statusCode).toBe(403);
      const reinvite = await browser.post(`/verwaltung/benutzer/${victim.id}/einladung`, { _csrf: token });
      expect(reinvite.statusCode).toBe(403);
      const remove = await browser.post(`/verwaltung/benutzer/${victim.id}/loeschen`, { _csrf: token });
      expect(remove.statusCode).toBe(403);
      expect(await roleOf(victim.id)).toBe("member");
    }
    const intruders = await t.platform.db.kysely
      .selectFrom("users")
      .select("id")
      .where("email", "like", "eindringling-%")
      .execute();
    expect(intruders).toHaveLength(0);
  });

  it("refuses role changes without CSRF token with 403", async () => {
    const { browser } = await signedInBrowser("admin");
    const victim = await createUser(t.platform, { role: "member" });
    const res = await browser.post(`/verwaltung/benutzer/${victim.id}/rolle`, { role: "admin" });
    expect(res.statusCode).toBe(403);
    expect(await roleOf(victim.id)).toBe("member");
  });
});

describe("demo accounts", () => {
  it("seeds a demo account per role, which signs in with the demo password", async () => {
    const lines: string[] = [];
    await accountsModule.seedDemo?.({ platform: t.platform, announce: (l) => lines.push(l) });
    expect(lines.join("\n")).toContain("admin@bildungsnetz.example");
    expect(lines.join("\n")).toContain("Demo-Passwort-2026");
    const expected = {
      "admin@bildungsnetz.example": "Administration (Bildungsbüro)",
      "redaktion@bildungsnetz.example": "Redaktion (Fachtage)",
      "mitglied@bildungsnetz.example": "Mitglied (Organisation)",
      "einlass@bildungsnetz.example": "Einlass-Helfer:in (Fachtage)",
    };
    for (const [email, role] of Object.entries(expected)) {
      const browser = new Browser(t.app);
      await signIn(browser, email, "Demo-Passwort-2026");
      expect((await browser.get("/konto")).body).toContain(role);
      // The demo helper can try the entrance on first start.
      if (email.startsWith("einlass@")) expect((await browser.get("/verwaltung/einlass")).statusCode).toBe(200);
    }
    // Seeding twice leaves the accounts alone.
    await accountsModule.seedDemo?.({ platform: t.platform, announce: () => {} });
    const count = await t.platform.db.kysely
      .selectFrom("users")
      .select("id")
      .where("email", "like", "%@bildungsnetz.example")
      .execute();
    expect(count).toHaveLength(4);
  });
});
