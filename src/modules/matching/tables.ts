// The matching module's tables (see migrations/). Times are ISO UTC strings, lists JSON text,
// booleans 0/1.

/** An open offer and an open request that fit, stored once so that the authors hear of it once. */
export interface PostMatchesTable {
  id: string;
  offer_id: string;
  request_id: string;
  /** JSON array of the German reasons when the pair was found. */
  reasons: string;
  created_at: string;
}

/** "Merken": something a signed-in person keeps on their Merkliste. */
export interface BookmarksTable {
  id: string;
  user_id: string;
  /** post | organisation | event */
  type: string;
  ref_id: string;
  created_at: string;
}

/** Per person: whether they want an e-mail about new matches of their posts (default: no). */
export interface MatchingSettingsTable {
  user_id: string;
  notify: number;
  updated_at: string;
}

export interface MatchingTables {
  post_matches: PostMatchesTable;
  bookmarks: BookmarksTable;
  matching_settings: MatchingSettingsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends MatchingTables {}
}
