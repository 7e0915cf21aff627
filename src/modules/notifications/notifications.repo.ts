import type { Selectable } from "kysely";
import type { Conn } from "../../platform/db/database.js";
import type { NotificationSubscriptionsTable } from "./tables.js";

export type SubscriptionRow = Selectable<NotificationSubscriptionsTable>;

export const findByUser = (db: Conn, userId: string) =>
  db.selectFrom("notification_subscriptions").selectAll().where("user_id", "=", userId).executeTakeFirst();

export const findByToken = (db: Conn, token: string) =>
  db.selectFrom("notification_subscriptions").selectAll().where("token", "=", token).executeTakeFirst();

export async function upsert(db: Conn, row: SubscriptionRow): Promise<void> {
  await db
    .insertInto("notification_subscriptions")
    .values(row)
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({
        frequency: row.frequency,
        themes: row.themes,
        areas: row.areas,
        municipalities: row.municipalities,
        kinds: row.kinds,
      }),
    )
    .execute();
}

export async function deleteById(db: Conn, id: string): Promise<boolean> {
  const r = await db.deleteFrom("notification_subscriptions").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Subscriptions whose period has ended by `now`, with the active person's address. */
export function listDue(db: Conn, dailyBefore: string, weeklyBefore: string) {
  return db
    .selectFrom("notification_subscriptions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("s")
    .select(["u.email", "u.name", "u.locale"])
    .where("u.deactivated_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("s.frequency", "=", "daily"),
          eb.or([eb("s.last_run_at", "is", null), eb("s.last_run_at", "<=", dailyBefore)]),
        ]),
        eb.and([
          eb("s.frequency", "=", "weekly"),
          eb.or([eb("s.last_run_at", "is", null), eb("s.last_run_at", "<=", weeklyBefore)]),
        ]),
      ]),
    )
    .orderBy("s.id")
    .execute();
}

export async function markRun(db: Conn, id: string, runAt: string, sent: boolean): Promise<void> {
  await db
    .updateTable("notification_subscriptions")
    .set(sent ? { last_run_at: runAt, last_sent_at: runAt } : { last_run_at: runAt })
    .where("id", "=", id)
    .execute();
}
