import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { hashToken } from "../../platform/auth/api-tokens.js";
import { createPlatform } from "../../platform/bootstrap.js";
import { buildApp } from "../../platform/http/app.js";
import { attendedFachtag } from "../certificates/test-fixtures.js";
import { modules } from "../index.js";
import { FormClient } from "../registrations/test-http.js";
import { manageTokenFor } from "../registrations/tokens.js";
import { surveyScores } from "./index.js";
import { sendDue } from "./survey.service.js";
import { SurveyClient, surveyLinks, tokenOfLink } from "./test-fixtures.js";

// The survey over HTTP: sending to those present only and once, answering without
// JavaScript (bad values in German beside the field), one answer per link (also two at
// once), links of people not present refused, the anonymity of what is stored and
// logged, the results with their numbers, the export and the API.

let t: TestApp;
let owner: Awaited<ReturnType<typeof createUserWithToken>>;
let ev: Awaited<ReturnType<typeof attendedFachtag>>;
let organiser: FormClient;
const db = () => t.platform.db.kysely;
const base = () => `/verwaltung/fachtage/${ev.id}/umfrage`;

const full = { "q-overall": "5", "q-content": "4", "q-organisation": "3", "q-workshops": "4" };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  owner = await createUserWithToken(t.platform, "editor");
  organiser = new FormClient(t.app, owner.authorization);
  ev = await attendedFachtag(t.platform, {
    createdBy: owner.id,
    people: [
      { firstName: "Jürgen", lastName: "Größmann", present: true, workshop: true },
      { firstName: "Nora", lastName: "Abwesend", present: false },
      { firstName: "Ali", lastName: "Anwesend", present: true },
      { firstName: "Bea", lastName: "Dritte", present: true },
      { firstName: "Cem", lastName: "Vierter", present: true },
    ],
  });
});
afterAll(async () => t?.close());

const person = (i: number) => ev.people[i] as (typeof ev.people)[number];

describe("sending the links", () => {
  it("the organiser's page shows the default questionnaire and who is present", async () => {
    const page = await organiser.get(base());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Wie zufrieden sind Sie mit dem Fachtag insgesamt?");
    expect(page.body).toContain("Welchen Workshop haben Sie besucht?");
    expect(page.body).toContain("Was nehmen Sie in Ihre Arbeit mit?");
    expect(page.body).toContain("4 anwesend, 0 Links verschickt, 0 Antworten");
    expect(page.body).toContain("Umfrage-Links verschicken");
  });

  it("mails a link to each person present, none to the absent one, and nobody twice", async () => {
    const sent = await organiser.submit(base(), `${base()}/senden`, {});
    expect(sent.statusCode).toBe(303);
    for (const i of [0, 2, 3, 4]) expect(await surveyLinks(t.platform, person(i).email)).toHaveLength(1);
    expect(await surveyLinks(t.platform, person(1).email)).toHaveLength(0);
    await organiser.submit(base(), `${base()}/senden`, {});
    expect(await surveyLinks(t.platform, person(0).email)).toHaveLength(1);
    const page = await organiser.get(base());
    expect(page.body).toContain("4 anwesend, 4 Links verschickt, 0 Antworten");
    expect(page.body).toContain("Alle Anwesenden haben ihren Link bekommen.");
  });
});

