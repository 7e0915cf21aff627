import { defineAccess } from "../../platform/auth/access.js";

// Anybody signed in keeps their own subscription; nobody sees another person's.
// Unsubscribing from a digest needs the link's secret only (no permission).

export const notificationsAccess = defineAccess<{
  /** The own subscription page: read, save, cancel. */
  "notifications.own": undefined;
}>({
  "notifications.own": (actor) => actor.kind === "user",
});
