import { hash, verify } from "@node-rs/argon2";

// Argon2id (algorithm 2; the enum is a const enum, which isolated modules cannot import)
// with the OWASP-recommended minimum: 19 MiB memory, 2 passes, 1 lane.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options as Parameters<typeof hash>[1]);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash never signs anybody in.
    return false;
  }
}

// Passwords that appear at the top of every leaked-password list, plus local favourites.
// Compared case-insensitively; the length rule catches the short ones anyway.
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "123456123456",
  "111111111111",
  "000000000000",
  "qwertzuiopü",
  "qwertzuiop123",
  "qwertyuiop123",
  "qwerty123456",
  "passwort1234",
  "passwort12345",
  "passwort123456",
  "password1234",
  "password12345",
  "password123456",
  "passwordpassword",
  "passwortpasswort",
  "hallohallo123",
  "hallo1234567",
  "sommer2024sommer",
  "willkommen123",
  "willkommen1234",
  "geheim123456",
  "geheimgeheim",
  "iloveyou1234",
  "letmein123456",
  "adminadmin123",
  "administrator",
  "administrator1",
  "bildungsnetz",
  "bildungsnetz1",
  "bildungsnetz123",
  "bildungsnetz2026",
  "abcdefghijkl",
  "abc123abc123",
  "aaaaaaaaaaaa",
]);

/** Why a password is too weak, or undefined when it is acceptable. */
export function passwordWeakness(password: string): "tooShort" | "tooLong" | "common" | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "tooLong";
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "common";
  // One character repeated, or a plain run of digits, is as weak as a listed password.
  if (/^(.)\1+$/.test(lower) || /^\d+$/.test(lower)) return "common";
  return undefined;
}
