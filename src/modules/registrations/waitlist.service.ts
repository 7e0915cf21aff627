import type { Conn } from "../../platform/db/database.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, listWorkshops, type SessionView } from "../events/index.js";
import { countTaken, firstWaitlisted, workshopTaken } from "./capacity.repo.js";
import { queueMail } from "./mail-queue.js";
import {
  deleteWorkshopChoice,
  type RegistrationRow,
  stalePending,
  updateRegistration,
  workshopChoicesOf,
} from "./registrations.repo.js";
import { hashToken, newConfirmToken, revokedManageHash } from "./tokens.js";

// Where the waitlist moves up: after a cancellation, an expired hold or more capacity,
// always with the Fachtag locked (events' lockEventForCapacity) by the caller.

export const addHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

/**
 * Moves people from the waitlist into free places, first come first served, and
 * mails each of them. A wished workshop that has become full is dropped (and said
 * so in the mail).
 */
export async function promoteFromWaitlist(
  trx: Conn,
  platform: Platform,
  event: EventView,
  now = nowIso(),
): Promise<string[]> {
  const promoted: string[] = [];
  let free = event.capacity - (await countTaken(trx, event.id, now));
  if (free <= 0 || event.status === "cancelled") return promoted;
  const workshops = await listWorkshops(trx, event.id);
  while (free > 0) {
    const next = await firstWaitlisted(trx, event.id);
    if (!next) break;
    const wTaken = await workshopTaken(trx, event.id, now);
    const choices = await workshopChoicesOf(trx, [next.id]);
    const dropped: string[] = [];
    const kept: SessionView[] = [];
    for (const c of choices) {
      const w = workshops.find((x) => x.id === c.session_id);
      if (!w) continue;
      if (w.capacity !== null && (wTaken[w.id] ?? 0) >= w.capacity) {
        dropped.push(w.title);
        await deleteWorkshopChoice(trx, next.id, c.slot);
      } else kept.push(w);
    }
    // Double opt-in also holds for people who waited: an address nobody has confirmed
    // never gets a binding place. They get the place held and a confirmation link.
    const needsOptIn = event.confirmByEmail && next.source !== "manual" && next.confirmed_at === null;
    const confirmToken = needsOptIn ? newConfirmToken() : undefined;
    const changes = needsOptIn
      ? {
          status: "pending" as const,
          waitlist_order: null,
          confirm_token_hash: hashToken(confirmToken as string),
          hold_until: addHours(now, event.holdHours),
          updated_at: now,
        }
      : { status: "confirmed" as const, waitlist_order: null, confirmed_at: now, updated_at: now, hold_until: null };
    const updated: RegistrationRow = { ...next, ...changes };
    await updateRegistration(trx, next.id, changes);
    await queueMail(trx, "promoted", {
      platform,
      event,
      registration: updated,
      workshops: kept,
      droppedWorkshops: dropped,
      ...(confirmToken ? { confirmToken } : {}),
    });
    promoted.push(next.id);
    free--;
  }
  return promoted;
}

/** Marks pending registrations whose hold ran out as expired and gives their places to the waitlist. */
export async function expireStale(trx: Conn, platform: Platform, event: EventView, now: string): Promise<number> {
  const stale = await stalePending(trx, now, event.id);
  for (const r of stale) {
    await updateRegistration(trx, r.id, {
      status: "expired",
      updated_at: now,
      manage_token_hash: revokedManageHash(r.id),
    });
  }
  if (stale.length) await promoteFromWaitlist(trx, platform, event, now);
  return stale.length;
}
