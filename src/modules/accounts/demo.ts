import { randomBytes } from "node:crypto";
import type { SeedContext } from "../../platform/module.js";
import { findUserByEmail } from "./users.repo.js";
import { createUserWithPassword } from "./users.service.js";

const DEMO_PASSWORD = "Demo-Passwort-2026";
const demoAccounts = [
  { email: "admin@bildungsnetz.example", name: "Ada Admin (Demo)", role: "admin" },
  { email: "redaktion@bildungsnetz.example", name: "Erik Redaktion (Demo)", role: "editor" },
  { email: "mitglied@bildungsnetz.example", name: "Mia Mitglied (Demo)", role: "member" },
  // A helper at the entrance: opens the check-in of a Fachtag on a phone, and nothing else.
  { email: "einlass@bildungsnetz.example", name: "Elif Einlass (Demo)", role: "checkin" },
] as const;

/** The demo accounts (one per role), announced with their password. Existing accounts are left alone. */
export async function seedDemoAccounts({ platform, announce }: SeedContext): Promise<void> {
  // Outside production everybody may know the demo password; in production it is random and unknown.
  const password = platform.config.isProduction ? randomBytes(18).toString("base64url") : DEMO_PASSWORD;
  for (const account of demoAccounts) {
    if (!(await findUserByEmail(platform.db.kysely, account.email))) {
      await createUserWithPassword(platform, { ...account, password, verified: true });
    }
    announce(`${account.name.padEnd(24)} ${account.email.padEnd(34)} Passwort: ${password}`);
  }
}
