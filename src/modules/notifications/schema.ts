import { z } from "zod";
import { formList } from "../../platform/http/forms.js";
import { educationAreas, municipalities } from "../directory/index.js";
import { postKinds } from "../exchange/index.js";

// What a digest can be narrowed to: the Austausch's post kinds (its API codes) and the Fachtage.
export const digestKinds = [...postKinds, "fachtag"] as const;
const areaIds = educationAreas.map((a) => a.id) as [string, ...string[]];

/** The subscription form at /konto/benachrichtigungen. */
export const subscriptionForm = z.object({
  frequency: z.enum(["daily", "weekly"], { message: "notifications.validation.frequency" }),
  kinds: formList(z.enum(digestKinds)),
  areas: formList(z.enum(areaIds)),
  municipalities: formList(z.enum(municipalities)),
  /** Free themes, separated by commas. */
  themes: z
    .string()
    .max(500, { message: "notifications.validation.themes" })
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .refine((list) => list.length <= 20 && list.every((s) => s.length <= 60), {
      message: "notifications.validation.themes",
    }),
});
export type SubscriptionInput = z.output<typeof subscriptionForm>;

export const feedQuery = z.object({
  art: z.string().max(40).optional(),
  thema: z.string().max(100).optional(),
});
