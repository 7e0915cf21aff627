import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return.js";

const base = "http://localhost:3000";

describe("safe return path", () => {
  it.each([
    ["/fachtage", "/fachtage"],
    ["/akteure?art=kita&seite=2", "/akteure?art=kita&seite=2"],
    ["/fachtage/fachtag-2025#anmeldung", "/fachtage/fachtag-2025#anmeldung"],
    ["/über-uns", "/%C3%BCber-uns"],
  ])("keeps the same-site path %s", (value, expected) => {
    expect(safeReturnPath(value, base)).toBe(expected);
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example/x",
    "/%5Cevil.example/x",
    "/\tevil.example",
    "/\t/evil.example/x",
    "/%09/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
    undefined,
    ["/a", "/b"],
  ])("refuses %j and returns the fallback", (value) => {
    const result = safeReturnPath(value, base, "/start");
    expect(new URL(result, base).origin).toBe(base);
    expect(result.startsWith("//")).toBe(false);
  });

  it("never lets a line break or a non-Latin-1 character into the header value", () => {
    for (const value of ["/a\r\nSet-Cookie: x=1", "/ä\u2028b", "/%0d%0aX: y"]) {
      const result = safeReturnPath(value, base);
      expect(result).toMatch(/^[\x21-\x7e]*$/);
      expect(new URL(result, base).origin).toBe(base);
    }
  });
});
