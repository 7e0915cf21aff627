import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import type { UserActor } from "../../platform/auth/actor.js";
import { createOrganisation, inputFromApi, listOrganisationsForNetwork } from "../directory/index.js";
import { getNetworkAnalysis } from "./analysis.service.js";
import { seedNetworkDemo } from "./demo.js";

let t: TestApp;
let actor: UserActor;

const add = (name: string, kind: string, areas: string[], municipality = "Celle") =>
  createOrganisation(
    t.platform,
    actor,
    inputFromApi({ name, kind, areas, municipality } as Parameters<typeof inputFromApi>[0]),
  );

beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUserWithToken(t.platform, "admin");
  actor = { kind: "user", id: admin.id, email: admin.email, name: "Admin", role: "admin", via: "token" };
  for (let i = 1; i <= 8; i++) await add(`Kita Demo ${i}`, "kita", ["fruehkindlich"], i % 2 ? "Celle" : "Bergen");
  for (let i = 1; i <= 4; i++)
    await add(`Grundschule Demo ${i}`, "grundschule", ["schule"], i % 2 ? "Celle" : "Bergen");
  for (let i = 1; i <= 3; i++) await add(`Oberschule Demo ${i}`, "oberschule", ["schule"]);
  await add("BBS Demo", "berufsbildende_schule", ["beruflich", "uebergang_schule_beruf"]);
  await add("Betrieb Demo", "unternehmen", ["beruflich"]);
  await add("VHS Demo", "erwachsenenbildung", ["weiterbildung"]);
  await add("Bildungsbüro Demo", "verwaltung", ["non_formal"]);
});
afterAll(async () => t?.close());

describe("demo data", () => {
  it("records about 50 cooperations, two networks with minutes, and leaves Kitas without Grundschule", async () => {
    const lines: string[] = [];
    await seedNetworkDemo({ platform: t.platform, announce: (l) => lines.push(l) });
    const db = t.platform.db.kysely;
    const coops = await db.selectFrom("cooperations").selectAll().execute();
    expect(coops.length).toBeGreaterThanOrEqual(45);
    expect(coops.length).toBeLessThanOrEqual(50);
    expect(coops.some((c) => c.origin?.includes("Migrationsbedingte Vielfalt in der Bildung (23.02.2024)"))).toBe(true);
    expect((await db.selectFrom("networks").select("name").execute()).map((n) => n.name)).toContain(
      "Arbeitskreis Übergang Kita–Grundschule Celle (fiktiv)",
    );
    expect(
      (await db.selectFrom("network_meetings").select("minutes_file_id").execute()).every((m) => m.minutes_file_id),
    ).toBe(true);
    const analysis = await getNetworkAnalysis(t.platform);
    const kitaGaps = analysis.gaps.filter((g) => g.kind === "kita_ohne_grundschule");
    expect(kitaGaps.length).toBeGreaterThanOrEqual(3);
    expect(kitaGaps.length).toBeLessThan(8);
    expect(lines.join(" ")).toContain("Demo-Kooperationen");
    // New cooperations in each of 2024, 2025 and 2026, spread over their quarters.
    const quarters = new Set(
      coops
        .filter((c) => c.starts_on >= "2024-01-01")
        .map((c) => `${c.starts_on.slice(0, 4)}-Q${Math.ceil(Number(c.starts_on.slice(5, 7)) / 3)}`),
    );
    for (const year of ["2024", "2025", "2026"])
      expect([...quarters].filter((q) => q.startsWith(year)).length, year).toBeGreaterThan(1);
    expect(coops.every((c) => c.starts_on <= "2026-11-30")).toBe(true);
  });

  it("does not add a second set when started again", async () => {
    const before = (await t.platform.db.kysely.selectFrom("cooperations").select("id").execute()).length;
    await seedNetworkDemo({ platform: t.platform, announce: () => undefined });
    expect((await t.platform.db.kysely.selectFrom("cooperations").select("id").execute()).length).toBe(before);
  });

  it("notices a new organisation although the analysis is cached", async () => {
    const first = await getNetworkAnalysis(t.platform);
    expect((await getNetworkAnalysis(t.platform)).organisations).toBe(first.organisations);
    const created = await add("Kita Neu", "kita", ["fruehkindlich"]);
    const second = await getNetworkAnalysis(t.platform);
    expect(second.organisations).toBe(first.organisations + 1);
    expect(second.isolated).toContain(created.id);
    expect((await listOrganisationsForNetwork(t.platform.db.kysely)).length).toBe(second.organisations);
  });
});
