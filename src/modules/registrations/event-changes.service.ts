import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { HookContext } from "../../platform/hooks.js";
import { NotFoundError } from "../../platform/http/errors.js";
import { type EventChanges, getEventForRegistration, lockEventForCapacity } from "../events/index.js";
import { countByStatus } from "./capacity.repo.js";
import { queueMail } from "./mail-queue.js";
import { insertQuestion, listQuestions } from "./questions.repo.js";
import { activeRegistrationsOfEvent } from "./registrations.repo.js";
import { getAvailability } from "./view-models.js";
import { promoteFromWaitlist } from "./waitlist.service.js";

// How this module answers the events module's hooks (subscribed in index.ts). Each
// handler works in the emitter's transaction, so its mails commit with the change.

/** "events.changed": a notice to every active registrant about new time or venue, or the cancellation. */
export async function onEventChanged(
  { eventId, changes }: { eventId: string; changes: EventChanges },
  { platform, db }: HookContext,
): Promise<void> {
  if (!changes.time && !changes.venue && !changes.cancelled) return;
  const event = await getEventForRegistration(db, eventId);
  if (!event) return;
  const occasion = `${Date.now().toString(36)}${changes.time ? "t" : ""}${changes.venue ? "v" : ""}`;
  for (const registration of await activeRegistrationsOfEvent(db, eventId)) {
    if (changes.cancelled) await queueMail(db, "eventCancelled", { platform, event, registration });
    else await queueMail(db, "changed", { platform, event, registration, changes, occasion });
  }
}

/** "events.capacityRaised": the new places go to the waitlist, under the Fachtag's lock. */
export async function onCapacityRaised({ eventId }: { eventId: string }, { platform, db }: HookContext) {
  const promote = async (trx: Conn) => {
    const event = await lockEventForCapacity(trx, eventId);
    if (event) await promoteFromWaitlist(trx, platform, event);
  };
  if (db.isTransaction) await promote(db);
  else await db.transaction().execute(promote);
}

/** "events.availability": the free places for the event page and the API. */
export async function onAvailabilityAsked({ eventId }: { eventId: string }, { db }: HookContext) {
  const availability = await getAvailability(db, eventId);
  if (!availability) throw new NotFoundError();
  return availability;
}

/** "events.activeRegistrations": the people a change of the workshop mode would affect. */
export async function onActiveRegistrationsAsked({ eventId }: { eventId: string }, { db }: HookContext) {
  const counts = await countByStatus(db, eventId);
  return counts.pending + counts.confirmed + counts.waitlisted;
}

/** "events.copied": the copy asks the same questions at registration; no registration comes along. */
export async function onEventCopied(
  { fromEventId, toEventId }: { fromEventId: string; toEventId: string },
  { db }: HookContext,
) {
  const created = nowIso();
  for (const q of await listQuestions(db, fromEventId)) {
    await insertQuestion(db, { ...q, id: newId(), event_id: toEventId, created_at: created });
  }
}
