import type { AppModule } from "../../platform/module.js";
import { forgetCounts } from "./counts-cache.js";
import { rebuildIfEmpty, rebuildIndex, reindex } from "./indexing.service.js";
import { searchMessages } from "./messages.js";
import { searchRoutes } from "./routes.js";

/**
 * One search over the whole site (/suche, the header's search field, /api/v1/search):
 * organisations, offers, posts and Fachtage in one ranked list. The index follows the
 * sources' changes inside their transactions (hooks below) and fills itself when empty.
 */
export const searchModule: AppModule = {
  name: "search",
  messages: searchMessages,
  adminLinks: [{ href: "/verwaltung/suche", label: "search.admin.link", roles: ["admin"], order: 90 }],
  async register(app, platform) {
    searchRoutes(app, platform);
    // A new database, or one just migrated to this version: fill the index once.
    await rebuildIfEmpty(platform);
  },
  subscribe(hooks) {
    // Each change first forgets the counts of recent searches (counts-cache.ts).
    hooks.on("directory.organisationsChanged", ({ organisationIds }, { platform, db }) => {
      forgetCounts(platform.db.kysely);
      return reindex(db, platform.db.dialect, "directory", organisationIds);
    });
    hooks.on("events.saved", ({ eventId }, { platform, db }) => {
      forgetCounts(platform.db.kysely);
      return reindex(db, platform.db.dialect, "events", [eventId]);
    });
    hooks.on("events.deleting", ({ eventId }, { platform, db }) => {
      forgetCounts(platform.db.kysely);
      return reindex(db, platform.db.dialect, "events", [eventId]);
    });
    hooks.on("documents.changed", ({ eventId }, { platform, db }) => {
      forgetCounts(platform.db.kysely);
      return reindex(db, platform.db.dialect, "events", [eventId]);
    });
    hooks.on("exchange.postChanged", ({ postId }, { platform, db }) => {
      forgetCounts(platform.db.kysely);
      return reindex(db, platform.db.dialect, "exchange", [postId]);
    });
  },
  // Demo data is written straight into the sources' tables: read it all once they are done.
  async seedDemo({ platform }) {
    await rebuildIndex(platform);
  },
};

// For the CLI's search:rebuild.
export { rebuildIndex } from "./indexing.service.js";
