import type { Conn } from "../../platform/db/database.js";
import { listRegistrationsOfEvent, workshopChoicesOf } from "./registrations.repo.js";
import type { RegistrationStatus } from "./tables.js";

// What an allocation needs of a Fachtag's registrations, read in the caller's
// transaction (which holds the Fachtag's lock when it publishes): who holds a place,
// their names for the results and mails, and the workshops they hold now.

export interface PlaceHolder {
  id: string;
  status: RegistrationStatus;
  firstName: string;
  lastName: string;
  email: string;
  /** Whether the person counts against capacity (confirmed, or pending within the hold). */
  holdsPlace: boolean;
  workshops: { sessionId: string; slot: string }[];
}

/** The confirmed and pending registrations of a Fachtag, in registration order. */
export async function listPlaceHolders(db: Conn, eventId: string, now: string): Promise<PlaceHolder[]> {
  const rows = await listRegistrationsOfEvent(db, eventId, { statuses: ["confirmed", "pending"] });
  const choices = await workshopChoicesOf(
    db,
    rows.map((r) => r.id),
  );
  const byReg = new Map<string, { sessionId: string; slot: string }[]>();
  for (const c of choices) {
    const list = byReg.get(c.registration_id) ?? [];
    list.push({ sessionId: c.session_id, slot: c.slot });
    byReg.set(c.registration_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    holdsPlace: r.status === "confirmed" || (r.status === "pending" && (r.hold_until ?? "") > now),
    workshops: byReg.get(r.id) ?? [],
  }));
}
