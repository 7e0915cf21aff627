import { describe, expect, it } from "vitest";
import type { Conn } from "./db/database.js";
import { Hooks } from "./hooks.js";
import type { Platform } from "./platform.js";

declare module "./hooks.js" {
  interface HookMap {
    "test.ping": { payload: { n: number }; result: number };
  }
}

const ctx = { platform: {} as Platform, db: {} as Conn };

describe("hook registry", () => {
  it("runs every subscriber in order with the emitter's connection and collects their answers", async () => {
    const hooks = new Hooks();
    const seen: string[] = [];
    hooks.on("test.ping", ({ n }, c) => {
      seen.push(c === ctx ? "same ctx" : "other ctx");
      return n + 1;
    });
    hooks.on("test.ping", async ({ n }) => n * 10);
    expect(await hooks.emit("test.ping", { n: 4 }, ctx)).toEqual([5, 40]);
    expect(seen).toEqual(["same ctx"]);
    expect(hooks.has("test.ping")).toBe(true);
  });

  it("answers an empty list when nobody listens", async () => {
    const hooks = new Hooks();
    expect(hooks.has("test.ping")).toBe(false);
    expect(await hooks.emit("test.ping", { n: 1 }, ctx)).toEqual([]);
  });

  it("lets a failing subscriber fail the emitter, so the transaction rolls back", async () => {
    const hooks = new Hooks();
    hooks.on("test.ping", () => {
      throw new Error("boom");
    });
    await expect(hooks.emit("test.ping", { n: 1 }, ctx)).rejects.toThrow("boom");
  });
});
