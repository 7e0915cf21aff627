// Parallel workshops: workshops whose times overlap run at the same time and
// form one time slot. A participant chooses at most one workshop per slot.

interface Timed {
  id: string;
  kind: string;
  startsAt: string;
  endsAt: string;
}

export interface TimeSlot<S extends Timed> {
  /** 0, 1, … in order of time. */
  index: number;
  startsAt: string;
  endsAt: string;
  sessions: S[];
}

// Equal times keep the given order (the organiser's order): Array.prototype.sort is stable.
const byTime = (a: Timed, b: Timed) => a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt);

/**
 * Groups the workshops among `sessions` into time slots: a workshop joins the
 * current slot when it starts before the slot's latest end (overlap is
 * transitive, so 9–10, 9:30–11 and 10:30–11:30 are one slot). Other kinds of
 * programme items are ignored. Times are ISO UTC strings, which sort as text.
 */
export function timeSlots<S extends Timed>(sessions: readonly S[]): TimeSlot<S>[] {
  const workshops = sessions.filter((s) => s.kind === "workshop").sort(byTime);
  const slots: TimeSlot<S>[] = [];
  for (const workshop of workshops) {
    const current = slots.at(-1);
    if (current && workshop.startsAt < current.endsAt) {
      current.sessions.push(workshop);
      if (workshop.endsAt > current.endsAt) current.endsAt = workshop.endsAt;
    } else {
      slots.push({ index: slots.length, startsAt: workshop.startsAt, endsAt: workshop.endsAt, sessions: [workshop] });
    }
  }
  return slots;
}

/** The slot index of each workshop id. */
export function slotIndexById<S extends Timed>(sessions: readonly S[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const slot of timeSlots(sessions)) for (const s of slot.sessions) map.set(s.id, slot.index);
  return map;
}

type TimetableRow<S extends Timed> = { type: "item"; session: S } | { type: "slot"; slot: TimeSlot<S> };

/** The public timetable: single items and parallel-workshop slots in order of time. */
export function timetable<S extends Timed>(sessions: readonly S[]): TimetableRow<S>[] {
  const rows: TimetableRow<S>[] = [
    ...sessions.filter((s) => s.kind !== "workshop").map((session) => ({ type: "item" as const, session })),
    ...timeSlots(sessions).map((slot) => ({ type: "slot" as const, slot })),
  ];
  const start = (r: TimetableRow<S>) => (r.type === "item" ? r.session.startsAt : r.slot.startsAt);
  return rows.sort((a, b) => start(a).localeCompare(start(b)));
}
