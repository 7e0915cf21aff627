// The platform creates the users table (Better Auth's, migration 2026-11-27-0001); the
// columns accounts adds to it (migrations/) join its row type here. The platform's token
// lookup reads `deactivated_at` too: accounts is always installed, it is the lowest module.

/** An account that is switched off keeps everything, but nothing of it works. */
export interface DeactivationColumns {
  /** ISO UTC time the account was deactivated; null while it is active. */
  deactivated_at: string | null;
  /** The education office's note why, if it gave one. */
  deactivation_reason: string | null;
}

declare module "../../platform/db/schema.js" {
  // Adds accounts' columns to the platform's users row.
  interface UsersTable extends DeactivationColumns {}
}