describe("answering", () => {
  it("shows the form without JavaScript and refuses bad values in German beside the field (422)", async () => {
    const [link] = await surveyLinks(t.platform, person(0).email);
    const client = new SurveyClient(t.app);
    const page = await client.open(link as string);
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.body).toContain('<form action="/umfrage" method="post"');
    expect(page.body).toContain("Sprachförderung im Alltag");
    expect(page.body).toContain("1 – sehr unzufrieden");

    const bad = await client.post({ t: tokenOfLink(link as string), ...full, "q-overall": "7", "q-workshop": "nope" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Bitte wählen Sie einen Wert von 1 bis 5.");
    expect(bad.body).toContain("Bitte wählen Sie eine der angebotenen Antworten.");
    const missing = await client.post({ t: tokenOfLink(link as string), "q-content": "4" });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Bitte beantworten Sie diese Frage.");
    expect(missing.body).toContain('value="4" checked');
    expect(await db().selectFrom("survey_answers").selectAll().execute()).toHaveLength(0);
  });

  it("stores one answer per link: the second post is refused with 409 and a German message", async () => {
    const [link] = await surveyLinks(t.platform, person(0).email);
    const client = new SurveyClient(t.app);
    await client.open(link as string);
    const token = tokenOfLink(link as string);
    const ok = await client.post({
      t: token,
      ...full,
      "q-workshop": ev.workshops[0] as string,
      "q-takeaway": "Mehr Bewegung im Alltag",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/umfrage/danke");
    const again = await client.post({ t: token, ...full });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Mit diesem Link wurde bereits geantwortet");
    const reopened = await client.open(link as string);
    expect(reopened.statusCode).toBe(409);
    expect(reopened.body).toContain("Mit diesem Link wurde bereits geantwortet");
    expect(await db().selectFrom("survey_answers").selectAll().execute()).toHaveLength(1);
  });

  it("two posts of one link at once store one answer", async () => {
    const [link] = await surveyLinks(t.platform, person(2).email);
    const client = new SurveyClient(t.app);
    await client.open(link as string);
    const token = tokenOfLink(link as string);
    const results = await Promise.all([client.post({ t: token, ...full }), client.post({ t: token, ...full })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    expect(await db().selectFrom("survey_answers").selectAll().execute()).toHaveLength(2);
  });

  it("a person not present has no link: their registration link or a made-up one is refused (404, in German)", async () => {
    const client = new SurveyClient(t.app);
    const manage = manageTokenFor(t.platform.config.sessionSecret, person(1).id);
    for (const token of [manage, "erfunden", "x".repeat(54)]) {
      const res = await client.open(`/umfrage?t=${encodeURIComponent(token)}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("Diesen Umfrage-Link kennen wir nicht");
    }
    const [link] = await surveyLinks(t.platform, person(3).email);
    await client.open(link as string);
    expect((await client.post({ t: manage, ...full })).statusCode).toBe(404);
    expect((await t.app.inject("/umfrage")).statusCode).toBe(404);
  });
});

describe("anonymity", () => {
  it("stores answers with a random id, the Fachtag and the answers only; tokens with their hash and the Fachtag only", async () => {
    const tables = await db().introspection.getTables();
    const columns = (name: string) =>
      tables
        .find((table) => table.name === name)
        ?.columns.map((c) => c.name)
        .sort();
    expect(columns("survey_answers")).toEqual(["answers", "event_id", "id"]);
    expect(columns("survey_tokens")).toEqual(["event_id", "token_hash"]);
    expect(columns("survey_invitations")).toEqual(["event_id", "registration_id"]);

    const answers = await db().selectFrom("survey_answers").selectAll().execute();
    const registrationIds = ev.people.map((p) => p.id);
    for (const a of answers) {
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(JSON.parse(a.answers)).every((k) => /^[a-z0-9-]+$/.test(k))).toBe(true);
      for (const p of ev.people) {
        expect(a.answers).not.toContain(p.email);
        expect(a.answers).not.toContain(p.lastName);
        expect(a.answers).not.toContain(p.id);
      }
    }
    // The used links are gone; the unused ones are hashes with nothing of the person.
    const tokens = await db().selectFrom("survey_tokens").selectAll().execute();
    expect(tokens).toHaveLength(2);
    for (const i of [0, 2]) {
      const [link] = await surveyLinks(t.platform, person(i).email);
      expect(tokens.map((r) => r.token_hash)).not.toContain(hashToken(tokenOfLink(link as string)));
    }
    for (const row of tokens) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(registrationIds.some((id) => row.token_hash.includes(id))).toBe(false);
    }
    // No id or hash shared between an answer and anything else.
    const invitations = await db().selectFrom("survey_invitations").selectAll().execute();
    const others = new Set([...tokens.map((r) => r.token_hash), ...invitations.map((r) => r.registration_id)]);
    for (const a of answers) expect(others.has(a.id)).toBe(false);
  });

  it("no request log line holds the token, the answer or its id", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    const platform = await createPlatform(t.config, modules, {
      ...(t.platform.db.schema ? { schema: t.platform.db.schema } : {}),
      logger: pino({ level: "info" }, sink),
    });
    const app = await buildApp({ platform, modules });
    try {
      const [link] = await surveyLinks(platform, person(3).email);
      const token = tokenOfLink(link as string);
      const client = new SurveyClient(app);
      expect((await client.open(link as string)).statusCode).toBe(200);
      const posted = await client.post({ t: token, ...full, "q-comments": "Geheimer Kommentar" });
      expect(posted.statusCode).toBe(303);
      const requestLines = lines.filter((l) => l.includes("/umfrage"));
      expect(requestLines.length).toBeGreaterThanOrEqual(2);
      const answer = await platform.db.kysely
        .selectFrom("survey_answers")
        .selectAll()
        .where("answers", "like", "%Geheimer%")
        .executeTakeFirstOrThrow();
      const log = lines.join("\n");
      expect(log).not.toContain(token);
      expect(log).not.toContain(hashToken(token));
      expect(log).not.toContain("Geheimer");
      expect(log).not.toContain(answer.id);
      expect(log).not.toContain(person(3).email);
    } finally {
      await app.close();
      await platform.db.close();
    }
  });
});

describe("results", () => {
  it("shows each question as an SVG chart with its numbers in a table, the mean and the free texts", async () => {
    const page = await organiser.get(`${base()}/ergebnisse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Antworten insgesamt: 3");
    expect(page.body).toMatch(/<svg class="bar-chart" role="img"/);
    expect(page.body).toContain("Antworten auf „Wie zufrieden sind Sie mit dem Fachtag insgesamt?“");
    expect(page.body).toContain("Mittelwert: 5,0");
    expect(page.body).toContain("Mehr Bewegung im Alltag");
    expect(page.body).toContain("Geheimer Kommentar");
    // Per workshop: one answer named it, too few for a mean (it would be that person's rating).
    expect(page.body).toContain("„Wie zufrieden sind Sie mit Ihrem Workshop?“ je Workshop");
    expect(page.body).toContain("erst ab 3 Antworten, zum Schutz der Anonymität");
  });

  it("exports one row per answer as CSV and XLSX, and answers the API as JSON", async () => {
    const csv = await organiser.get(`${base()}/ergebnisse.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("Wie zufrieden sind Sie mit dem Fachtag insgesamt?");
    // One answer named the workshop: too few to show it beside the answers (it would name its author).
    expect(csv.body).not.toContain("Sprachförderung im Alltag");
    const xlsx = await organiser.get(`${base()}/ergebnisse.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");

    const api = await t.app.inject({
      url: `/api/v1/events/${ev.id}/survey/results`,
      headers: { authorization: owner.authorization },
    });
    expect(api.statusCode).toBe(200);
    const json = api.json();
    expect(json.answers).toBe(3);
    const overall = json.questions.find((q: { id: string }) => q.id === "overall");
    expect(overall).toMatchObject({ kind: "scale", answered: 3, mean: 5 });
    expect(overall.counts.find((c: { label: string }) => c.label === "5").count).toBe(3);
    expect((await t.app.inject(`/api/v1/events/${ev.id}/survey/results`)).statusCode).toBe(401);
  });

  it("surveyScores gives the overall mean per Fachtag for reports", async () => {
    expect(await surveyScores(db(), [ev.id, "unknown"])).toEqual([{ eventId: ev.id, answers: 3, overall: 5 }]);
  });
});

describe("the questionnaire", () => {
  it("is locked once answers are in (409), and editable before, with German messages for bad questions", async () => {
    const locked = await organiser.submit(base(), `${base()}/fragen`, { kind: "text", text: "Noch eine Frage?" });
    expect(locked.statusCode).toBe(409);
    expect(locked.body).toContain("Der Fragebogen lässt sich nicht mehr ändern");
    expect((await organiser.get(`${base()}/fragen/overall`)).statusCode).toBe(409);

    const fresh = await attendedFachtag(t.platform, { createdBy: owner.id, people: [{ present: true }] });
    const freshBase = `/verwaltung/fachtage/${fresh.id}/umfrage`;
    const one = await organiser.submit(freshBase, `${freshBase}/fragen`, {
      kind: "single",
      text: "Wie sind Sie angereist?",
      options: "Bus",
    });
    expect(one.statusCode).toBe(422);
    expect(one.body).toContain("Bitte geben Sie mindestens zwei Antwortmöglichkeiten an");
    const empty = await organiser.submit(freshBase, `${freshBase}/fragen`, { kind: "nonsense", text: "" });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("Bitte wählen Sie eine Art der Frage.");

    const added = await organiser.submit(freshBase, `${freshBase}/fragen`, {
      kind: "multiple",
      text: "Wie sind Sie angereist?",
      options: "Bus\nBahn\nRad",
      required: "on",
    });
    expect(added.statusCode).toBe(303);
    const page = await organiser.get(freshBase);
    expect(page.body).toContain("Wie sind Sie angereist?");
    expect(page.body).toContain("Bus · Bahn · Rad");
    expect(page.body).toContain("Standardfragebogen wiederherstellen");
    // Changing a question keeps its place and id; a bad change says why beside the field.
    const edit = await organiser.get(`${freshBase}/fragen/takeaway`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain("Was nehmen Sie in Ihre Arbeit mit?");
    const blank = await organiser.submit(`${freshBase}/fragen/takeaway`, `${freshBase}/fragen/takeaway`, {
      kind: "text",
      text: "",
    });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain("Frage ändern");
    const saved = await organiser.submit(`${freshBase}/fragen/takeaway`, `${freshBase}/fragen/takeaway`, {
      kind: "text",
      text: "Was probieren Sie als Erstes aus?",
    });
    expect(saved.statusCode).toBe(303);
    const changed = (await organiser.get(freshBase)).body;
    expect(changed).toContain("Was probieren Sie als Erstes aus?");
    expect(changed).not.toContain("Was nehmen Sie in Ihre Arbeit mit?");
    expect((await organiser.get(`${freshBase}/fragen/unbekannt`)).statusCode).toBe(404);
    // Deleting the first question (the overall rating) and getting the default back.
    const removed = await organiser.submit(freshBase, `${freshBase}/fragen/overall/loeschen`, {});
    expect(removed.statusCode).toBe(303);
    expect((await organiser.get(freshBase)).body).not.toContain("mit dem Fachtag insgesamt?");
    await organiser.submit(freshBase, `${freshBase}/standard`, {});
    const reset = (await organiser.get(freshBase)).body;
    expect(reset).toContain("mit dem Fachtag insgesamt?");
    expect(reset).not.toContain("Wie sind Sie angereist?");
  });

  it("sends no links before the Fachtag is over (409)", async () => {
    const future = await attendedFachtag(t.platform, {
      createdBy: owner.id,
      people: [{ present: true }],
      startsInDays: 5,
    });
    const futureBase = `/verwaltung/fachtage/${future.id}/umfrage`;
    expect((await organiser.get(futureBase)).body).toContain("nach dem Ende des Fachtags verschickt werden");
    const res = await organiser.submit(futureBase, `${futureBase}/senden`, {});
    expect(res.statusCode).toBe(409);
  });
});

describe("sending by itself", () => {
  it("mails the links the set number of days after the end, to everybody present, once", async () => {
    const past = await attendedFachtag(t.platform, {
      createdBy: owner.id,
      people: [{ present: true }, { present: true }, { present: false }],
      startsInDays: -3,
    });
    const pastBase = `/verwaltung/fachtage/${past.id}/umfrage`;
    const page = (await organiser.get(pastBase)).body;
    expect(page).toContain('name="autoSendDays"');
    expect(page).toContain('value="1"');
    expect(page).toContain("Die Links gehen am ");

    const saved = await organiser.submit(pastBase, `${pastBase}/automatisch`, { autoSendDays: "2" });
    expect(saved.statusCode).toBe(303);
    const ends = Date.parse(
      (await db().selectFrom("events").select("ends_at").where("id", "=", past.id).executeTakeFirstOrThrow()).ends_at,
    );
    const day = 86_400_000;
    // Other Fachtage of this file may be due as well: count only this one's mails.
    const linksOfPast = async () =>
      (await Promise.all(past.people.map((p) => surveyLinks(t.platform, p.email)))).map((l) => l.length);
    await sendDue(t.platform, new Date(ends + day + 3_600_000));
    expect(await linksOfPast()).toEqual([0, 0, 0]);
    await sendDue(t.platform, new Date(ends + 2 * day + 60_000));
    expect(await linksOfPast()).toEqual([1, 1, 0]);
    await sendDue(t.platform, new Date(ends + 3 * day));
    expect(await linksOfPast()).toEqual([1, 1, 0]);
  });

  it("0 switches it off; other values are refused in German beside the field (422)", async () => {
    const past = await attendedFachtag(t.platform, {
      createdBy: owner.id,
      people: [{ present: true }],
      startsInDays: -2,
    });
    const pastBase = `/verwaltung/fachtage/${past.id}/umfrage`;
    for (const bad of ["viele", "61", "-1", "1.5"]) {
      const res = await organiser.submit(pastBase, `${pastBase}/automatisch`, { autoSendDays: bad });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain("Bitte geben Sie eine ganze Zahl von 0 bis 60 ein.");
    }
    await organiser.submit(pastBase, `${pastBase}/automatisch`, { autoSendDays: "0" });
    expect((await organiser.get(pastBase)).body).toContain("Der automatische Versand ist ausgeschaltet");
    await sendDue(t.platform, new Date(Date.now() + 30 * 86_400_000));
    expect(await surveyLinks(t.platform, (past.people[0] as { email: string }).email)).toEqual([]);
  });
});

describe("retention", () => {
  it("removes the unused links and who was sent one; the anonymous answers stay", async () => {
    const before = await db().selectFrom("survey_answers").selectAll().where("event_id", "=", ev.id).execute();
    const answers = await db()
      .transaction()
      .execute((trx) =>
        t.platform.hooks.emit("retention.anonymiseEvent", { eventId: ev.id }, { platform: t.platform, db: trx }),
      );
    expect(answers).toContainEqual({ surveyLinks: 1, surveyInvitations: 4 });
    expect(await db().selectFrom("survey_tokens").selectAll().where("event_id", "=", ev.id).execute()).toEqual([]);
    expect(await db().selectFrom("survey_invitations").selectAll().where("event_id", "=", ev.id).execute()).toEqual([]);
    expect(await db().selectFrom("survey_answers").selectAll().where("event_id", "=", ev.id).execute()).toEqual(before);
  });
});
