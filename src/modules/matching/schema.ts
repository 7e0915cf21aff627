import { z } from "zod";
import { formCheckbox } from "../../platform/http/forms.js";
import { bookmarkTypes } from "./bookmarks.service.js";

/** "Merken" / "Nicht mehr merken": what to keep, and the page to come back to. */
export const keepForm = z.object({
  type: z.enum(bookmarkTypes, "validation.required"),
  id: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(100, "validation.tooLong|max=100"),
  zurueck: z.string().max(2000).optional(),
});

export const settingsForm = z.object({ notify: formCheckbox });

export const postParams = z.object({ id: z.string().min(1).max(100) });

export const apiMatches = z.array(
  z.object({
    id: z.string(),
    kind: z.enum(["offer", "request"]),
    title: z.string(),
    reasons: z.array(z.string()),
  }),
);
