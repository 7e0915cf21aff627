import { z } from "zod";
import { formEmail, requiredText } from "../../platform/http/forms.js";

/** Looking up and exporting: the address alone (posted, so that it stays out of URLs and access logs). */
export const personForm = z.object({ email: formEmail });

/** The erasure's first step: the address and the reason the log keeps. */
export const eraseForm = z.object({
  email: formEmail,
  reason: requiredText(500).refine((v) => v.length >= 5, "dsr.erase.reasonShort"),
});

/** The second step: the same, confirmed. */
export const confirmedEraseForm = eraseForm.extend({
  confirm: z.literal("ja", { error: "dsr.confirm.missing" }),
});
