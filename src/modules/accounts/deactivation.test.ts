import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createApiToken } from "../../platform/auth/api-tokens.js";
import { requestPasswordReset } from "./sign-in.service.js";
import { setDeactivation } from "./users.repo.js";

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

const me = (token: string) => t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });

const login = (email: string, password: string) =>
  new Browser(t.app).submit("/anmelden", "/anmelden", { email, password });

const sessionsOf = async (userId: string) =>
  (await t.platform.db.kysely.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).length;

describe("deactivating an account", () => {
  it("ends the sessions at once, stops the tokens and refuses sign-in; reactivating brings all back", async () => {
    const { browser: office } = await signedInBrowser("admin");
    const { browser: person, user } = await signedInBrowser("member", "Dora Deaktiviert");
    const { token } = await createApiToken(t.platform.db.kysely, user.id, "Auswertung");
    expect((await person.get("/konto")).statusCode).toBe(200);
    expect((await me(token)).statusCode).toBe(200);

    const confirm = await office.get(`/verwaltung/benutzer/${user.id}/deaktivieren`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Konto von Dora Deaktiviert deaktivieren?");
    const res = await office.submit(
      `/verwaltung/benutzer/${user.id}/deaktivieren`,
      `/verwaltung/benutzer/${user.id}/deaktivieren`,
      { reason: "Elternzeit bis Sommer 2027" },
    );
    expect(res.statusCode).toBe(303);
    const list = await office.get("/verwaltung/benutzer");
    expect(list.body).toContain("Das Konto von Dora Deaktiviert ist deaktiviert");
    expect(list.body).toMatch(
      /Dora Deaktiviert[\s\S]*deaktiviert[\s\S]*Elternzeit bis Sommer 2027[\s\S]*Wieder aktivieren/,
    );

    // The open session is gone (not merely refused on the next page), the token answers 401.
    expect(await sessionsOf(user.id)).toBe(0);
    const after = await person.get("/konto");
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toContain("/anmelden");
    expect((await me(token)).statusCode).toBe(401);

    // The right password learns that the access is switched off; a wrong one learns nothing.
    const right = await login(user.email, user.password);
    expect(right.statusCode).toBe(422);
    expect(right.body).toContain("Ihr Zugang ist deaktiviert");
    expect(right.headers["set-cookie"] ?? "").not.toContain("session_token=");
    const wrong = await login(user.email, "Falsches-Passwort-99");
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("E-Mail-Adresse oder Passwort ist falsch");
    expect(wrong.body).not.toContain("deaktiviert");
    expect(await sessionsOf(user.id)).toBe(0);

    // The data stays: the row, the role, the token (not revoked, only not working).
    const row = await t.platform.db.kysely
      .selectFrom("users")
      .select(["role", "deactivated_at", "deactivation_reason"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: "member", deactivation_reason: "Elternzeit bis Sommer 2027" });
    expect(row.deactivated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const back = await office.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${user.id}/aktivieren`, {});
    expect(back.statusCode).toBe(303);
    expect((await office.get("/verwaltung/benutzer")).body).toContain(
      "Das Konto von Dora Deaktiviert ist wieder aktiv",
    );
    expect((await me(token)).statusCode).toBe(200);
    expect((await login(user.email, user.password)).statusCode).toBe(303);
  });

  it("refuses a session that outlived the deactivation (a sign-in at that very moment)", async () => {
    const { browser, user } = await signedInBrowser("editor");
    expect((await browser.get("/konto")).statusCode).toBe(200);
    // Only the flag, as if the session had been written just after the sessions were deleted.
    await setDeactivation(t.platform.db.kysely, t.platform.db.dialect, user.id, {
      at: new Date().toISOString(),
      reason: null,
    });
    expect(await sessionsOf(user.id)).toBe(1);
    expect((await browser.get("/konto")).statusCode).toBe(303);
  });

  it("takes no reason as well, and refuses one longer than 500 characters beside the field", async () => {
    const { browser: office } = await signedInBrowser("admin");
    const user = await createUser(t.platform, { role: "editor", name: "Ohne Grund" });
    const path = `/verwaltung/benutzer/${user.id}/deaktivieren`;
    const long = await office.submit(path, path, { reason: "x".repeat(501) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('id="f-reason-error"');
    const none = await office.submit(path, path, { reason: "  " });
    expect(none.statusCode).toBe(303);
    const row = await t.platform.db.kysely
      .selectFrom("users")
      .select(["deactivated_at", "deactivation_reason"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.deactivated_at).not.toBeNull();
    expect(row.deactivation_reason).toBeNull();
  });

  it("never lets an admin deactivate themselves", async () => {
    const { browser: office, user: admin } = await signedInBrowser("admin");
    const path = `/verwaltung/benutzer/${admin.id}/deaktivieren`;
    expect((await office.get(path)).statusCode).toBe(409);
    const res = await office.submit("/verwaltung/benutzer", path, { reason: "" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Sie können Ihr eigenes Konto nicht deaktivieren");
    expect((await office.get("/konto")).statusCode).toBe(200);
  });

  it("voids open invitation links and sends no reset or new invitation to a deactivated account", async () => {
    const { browser: office } = await signedInBrowser("admin");
    await office.submit("/verwaltung/benutzer", "/verwaltung/benutzer", {
      name: "Ines Eingeladen",
      email: "ines.eingeladen@test.example",
      role: "member",
    });
    const invited = await t.platform.db.kysely
      .selectFrom("users")
      .select("id")
      .where("email", "=", "ines.eingeladen@test.example")
      .executeTakeFirstOrThrow();
    const mail = await t.platform.db.kysely
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", "ines.eingeladen@test.example")
      .executeTakeFirstOrThrow();
    const token = decodeURIComponent(/passwort-zuruecksetzen\?token=(\S+)/.exec(mail.text_body)?.[1] ?? "");
    await office.submit(
      `/verwaltung/benutzer/${invited.id}/deaktivieren`,
      `/verwaltung/benutzer/${invited.id}/deaktivieren`,
      {},
    );
    const set = await new Browser(t.app).submit(
      `/passwort-zuruecksetzen?token=${encodeURIComponent(token)}`,
      "/passwort-zuruecksetzen",
      { token, password: "Ines-Passwort-2026", confirm: "Ines-Passwort-2026" },
    );
    expect(set.statusCode).toBe(400);
    const again = await office.submit("/verwaltung/benutzer", `/verwaltung/benutzer/${invited.id}/einladung`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Dieses Konto ist deaktiviert");

    const active = await createUser(t.platform, { role: "member" });
    await office.submit(
      `/verwaltung/benutzer/${active.id}/deaktivieren`,
      `/verwaltung/benutzer/${active.id}/deaktivieren`,
      {},
    );
    await requestPasswordReset(t.platform, active.email);
    const mails = await t.platform.db.kysely
      .selectFrom("outbox")
      .select("id")
      .where("to_address", "in", [active.email, "ines.eingeladen@test.example"])
      .execute();
    expect(mails).toHaveLength(1); // only Ines's first invitation
  });

  it("forbids members and editors to deactivate or reactivate", async () => {
    const victim = await createUser(t.platform, { role: "member" });
    for (const role of ["member", "editor"] as const) {
      const { browser } = await signedInBrowser(role);
      expect((await browser.get(`/verwaltung/benutzer/${victim.id}/deaktivieren`)).statusCode).toBe(403);
      const token = /name="_csrf" value="([^"]+)"/.exec((await browser.get("/konto")).body)?.[1] ?? "";
      const off = await browser.post(`/verwaltung/benutzer/${victim.id}/deaktivieren`, { reason: "", _csrf: token });
      expect(off.statusCode).toBe(403);
      const on = await browser.post(`/verwaltung/benutzer/${victim.id}/aktivieren`, { _csrf: token });
      expect(on.statusCode).toBe(403);
    }
    const anonymous = new Browser(t.app);
    expect((await anonymous.get(`/verwaltung/benutzer/${victim.id}/deaktivieren`)).statusCode).toBe(303);
    const row = await t.platform.db.kysely
      .selectFrom("users")
      .select("deactivated_at")
      .where("id", "=", victim.id)
      .executeTakeFirstOrThrow();
    expect(row.deactivated_at).toBeNull();
  });
});
