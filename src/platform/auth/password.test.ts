import { describe, expect, it } from "vitest";
import { hashPassword, passwordWeakness, verifyPassword } from "./password.js";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("Richtiges-Passwort-1");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "Richtiges-Passwort-1")).toBe(true);
    expect(await verifyPassword(hash, "Falsches-Passwort-1")).toBe(false);
    expect(await verifyPassword("kein-hash", "Richtiges-Passwort-1")).toBe(false);
  });

  it.each([
    ["kurz", "tooShort"],
    ["elf-Zeichen", "tooShort"],
    ["Passwort1234", "common"],
    ["PASSWORD12345", "common"],
    ["bildungsnetz2026", "common"],
    ["123456789012345", "common"],
    ["xxxxxxxxxxxxxxxx", "common"],
    ["x".repeat(129), "tooLong"],
  ])("calls %s too weak (%s)", (password, reason) => {
    expect(passwordWeakness(password)).toBe(reason);
  });

  it("accepts a long passphrase and the demo password", () => {
    expect(passwordWeakness("Kita und Schule gehen zusammen")).toBeUndefined();
    expect(passwordWeakness("Demo-Passwort-2026")).toBeUndefined();
  });
});
