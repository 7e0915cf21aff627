// Tables owned by the registrations module (see migrations/). Times are ISO UTC strings.

export type RegistrationStatus = "pending" | "confirmed" | "waitlisted" | "cancelled" | "expired";
/** "walkin": registered at the entrance on the day (and checked in at once). */
export type RegistrationSource = "web" | "api" | "manual" | "walkin";
export type QuestionKind = "text" | "choice" | "yesno";

export interface RegistrationsTable {
  id: string;
  event_id: string;
  status: RegistrationStatus;
  /** Monotonic order on the waitlist; the shown position is the rank among those still waiting. */
  waitlist_order: number | null;
  first_name: string;
  last_name: string;
  /** Normalised to lower case. */
  email: string;
  organisation: string | null;
  organisation_id: string | null;
  organisation_kind: string | null;
  role: string | null;
  municipality: string | null;
  dietary_needs: string | null;
  accessibility_needs: string | null;
  consent_privacy: number;
  consent_photos: number;
  consent_participant_list: number;
  consents_at: string;
  /** JSON object: question id → answer text. */
  answers: string;
  manage_token_hash: string;
  confirm_token_hash: string | null;
  hold_until: string | null;
  source: RegistrationSource;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  cancelled_at: string | null;
  /** Opaque code in the ticket's QR code (random, unique; never the id). */
  ticket_code: string;
  /** When the person was let in on the day: the one record of "present". */
  checked_in_at: string | null;
  /** Who let them in (user id), for the organiser's record. */
  checked_in_by: string | null;
}

export interface RegistrationWorkshopsTable {
  registration_id: string;
  session_id: string;
  /** The time slot (start time of the session, ISO UTC): one workshop per slot. */
  slot: string;
  created_at: string;
}

/** A ranked workshop wish (preference mode): rank 1 is the first wish of that time slot. */
export interface RegistrationPreferencesTable {
  registration_id: string;
  /** The time slot, as in registration_workshops (start time of the slot, ISO UTC). */
  slot: string;
  rank: number;
  session_id: string;
  created_at: string;
}

export interface RegistrationQuestionsTable {
  id: string;
  event_id: string;
  kind: QuestionKind;
  label: string;
  /** JSON array of strings (choice questions). */
  options: string;
  required: number;
  position: number;
  created_at: string;
}

export interface RegistrationsTables {
  registrations: RegistrationsTable;
  registration_workshops: RegistrationWorkshopsTable;
  registration_preferences: RegistrationPreferencesTable;
  registration_questions: RegistrationQuestionsTable;
}

declare module "../../platform/db/schema.js" {
  // Adds this module's tables to the one database type.
  interface Database extends RegistrationsTables {}
}
