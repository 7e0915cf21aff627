import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { DomainError, NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, getEventForRegistration, listWorkshops, lockEventForCapacity } from "../events/index.js";
import { registrationsAccess } from "./access.js";
import { RegistrationExpiredError, RegistrationNotActiveError } from "./errors.js";
import { queueMail } from "./mail-queue.js";
import { deletePreferences, insertPreferences } from "./preferences.repo.js";
import { organisationOf } from "./register.service.js";
import { cancelLocked, changeWorkshopsLocked } from "./registration-changes.js";
import {
  activeRegistrationsByEmail,
  findByConfirmHash,
  findByManageHash,
  findRegistration,
  type RegistrationRow,
  updateRegistration,
} from "./registrations.repo.js";
import { hashToken, manageTokenFor, newConfirmToken } from "./tokens.js";
import {
  type Availability,
  availabilityOf,
  type RegistrationView,
  type SlotView,
  toRegistrationViews,
  workshopSlots,
} from "./view-models.js";
import { expireStale } from "./waitlist.service.js";
import { checkWishes, collectsWishes } from "./wishes.js";

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

/**
 * Once a Fachtag has begun, its participants' own links change nothing that the day
 * depends on: no workshop swap, no new wishes, no cancellation (which would also void
 * the link that later carries the certificate). Corrections of name and needs stay
 * possible; organisers still act through the desk.
 */
function refuseOnceStarted(event: { startsAt: string }, now = new Date()): void {
  if (Date.parse(event.startsAt) <= now.getTime()) {
    throw new DomainError(409, "event_started", "registrations.error.eventStarted");
  }
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
    refuseOnceStarted(event);
    // Before the allocation, a place is not taken by choosing it: the wishes decide.
    if (collectsWishes(event))
      throw new DomainError(409, "workshops_by_allocation", "registrations.error.workshopsByAllocation");
    await changeWorkshopsLocked(trx, event, current, workshopIds);
    // The new choice is confirmed by mail (each change its own mail), committed with the change.
    await queueMail(trx, "workshopsChanged", { platform, event, registration: current, occasion: newId() });
  });
}

/**
 * The participant replaces their wishes through the manage link, until the allocation is
 * published (the Fachtag's lock orders this against publishing). Same rules as on registering.
 */
export async function changeWishesByToken(
  platform: Platform,
  actor: Actor,
  token: string,
  lists: string[][],
): Promise<void> {
  const found = await byManageToken(platform.db.kysely, actor, token);
  await platform.db.kysely.transaction().execute(async (trx) => {
    const event = await lockEventForCapacity(trx, found.event_id);
    const current = await findRegistration(trx, found.id);
    if (!event || !current || current.manage_token_hash !== found.manage_token_hash) throw new NotFoundError();
    if (!["pending", "confirmed", "waitlisted"].includes(current.status)) throw new RegistrationNotActiveError();
    refuseOnceStarted(event);
    if (!collectsWishes(event)) throw new DomainError(409, "wishes_closed", "registrations.error.wishesClosed");
    const rows = checkWishes(await listWorkshops(trx, event.id), lists, event.maxChoices);
    const now = nowIso();
    await deletePreferences(trx, current.id);
    await insertPreferences(trx, current.id, rows, now);
    await updateRegistration(trx, current.id, { updated_at: now });
  });
}

export interface DetailsInput {
  firstName: string;
  lastName: string;
  organisation?: string | undefined;
  dietaryNeeds?: string | undefined;
  accessibilityNeeds?: string | undefined;
}

/**
 * The participant corrects name, organisation and needs through the manage link. The
 * organisation is linked to the directory as on registering; the e-mail address stays
 * (it is who the link belongs to).
 */
export async function updateDetailsByToken(
  platform: Platform,
  actor: Actor,
  token: string,
  input: DetailsInput,
): Promise<void> {
  const found = await byManageToken(platform.db.kysely, actor, token);
  if (found.status === "cancelled" || found.status === "expired") throw new RegistrationNotActiveError();
  const organisation =
    input.organisation === (found.organisation ?? undefined)
      ? {
          id: found.organisation_id,
          name: found.organisation,
          kind: found.organisation_kind,
          municipality: found.municipality,
        }
      : await organisationOf(platform, { organisation: input.organisation }, "web");
  await updateRegistration(platform.db.kysely, found.id, {
    first_name: input.firstName,
    last_name: input.lastName,
    organisation: organisation.name,
    organisation_id: organisation.id,
    // A name the directory does not know keeps what the person said about kind and municipality.
    organisation_kind: organisation.kind ?? found.organisation_kind,
    municipality: organisation.municipality ?? found.municipality,
    dietary_needs: input.dietaryNeeds ?? null,
    accessibility_needs: input.accessibilityNeeds ?? null,
    updated_at: nowIso(),
  });
}

