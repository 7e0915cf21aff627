import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor, UserActor } from "../../platform/auth/actor.js";
import { adminActor, makeOrg } from "../directory/test-fixtures.js";
import { createCooperation } from "../network/index.js";
import { getReport, getSummary, previousPeriod, resolvePeriod } from "./reports.service.js";
import { addPair, addPeople, addPost, addSurveyAnswers, fachtagOn, publishedRun } from "./test-fixtures.js";

// Every figure of the dashboard on a hand-made data set, counted by hand:
// 2025: Fachtag A (owner E1) and B (E2), both with check-in; 2024: C (E1); 2023: D (nobody's)
// without check-in; a draft and a cancelled one in 2025 that never count. Four
// organisations, three cooperations (one of them ended on 31.08.2025).

let t: TestApp;
let admin: UserActor;
let e1: Actor;
let e2: Actor;
let eventA: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminActor(t.platform);
  e1 = await userActor(t.platform, "editor");
  e2 = await userActor(t.platform, "editor");
  const id = (a: Actor) => (a.kind === "user" ? a.id : null);

  const kita = await makeOrg(t.platform, admin, {
    name: "Kita Sonnenschein",
    kind: "kita",
    areas: ["fruehkindlich"],
    municipality: "Celle",
  });
  const grund = await makeOrg(t.platform, admin, {
    name: "Grundschule Altencelle",
    kind: "grundschule",
    areas: ["schule"],
    municipality: "Celle",
  });
  const ober = await makeOrg(t.platform, admin, {
    name: "Oberschule Bergen",
    kind: "oberschule",
    areas: ["schule"],
    municipality: "Bergen",
  });
  const verein = await makeOrg(t.platform, admin, {
    name: "Heimatverein Wietze",
    kind: "verein",
    areas: ["non_formal"],
    municipality: "Wietze",
  });

  const a = await fachtagOn(t.platform, "2025-03-10", { createdBy: id(e1), workshops: 1 });
  eventA = a.id;
  const b = await fachtagOn(t.platform, "2025-09-15", { createdBy: id(e2) });
  const c = await fachtagOn(t.platform, "2024-05-05", { createdBy: id(e1) });
  const draft = await fachtagOn(t.platform, "2025-06-01", { createdBy: id(e1), status: "draft" });
  const cancelled = await fachtagOn(t.platform, "2025-06-02", { createdBy: id(e1), status: "cancelled" });

  const placedA = await addPeople(t.platform, a.id, [
    { present: true, kind: "kita", municipality: "Celle", role: "Erzieherin", organisationId: kita.id },
    { present: true, kind: "kita", municipality: "Celle", role: "Erzieherin", organisationId: kita.id },
    { present: true, kind: "kita", municipality: "Hermannsburg", role: "Erzieherin" },
    { present: true, kind: "grundschule", municipality: "Südheide", role: "Lehrkraft" },
    { present: false, kind: "grundschule", municipality: "Celle", role: "Lehrkraft" },
    { present: false },
  ]);
  await addPeople(t.platform, a.id, [
    { status: "pending", kind: "kita" },
    { status: "expired", kind: "kita" },
    { status: "waitlisted", kind: "kita" },
    { status: "waitlisted", kind: "grundschule" },
    { status: "cancelled" },
  ]);
  await addPeople(t.platform, b.id, [
    { present: true, kind: "oberschule", municipality: "Bergen", role: "Schulleitung" },
    { present: false, kind: "oberschule", municipality: "Bergen", role: "Lehrkraft" },
    { present: false, kind: "oberschule", municipality: "Bergen", role: "Lehrkraft" },
    { status: "waitlisted", kind: "oberschule", municipality: "Bergen" },
  ]);
  await addPeople(t.platform, c.id, [
    { present: true, kind: "kita", municipality: "Celle" },
    { present: true, kind: "kita", municipality: "Celle" },
  ]);
  // Nobody was checked in at D: its participants are those confirmed.
  const d = await fachtagOn(t.platform, "2023-10-10");
  await addPeople(t.platform, d.id, [
    { kind: "kita", municipality: "Eschede" },
    { kind: "kita", municipality: "Eschede" },
    { kind: "grundschule", municipality: "Wietze" },
    { status: "cancelled", kind: "grundschule" },
  ]);
  for (const ev of [draft, cancelled]) await addPeople(t.platform, ev.id, [{}, {}, {}, {}, {}]);
  await publishedRun(t.platform, a.id, a.workshops[0] as string, [
    { registrationId: placedA[0] as string, rank: 1, placed: true },
    { registrationId: placedA[1] as string, rank: 1, placed: true },
    { registrationId: placedA[2] as string, rank: 1, placed: true },
    { registrationId: placedA[3] as string, rank: 2, placed: true },
    { registrationId: placedA[4] as string, rank: null, placed: false },
  ]);

  await createCooperation(t.platform, admin, {
    title: "Übergang Kita–Grundschule Altencelle",
    kind: "uebergang_kita_grundschule",
    organisationIds: [kita.id, grund.id],
    startsOn: "2025-04-01",
    originEventId: a.id,
  });
  await createCooperation(t.platform, admin, {
    title: "Lesepaten",
    kind: "projekt",
    organisationIds: [grund.id, ober.id],
    startsOn: "2024-06-01",
  });
  await createCooperation(t.platform, admin, {
    title: "Sprachförderung im Verein",
    kind: "projekt",
    organisationIds: [kita.id, verein.id],
    startsOn: "2023-01-01",
    endsOn: "2025-08-31",
  });

  // The Austausch: the year is Berlin's — 23:30 UTC on 31 December is already 2025 there.
  await addPost(t.platform, { kind: "idea", createdAt: "2024-12-31T23:30:00.000Z" });
  const request2024 = await addPost(t.platform, { kind: "request", createdAt: "2024-12-31T22:30:00.000Z" });
  await addPost(t.platform, { kind: "practice", createdAt: "2025-02-01T10:00:00.000Z" });
  const offer2025 = await addPost(t.platform, { kind: "offer", status: "done", createdAt: "2025-05-01T10:00:00.000Z" });
  // The matching paired the 2025 offer with the 2024 request: each counts in its own year.
  await addPair(t.platform, offer2025, request2024);
  await addPost(t.platform, { kind: "offer", status: "draft", createdAt: "2025-05-02T10:00:00.000Z" });
  await addSurveyAnswers(t.platform, a.id, [4, 5, 3]);
}, 60_000);
afterAll(async () => t?.close());

