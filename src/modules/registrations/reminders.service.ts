import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { listEventsStartingBetween, lockEventForCapacity } from "../events/index.js";
import { queueMail } from "./mail-queue.js";
import { confirmedOfEvent, stalePending } from "./registrations.repo.js";
import { expireStale } from "./waitlist.service.js";

// The module's periodic jobs: reminder mails before a Fachtag, and expiring holds
// nobody confirmed.

/** Job: reminder mails `reminderDays` before the event (one per registration, by idempotency key). */
export async function sendReminders(platform: Platform): Promise<number> {
  const db = platform.db.kysely;
  const now = nowIso();
  const horizon = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  let queued = 0;
  for (const event of await listEventsStartingBetween(db, now, horizon)) {
    if (event.reminderDays <= 0) continue;
    const due = new Date(Date.parse(event.startsAt) - event.reminderDays * 24 * 3600_000).toISOString();
    if (due > now) continue;
    await db.transaction().execute(async (trx) => {
      for (const registration of await confirmedOfEvent(trx, event.id)) {
        await queueMail(trx, "reminder", { platform, event, registration });
        queued++;
      }
    });
  }
  return queued;
}

/** Job: expires unconfirmed registrations whose hold ran out and fills their places from the waitlist. */
export async function expireUnconfirmed(platform: Platform): Promise<number> {
  const stale = await stalePending(platform.db.kysely, nowIso());
  const eventIds = [...new Set(stale.map((r) => r.event_id))];
  let expired = 0;
  for (const eventId of eventIds) {
    expired += await platform.db.kysely.transaction().execute(async (trx) => {
      const event = await lockEventForCapacity(trx, eventId);
      return event ? expireStale(trx, platform, event, nowIso()) : 0;
    });
  }
  return expired;
}
