import { z } from "zod";
import { DomainError } from "../../platform/http/errors.js";
import type { SessionView } from "../events/index.js";
import type { PreferenceRow } from "./preferences.repo.js";
import { type SlotView, workshopSlots } from "./view-models.js";

// Ranked workshop wishes (preference mode): which Fachtage collect them, the rules a
// list of wishes must keep, and the selects of the HTML forms ("1. Wunsch", "2. Wunsch", …).

interface WishEvent {
  workshopChoice?: "first_come" | "preferences" | undefined;
  allocationPublishedAt?: string | null | undefined;
}

/**
 * Whether a Fachtag takes wishes now: preference mode until its allocation is published.
 * After that, late registrations and changes choose among free places as in first-come mode.
 */
export const collectsWishes = (event: WishEvent): boolean =>
  event.workshopChoice === "preferences" && !event.allocationPublishedAt;

/** Preference mode with a published allocation: wishes are shown, no longer changed. */
export const wishesFinal = (event: WishEvent): boolean =>
  event.workshopChoice === "preferences" && Boolean(event.allocationPublishedAt);

/** The number of selects per slot while a Fachtag takes wishes; undefined otherwise. */
export const wishCount = (event: WishEvent & { maxChoices?: number | undefined }): number | undefined =>
  collectsWishes(event) ? (event.maxChoices ?? 3) : undefined;

/** The form field of one select: slot index, then rank (1 = first wish). */
export const wishField = (slotIndex: number, rank: number) => `wish_${slotIndex}_${rank}`;

/** A wish list refused, with a stable code and the field (`preferences.0.1` in the API) it is about. */
export class WishError extends DomainError {
  constructor(code: string, field: string, messageKey: string) {
    super(422, code, messageKey, {}, { [field]: messageKey });
  }
}

/**
 * Checks ranked wishes, one list per time slot in the slots' time order, against the
 * Fachtag's workshops: known workshops of that slot, none twice, at most `maxChoices`
 * each, no more lists than slots. Returns the rows to store (rank 1 = first wish).
 */
export function checkWishes(
  workshops: readonly SessionView[],
  lists: readonly (readonly string[])[],
  maxChoices: number,
): Omit<PreferenceRow, "registrationId">[] {
  const slots = workshopSlots(workshops);
  if (lists.length > slots.length) {
    throw new WishError("preference_too_many_slots", "preferences", "registrations.validation.wishTooManySlots");
  }
  const slotOf = new Map(slots.flatMap((s) => s.workshops.map((w) => [w.id, s.index] as const)));
  const rows: Omit<PreferenceRow, "registrationId">[] = [];
  for (const [i, list] of lists.entries()) {
    const slot = slots[i] as SlotView;
    if (list.length > maxChoices) {
      throw new WishError("preference_too_many", `preferences.${i}`, "registrations.validation.wishTooMany");
    }
    const seen = new Set<string>();
    for (const [j, id] of list.entries()) {
      const field = `preferences.${i}.${j}`;
      const at = slotOf.get(id);
      if (at === undefined) {
        throw new WishError("preference_unknown_workshop", field, "registrations.validation.wishUnknown");
      }
      if (at !== slot.index)
        throw new WishError("preference_other_slot", field, "registrations.validation.wishOtherSlot");
      if (seen.has(id)) throw new WishError("preference_repeated", field, "registrations.validation.wishRepeated");
      seen.add(id);
      rows.push({ slot: slot.key, rank: j + 1, sessionId: id });
    }
  }
  return rows;
}

/**
 * The selects of every slot as form fields. The same workshop twice in a slot is named
 * beside the later select, with the rank it was given first.
 */
export function wishFormFields(slots: SlotView[], maxChoices: number) {
  const shape: Record<string, z.ZodType> = {};
  for (const s of slots) {
    const ids = s.workshops.map((w) => w.id) as [string, ...string[]];
    for (let rank = 1; rank <= maxChoices; rank++) {
      shape[wishField(s.index, rank)] = z
        .union([z.enum(ids), z.literal("")], { error: "registrations.validation.wishUnknown" })
        .optional();
    }
  }
  return shape;
}

/** The repeat check of the wish selects (used in superRefine of a form's object schema). */
export function refineWishes(slots: SlotView[], maxChoices: number) {
  return (data: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const s of slots) {
      const rankOf = new Map<string, number>();
      for (let rank = 1; rank <= maxChoices; rank++) {
        const value = data[wishField(s.index, rank)];
        if (typeof value !== "string" || value === "") continue;
        const earlier = rankOf.get(value);
        if (earlier !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [wishField(s.index, rank)],
            message: `registrations.validation.wishRepeatedRank|rank=${earlier}`,
          });
        } else rankOf.set(value, rank);
      }
    }
  };
}

/**
 * The ranked lists from a posted form, one per slot. A gap closes up: a 3. Wunsch
 * without a 2. becomes the second wish, since the order is what the person meant.
 */
export function wishesFromForm(data: Record<string, unknown>, slots: SlotView[], maxChoices: number): string[][] {
  const lists = slots.map((s) => {
    const list: string[] = [];
    for (let rank = 1; rank <= maxChoices; rank++) {
      const value = data[wishField(s.index, rank)];
      if (typeof value === "string" && value !== "") list.push(value);
    }
    return list;
  });
  while (lists.length && lists.at(-1)?.length === 0) lists.pop();
  return lists;
}

/** "1. Sprachförderung, 2. Bewegung": ranked wishes as one line (desk, exports). */
export const rankedTitles = (ids: readonly string[], title: ReadonlyMap<string, string>): string =>
  ids.map((id, i) => `${i + 1}. ${title.get(id) ?? ""}`).join(", ");
