import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { type EventView, getEventForRegistration, listWorkshops, type SessionView } from "../events/index.js";
import { registrationsAccess } from "./access.js";
import { eventForManager } from "./organiser-desk.service.js";
import {
  findByManageHash,
  findRegistration,
  listRegistrationsOfEvent,
  type RegistrationRow,
  workshopChoicesOf,
} from "./registrations.repo.js";
import type { RegistrationStatus } from "./tables.js";
import { hashToken } from "./tokens.js";
import { type SlotView, workshopSlots } from "./view-models.js";

// What tickets, badges and signature lists print about a participant, for the tickets
// module: read here, where the registrations live, with this module's permissions
// (the manage token for one's own ticket, the desk's rule for the organiser's lists).

export interface TicketWorkshop {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
}

export interface TicketHolder {
  registrationId: string;
  status: RegistrationStatus;
  firstName: string;
  lastName: string;
  organisation: string | null;
  ticketCode: string;
  workshops: TicketWorkshop[];
}

export interface Ticket {
  event: EventView;
  holder: TicketHolder;
}

const workshopOf = (s: SessionView): TicketWorkshop => ({
  id: s.id,
  title: s.title,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  room: s.room,
});

async function holdersOf(db: Conn, rows: RegistrationRow[], workshops: SessionView[]): Promise<TicketHolder[]> {
  const byId = new Map(workshops.map((w) => [w.id, w]));
  const choices = await workshopChoicesOf(
    db,
    rows.map((r) => r.id),
  );
  const mine = new Map<string, TicketWorkshop[]>();
  for (const c of choices) {
    const w = byId.get(c.session_id);
    if (w) mine.set(c.registration_id, [...(mine.get(c.registration_id) ?? []), workshopOf(w)]);
  }
  return rows.map((r) => ({
    registrationId: r.id,
    status: r.status,
    firstName: r.first_name,
    lastName: r.last_name,
    organisation: r.organisation,
    ticketCode: r.ticket_code,
    workshops: (mine.get(r.id) ?? []).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  }));
}

async function ticketOf(db: Conn, row: RegistrationRow): Promise<Ticket> {
  const event = await getEventForRegistration(db, row.event_id);
  if (!event) throw new NotFoundError();
  const [holder] = await holdersOf(db, [row], await listWorkshops(db, event.id));
  return { event, holder: holder as TicketHolder };
}

/**
 * One's own ticket through the manage link: the token is the permission, a wrong one
 * finds nothing (404). Whether the status allows a ticket is the caller's rule.
 */
export async function getTicketByManageToken(platform: Platform, actor: Actor, token: string): Promise<Ticket> {
  const db = platform.db.kysely;
  const found = token && token.length <= 200 ? await findByManageHash(db, hashToken(token)) : undefined;
  registrationsAccess.requireAccess(
    actor,
    "registration.selfService",
    { tokenMatches: found !== undefined },
    { hide: true },
  );
  return ticketOf(db, found as RegistrationRow);
}

/**
 * A ticket by registration id (API): the Fachtag's organisers, or whoever holds this
 * registration's manage token. A wrong token tells an anonymous caller nothing.
 */
export async function getTicketById(
  platform: Platform,
  actor: Actor,
  registrationId: string,
  token?: string,
): Promise<Ticket> {
  const db = platform.db.kysely;
  const found = await findRegistration(db, registrationId);
  const event = found ? await getEventForRegistration(db, found.event_id) : undefined;
  const tokenMatches = token !== undefined && found !== undefined && found.manage_token_hash === hashToken(token);
  const hide = actor.kind === "anonymous" || !event || event.status === "draft";
  if (!found || !event) {
    registrationsAccess.requireAccess(actor, "registration.selfService", { tokenMatches: false }, { hide: true });
    throw new NotFoundError();
  }
  if (!tokenMatches) registrationsAccess.requireAccess(actor, "registration.manage", event, { hide });
  return ticketOf(db, found);
}

export interface TicketHolderList {
  event: EventView;
  slots: SlotView[];
  /** Confirmed participants, by last name, then first name (German collation). */
  holders: TicketHolder[];
}

const collator = new Intl.Collator("de", { sensitivity: "base", numeric: true });

/** The confirmed participants of a Fachtag (or of one workshop), for badges and signature lists. */
export async function listTicketHolders(
  platform: Platform,
  actor: Actor,
  eventId: string,
  filter: { sessionId?: string | undefined } = {},
): Promise<TicketHolderList> {
  const event = await eventForManager(platform, actor, eventId);
  const db = platform.db.kysely;
  const workshops = await listWorkshops(db, event.id);
  const rows = await listRegistrationsOfEvent(db, event.id, {
    statuses: ["confirmed"],
    ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
  });
  const holders = await holdersOf(db, rows, workshops);
  holders.sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName));
  return { event, slots: workshopSlots(workshops), holders };
}
