import { describe, expect, it } from "vitest";
import { createUser } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp } from "../../../tests/helpers/test-app.js";

// A file of its own: this app runs with production settings, and every test file keeps to one app.
describe("in production", () => {
  it("marks the session cookie Secure, HttpOnly and SameSite=Lax, and the session still works", async () => {
    const prod = await createTestApp({ NODE_ENV: "production", BASE_URL: "https://bildung.example.de" });
    try {
      const user = await createUser(prod.platform, { role: "member", name: "Paula Produktion" });
      const browser = new Browser(prod.app);
      const res = await browser.submit("/anmelden", "/anmelden", { email: user.email, password: user.password });
      expect(res.statusCode).toBe(303);
      const cookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []).find((c) => c.includes("session_token"));
      expect(cookie).toMatch(/^__Secure-bn\.session_token=/);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect((await browser.get("/konto")).body).toContain("Paula Produktion");
      // No IP address or browser fingerprint is stored with the session.
      const session = await prod.platform.db.kysely
        .selectFrom("sessions")
        .select(["ip_address", "user_agent"])
        .where("user_id", "=", user.id)
        .executeTakeFirstOrThrow();
      expect(session.ip_address || null).toBeNull();
      expect(session.user_agent || null).toBeNull();
    } finally {
      await prod.close();
    }
  });
});
