import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { anonymous } from "../../platform/auth/actor.js";
import { type RegistrationInput, register } from "../registrations/index.js";
import { createFachtag, type FixtureEvent } from "../registrations/test-fixtures.js";
import { manageTokenFor } from "../registrations/tokens.js";

// Tickets, name badges and signature lists as a participant and an organiser get them:
// over HTTP, PDFs read back as text (umlauts included).

let t: TestApp;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let otherEditor: Awaited<ReturnType<typeof createUserWithToken>>;
let member: Awaited<ReturnType<typeof createUserWithToken>>;
let ev: FixtureEvent;
const ids: Record<string, string> = {};
let n = 0;

async function pdfText(body: Buffer): Promise<{ text: string; pages: number; perPage: string[] }> {
  const doc = await getDocumentProxy(new Uint8Array(body));
  const { text, totalPages } = await extractText(doc, { mergePages: false });
  return { text: text.join("\n"), pages: totalPages, perPage: text };
}

const person = (firstName: string, lastName: string, organisation: string, workshopIds: string[] = []) => {
  n++;
  return {
    firstName,
    lastName,
    email: `tickets-${n}@example.org`,
    organisation,
    workshopIds,
    consents: { privacy: true, photos: false, participantList: false },
    answers: {},
  } satisfies RegistrationInput;
};

const tokenOf = (name: string) => manageTokenFor(t.config.sessionSecret, ids[name] as string);
const get = (url: string, authorization?: string) =>
  t.app.inject({ method: "GET", url, headers: authorization ? { authorization } : {} });

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  owner = await createUserWithToken(t.platform, "editor");
  otherEditor = await createUserWithToken(t.platform, "editor");
  member = await createUserWithToken(t.platform, "member");
  ev = await createFachtag(t.platform, {
    capacity: 4,
    confirmByEmail: false,
    createdBy: owner.id,
    title: "Übergänge gestalten – Schätze stärken",
    workshops: [
      { title: "Sprachförderung im Alltag", capacity: 10, slot: 0 },
      { title: "Bewegte Kita", capacity: 10, slot: 0 },
      { title: "Elternarbeit", capacity: 10, slot: 1 },
    ],
  });
  const [sprache, bewegung, eltern] = ev.workshops as [string, string, string];
  const people: [string, RegistrationInput][] = [
    ["juergen", person("Jürgen", "Größmann", "Kita Sonnenschein", [sprache, eltern])],
    ["elodie", person("Élodie", "Weiß", "Grundschule Wietze", [bewegung])],
    ["anna", person("Anna", "Ahrens", "Familienzentrum Celle", [sprache])],
    ["cancelled", person("Carla", "Abgesagt", "Kita Regenbogen", [sprache])],
    ["waiting", person("Wanda", "Wartend", "Kita Löwenzahn", [sprache])],
  ];
  for (const [key, input] of people) ids[key] = (await register(t.platform, anonymous, ev.id, input, "api")).id;
  await t.app.inject({
    method: "POST",
    url: `/api/v1/registrations/${ids.cancelled}/cancel`,
    headers: { authorization: owner.authorization },
  });
  // The cancelled place went to Wanda: she is confirmed now. One more waits.
  ids.late = (await register(t.platform, anonymous, ev.id, person("Lena", "Später", "Hort Celle"), "api")).id;
});
afterAll(async () => t?.close());

