import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../platform/db/schema.js";
import type { Platform } from "../../platform/platform.js";

// The registrations module is built in parallel and depends on this module's
// service. To avoid an import cycle at load time and to keep this module usable
// on its own, its hooks are looked up lazily. Missing module = no registrations.

export interface Availability {
  capacity: number;
  taken: number;
  free: number;
  waitlist: number;
  workshops: Record<string, { capacity: number | null; taken: number; free: number | null }>;
}

export interface EventChanges {
  time?: boolean;
  venue?: boolean;
  cancelled?: boolean;
}

interface RegistrationsService {
  getAvailability?(db: Kysely<Database>, eventId: string): Promise<Availability>;
  onCapacityChanged?(platform: Platform, eventId: string): Promise<void>;
  onEventChanged?(
    trx: Transaction<Database>,
    platform: Platform,
    eventId: string,
    changes: EventChanges,
  ): Promise<void>;
}

const specifier = "../registrations/service.js";
let loaded: Promise<RegistrationsService | null> | undefined;

export function registrationsService(): Promise<RegistrationsService | null> {
  loaded ??= import(/* @vite-ignore */ specifier).then(
    (m) => m as RegistrationsService,
    () => null,
  );
  return loaded;
}

export async function availabilityOf(db: Kysely<Database>, eventId: string): Promise<Availability | null> {
  const service = await registrationsService();
  return service?.getAvailability ? service.getAvailability(db, eventId) : null;
}

export async function notifyCapacityChanged(platform: Platform, eventId: string): Promise<void> {
  const service = await registrationsService();
  if (service?.onCapacityChanged) await service.onCapacityChanged(platform, eventId);
}

export async function notifyEventChanged(
  trx: Transaction<Database>,
  platform: Platform,
  eventId: string,
  changes: EventChanges,
): Promise<void> {
  const service = await registrationsService();
  if (service?.onEventChanged) await service.onEventChanged(trx, platform, eventId, changes);
}
