import type { HookHandler, HookResult } from "../../platform/hooks.js";

// The notifications' part of a data subject request: the person's digest subscription
// (what and how often), which goes on erasure.

export const exportSubscription: HookHandler<"privacy.exportPerson"> = async ({ userId }, { db }) => {
  if (!userId) return null;
  const s = await db
    .selectFrom("notification_subscriptions")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!s) return null;
  const list = (json: string) => JSON.parse(json) as string[];
  return {
    part: "notifications",
    counts: { subscriptions: 1 },
    data: {
      subscription: {
        frequency: s.frequency,
        themes: list(s.themes),
        areas: list(s.areas),
        municipalities: list(s.municipalities),
        kinds: list(s.kinds),
        lastSentAt: s.last_sent_at,
        createdAt: s.created_at,
      },
    },
  };
};

export const eraseSubscription: HookHandler<"privacy.erasePerson"> = async (
  { userId },
  { db },
): Promise<HookResult<"privacy.erasePerson">> => {
  if (!userId) return { part: "notifications", removed: {}, kept: {} };
  const r = await db.deleteFrom("notification_subscriptions").where("user_id", "=", userId).executeTakeFirst();
  const n = Number(r.numDeletedRows);
  return { part: "notifications", removed: n ? { subscriptions: n } : {}, kept: {} };
};