describe("periods", () => {
  it("resolves a year, a quarter and a custom range, and the period before each", () => {
    expect(resolvePeriod({ year: 2025 })).toMatchObject({ from: "2025-01-01", to: "2025-12-31" });
    expect(resolvePeriod({ year: 2024, quarter: 1 })).toMatchObject({ from: "2024-01-01", to: "2024-03-31" });
    expect(previousPeriod(resolvePeriod({ year: 2025, quarter: 1 }))).toMatchObject({
      from: "2024-10-01",
      to: "2024-12-31",
    });
    expect(previousPeriod(resolvePeriod({ year: 2025 }))).toMatchObject({ from: "2024-01-01", to: "2024-12-31" });
    expect(previousPeriod(resolvePeriod({ from: "2025-03-11", to: "2025-03-20" }))).toMatchObject({
      from: "2025-03-01",
      to: "2025-03-10",
    });
    expect(resolvePeriod({}, "2026-07-04")).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
  });
});

describe("the dashboard's figures (admin, 2025)", () => {
  it("counts Fachtage and registrations: drafts, cancelled Fachtage and expired addresses never count", async () => {
    const r = await getReport(t.platform, admin, { year: 2025 });
    expect(r.allEvents).toBe(true);
    expect(r.current.events).toBe(2);
    expect(r.current.registrations).toEqual({
      total: 14, // A: 6 confirmed + 1 pending + 2 waitlisted + 1 cancelled; B: 3 + 1
      confirmed: 9,
      present: 5,
      noShow: 4,
      heldConfirmed: 9,
      waitlistOnly: 3,
      participants: 5, // both used check-in: the present ones
    });
    expect(r.before.events).toBe(1);
    expect(r.before.registrations).toMatchObject({ total: 2, confirmed: 2, present: 2, noShow: 0 });
    expect(r.current.perYear).toEqual([{ year: 2025, events: 2, confirmed: 9, present: 5, participants: 5 }]);
  });

  it("counts as participants those present where check-in was used, else those confirmed (also filtered)", async () => {
    const r2023 = await getReport(t.platform, admin, { year: 2023 });
    expect(r2023.current.perYear).toEqual([{ year: 2023, events: 1, confirmed: 3, present: 0, participants: 3 }]);
    expect(r2023.current.byKind).toEqual([
      { key: "kita", count: 2 },
      { key: "grundschule", count: 1 },
    ]);
    expect((await getReport(t.platform, admin, { year: 2023, kind: "kita" })).current.registrations.participants).toBe(
      2,
    );
    // At A the entrance checked people in: of its two confirmed Grundschule people only the one present counts.
    const school = await getReport(t.platform, admin, { year: 2025, kind: "grundschule" });
    expect(school.current.registrations).toMatchObject({ confirmed: 2, present: 1, participants: 1 });
    // Of B's Bergen people one was present; filtered to Bergen, A (with check-in, nobody from Bergen) adds 0.
    const bergen = await getReport(t.platform, admin, { year: 2025, municipality: "Bergen" });
    expect(bergen.current.registrations).toMatchObject({ confirmed: 3, participants: 1 });
  });

  it("breaks the participants down by kind, role, area and municipality (every municipality, also with 0)", async () => {
    const r = await getReport(t.platform, admin, { year: 2025 });
    // Participants: A and B checked people in, so only those present (A: 4, B: 1).
    expect(r.current.byKind).toEqual([
      { key: "kita", count: 3 },
      { key: "grundschule", count: 1 },
      { key: "oberschule", count: 1 },
    ]);
    expect(r.current.byRole).toEqual([
      { key: "Erzieherin", count: 3 },
      { key: "Lehrkraft", count: 1 },
      { key: "Schulleitung", count: 1 },
    ]);
    const m = Object.fromEntries(r.current.byMunicipality.map((x) => [x.key, x.count]));
    // Hermannsburg is part of Südheide now.
    expect(m).toMatchObject({ Celle: 2, Südheide: 2, Bergen: 1, Eschede: 0, Wietze: 0 });
    expect(m.ohne_angabe).toBeUndefined();
    expect(r.current.byMunicipality).toHaveLength(21);
    const areas = Object.fromEntries(r.current.byArea.map((x) => [x.key, x.count]));
    expect(areas).toMatchObject({ fruehkindlich: 2, schule: 0, ohne_angabe: 3 });
  });

  it("takes the first-wish rate from published allocations: 3 of 4 placed got their first wish", async () => {
    const r = await getReport(t.platform, admin, { year: 2025 });
    expect(r.current.firstWish).toEqual({ placed: 4, firstWish: 3 });
  });

  it("takes the network from the network's analysis: active, started, started at a Fachtag, isolated, gaps", async () => {
    const r = await getReport(t.platform, admin, { year: 2025 });
    expect(r.network).toMatchObject({
      asOf: "2025-12-31",
      organisations: 4,
      active: 2,
      isolated: 1,
      gaps: { kitaWithoutPrimary: 0, schoolWithoutTransition: 1 },
      starts: { started: 1, startedAtFachtag: 1, perQuarter: [{ quarter: "2025-Q2", started: 1, atFachtag: 1 }] },
    });
    expect(r.previousStarts).toMatchObject({ started: 1, startedAtFachtag: 0 });
  });

  it("shows isolated organisations and gaps over time: 2025 by quarters, from the cooperations' start and end", async () => {
    const r = await getReport(t.platform, admin, { year: 2025 });
    // Q1: Lesepaten and the Verein's project run; the Kita has no Grundschule partner yet.
    // Q2: the Kita–Grundschule cooperation (from 01.04.) runs too. From 01.09. the Verein's project has ended.
    const row = (day: string, active: number, isolated: number, kita: number) => ({
      day,
      active,
      isolated,
      kitaWithoutPrimary: kita,
      schoolWithoutTransition: 1, // the Oberschule: its only partner is a Grundschule
    });
    expect(r.network.overTime).toMatchObject([
      { label: "2025-Q1", ...row("2025-03-31", 2, 0, 1) },
      { label: "2025-Q2", ...row("2025-06-30", 3, 0, 0) },
      { label: "2025-Q3", ...row("2025-09-30", 2, 1, 0) },
      { label: "2025-Q4", ...row("2025-12-31", 2, 1, 0) },
    ]);
    // The last point is the dashboard's "as of" figure itself.
    expect(r.network.isolated).toBe(1);
    // A custom range over years: one point per year, the last cut to the range's end.
    const range = await getReport(t.platform, admin, { from: "2023-06-01", to: "2025-03-31" });
    expect(range.network.overTime.map((x) => [x.label, x.day, x.isolated, x.kitaWithoutPrimary])).toEqual([
      ["2023", "2023-12-31", 2, 1], // only the Verein's project: Grundschule and Oberschule alone, the Kita without one
      ["2024", "2024-12-31", 0, 1],
      ["2025", "2025-03-31", 0, 1],
    ]);
    // A quarter by months.
    const q3 = await getReport(t.platform, admin, { year: 2025, quarter: 3 });
    expect(q3.network.overTime.map((x) => [x.label, x.active])).toEqual([
      ["2025-07", 3],
      ["2025-08", 3],
      ["2025-09", 2],
    ]);
    const celle = r.network.byMunicipality.find((x) => x.key === "Celle");
    expect(celle).toEqual({ key: "Celle", organisations: 2, cooperations: 2 });
    expect(r.network.byMunicipality.find((x) => x.key === "Eschede")).toEqual({
      key: "Eschede",
      organisations: 0,
      cooperations: 0,
    });
  });

  it("filters by municipality, kind and quarter", async () => {
    const celle = await getReport(t.platform, admin, { year: 2025, municipality: "Südheide" });
    expect(celle.current.registrations.confirmed).toBe(2);
    const kita = await getReport(t.platform, admin, { year: 2025, kind: "kita" });
    expect(kita.current.registrations).toMatchObject({ total: 5, confirmed: 3, present: 3, waitlistOnly: 1 });
    const q3 = await getReport(t.platform, admin, { year: 2025, quarter: 3 });
    expect(q3.current.events).toBe(1);
    expect(q3.current.registrations.confirmed).toBe(3);
  });
});

