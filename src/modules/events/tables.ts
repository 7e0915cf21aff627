import type { Generated } from "kysely";

// Tables owned by the events module (see migrations/). Times are ISO UTC strings.

export type EventStatus =
  | "draft"
  | "published"
  | "registration_open"
  | "registration_closed"
  | "held"
  | "documented"
  | "cancelled";

export type SessionKind = "talk" | "workshop" | "panel" | "break" | "welcome" | "other";

export interface EventsTable {
  id: string;
  slug: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  themes: string;
  target_groups: string;
  organisers: string;
  starts_at: string;
  ends_at: string;
  venue_name: string;
  venue_room: string | null;
  venue_address: string | null;
  venue_accessibility: string | null;
  venue_directions: string | null;
  capacity: number;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  confirm_by_email: number;
  hold_hours: number;
  reminder_days: number;
  fee: string | null;
  credit_hours: number | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  status: EventStatus;
  workshop_choice: "first_come" | "preferences";
  /** Ranked wishes per time slot in preference mode (1–5). */
  max_choices: Generated<number>;
  /** When the workshop allocation was published (preference mode); null before. */
  allocation_published_at: string | null;
  /** Months after the Fachtag's end until its personal data is removed (1–60, default 6). */
  retention_months: Generated<number>;
  /** When the retention job anonymised its registrations; null before. */
  personal_data_removed_at: string | null;
  created_by: string | null;
  /** iCalendar SEQUENCE: raised on every change of time or venue and on cancellation. */
  ics_sequence: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface EventSessionsTable {
  id: string;
  event_id: string;
  kind: SessionKind;
  title: string;
  abstract: string | null;
  speakers: string;
  room: string | null;
  starts_at: string;
  ends_at: string;
  capacity: number | null;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface EventsTables {
  events: EventsTable;
  event_sessions: EventSessionsTable;
}

declare module "../../platform/db/schema.js" {
  // Adds this module's tables to the one database type.
  interface Database extends EventsTables {}
}