describe("the participant's ticket", () => {
  it("the manage page shows the QR code with a text alternative, the code and the PDF link", async () => {
    const res = await get(`/anmeldung/${tokenOf("juergen")}`);
    expect(res.statusCode).toBe(200);
    const code = (
      await t.platform.db.kysely
        .selectFrom("registrations")
        .select("ticket_code")
        .where("id", "=", ids.juergen as string)
        .executeTakeFirstOrThrow()
    ).ticket_code;
    expect(res.body).toContain('<h2 class="kern-heading kern-heading-large" id="ticket">Ihr Ticket</h2>');
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="ticket-qr-title"/);
    expect(res.body).toContain('<title id="ticket-qr-title">QR-Code Ihres Tickets</title>');
    expect(res.body).toContain(`<code>${code}</code>`);
    expect(res.body).toContain(`href="/anmeldung/${tokenOf("juergen")}/ticket.pdf"`);
    expect(res.body).toContain("Ticket als PDF herunterladen");
  });

  it("someone still waiting sees no ticket and gets a German 409 for the PDF", async () => {
    const page = await get(`/anmeldung/${tokenOf("late")}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Warteliste");
    expect(page.body).not.toContain("QR-Code Ihres Tickets");
    const pdf = await get(`/anmeldung/${tokenOf("late")}/ticket.pdf`);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.headers["content-type"]).toContain("text/html");
    expect(pdf.body).toContain("Ein Ticket gibt es erst, wenn Ihr Platz bestätigt ist.");
  });

  it("the ticket PDF: one A4 page with Fachtag, date, venue, name, organisation, workshops and the code", async () => {
    const res = await get(`/anmeldung/${tokenOf("juergen")}/ticket.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="ticket-fachtag-[a-z0-9-]+\.pdf"/);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    const { text, pages } = await pdfText(res.rawPayload);
    expect(pages).toBe(1);
    const code = (
      await t.platform.db.kysely
        .selectFrom("registrations")
        .select("ticket_code")
        .where("id", "=", ids.juergen as string)
        .executeTakeFirstOrThrow()
    ).ticket_code;
    for (const expected of [
      "Übergänge gestalten – Schätze stärken",
      "Jürgen Größmann",
      "Kita Sonnenschein",
      "Neuer Kreistagssaal, Trift 26, 29221 Celle",
      "Sprachförderung im Alltag",
      "Elternarbeit",
      code,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/\d{1,2}\. \w+ \d{4}, \d\d:\d\d bis \d\d:\d\d Uhr/);
    expect(text).not.toContain("Bewegte Kita");
  });

  it("a cancelled Fachtag issues no ticket: no section, a German 409 for the PDF", async () => {
    const other = await createFachtag(t.platform, { confirmByEmail: false });
    const { id } = await register(t.platform, anonymous, other.id, person("Jana", "Abgesagt", "Kita"), "api");
    await t.platform.db.kysely.updateTable("events").set({ status: "cancelled" }).where("id", "=", other.id).execute();
    const token = manageTokenFor(t.config.sessionSecret, id);
    expect((await get(`/anmeldung/${token}`)).body).not.toContain("QR-Code Ihres Tickets");
    const pdf = await get(`/anmeldung/${token}/ticket.pdf`);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.body).toContain("Der Fachtag wurde abgesagt. Tickets sind nicht mehr gültig.");
  });

  it("a wrong or foreign token finds nothing (404)", async () => {
    expect((await get("/anmeldung/falsch-falsch-falsch-falsch/ticket.pdf")).statusCode).toBe(404);
  });

  it("API: the organiser with the bearer token or anyone with the manage token; others not", async () => {
    const url = `/api/v1/registrations/${ids.elodie}/ticket`;
    const byOwner = await get(url, owner.authorization);
    expect(byOwner.statusCode).toBe(200);
    expect(byOwner.headers["content-type"]).toBe("application/pdf");
    expect((await pdfText(byOwner.rawPayload)).text).toContain("Élodie Weiß");
    expect((await get(`${url}?token=${tokenOf("elodie")}`)).statusCode).toBe(200);
    expect((await get(`${url}?token=${tokenOf("juergen")}`)).statusCode).toBe(404);
    expect((await get(url)).statusCode).toBe(404);
    expect((await get(url, otherEditor.authorization)).statusCode).toBe(403);
    expect((await get(url, member.authorization)).statusCode).toBe(403);
    const waiting = await get(`/api/v1/registrations/${ids.late}/ticket`, owner.authorization);
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json()).toMatchObject({ code: "ticket_not_available" });
    const doc = (await get("/api/v1/openapi.json")).json() as { paths: Record<string, { get?: { summary?: string } }> };
    expect(doc.paths["/api/v1/registrations/{id}/ticket"]?.get?.summary).toContain("Ticket einer Anmeldung als PDF");
  });
});

