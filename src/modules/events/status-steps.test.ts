import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import type { Actor } from "../../platform/auth/actor.js";
import { anonymous } from "../../platform/auth/actor.js";
import { toEventView } from "./event-views.js";
import { changeEventStatus, createEvent, nextStatuses, statusSteps } from "./events.service.js";
import type { EventStatus } from "./tables.js";

// The status buttons offer only the steps that make sense now, each with what it does;
// the service accepts exactly those.

const now = new Date("2027-03-01T12:00:00Z");
interface Dates {
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
}
const future: Dates = {
  startsAt: "2027-03-12T08:00:00.000Z",
  endsAt: "2027-03-12T14:00:00.000Z",
  registrationOpensAt: null,
  registrationClosesAt: null,
};
const past = { ...future, startsAt: "2027-02-12T08:00:00.000Z", endsAt: "2027-02-12T14:00:00.000Z" };
const today = { ...future, startsAt: "2027-03-01T08:00:00.000Z", endsAt: "2027-03-01T15:00:00.000Z" };
const steps = (status: EventStatus, dates: Dates = future) => nextStatuses({ status, ...dates }, now);

describe("nextStatuses: the state rule", () => {
  it.each<[string, EventStatus, Dates, EventStatus[]]>([
    ["a draft is published (not cancelled: it is deleted)", "draft", future, ["published"]],
    ["published, registration open: close it or cancel", "published", future, ["registration_closed", "cancelled"]],
    ["registration open: no 'öffnen' again", "registration_open", future, ["registration_closed", "cancelled"]],
    ["closed by hand: reopen or cancel", "registration_closed", future, ["registration_open", "cancelled"]],
    ["running today: held, still cancellable", "published", today, ["held", "cancelled"]],
    ["over: only held", "registration_closed", past, ["held"]],
    ["held: documented", "held", past, ["documented"]],
    ["documented: back to held", "documented", past, ["held"]],
    ["cancelled: nothing", "cancelled", future, []],
  ])("%s", (_label, status, dates, expected) => {
    expect(steps(status, dates)).toEqual(expected);
  });

  it("registration not yet open, or its deadline passed: no 'öffnen' (it would change nothing)", () => {
    const notYet = { ...future, registrationOpensAt: "2027-03-05T08:00:00.000Z" };
    expect(steps("published", notYet)).toEqual(["cancelled"]);
    const deadline = { ...future, registrationClosesAt: "2027-02-20T08:00:00.000Z" };
    expect(steps("registration_closed", deadline)).toEqual(["cancelled"]);
  });
});

let t: TestApp;
let owner: Actor;
let other: Actor;

beforeAll(async () => {
  t = await createTestApp();
  const actorOf = async (role: "editor" | "member") => {
    const u = await createUserWithToken(t.platform, role);
    return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" } as Actor;
  };
  owner = await actorOf("editor");
  other = await actorOf("editor");
});
afterAll(async () => t?.close());

const input = (over: Record<string, unknown> = {}) => ({
  title: "Schritte",
  startsAt: "2030-03-12T08:00:00.000Z",
  endsAt: "2030-03-12T14:00:00.000Z",
  venue: { name: "Kreishaus" },
  capacity: 20,
  ...over,
});

describe("statusSteps and the service", () => {
  it("offers steps only to those who may manage the Fachtag", async () => {
    const event = await createEvent(t.platform, owner, input({ status: "published" }));
    expect(statusSteps(owner, event)).toEqual(["registration_closed", "cancelled"]);
    expect(statusSteps(other, event)).toEqual([]);
    expect(statusSteps(anonymous, event)).toEqual([]);
  });

  it("refuses what is not offered: 'durchgeführt' before the date, 'absagen' on a draft (409)", async () => {
    const draft = await createEvent(t.platform, owner, input());
    await expect(changeEventStatus(t.platform, owner, draft.id, "cancelled")).rejects.toMatchObject({ status: 409 });
    const published = await changeEventStatus(t.platform, owner, draft.id, "published");
    await expect(changeEventStatus(t.platform, owner, published.id, "held")).rejects.toMatchObject({ status: 409 });
    await expect(changeEventStatus(t.platform, owner, published.id, "registration_open")).rejects.toMatchObject({
      status: 409,
    });
  });

  it("the edit page shows exactly the offered steps, each described by its hint", async () => {
    const browser = new Browser(t.app);
    const user = await signInAs(t.platform, browser, "editor");
    const mine: Actor = { kind: "user", id: user.id, email: user.email, name: "e", role: "editor", via: "session" };
    const draft = await createEvent(t.platform, mine, input({ title: "Mein Entwurf" }));
    const buttons = (html: string) =>
      [...html.matchAll(/aria-describedby="(schritt-[a-z_]+)"/g)].map((m) => m[1] as string).sort();
    const page = (await browser.get(`/verwaltung/fachtage/${draft.id}`)).body;
    expect(buttons(page)).toEqual(["schritt-loeschen", "schritt-published"]);
    expect(page).not.toContain("Fachtag absagen");
    expect(page).toContain('id="schritt-published"');
    expect(page).toContain("erscheint im Kalender");

    await changeEventStatus(t.platform, mine, draft.id, "published");
    const open = (await browser.get(`/verwaltung/fachtage/${draft.id}`)).body;
    expect(buttons(open)).toEqual(["schritt-cancelled", "schritt-registration_closed"]);
    expect(open).not.toContain("Anmeldung wieder öffnen");
    expect(open).not.toContain("durchgeführt");

    await changeEventStatus(t.platform, mine, draft.id, "registration_closed");
    const closed = (await browser.get(`/verwaltung/fachtage/${draft.id}`)).body;
    expect(buttons(closed)).toEqual(["schritt-cancelled", "schritt-registration_open"]);

    const row = await t.platform.db.kysely
      .selectFrom("events")
      .selectAll()
      .where("id", "=", draft.id)
      .executeTakeFirstOrThrow();
    // The same Fachtag after its day: only "durchgeführt".
    expect(nextStatuses(toEventView(row), new Date("2030-03-13T00:00:00Z"))).toEqual(["held"]);
  });
});
