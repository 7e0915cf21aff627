import { z } from "zod";
import { formList } from "../../platform/http/forms.js";
import { educationAreas, municipalities } from "../directory/index.js";

// The Austausch's post kinds (its API codes) and the words of its addresses (?art=angebot),
// plus the Fachtage: what a digest and the feeds can be narrowed to.
export const postKinds = ["idea", "experience", "practice", "offer", "request"] as const;
export type PostKindCode = (typeof postKinds)[number];
export const kindSlugs: Record<PostKindCode, string> = {
  idea: "idee",
  experience: "erfahrung",
  practice: "praxisbeispiel",
  offer: "angebot",
  request: "gesuch",
};
export const kindOfSlug = (slug: string | undefined): PostKindCode | undefined =>
  postKinds.find((k) => kindSlugs[k] === slug || k === slug);

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
