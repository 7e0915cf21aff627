import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registerMessages, translator } from "../i18n/i18n.js";
import { platformMessages } from "../i18n/messages.js";
import { formCheckbox, formEmail, formList, optionalFormEmail, parseForm, requiredText } from "./forms.js";

registerMessages(platformMessages);
const de = translator("de");
const en = translator("en");

describe("form parsing", () => {
  const schema = z.object({
    name: requiredText(20),
    email: formEmail,
    copy: optionalFormEmail,
    consent: formCheckbox,
    topics: formList(z.enum(["a", "b"])),
  });

  it("reads a complete form: unticked boxes are false, a single choice becomes a list", () => {
    const result = parseForm(schema, { name: " Erika ", email: "Erika@Example.org", copy: "", topics: "a" }, de, "de");
    expect(result).toEqual({
      ok: true,
      data: { name: "Erika", email: "erika@example.org", copy: undefined, consent: false, topics: ["a"] },
    });
    const ticked = parseForm(
      schema,
      { name: "E", email: "e@example.org", consent: "on", topics: ["a", "b"] },
      de,
      "de",
    );
    expect(ticked.ok && ticked.data.consent).toBe(true);
  });

  it("gives one German message per field, in the page's language", () => {
    const result = parseForm(schema, { name: "", email: "kein-mail", topics: ["x"], consent: "ja" }, de, "de");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe("Bitte füllen Sie dieses Feld aus.");
    expect(result.errors.email).toContain("gültige E-Mail-Adresse");
    expect(Object.keys(result.errors)).toEqual(expect.arrayContaining(["topics.0", "consent"]));
    const english = parseForm(schema, { name: "x".repeat(21), email: "a@b.de" }, en, "en");
    expect(!english.ok && english.errors.name).toBe("Please shorten the text to at most 20 characters.");
  });
});
