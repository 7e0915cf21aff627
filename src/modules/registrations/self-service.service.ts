import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, getEventForRegistration, listWorkshops, lockEventForCapacity } from "../events/index.js";
import { registrationsAccess } from "./access.js";
import { RegistrationExpiredError } from "./errors.js";
import { queueMail } from "./mail-queue.js";
import { cancelLocked, changeWorkshopsLocked } from "./registration-changes.js";
import {
  findByConfirmHash,
  findByManageHash,
  findRegistration,
  type RegistrationRow,
  updateRegistration,
} from "./registrations.repo.js";
import { hashToken } from "./tokens.js";
import {
  type Availability,
  availabilityOf,
  type RegistrationView,
  type SlotView,
  toRegistrationViews,
  workshopSlots,
} from "./view-models.js";
import { expireStale } from "./waitlist.service.js";

// What a participant does with the e-mailed links, without an account: confirm the
// address, see the registration, change workshops, cancel. The token is the permission.

/** The registration behind a manage token; anything else (stale, forged, too long) is not found. */
async function byManageToken(db: Conn, actor: Actor, token: string): Promise<RegistrationRow> {
  const found = token && token.length <= 200 ? await findByManageHash(db, hashToken(token)) : undefined;
  registrationsAccess.requireAccess(
    actor,
    "registration.selfService",
    { tokenMatches: found !== undefined },
    { hide: true },
  );
  return found as RegistrationRow;
}

interface ManagedRegistration {
  registration: RegistrationView;
  event: EventView;
  slots: SlotView[];
  availability: Availability;
}

/** The manage page: a stale or forged token finds nothing (404). */
export async function getByManageToken(platform: Platform, actor: Actor, token: string): Promise<ManagedRegistration> {
  const db = platform.db.kysely;
  const found = await byManageToken(db, actor, token);
  const event = await getEventForRegistration(db, found.event_id);
  if (!event) throw new NotFoundError();
  const workshops = await listWorkshops(db, event.id);
  const [view] = await toRegistrationViews(db, [found], event.id, workshops);
  return {
    registration: view as RegistrationView,
    event,
    slots: workshopSlots(workshops),
    availability: await availabilityOf(db, event, workshops),
  };
}

export async function changeWorkshopsByToken(
  platform: Platform,
  actor: Actor,
  token: string,
  workshopIds: string[],
): Promise<void> {
  const found = await byManageToken(platform.db.kysely, actor, token);
  await platform.db.kysely.transaction().execute(async (trx) => {
    const event = await lockEventForCapacity(trx, found.event_id);
    const current = await findRegistration(trx, found.id);
    if (!event || !current || current.manage_token_hash !== found.manage_token_hash) throw new NotFoundError();
    await changeWorkshopsLocked(trx, event, current, workshopIds);
  });
}

/** Cancellation through the private manage link. */
export async function cancelByToken(
  platform: Platform,
  actor: Actor,
  token: string,
): Promise<{ id: string; eventSlug: string }> {
  const found = await byManageToken(platform.db.kysely, actor, token);
  return platform.db.kysely.transaction().execute(async (trx) => {
    const event = await lockEventForCapacity(trx, found.event_id);
    const current = await findRegistration(trx, found.id);
    if (!event || !current || current.manage_token_hash !== found.manage_token_hash) throw new NotFoundError();
    await cancelLocked(trx, platform, event, current);
    return { id: current.id, eventSlug: event.slug };
  });
}

/** Cancellation by id (API): whoever holds this registration's manage token, or the Fachtag's organisers. */
export async function cancelRegistration(
  platform: Platform,
  actor: Actor,
  registrationId: string,
  token?: string,
): Promise<{ id: string; status: "cancelled" }> {
  const db = platform.db.kysely;
  const found = await findRegistration(db, registrationId);
  const tokenMatches = token !== undefined && found !== undefined && found.manage_token_hash === hashToken(token);
  // A wrong token tells an anonymous caller nothing about whether the registration exists.
  const hide = token !== undefined && actor.kind === "anonymous";
  const event = found ? await getEventForRegistration(db, found.event_id) : undefined;
  if (!found || !event) {
    registrationsAccess.requireAccess(actor, "registration.desk", undefined, { hide });
    throw new NotFoundError();
  }
  registrationsAccess.requireAccess(actor, "registration.cancel", { event, tokenMatches }, { hide });
  await db.transaction().execute(async (trx) => {
    const locked = await lockEventForCapacity(trx, found.event_id);
    const current = await findRegistration(trx, found.id);
    if (!locked || !current) throw new NotFoundError();
    await cancelLocked(trx, platform, locked, current);
  });
  return { id: found.id, status: "cancelled" };
}

/** Double opt-in: the e-mailed link confirms a pending registration (idempotent). */
export async function confirmByToken(
  platform: Platform,
  actor: Actor,
  token: string,
): Promise<{ registration: RegistrationView; event: EventView; already: boolean }> {
  const db = platform.db.kysely;
  const found = token && token.length <= 200 ? await findByConfirmHash(db, hashToken(token)) : undefined;
  registrationsAccess.requireAccess(
    actor,
    "registration.selfService",
    { tokenMatches: found !== undefined },
    { hide: true },
  );
  if (!found) throw new NotFoundError();
  const result = await db.transaction().execute(async (trx) => {
    const event = await lockEventForCapacity(trx, found.event_id);
    const current = await findRegistration(trx, found.id);
    if (!event || !current) throw new NotFoundError();
    if (current.status === "confirmed") return { event, already: true };
    if (current.status !== "pending") throw new RegistrationExpiredError();
    const now = nowIso();
    if (!current.hold_until || current.hold_until <= now) {
      await expireStale(trx, platform, event, now);
      return { event, expired: true as const };
    }
    const confirmed: RegistrationRow = {
      ...current,
      status: "confirmed",
      confirmed_at: now,
      updated_at: now,
      hold_until: null,
    };
    await updateRegistration(trx, current.id, {
      status: "confirmed",
      confirmed_at: now,
      updated_at: now,
      hold_until: null,
    });
    await queueMail(trx, "confirmed", { platform, event, registration: confirmed });
    return { event, already: false };
  });
  // Raised after the commit so that the expiry (and any promotion) is kept.
  if ("expired" in result) throw new RegistrationExpiredError();
  const workshops = await listWorkshops(db, found.event_id);
  const current = (await findRegistration(db, found.id)) as RegistrationRow;
  const [view] = await toRegistrationViews(db, [current], found.event_id, workshops);
  return { registration: view as RegistrationView, event: result.event, already: result.already };
}
