import type { Conn } from "../../platform/db/database.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import { type EventView, listSessions, listWorkshops, type SessionView } from "../events/index.js";
import { buildMail, type MailContext, type MailKind, type MailRecipient } from "./mails.js";
import { preferencesOf } from "./preferences.repo.js";
import { type RegistrationRow, workshopChoicesOf } from "./registrations.repo.js";
import { withTicket } from "./ticket-mail.js";
import { wishLists, workshopSlots } from "./view-models.js";
import { collectsWishes } from "./wishes.js";

// Puts a participant's mail into the outbox inside the caller's transaction, with the
// workshops and programme it names read in that same transaction.

export const recipientOf = (r: RegistrationRow): MailRecipient => ({
  id: r.id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
});

async function workshopsOfRegistration(db: Conn, registrationId: string, eventId: string): Promise<SessionView[]> {
  const [choices, workshops] = await Promise.all([workshopChoicesOf(db, [registrationId]), listWorkshops(db, eventId)]);
  const ids = new Set(choices.map((c) => c.session_id));
  return workshops.filter((w) => ids.has(w.id));
}

/** The mails that say what a person registered with: in preference mode, their wishes. */
const wishKinds = new Set<MailKind>(["confirmRequest", "confirmed", "waitlisted", "promoted"]);

async function wishesOf(db: Conn, registrationId: string, eventId: string) {
  const [rows, workshops] = await Promise.all([preferencesOf(db, [registrationId]), listWorkshops(db, eventId)]);
  const slots = workshopSlots(workshops);
  const lists = wishLists(rows, slots);
  const title = new Map(workshops.map((w) => [w.id, w.title]));
  return slots.map((s) => ({
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    titles: (lists[s.index] ?? []).map((id) => title.get(id) ?? ""),
  }));
}

export async function queueMail(
  trx: Conn,
  kind: MailKind,
  ctx: Omit<MailContext, "workshops" | "registration" | "event"> & {
    event: EventView;
    registration: RegistrationRow;
    workshops?: SessionView[];
  },
): Promise<void> {
  const { registration, ...rest } = ctx;
  const workshops = ctx.workshops ?? (await workshopsOfRegistration(trx, registration.id, ctx.event.id));
  const programme = kind === "confirmed" || kind === "promoted" ? await listSessions(trx, ctx.event.id) : undefined;
  const wishes =
    wishKinds.has(kind) && collectsWishes(ctx.event) ? await wishesOf(trx, registration.id, ctx.event.id) : undefined;
  const mail = buildMail(kind, {
    ...rest,
    registration: recipientOf(registration),
    workshops,
    ...(programme ? { programme } : {}),
    ...(wishes ? { wishes } : {}),
  });
  await enqueueMail(
    trx,
    withTicket(mail, kind, { platform: ctx.platform, registration, manageToken: ctx.manageToken }),
  );
}
