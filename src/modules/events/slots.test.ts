import { describe, expect, it } from "vitest";
import { timeSlots, timetable } from "./slots.js";

const s = (id: string, kind: string, from: string, to: string) => ({
  id,
  kind,
  startsAt: `2025-03-28T${from}:00.000Z`,
  endsAt: `2025-03-28T${to}:00.000Z`,
});

describe("time slots of parallel workshops", () => {
  it("groups workshops that run at the same time into one slot and ignores talks", () => {
    const sessions = [
      s("talk", "talk", "08:00", "09:00"),
      s("w1", "workshop", "10:00", "11:30"),
      s("w2", "workshop", "10:00", "11:30"),
      s("w3", "workshop", "10:15", "11:45"),
      s("lunch", "break", "11:45", "12:30"),
      s("w4", "workshop", "12:30", "14:00"),
      s("w5", "workshop", "12:30", "14:00"),
    ];
    const slots = timeSlots(sessions);
    expect(slots.map((slot) => slot.sessions.map((x) => x.id))).toEqual([
      ["w1", "w2", "w3"],
      ["w4", "w5"],
    ]);
    expect(slots[0]).toMatchObject({
      index: 0,
      startsAt: "2025-03-28T10:00:00.000Z",
      endsAt: "2025-03-28T11:45:00.000Z",
    });
  });

  it("treats back-to-back workshops as separate slots", () => {
    const slots = timeSlots([s("a", "workshop", "10:00", "11:00"), s("b", "workshop", "11:00", "12:00")]);
    expect(slots).toHaveLength(2);
  });

  it("chains overlaps: a workshop overlapping the slot's latest end joins it", () => {
    const slots = timeSlots([
      s("a", "workshop", "09:00", "10:00"),
      s("b", "workshop", "09:30", "11:00"),
      s("c", "workshop", "10:30", "11:30"),
    ]);
    expect(slots).toHaveLength(1);
  });

  it("builds a timetable with single items and slots in time order", () => {
    const rows = timetable([
      s("w1", "workshop", "10:00", "11:00"),
      s("welcome", "welcome", "08:00", "08:15"),
      s("w2", "workshop", "10:00", "11:00"),
      s("end", "other", "12:00", "12:30"),
    ]);
    expect(rows.map((r) => (r.type === "item" ? r.session.id : `slot${r.slot.index}`))).toEqual([
      "welcome",
      "slot0",
      "end",
    ]);
  });
});

describe("where one time slot ends and the next begins", () => {
  const ids = (sessions: ReturnType<typeof s>[]) => timeSlots(sessions).map((slot) => slot.sessions.map((x) => x.id));

  it("keeps back-to-back workshops apart: 10:00–11:00 and 11:00–12:00 are two slots", () => {
    expect(ids([s("a", "workshop", "10:00", "11:00"), s("b", "workshop", "11:00", "12:00")])).toEqual([["a"], ["b"]]);
  });

  it("joins overlapping workshops: 10:00–11:30 and 11:00–12:00 are one slot", () => {
    expect(ids([s("a", "workshop", "10:00", "11:30"), s("b", "workshop", "11:00", "12:00")])).toEqual([["a", "b"]]);
  });

  it("extends a slot to its latest end, so a workshop starting then opens the next slot", () => {
    const slots = timeSlots([
      s("a", "workshop", "10:00", "11:00"),
      s("b", "workshop", "10:30", "12:00"),
      s("c", "workshop", "12:00", "13:00"),
    ]);
    expect(slots.map((slot) => [slot.startsAt.slice(11, 16), slot.endsAt.slice(11, 16)])).toEqual([
      ["10:00", "12:00"],
      ["12:00", "13:00"],
    ]);
  });
});