/**
 * "Link erneut zusenden": mails the manage link of every active registration of this
 * address for a Fachtag still to come (a pending one with a fresh confirmation link).
 * Returns nothing: the page answers the same whether or not the address is known. At
 * most one such mail per registration an hour, however often it is asked for.
 */
export async function resendLinks(platform: Platform, email: string): Promise<void> {
  const now = nowIso();
  const rows = await activeRegistrationsByEmail(platform.db.kysely, email.trim().toLowerCase());
  for (const row of rows) {
    await platform.db.kysely.transaction().execute(async (trx) => {
      const event = await getEventForRegistration(trx, row.event_id);
      if (!event || event.endsAt <= now || event.status === "draft") return;
      const current = await findRegistration(trx, row.id);
      if (!current || !["pending", "confirmed", "waitlisted"].includes(current.status)) return;
      let confirmToken: string | undefined;
      if (current.status === "pending") {
        confirmToken = newConfirmToken();
        await updateRegistration(trx, current.id, { confirm_token_hash: hashToken(confirmToken), updated_at: now });
      }
      await queueMail(trx, "manageLink", {
        platform,
        event,
        registration: current,
        manageToken: manageTokenFor(platform.config.sessionSecret, current.id),
        ...(confirmToken ? { confirmToken } : {}),
        occasion: now.slice(0, 13),
      });
    });
  }
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
    refuseOnceStarted(event);
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
  registrationsAccess.requireAccess(
    actor,
    "registration.cancel",
    { event, tokenMatches },
    { hide: hide || event.status === "draft" },
  );
  await db.transaction().execute(async (trx) => {
    const locked = await lockEventForCapacity(trx, found.event_id);
    const current = await findRegistration(trx, found.id);
    if (!locked || !current) throw new NotFoundError();
    // The participant's own token stops working for this once the day has begun; organisers may.
    if (!registrationsAccess.can(actor, "registration.manage", locked)) refuseOnceStarted(locked);
    await cancelLocked(trx, platform, locked, current);
  });
  return { id: found.id, status: "cancelled" };
}

async function byConfirmToken(db: Conn, actor: Actor, token: string): Promise<RegistrationRow> {
  const found = token && token.length <= 200 ? await findByConfirmHash(db, hashToken(token)) : undefined;
  registrationsAccess.requireAccess(
    actor,
    "registration.selfService",
    { tokenMatches: found !== undefined },
    { hide: true },
  );
  return found as RegistrationRow;
}

export interface Confirmation {
  registration: RegistrationView;
  event: EventView;
  /** Confirmed already: the page shows the result, else the button that confirms. */
  confirmed: boolean;
  /** The manage link's token, for the page after confirming. */
  manageToken: string;
}

/**
 * What the e-mailed confirmation link shows (GET). It changes nothing: mail scanners
 * open links, so only the button on the page (POST, confirmByToken) confirms.
 */
export async function getConfirmation(platform: Platform, actor: Actor, token: string): Promise<Confirmation> {
  const db = platform.db.kysely;
  const found = await byConfirmToken(db, actor, token);
  const event = await getEventForRegistration(db, found.event_id);
  if (!event) throw new NotFoundError();
  if (found.status !== "confirmed" && (found.status !== "pending" || (found.hold_until ?? "") <= nowIso())) {
    throw new RegistrationExpiredError();
  }
  const workshops = await listWorkshops(db, found.event_id);
  const [view] = await toRegistrationViews(db, [found], found.event_id, workshops);
  return {
    registration: view as RegistrationView,
    event,
    confirmed: found.status === "confirmed",
    manageToken: manageTokenFor(platform.config.sessionSecret, found.id),
  };
}

/** Double opt-in: the button behind the e-mailed link confirms a pending registration (idempotent). */
export async function confirmByToken(
  platform: Platform,
  actor: Actor,
  token: string,
): Promise<{ registration: RegistrationView; event: EventView; already: boolean }> {
  const db = platform.db.kysely;
  const found = await byConfirmToken(db, actor, token);
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