describe("the organiser's print files", () => {
  const base = () => `/verwaltung/fachtage/${ev.id}`;

  it("name badges: every confirmed participant by last name, nobody waiting or cancelled", async () => {
    const res = await get(`${base()}/namensschilder.pdf`, owner.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toMatch(/filename="namensschilder-fachtag-[a-z0-9-]+\.pdf"/);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    const { text, pages } = await pdfText(res.rawPayload);
    expect(pages).toBe(1);
    const order = ["Ahrens", "Größmann", "Wartend", "Weiß"].map((name) => text.indexOf(name));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("Jürgen");
    expect(text).toContain("Élodie");
    expect(text).toContain("Kita Sonnenschein");
    expect(text).not.toContain("Abgesagt");
    expect(text).not.toContain("Später");
  });

  it("name badges of one workshop; an unknown workshop is a 404", async () => {
    const res = await get(`${base()}/namensschilder.pdf?workshop=${ev.workshops[1]}`, owner.authorization);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain("Weiß");
    expect(text).not.toContain("Größmann");
    expect((await get(`${base()}/namensschilder.pdf?workshop=nope`, owner.authorization)).statusCode).toBe(404);
    const other = await createFachtag(t.platform, { workshops: [{ title: "Fremd", capacity: 5 }] });
    const foreign = await get(`${base()}/namensschilder.pdf?workshop=${other.workshops[0]}`, owner.authorization);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toContain("Diesen Workshop gibt es bei diesem Fachtag nicht.");
  });

  it("signature list of a workshop: its participants only, with the table header and page numbers", async () => {
    const res = await get(`${base()}/unterschriften.pdf?workshop=${ev.workshops[0]}`, owner.authorization);
    expect(res.statusCode).toBe(200);
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain("Unterschriftenliste");
    expect(text).toContain("Sprachförderung im Alltag");
    for (const header of ["Nr.", "Name", "Organisation", "Unterschrift"]) expect(text).toContain(header);
    expect(text).toContain("Ahrens, Anna");
    expect(text).toContain("Größmann, Jürgen");
    expect(text).toContain("Wartend, Wanda");
    expect(text).not.toContain("Weiß");
    expect(text).not.toContain("Abgesagt");
    expect(text).toContain("Seite 1 von 1");
  });

  it("signature list of the whole Fachtag, and of all workshops in one file, each counting its pages", async () => {
    const whole = await pdfText((await get(`${base()}/unterschriften.pdf`, owner.authorization)).rawPayload);
    expect(whole.text).toContain("Gesamter Fachtag");
    for (const name of ["Ahrens, Anna", "Größmann, Jürgen", "Wartend, Wanda", "Weiß, Élodie"]) {
      expect(whole.text).toContain(name);
    }
    const all = await pdfText((await get(`${base()}/unterschriften.pdf?workshop=all`, owner.authorization)).rawPayload);
    expect(all.pages).toBe(3);
    expect(all.perPage[0]).toContain("Sprachförderung im Alltag");
    expect(all.perPage[1]).toContain("Bewegte Kita");
    expect(all.perPage[1]).toContain("Weiß, Élodie");
    expect(all.perPage[1]).not.toContain("Größmann");
    expect(all.perPage[2]).toContain("Elternarbeit");
    expect(all.perPage[2]).toContain("Größmann, Jürgen");
    for (const page of all.perPage) expect(page).toContain("Seite 1 von 1");
  });

  it("the print page lists the files with people and pages; the desk links to it", async () => {
    const res = await get(`${base()}/drucken`, owner.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Namensschilder und Listen: Übergänge gestalten – Schätze stärken");
    expect(res.body).toContain(`href="${base()}/namensschilder.pdf"`);
    expect(res.body).toContain(`href="${base()}/unterschriften.pdf?workshop=${ev.workshops[0]}"`);
    expect(res.body).toContain("4 Personen, 1 Seite");
    const desk = await get(`${base()}/anmeldungen`, owner.authorization);
    expect(desk.body).toContain(`href="${base()}/drucken"`);
  });

  it("nobody but the Fachtag's organisers gets the lists", async () => {
    for (const path of ["/namensschilder.pdf", "/unterschriften.pdf", "/drucken"]) {
      expect((await get(`${base()}${path}`)).statusCode).toBe(401);
      expect((await get(`${base()}${path}`, member.authorization)).statusCode).toBe(403);
      expect((await get(`${base()}${path}`, otherEditor.authorization)).statusCode).toBe(403);
    }
  });
});

describe("many participants", () => {
  it("150 badges on 15 sheets and a signature list over several pages, 'Seite 1 von 7'", async () => {
    const big = await createFachtag(t.platform, { capacity: 200, confirmByEmail: false, createdBy: owner.id });
    for (let i = 0; i < 150; i++) {
      const long = i === 0 ? "Maximiliane-Friederike Schönfeld-Großkopf von Müller-Lüdenscheidt" : `Teilnehmerin ${i}`;
      await register(t.platform, anonymous, big.id, person("Käthe", long, "Kindertagesstätte Ölmühle"), "api");
    }
    const badges = await pdfText(
      (await get(`/verwaltung/fachtage/${big.id}/namensschilder.pdf`, owner.authorization)).rawPayload,
    );
    expect(badges.pages).toBe(15);
    // The longest name is kept on its badge (shrunk or cut with "…"), never lost.
    expect(badges.text).toMatch(/Maximiliane-Friederike|Schönfeld-Großkopf/);
    const list = await pdfText(
      (await get(`/verwaltung/fachtage/${big.id}/unterschriften.pdf`, owner.authorization)).rawPayload,
    );
    expect(list.pages).toBe(7);
    expect(list.perPage[0]).toContain("Seite 1 von 7");
    expect(list.perPage[6]).toContain("Seite 7 von 7");
    // The header repeats on every page.
    for (const page of list.perPage) expect(page).toContain("Unterschrift");
  }, 60_000);
});
