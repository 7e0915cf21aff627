import { randomInt } from "node:crypto";

// The verification code on a certificate: readable aloud and over the phone, so the
// alphabet leaves out what looks alike (0/O, 1/I/L); 12 random characters of 31 give
// about 59 bits — with the rate limit of the public check, guessing is hopeless.

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const GROUPS = 3;
const GROUP = 4;

/** A new code such as "BN-7K3Q-XW9P-D2MF". */
export function newCertificateCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  return ["BN", ...groups].join("-");
}

/**
 * What somebody typed, in the stored form: any case, spaces or dashes, with or without
 * the "BN" prefix; the look-alikes O, I and L read as the digits they resemble are not in
 * the alphabet, so they are taken as typed and simply will not match. Undefined when it
 * cannot be a code at all.
 */
export function normaliseCertificateCode(input: string): string | undefined {
  let text = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (text.startsWith("BN") && text.length === 2 + GROUPS * GROUP) text = text.slice(2);
  if (text.length !== GROUPS * GROUP) return undefined;
  const groups = Array.from({ length: GROUPS }, (_, i) => text.slice(i * GROUP, (i + 1) * GROUP));
  return ["BN", ...groups].join("-");
}
