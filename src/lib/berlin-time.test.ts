import { describe, expect, it } from "vitest";
import { berlinOffsetMinutes, berlinToUtc, shownEnd, toBerlinIso, utcToBerlin } from "./berlin-time.js";

describe("Berlin wall time ↔ UTC", () => {
  it("converts winter time (CET, UTC+1)", () => {
    expect(berlinToUtc("2025-03-28", "09:00")).toBe("2025-03-28T08:00:00.000Z");
    expect(berlinToUtc("2024-02-23", "13:30")).toBe("2024-02-23T12:30:00.000Z");
  });

  it("converts summer time (CEST, UTC+2)", () => {
    expect(berlinToUtc("2025-03-31", "09:00")).toBe("2025-03-31T07:00:00.000Z");
    expect(berlinToUtc("2027-06-10", "00:30")).toBe("2027-06-09T22:30:00.000Z");
  });

  it("handles the spring change day on both sides of 2:00", () => {
    // 30 March 2025: clocks jump from 02:00 to 03:00
    expect(berlinToUtc("2025-03-30", "01:59")).toBe("2025-03-30T00:59:00.000Z");
    expect(berlinToUtc("2025-03-30", "03:00")).toBe("2025-03-30T01:00:00.000Z");
    // 02:30 never happens; it is read as 03:30 summer time
    expect(berlinToUtc("2025-03-30", "02:30")).toBe("2025-03-30T01:30:00.000Z");
  });

  it("handles the autumn change day, the repeated hour as its first occurrence", () => {
    // 26 October 2025: clocks go back from 03:00 to 02:00
    expect(berlinToUtc("2025-10-26", "01:30")).toBe("2025-10-25T23:30:00.000Z");
    expect(berlinToUtc("2025-10-26", "02:30")).toBe("2025-10-26T00:30:00.000Z");
    expect(berlinToUtc("2025-10-26", "03:30")).toBe("2025-10-26T02:30:00.000Z");
  });

  it("rejects impossible dates and times", () => {
    expect(berlinToUtc("2025-02-30", "09:00")).toBeNull();
    expect(berlinToUtc("2025-03-28", "24:00")).toBeNull();
    expect(berlinToUtc("28.03.2025", "09:00")).toBeNull();
    expect(berlinToUtc("2025-03-28", "9 Uhr")).toBeNull();
  });

  it("turns UTC back into Berlin date and time, across midnight", () => {
    expect(utcToBerlin("2025-03-28T08:00:00.000Z")).toEqual({ date: "2025-03-28", time: "09:00" });
    expect(utcToBerlin("2027-06-09T22:30:00.000Z")).toEqual({ date: "2027-06-10", time: "00:30" });
  });

  it("writes ISO 8601 with the Berlin offset", () => {
    expect(berlinOffsetMinutes("2025-01-01T12:00:00Z")).toBe(60);
    expect(berlinOffsetMinutes("2025-07-01T12:00:00Z")).toBe(120);
    expect(toBerlinIso("2025-03-28T08:00:00.000Z")).toBe("2025-03-28T09:00:00+01:00");
    expect(toBerlinIso("2027-06-09T22:30:00.000Z")).toBe("2027-06-10T00:30:00+02:00");
    expect(new Date(toBerlinIso("2025-10-26T00:30:00.000Z")).toISOString()).toBe("2025-10-26T00:30:00.000Z");
  });
});

describe("shown end of a window", () => {
  it("reads a window that ends at midnight as 23:59 of the day before, in winter and summer", () => {
    expect(utcToBerlin(shownEnd("2027-03-01T23:00:00.000Z"))).toEqual({ date: "2027-03-01", time: "23:59" });
    expect(utcToBerlin(shownEnd("2027-07-01T22:00:00.000Z"))).toEqual({ date: "2027-07-01", time: "23:59" });
    expect(utcToBerlin(shownEnd("2027-03-01T16:30:00.000Z"))).toEqual({ date: "2027-03-01", time: "17:30" });
  });
});
