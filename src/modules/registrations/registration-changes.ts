import type { Conn } from "../../platform/db/database.js";
import { nowIso } from "../../platform/db/time.js";
import { ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, listWorkshops, type SessionView } from "../events/index.js";
import { workshopTaken } from "./capacity.repo.js";
import { RegistrationNotActiveError, WorkshopFullError } from "./errors.js";
import { queueMail } from "./mail-queue.js";
import {
  deleteWorkshopChoice,
  deleteWorkshopChoices,
  insertWorkshopChoices,
  type RegistrationRow,
  updateRegistration,
  workshopChoicesOf,
} from "./registrations.repo.js";
import { revokedManageHash } from "./tokens.js";
import { type WorkshopView, workshopSlots } from "./view-models.js";
import { promoteFromWaitlist } from "./waitlist.service.js";

// The steps that change one registration with the Fachtag locked, shared by the
// participant's manage link and the organiser's desk.

/** Checks the chosen workshops: known, of this event, at most one per slot. Returns slot per workshop. */
export function checkWorkshopChoice(workshops: readonly SessionView[], ids: string[]): Map<string, WorkshopView> {
  const byId = new Map(workshopSlots(workshops).flatMap((s) => s.workshops.map((w) => [w.id, w] as const)));
  const chosen = new Map<string, WorkshopView>();
  const slotsTaken = new Set<string>();
  for (const id of new Set(ids)) {
    const w = byId.get(id);
    if (!w) throw new ValidationError({ workshopIds: "registrations.validation.workshopUnknown" });
    if (slotsTaken.has(w.slot)) {
      throw new ValidationError({ [`workshop_${w.slotIndex}`]: "registrations.validation.oneWorkshopPerSlot" });
    }
    slotsTaken.add(w.slot);
    chosen.set(id, w);
  }
  return chosen;
}

/**
 * Replaces the workshop choice of one registration, subject to capacity (a place
 * already held by this person is kept). With `onlySlot`, only that slot changes.
 */
export async function changeWorkshopsLocked(
  trx: Conn,
  event: EventView,
  current: RegistrationRow,
  workshopIds: string[],
  onlySlot?: string,
): Promise<void> {
  if (current.status === "cancelled" || current.status === "expired") throw new RegistrationNotActiveError();
  const now = nowIso();
  const workshops = await listWorkshops(trx, event.id);
  const chosen = checkWorkshopChoice(workshops, workshopIds);
  const before = await workshopChoicesOf(trx, [current.id]);
  const held = new Set(before.map((c) => c.session_id));
  const holdsPlace =
    current.status === "confirmed" || (current.status === "pending" && (current.hold_until ?? "") > now);
  if (holdsPlace) {
    const wTaken = await workshopTaken(trx, event.id, now);
    for (const w of chosen.values()) {
      if (held.has(w.id)) continue;
      if (w.capacity !== null && (wTaken[w.id] ?? 0) >= w.capacity) {
        throw new WorkshopFullError(w.title, `workshop_${w.slotIndex}`);
      }
    }
  }
  if (onlySlot !== undefined) await deleteWorkshopChoice(trx, current.id, onlySlot);
  else await deleteWorkshopChoices(trx, current.id);
  await insertWorkshopChoices(
    trx,
    [...chosen.values()].map((w) => ({ registration_id: current.id, session_id: w.id, slot: w.slot, created_at: now })),
  );
  await updateRegistration(trx, current.id, { updated_at: now });
}

/** Cancels one registration, mails the person and lets the waitlist move up. */
export async function cancelLocked(
  trx: Conn,
  platform: Platform,
  event: EventView,
  registration: RegistrationRow,
): Promise<void> {
  if (registration.status === "cancelled" || registration.status === "expired") throw new RegistrationNotActiveError();
  const now = nowIso();
  await updateRegistration(trx, registration.id, {
    status: "cancelled",
    cancelled_at: now,
    updated_at: now,
    waitlist_order: null,
    hold_until: null,
    // The manage link is spent: using it again finds nothing (404).
    manage_token_hash: revokedManageHash(registration.id),
  });
  await queueMail(trx, "cancelled", { platform, event, registration });
  await promoteFromWaitlist(trx, platform, event, now);
}
