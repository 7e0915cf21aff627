import type { Actor } from "../../platform/auth/actor.js";
import type { Platform } from "../../platform/platform.js";
import { getEventForRegistration } from "../events/index.js";
import { registrationsAccess } from "./access.js";
import { listConsentingParticipants, type NetworkingRow } from "./networking.repo.js";
import { findByManageHash } from "./registrations.repo.js";
import { hashToken } from "./tokens.js";

// The networking list: a Fachtag is there to start cooperations, so once it has begun the
// people who agreed to the participant list see each other (name, organisation,
// municipality, workshops) on their own page — and nobody else does.

export type NetworkingList = { available: false } | { available: true; people: NetworkingRow[] };

/**
 * The others who agreed, for the holder of this manage token — if they agreed themselves and
 * are confirmed (else 404: the list is not known to exist). Before the Fachtag has begun, and
 * once its personal data was removed, there is no list yet or any more.
 */
export async function networkingList(
  platform: Platform,
  actor: Actor,
  token: string,
  now: Date = new Date(),
): Promise<NetworkingList> {
  const db = platform.db.kysely;
  const found = token && token.length <= 200 ? await findByManageHash(db, hashToken(token)) : undefined;
  registrationsAccess.requireAccess(
    actor,
    "registration.networking",
    {
      tokenMatches: found !== undefined,
      consented: Boolean(found?.consent_participant_list),
      confirmed: found?.status === "confirmed",
    },
    { hide: true },
  );
  if (!found) return { available: false };
  const event = await getEventForRegistration(db, found.event_id);
  if (!event || event.personalDataRemovedAt || Date.parse(event.startsAt) > now.getTime()) return { available: false };
  return { available: true, people: await listConsentingParticipants(db, found.event_id, found.id) };
}
