import { describe, expect, it } from "vitest";
import { anonymous } from "../auth/actor.js";
import { registerMessages, translator } from "../i18n/i18n.js";
import { platformMessages } from "../i18n/messages.js";
import { Checkbox, ErrorSummary, RadioGroup, TextField } from "./components.js";
import type { PageContext } from "./page-context.js";
import { renderDocument } from "./render.js";

registerMessages(platformMessages);

const ctx: PageContext = {
  t: translator("de"),
  locale: "de",
  actor: anonymous,
  csrfToken: "x",
  path: "/test",
  district: {
    name: "Landkreis Celle",
    office: "Bildungsbüro",
    address: "Trift 26, 29221 Celle",
    email: "b@example.org",
    phone: "0",
  } as PageContext["district"],
  nav: [],
  flash: undefined,
  demo: false,
};

const errors = {
  firstName: "Bitte füllen Sie dieses Feld aus.",
  email: "Bitte füllen Sie dieses Feld aus.",
  "consents.privacy": "Bitte füllen Sie dieses Feld aus.",
  role: "Bitte wählen Sie einen der angebotenen Werte.",
};

const page = () =>
  renderDocument(ctx, {
    title: "Anmeldung",
    body: (
      <form>
        <ErrorSummary errors={errors} />
        <TextField name="firstName" label="Vorname" required error={errors.firstName} />
        <TextField name="email" label="E-Mail-Adresse" type="email" required error={errors.email} />
        <Checkbox name="consents.privacy" label="Datenverarbeitung" error={errors["consents.privacy"]} />
        <RadioGroup name="role" legend="Ihre Rolle" options={[{ value: "kita", label: "Kita" }]} error={errors.role} />
      </form>
    ),
  });

describe("error summary", () => {
  it("names every field by its label and links to it, so three equal messages can be told apart", () => {
    const html = page();
    const summary = html.slice(html.indexOf('id="fehler"'), html.indexOf("</ul>", html.indexOf('id="fehler"')));
    const items = [...summary.matchAll(/<a class="kern-link" href="#([^"]+)">(.*?)<\/a>/g)].map((m) => [
      m[1],
      m[2]?.replace(/<[^>]+>/g, ""),
    ]);
    expect(items).toEqual([
      ["f-firstName", "Vorname: Bitte füllen Sie dieses Feld aus."],
      ["f-email", "E-Mail-Adresse: Bitte füllen Sie dieses Feld aus."],
      ["f-consents-privacy", "Datenverarbeitung: Bitte füllen Sie dieses Feld aus."],
      ["f-role", "Ihre Rolle: Bitte wählen Sie einen der angebotenen Werte."],
    ]);
    for (const [id] of items) expect(html).toContain(`id="${id}"`);
  });

  it("takes the focus on load without a script", () => {
    expect(page()).toMatch(/<div[^>]*id="fehler"[^>]*autofocus/);
  });

  it("leaves no placeholder behind for a field without a label on the page", () => {
    const html = renderDocument(ctx, { title: "x", body: <ErrorSummary errors={{ _form: "Fehler." }} /> });
    expect(html).not.toContain("data-error-label");
    expect(html).toContain(">Fehler.</a>");
  });
});

describe("page header", () => {
  it("calls the staff sign-in 'Login für Mitwirkende', so it is not mistaken for a Fachtag's Anmeldung", () => {
    const html = renderDocument(ctx, { title: "Fachtag", body: <p>Inhalt</p> });
    const link = /<a class="kern-link" href="\/anmelden"[^>]*>(.*?)<\/a>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "");
    expect(link).toBe("Login für Mitwirkende");
  });
});
