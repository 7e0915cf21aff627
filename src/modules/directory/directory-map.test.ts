import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { adminActor, makeOrg } from "./test-fixtures.js";
import { municipalities } from "./vocab.js";

// The map without a tile server: the district's outline behind the points, replaceable
// by the operator; positions from the operator's geocoder or a click on the form's map.

describe("the map's outline", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it("ships a schematic outline of the district with every municipality, and says it is one", async () => {
    const page = await t.app.inject("/akteure/karte");
    const url = /data-outline-url="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, "&");
    expect(url).toMatch(/^\/akteure\/karte\/gebiet\.geojson\?v=[0-9a-f]{10}$/);
    expect(page.body).toContain("schematische Übersicht, keine amtliche Karte");
    const res = await t.app.inject(String(url));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/geo+json");
    const data = res.json() as {
      type: string;
      hinweis: string;
      features: { properties: { kind: string; name: string }; geometry: { type: string } }[];
    };
    expect(data.type).toBe("FeatureCollection");
    expect(data.hinweis).toContain("Schematische Übersicht");
    expect(data.features.filter((f) => f.properties.kind === "district").map((f) => f.geometry.type)).toEqual([
      "Polygon",
    ]);
    const names = data.features.filter((f) => f.properties.kind === "municipality").map((f) => f.properties.name);
    expect([...names].sort()).toEqual([...municipalities].sort());
  });

  it("loads the map script under a version newer than the platform's first", async () => {
    const page = await t.app.inject("/akteure/karte");
    const version = /\/assets\/directory-map\.js\?v=([^"]+)"/.exec(page.body)?.[1];
    // Browsers keep a versioned script for a year: the changed script needs a new address.
    expect(version).toBeDefined();
    expect(version).not.toBe("1");
  });

  it("offers the click-to-fill map on the organisation form, hidden until the script shows it", async () => {
    const user = await createUser(t.platform, { role: "admin" });
    const browser = new Browser(t.app);
    await signIn(browser, user.email, user.password);
    for (const url of ["/verwaltung/akteure/neu"]) {
      const res = await browser.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/<div class="directory-map-pick" id="directory-map-pick-wrapper" hidden/);
      expect(res.body).toContain('data-lat-field="f-lat"');
      expect(res.body).toMatch(/\/assets\/directory-map\.js\?v=/);
    }
  });
});

describe("an outline of the operator's (MAP_OUTLINE_FILE)", () => {
  let t: TestApp;
  const file = join(mkdtempSync(join(tmpdir(), "bn-outline-")), "vg250-celle.geojson");
  const official = {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: { GEN: "Celle" },
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [10, 52.6],
              [10.1, 52.6],
              [10.1, 52.7],
              [10, 52.6],
            ],
          ],
        },
      },
    ],
  };
  beforeAll(async () => {
    writeFileSync(file, JSON.stringify(official));
    t = await createTestApp({ MAP_OUTLINE_FILE: file });
  });
  afterAll(async () => t?.close());

  it("is served instead of the sketch, without the sketch's note", async () => {
    const page = await t.app.inject("/akteure/karte");
    expect(page.body).not.toContain("schematische Übersicht");
    const url = /data-outline-url="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, "&");
    expect((await t.app.inject(String(url))).json()).toEqual(official);
  });

  it("stops the start when the file is no GeoJSON", async () => {
    const bad = join(mkdtempSync(join(tmpdir(), "bn-outline-")), "kaputt.geojson");
    writeFileSync(bad, "<kml/>");
    await expect(createTestApp({ MAP_OUTLINE_FILE: bad })).rejects.toThrow(/MAP_OUTLINE_FILE/);
  });
});

describe("positions from the operator's geocoder", () => {
  let t: TestApp;
  let server: Server;
  const requests: URL[] = [];
  let answer: unknown = [{ lat: "52.62412", lon: "10.07983" }];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      requests.push(new URL(req.url ?? "/", "http://127.0.0.1"));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    t = await createTestApp({ GEOCODER_URL: `http://127.0.0.1:${port}/` });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("asks it on the server when an organisation with an address but no position is saved", async () => {
    requests.length = 0;
    const admin = await adminActor(t.platform);
    const org = await makeOrg(t.platform, admin, {
      name: "Geokodiert (Test)",
      street: "Trift 26",
      postalCode: "29221",
      city: "Celle",
    });
    expect(org.lat).toBe(52.62412);
    expect(org.lon).toBe(10.07983);
    expect(requests).toHaveLength(1);
    const q = requests[0] as URL;
    expect(q.pathname).toBe("/search");
    expect(q.searchParams.get("street")).toBe("Trift 26");
    expect(q.searchParams.get("postalcode")).toBe("29221");
    expect(q.searchParams.get("city")).toBe("Celle");
    expect(q.searchParams.get("format")).toBe("jsonv2");
  });

  it("leaves given positions alone and does not ask without an address", async () => {
    requests.length = 0;
    const admin = await adminActor(t.platform);
    const placed = await makeOrg(t.platform, admin, {
      name: "Gesetzt (Test)",
      street: "Am Markt 1",
      lat: 52.7,
      lon: 10.1,
    });
    expect(placed.lat).toBe(52.7);
    await makeOrg(t.platform, admin, { name: "Ohne Adresse (Test)" });
    expect(requests).toHaveLength(0);
  });

  it("ignores an answer outside the district and a geocoder that fails", async () => {
    const admin = await adminActor(t.platform);
    answer = [{ lat: "54.42", lon: "13.43" }]; // Bergen auf Rügen
    const far = await makeOrg(t.platform, admin, { name: "Fern (Test)", street: "Markt 1", municipality: "Bergen" });
    expect(far.lat).toBeUndefined();
    answer = "kaputt";
    const broken = await makeOrg(t.platform, admin, { name: "Kaputt (Test)", street: "Markt 2" });
    expect(broken.lat).toBeUndefined();
    answer = [{ lat: "52.62412", lon: "10.07983" }];
  });
});

describe("without GEOCODER_URL", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it("sends no address anywhere", async () => {
    expect(t.config.map.geocoderUrl).toBeUndefined();
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      const org = await makeOrg(t.platform, await adminActor(t.platform), {
        name: "Privat (Test)",
        street: "Trift 26",
        postalCode: "29221",
      });
      expect(org.lat).toBeUndefined();
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
