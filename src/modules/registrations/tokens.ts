import { createHmac } from "node:crypto";
import { hashToken } from "../../platform/auth/api-tokens.js";
import { newToken } from "../../platform/db/ids.js";

export { hashToken };

/**
 * The private manage link of a registration. Derived with an HMAC of the server
 * secret so that later mails (promotion, reminder) can carry the same link, while
 * the database stores only its SHA-256 hash (docs/decisions: registrations-tokens).
 */
export function manageTokenFor(secret: string, registrationId: string): string {
  return createHmac("sha256", secret).update(`registration-manage:${registrationId}`).digest("base64url").slice(0, 32);
}

/** A revoked manage link: the stored value can never be the hash of a presented token. */
export const revokedManageHash = (registrationId: string): string => `revoked:${registrationId}`;

/** A one-off random secret for the double opt-in link. */
export const newConfirmToken = (): string => newToken(24);

/** The code in a ticket's QR code: random (120 bits), so it cannot be guessed from anything else. */
export const newTicketCode = (): string => newToken(15);
