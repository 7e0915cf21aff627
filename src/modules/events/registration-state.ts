import type { EventStatus } from "./tables.js";

// Whether people can register for a Fachtag now: the one rule, used by the event page,
// the API and the registrations module (which decides on it inside its capacity lock).

export type RegistrationClosedReason = "not_published" | "cancelled" | "not_yet_open" | "closed" | "past";

export type RegistrationState = { open: true; reason?: undefined } | { open: false; reason: RegistrationClosedReason };

interface RegistrationWindow {
  status: EventStatus;
  /** ISO UTC. */
  startsAt: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
}

/**
 * Drafts, cancelled, held and documented events and events whose registration was
 * closed by hand are closed; otherwise the window decides (opens/closes, each
 * optional) and registration ends when the event starts ("past").
 */
export function registrationState(event: RegistrationWindow, now: Date = new Date()): RegistrationState {
  const at = now.toISOString();
  switch (event.status) {
    case "draft":
      return { open: false, reason: "not_published" };
    case "cancelled":
      return { open: false, reason: "cancelled" };
    case "held":
    case "documented":
      return { open: false, reason: "past" };
    case "registration_closed":
      return { open: false, reason: "closed" };
    default:
      break;
  }
  if (at >= event.startsAt) return { open: false, reason: "past" };
  if (event.registrationOpensAt && at < event.registrationOpensAt) return { open: false, reason: "not_yet_open" };
  if (event.registrationClosesAt && at >= event.registrationClosesAt) return { open: false, reason: "closed" };
  return { open: true };
}
