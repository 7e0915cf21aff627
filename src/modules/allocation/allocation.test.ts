import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { manageTokenFor } from "../registrations/tokens.js";
import { preferenceFachtag, registerWithWishes } from "./test-fixtures.js";

// The allocation through its API and pages, as an organiser and a participant notice it:
// the same seed gives the same result, capacities hold after publishing (also with
// places made by hand), everybody is e-mailed, and the manage page explains the result.

let t: TestApp;
let editor: { id: string; authorization: string };
let otherEditor: { authorization: string };
let member: { authorization: string };
let admin: { authorization: string };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  editor = await createUserWithToken(t.platform, "editor");
  otherEditor = await createUserWithToken(t.platform, "editor");
  member = await createUserWithToken(t.platform, "member");
  admin = await createUserWithToken(t.platform, "admin");
});

afterAll(async () => {
  await t?.close();
});

const api = (method: "GET" | "POST", url: string, who: { authorization: string } | undefined, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    ...(who ? { headers: { authorization: who.authorization } } : {}),
  });

type Who = { authorization: string } | null;
const run = (eventId: string, body?: unknown, who: Who = editor) =>
  api("POST", `/api/v1/events/${eventId}/allocation`, who ?? undefined, body);
const publish = (eventId: string, who: Who = editor) =>
  api("POST", `/api/v1/events/${eventId}/allocation/publish`, who ?? undefined);

async function placementsOfLatestRun(eventId: string) {
  const runRow = await t.platform.db.kysely
    .selectFrom("allocation_runs")
    .select("id")
    .where("event_id", "=", eventId)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const rows = await t.platform.db.kysely
    .selectFrom("allocation_placements")
    .select(["registration_id", "slot", "session_id", "rank"])
    .where("run_id", "=", runRow.id)
    .orderBy("registration_id")
    .orderBy("slot")
    .execute();
  return rows.map((r) => ({ ...r, rank: r.rank === null ? null : Number(r.rank) }));
}

const outbox = (to: string) =>
  t.platform.db.kysely.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", to).execute();

/** Two slots, three workshops each: "A" is popular (2 places), the others have 3. */
async function busyFachtag(people: number) {
  const ev = await preferenceFachtag(t.platform, {
    createdBy: editor.id,
    capacity: 40,
    workshops: [
      { title: "Sprache A", capacity: 2, slot: 0 },
      { title: "Bewegung B", capacity: 3, slot: 0 },
      { title: "Musik C", capacity: 3, slot: 0 },
      { title: "Natur D", capacity: 2, slot: 1 },
      { title: "Medien E", capacity: 3, slot: 1 },
      { title: "Kunst F", capacity: null, slot: 1 },
    ],
  });
  const [a, b, c, d, e, f] = ev.workshops as [string, string, string, string, string, string];
  const people_: { id: string; email: string; wishes: string[][] }[] = [];
  for (let i = 0; i < people; i++) {
    // Everybody wants A and D first; some have only one wish, so not all can be placed.
    const wishes =
      i % 3 === 0
        ? [[a], [d, e, f]]
        : [
            [a, b, c],
            [d, e],
          ];
    people_.push({ ...(await registerWithWishes(t.platform, ev, wishes)), wishes });
  }
  return { ev, ids: { a, b, c, d, e, f }, people: people_ };
}

