// The notifications' table (see migrations/). Times are ISO UTC, lists JSON text.

export interface NotificationSubscriptionsTable {
  id: string;
  /** One subscription per person. */
  user_id: string;
  /** daily | weekly */
  frequency: string;
  /** JSON arrays; an empty list does not narrow. */
  themes: string;
  areas: string;
  municipalities: string;
  /** Post kinds and "fachtag". */
  kinds: string;
  /** The secret of the unsubscribe link in every digest (works without signing in). */
  token: string;
  /** The end of the last digest period looked at (sent or not): the next one starts here. */
  last_run_at: string | null;
  /** When a digest was last put into the outbox. */
  last_sent_at: string | null;
  created_at: string;
}

export interface NotificationTables {
  notification_subscriptions: NotificationSubscriptionsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends NotificationTables {}
}