describe("an editor's report holds only their own Fachtage", () => {
  it("E1 sees A (2025) and C (2024), not B", async () => {
    const r = await getReport(t.platform, e1, { year: 2025 });
    expect(r.allEvents).toBe(false);
    expect(r.current.events).toBe(1);
    expect(r.current.registrations).toMatchObject({ total: 10, confirmed: 6, present: 4, noShow: 2, waitlistOnly: 2 });
    expect(r.before.events).toBe(1);
    expect(r.current.firstWish).toEqual({ placed: 4, firstWish: 3 });
  });

  it("E2 sees only B, and no allocation of A", async () => {
    const r = await getReport(t.platform, e2, { year: 2025 });
    expect(r.current.events).toBe(1);
    expect(r.current.registrations).toMatchObject({ total: 4, confirmed: 3, present: 1, waitlistOnly: 1 });
    expect(r.current.firstWish).toEqual({ placed: 0, firstWish: 0 });
    expect(r.before.events).toBe(0);
  });
});

describe("the exchange and the survey in the report", () => {
  it("counts posts made public in the period per kind (Berlin days; drafts never) and offers/requests done", async () => {
    const r = await getReport(t.platform, admin, { year: 2025 });
    expect(r.exchange.byKind).toEqual([
      { key: "idea", count: 1 },
      { key: "experience", count: 0 },
      { key: "practice", count: 1 },
      { key: "offer", count: 1 },
      { key: "request", count: 0 },
    ]);
    expect(r.exchange).toMatchObject({ total: 3, done: 1, matched: 1 });
    expect((await getReport(t.platform, admin, { year: 2024 })).exchange).toMatchObject({
      total: 1,
      done: 0,
      matched: 1,
    });
    expect((await getReport(t.platform, admin, { year: 2023 })).exchange).toMatchObject({ total: 0, matched: 0 });
  });

  it("lists the survey's overall rating of each Fachtag with answers; an editor sees only their own", async () => {
    const r = await getReport(t.platform, admin, { year: 2025 });
    expect(r.scores).toEqual([expect.objectContaining({ eventId: eventA, answers: 3, overall: 4 })]);
    expect((await getReport(t.platform, e2, { year: 2025 })).scores).toEqual([]);
  });
});

describe("the API summary", () => {
  it("has the contract's shape and the same figures as the dashboard", async () => {
    const s = await getSummary(t.platform, admin, { from: "2025-01-01", to: "2025-12-31" });
    expect(s).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
      events: 2,
      registrations: { total: 14, confirmed: 9, present: 5, noShow: 4, waitlistOnly: 3, participants: 5 },
      participantsByKind: { kita: 3, grundschule: 1, oberschule: 1 },
      organisations: 4,
      cooperations: { active: 2, started: 1, startedAtFachtag: 1 },
      posts: { total: 3, done: 1, matched: 1, idea: 1, experience: 0, practice: 1, offer: 1, request: 0 },
    });
    expect(s.participantsByMunicipality).toMatchObject({ Celle: 2, Südheide: 2, Bergen: 1, Eschede: 0 });
    expect(eventA).toBeTruthy();
  });
});
