import type { AppModule } from "../../platform/module.js";
import "./hooks.js";
import { seedExchangeDemo } from "./demo.js";
import { exchangeMessages } from "./messages.js";
import { exportExchange, removeExchangeAuthor } from "./privacy.js";
import { exchangeRoutes } from "./routes.js";

/**
 * The Austausch: ideas, experience reports, practice examples, offers and requests of the
 * district's education actors, with comments, reports ("Melden") and moderation.
 */
export const exchangeModule: AppModule = {
  name: "exchange",
  messages: exchangeMessages,
  nav: [{ href: "/austausch", label: "exchange.nav", order: 35 }],
  adminLinks: [
    { href: "/verwaltung/austausch", label: "exchange.admin.link", roles: ["admin"], order: 40 },
    { href: "/austausch/meine", label: "exchange.my.title", roles: ["admin", "member"], order: 41 },
  ],
  register: exchangeRoutes,
  subscribe(hooks) {
    hooks.on("privacy.exportPerson", exportExchange);
    hooks.on("privacy.erasePerson", removeExchangeAuthor);
  },
  seedDemo: seedExchangeDemo,
};

export { kindOfSlug, postKinds } from "./kinds.js";
// The Austausch's public API: what search, matching and reports may read (no permission
// checks: only published, not hidden posts). Subscribe to "exchange.postChanged" (hooks.ts)
// to follow changes inside their transaction.
export {
  donePostCount,
  listPublishedPosts,
  offerRequestIds,
  postCounts,
  publicPostSummaries,
} from "./posts.service.js";