describe("running the allocation", () => {
  it("gives the same placements for the same seed, and shows the seed", async () => {
    const { ev } = await busyFachtag(9);
    const first = await run(ev.id, { seed: 123456 });
    expect(first.statusCode).toBe(200);
    const summary = first.json();
    expect(summary).toMatchObject({ seed: 123456 });
    expect(summary.assigned + summary.unassigned).toBe(18);
    expect(Object.values(summary.byRank as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(summary.assigned);
    const placements = await placementsOfLatestRun(ev.id);
    const again = await run(ev.id, { seed: 123456 });
    expect(again.json()).toEqual(summary);
    expect(await placementsOfLatestRun(ev.id)).toEqual(placements);
    // Only the newest draft is kept.
    const runs = await t.platform.db.kysely
      .selectFrom("allocation_runs")
      .select("id")
      .where("event_id", "=", ev.id)
      .execute();
    expect(runs).toHaveLength(1);

    const page = await t.app.inject({
      url: `/verwaltung/fachtage/${ev.id}/zuteilung`,
      headers: { authorization: editor.authorization },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Startwert 123456 – mit demselben Startwert ergibt sich dieselbe Zuteilung.");
  });

  it("picks and stores a seed when none is given", async () => {
    const { ev } = await busyFachtag(3);
    const res = await run(ev.id);
    expect(res.statusCode).toBe(200);
    const seed = res.json().seed as number;
    expect(Number.isInteger(seed)).toBe(true);
    const stored = await t.platform.db.kysely
      .selectFrom("allocation_runs")
      .select("seed")
      .where("event_id", "=", ev.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.seed)).toBe(seed);
  });

  it("places at most one wished workshop per slot and never more than its places", async () => {
    const { ev, ids, people } = await busyFachtag(12);
    expect((await run(ev.id, { seed: 7 })).statusCode).toBe(200);
    const capacity: Record<string, number> = {
      [ids.a]: 2,
      [ids.b]: 3,
      [ids.c]: 3,
      [ids.d]: 2,
      [ids.e]: 3,
      [ids.f]: 40,
    };
    const rows = await placementsOfLatestRun(ev.id);
    for (const r of rows.filter((x) => x.session_id)) {
      const person = people.find((p) => p.id === r.registration_id);
      const slotIndex = ev.slotKeys.indexOf(r.slot);
      expect(person?.wishes[slotIndex]?.indexOf(r.session_id ?? "")).toBe((r.rank ?? 0) - 1);
    }
    const per = new Map<string, number>();
    for (const r of rows) if (r.session_id) per.set(r.session_id, (per.get(r.session_id) ?? 0) + 1);
    for (const [id, n] of per) expect(n).toBeLessThanOrEqual(capacity[id] ?? 0);
    // A (2 places) is everybody's first wish: exactly 2 get it; people with only A go without.
    expect(per.get(ids.a)).toBe(2);
    expect(rows.filter((r) => !r.session_id).length).toBeGreaterThan(0);
  });
});

describe("publishing", () => {
  it("writes the workshops, keeps capacity with a place made by hand, and e-mails placed and unplaced", async () => {
    const { ev, ids, people } = await busyFachtag(12);
    expect((await run(ev.id, { seed: 99 })).statusCode).toBe(200);
    const before = await placementsOfLatestRun(ev.id);
    const unplaced = before.filter((r) => !r.session_id);
    // Slot 1: D and E are full, Kunst F (limited only by the Fachtag) has places left.
    const slot0Unplaced = unplaced.find((r) => r.slot === ev.slotKeys[1]);
    expect(slot0Unplaced).toBeDefined();

    // By hand into the full workshop D: refused, beside the field, nothing changed.
    const desk = `/verwaltung/fachtage/${ev.id}/zuteilung`;
    const { FormClient } = await import("../registrations/test-http.js");
    const browser = new FormClient(t.app, editor.authorization);
    const full = await browser.submit(desk, `${desk}/platz`, {
      registrationId: slot0Unplaced?.registration_id ?? "",
      slot: slot0Unplaced?.slot ?? "",
      sessionId: ids.d,
    });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain("Dieser Workshop hat keinen freien Platz mehr.");
    // …into F, which has places left: done.
    const free = await browser.submit(desk, `${desk}/platz`, {
      registrationId: slot0Unplaced?.registration_id ?? "",
      slot: slot0Unplaced?.slot ?? "",
      sessionId: ids.f,
    });
    expect(free.statusCode).toBe(303);

    const published = await publish(ev.id);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ seed: 99, publishedAt: expect.any(String) });

    const list = (await api("GET", `/api/v1/events/${ev.id}/registrations`, editor)).json() as {
      id: string;
      email: string;
      workshopIds: string[];
    }[];
    const capacity: Record<string, number> = {
      [ids.a]: 2,
      [ids.b]: 3,
      [ids.c]: 3,
      [ids.d]: 2,
      [ids.e]: 3,
      [ids.f]: 40,
    };
    const per = new Map<string, number>();
    for (const r of list) for (const w of r.workshopIds) per.set(w, (per.get(w) ?? 0) + 1);
    for (const [id, n] of per) expect(n, id).toBeLessThanOrEqual(capacity[id] ?? 0);
    const handPlaced = list.find((r) => r.id === slot0Unplaced?.registration_id);
    expect(handPlaced?.workshopIds).toContain(ids.f);
    for (const r of list) {
      const p = people.find((x) => x.id === r.id);
      const slot0 = r.workshopIds.filter((w) => [ids.a, ids.b, ids.c].includes(w));
      const slot1 = r.workshopIds.filter((w) => [ids.d, ids.e, ids.f].includes(w));
      expect(slot0.length).toBeLessThanOrEqual(1);
      expect(slot1.length).toBeLessThanOrEqual(1);
      if (r.id !== handPlaced?.id) for (const w of slot1) expect(p?.wishes[1]).toContain(w);
    }

    // Everybody got one mail: the placed with their workshops, the unplaced that a place is sought.
    for (const p of people) {
      const mails = await outbox(p.email);
      const allocationMails = mails.filter((m) => m.subject.includes("Workshop"));
      expect(allocationMails, p.email).toHaveLength(1);
    }
    const stillUnplaced = before.find((r) => !r.session_id && r.registration_id !== slot0Unplaced?.registration_id);
    const person = people.find((p) => p.id === stillUnplaced?.registration_id);
    const [mail] = (await outbox(person?.email ?? "")).filter((m) => m.subject.includes("Workshop"));
    expect(mail?.text_body).toContain("das Organisationsteam meldet sich bei Ihnen");
    const placedPerson = list.find((r) => r.workshopIds.includes(ids.a));
    const [placedMail] = (await outbox(placedPerson?.email ?? "")).filter((m) => m.subject.includes("Workshop"));
    expect(placedMail?.subject).toContain("Ihre Workshops");
    expect(placedMail?.text_body).toContain("Sprache A");
    expect(placedMail?.text_body).toContain("/anmeldung/");

    // The participant's page explains the result in one sentence per slot.
    const token = manageTokenFor(t.config.sessionSecret, placedPerson?.id ?? "");
    const manage = await t.app.inject({ url: `/anmeldung/${token}` });
    expect(manage.body).toContain("Ihre Workshops");
    expect(manage.body).toContain("Sie haben Ihren 1. Wunsch erhalten.");
    const lower = before.find((r) => (r.rank ?? 0) >= 2 && r.slot === ev.slotKeys[1]);
    expect(lower).toBeDefined();
    const lowerPage = await t.app.inject({
      url: `/anmeldung/${manageTokenFor(t.config.sessionSecret, lower?.registration_id ?? "")}`,
    });
    // Natur D (2 places) was the first wish of all 12.
    expect(lowerPage.body).toContain(
      `Sie haben Ihren ${lower?.rank}. Wunsch erhalten: Ihr 1. Wunsch hatte 12 Anmeldungen für 2 Plätze.`,
    );
    const nonePage = await t.app.inject({
      url: `/anmeldung/${manageTokenFor(t.config.sessionSecret, person?.id ?? "")}`,
    });
    expect(nonePage.body).toContain(
      "Für dieses Zeitfenster war keiner Ihrer Wünsche frei; das Organisationsteam meldet sich bei Ihnen.",
    );
    const handPage = await t.app.inject({
      url: `/anmeldung/${manageTokenFor(t.config.sessionSecret, slot0Unplaced?.registration_id ?? "")}`,
    });
    expect(handPage.body).toContain("Das Organisationsteam hat Ihnen diesen Platz zugeteilt.");

    // Published: a new run is refused, and so is a second publish.
    const rerun = await run(ev.id, { seed: 1 });
    expect(rerun.statusCode).toBe(409);
    expect(rerun.json()).toMatchObject({ code: "allocation_published" });
    expect(rerun.json().detail).toContain("bereits veröffentlicht");
    expect((await publish(ev.id)).json()).toMatchObject({ code: "allocation_published" });
  });

  it("says how many registrations came after the run", async () => {
    const { ev, ids } = await busyFachtag(3);
    expect((await run(ev.id, { seed: 5 })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await registerWithWishes(t.platform, ev, [[ids.b], [ids.e]]);
    const page = await t.app.inject({
      url: `/verwaltung/fachtage/${ev.id}/zuteilung`,
      headers: { authorization: editor.authorization },
    });
    expect(page.body).toContain("3 Anmeldungen seit der letzten Zuteilung – bitte neu berechnen.");
  });
});

describe("after publishing", () => {
  it("places by hand in one step: the registration, the record and a mail to the person, or nothing", async () => {
    const { ev, ids, people } = await busyFachtag(12);
    expect((await run(ev.id, { seed: 99 })).statusCode).toBe(200);
    const unplaced = (await placementsOfLatestRun(ev.id)).find((r) => !r.session_id && r.slot === ev.slotKeys[1]);
    expect(unplaced).toBeDefined();
    const person = people.find((p) => p.id === unplaced?.registration_id);
    expect((await publish(ev.id)).statusCode).toBe(200);
    const handMails = async () =>
      (await outbox(person?.email ?? "")).filter((m) => m.subject.startsWith("Ihr Workshopplatz"));

    const desk = `/verwaltung/fachtage/${ev.id}/zuteilung`;
    const { FormClient } = await import("../registrations/test-http.js");
    const browser = new FormClient(t.app, editor.authorization);
    const place = (sessionId: string) =>
      browser.submit(desk, `${desk}/platz`, {
        registrationId: unplaced?.registration_id ?? "",
        slot: unplaced?.slot ?? "",
        sessionId,
      });
    // Natur D is full: refused beside the field, no record, no mail.
    const full = await place(ids.d);
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain("ausgebucht");
    expect(await handMails()).toHaveLength(0);
    expect(
      (await placementsOfLatestRun(ev.id)).find((r) => r.registration_id === person?.id && r.slot === unplaced?.slot),
    ).toMatchObject({ session_id: null });

    expect((await place(ids.f)).statusCode).toBe(303);
    const mails = await handMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text_body).toContain("wir haben einen Workshopplatz für Sie gefunden");
    expect(mails[0]?.text_body).toContain("Kunst F");
    const list = (await api("GET", `/api/v1/events/${ev.id}/registrations`, editor)).json() as {
      id: string;
      workshopIds: string[];
    }[];
    expect(list.find((r) => r.id === person?.id)?.workshopIds).toContain(ids.f);
    const page = await t.app.inject({ url: desk, headers: { authorization: editor.authorization } });
    expect(page.body).toContain("Kunst F (von Hand)");
    const manage = await t.app.inject({
      url: `/anmeldung/${manageTokenFor(t.config.sessionSecret, person?.id ?? "")}`,
    });
    expect(manage.body).toContain("Das Organisationsteam hat Ihnen diesen Platz zugeteilt.");
  });
});

describe("an out-of-date draft", () => {
  it("is not published while it passes over later registrations or changed wishes", async () => {
    const { ev, ids, people } = await busyFachtag(4);
    expect((await run(ev.id, { seed: 3 })).statusCode).toBe(200);
    const late = [
      await registerWithWishes(t.platform, ev, [[ids.b], [ids.e]]),
      await registerWithWishes(t.platform, ev, [[ids.c], [ids.f]]),
    ];
    const refused = await publish(ev.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "allocation_outdated" });
    expect(refused.json().detail).toBe(
      "Seit der Berechnung haben sich 2 Personen angemeldet oder ihre Wünsche geändert – bitte neu berechnen.",
    );
    // Nothing written, nobody mailed.
    const list = (await api("GET", `/api/v1/events/${ev.id}/registrations`, editor)).json() as {
      workshopIds: string[];
    }[];
    expect(list.every((r) => r.workshopIds.length === 0)).toBe(true);
    for (const p of [...people, ...late]) {
      expect((await outbox(p.email)).filter((m) => m.subject.includes("Workshop"))).toHaveLength(0);
    }
    // The confirm step says so and offers no publish button.
    const confirm = await t.app.inject({
      url: `/verwaltung/fachtage/${ev.id}/zuteilung/veroeffentlichen`,
      headers: { authorization: editor.authorization },
    });
    expect(confirm.body).toContain("Seit der Berechnung haben sich 2 Personen angemeldet");
    expect(confirm.body).not.toContain("Zuteilung veröffentlichen und E-Mails senden");

    // Computed again, then one person changes a wish: refused again, for that one person.
    expect((await run(ev.id, { seed: 3 })).statusCode).toBe(200);
    await t.platform.db.kysely
      .updateTable("registration_preferences")
      .set({ session_id: ids.c })
      .where("registration_id", "=", late[0]?.id ?? "")
      .where("session_id", "=", ids.b)
      .execute();
    expect((await publish(ev.id)).json().detail).toBe(
      "Seit der Berechnung hat sich 1 Person angemeldet oder ihre Wünsche geändert – bitte neu berechnen.",
    );
    expect((await run(ev.id, { seed: 3 })).statusCode).toBe(200);
    expect((await publish(ev.id)).statusCode).toBe(200);
  });
});

describe("refusals", () => {
  it("refuses first-come mode, a Fachtag without workshops and publishing nothing, and stores nothing", async () => {
    const { createFachtag } = await import("../registrations/test-fixtures.js");
    const firstCome = await createFachtag(t.platform, {
      createdBy: editor.id,
      workshops: [{ title: "X", capacity: 3 }],
    });
    const res = await run(firstCome.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "not_preference_mode" });
    expect(res.json().detail).toContain("Wunschverfahren");
    const none = await preferenceFachtag(t.platform, { createdBy: editor.id });
    expect((await run(none.id)).json()).toMatchObject({ code: "no_workshops" });
    expect((await publish(none.id)).json()).toMatchObject({ code: "no_allocation", status: 409 });
    const runs = await t.platform.db.kysely
      .selectFrom("allocation_runs")
      .select("id")
      .where("event_id", "in", [firstCome.id, none.id])
      .execute();
    expect(runs).toHaveLength(0);
  });

  it.each([["abc"], [1.5], [-1], [2 ** 32]])("answers 422 for the seed %s", async (seed) => {
    const { ev } = await busyFachtag(1);
    const res = await run(ev.id, { seed });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("validation_failed");
    expect(res.json().detail).toContain("Startwert");
  });

  it("shows a bad seed beside the field on the page", async () => {
    const { ev } = await busyFachtag(1);
    const desk = `/verwaltung/fachtage/${ev.id}/zuteilung`;
    const { FormClient } = await import("../registrations/test-http.js");
    const res = await new FormClient(t.app, editor.authorization).submit(desk, desk, { seed: "12x" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Bitte eine ganze Zahl von 0 bis 4294967295 eingeben.");
    expect(res.body).toContain('id="f-seed-error"');
  });

  it("refuses people who do not manage the Fachtag, and changes nothing", async () => {
    const { ev } = await busyFachtag(2);
    expect((await run(ev.id, { seed: 1 }, null)).statusCode).toBe(401);
    expect((await run(ev.id, { seed: "bad" }, member)).statusCode).toBe(403);
    expect((await run(ev.id, { seed: 1 }, otherEditor)).statusCode).toBe(403);
    expect((await publish(ev.id, otherEditor)).statusCode).toBe(403);
    expect((await run("unknown-id", { seed: 1 }, admin)).statusCode).toBe(404);
    const runs = await t.platform.db.kysely
      .selectFrom("allocation_runs")
      .select("id")
      .where("event_id", "=", ev.id)
      .execute();
    expect(runs).toHaveLength(0);
    expect((await run(ev.id, { seed: 1 }, admin)).statusCode).toBe(200);
  });
});
