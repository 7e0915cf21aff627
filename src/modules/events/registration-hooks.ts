import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import type { Platform } from "../../platform/platform.js";
import {
  type Availability,
  getAvailability,
  listQuestionsForEvent,
  type OrganisationField,
  onCapacityChanged,
  onEventChanged,
  organisationField,
  type QuestionView,
} from "../registrations/service.js";

// The events module's only door into the registrations module (issue 3 contract):
// free places for the event page, and the two notifications after changes.

export type { Availability, OrganisationField, QuestionView };

export interface EventChanges {
  time?: boolean;
  venue?: boolean;
  cancelled?: boolean;
}

export async function availabilityOf(db: Kysely<Database>, eventId: string): Promise<Availability | null> {
  return getAvailability(db, eventId);
}

export async function questionsOf(db: Kysely<Database>, eventId: string): Promise<QuestionView[]> {
  return listQuestionsForEvent(db, eventId);
}

/** How the registration form offers the Bildungsportal's organisations. */
export async function organisationFieldFor(platform: Platform): Promise<OrganisationField> {
  return organisationField(platform);
}

/** After a capacity was raised (event or workshop): people move up from the waitlist. */
export async function notifyCapacityChanged(platform: Platform, eventId: string): Promise<void> {
  await onCapacityChanged(platform, eventId);
}

/** Inside the update transaction: participants are mailed about time, venue or cancellation. */
export async function notifyEventChanged(
  trx: Transaction<Database>,
  platform: Platform,
  eventId: string,
  changes: EventChanges,
): Promise<void> {
  await onEventChanged(trx, platform, eventId, changes);
}
