import type { Page } from "playwright-core";

export type DemoRole = "admin" | "editor" | "member" | "checkin";

/** Demo accounts seeded by the accounts module (see its seedDemo). */
export const demoAccounts: Record<DemoRole, { email: string; password: string }> = {
  admin: { email: "admin@bildungsnetz.example", password: "Demo-Passwort-2026" },
  editor: { email: "redaktion@bildungsnetz.example", password: "Demo-Passwort-2026" },
  member: { email: "mitglied@bildungsnetz.example", password: "Demo-Passwort-2026" },
  checkin: { email: "einlass@bildungsnetz.example", password: "Demo-Passwort-2026" },
};

/** The logout button in the header exists only for a signed-in person. */
export const logoutButton = 'form[action="/abmelden"] button[type="submit"]';

/**
 * Signs in through the real login form (/anmelden, fields email and password),
 * like a person would. Relative URLs need a context made with newContext(baseUrl),
 * or pass baseUrl. Throws with the page's message when the login did not work.
 */
export async function signInAs(page: Page, role: DemoRole, baseUrl?: string): Promise<void> {
  const account = demoAccounts[role];
  const response = await page.goto(baseUrl ? `${baseUrl}/anmelden` : "/anmelden");
  if (!response?.ok()) throw new Error(`Anmeldeseite /anmelden antwortet mit HTTP ${response?.status()}`);
  const form = page.locator('main form:has(input[name="password"])').first();
  await form.locator('input[name="email"]').fill(account.email, { timeout: 5000 });
  await form.locator('input[name="password"]').fill(account.password, { timeout: 5000 });
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/anmelden", { timeout: 15_000 }).catch(() => undefined),
    form.locator('button[type="submit"], input[type="submit"]').first().click(),
  ]);
  await page.waitForLoadState("load");
  if ((await page.locator(logoutButton).count()) === 0) {
    const message = (
      (await page
        .locator("main")
        .textContent()
        .catch(() => "")) ?? ""
    ).slice(0, 300);
    throw new Error(`Anmelden als ${role} (${account.email}) fehlgeschlagen auf ${page.url()}: ${message}`);
  }
}

/** Signs out with the header's logout button. */
export async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(logoutButton).click()]);
}
