import { z } from "zod";
import { formCheckbox, formText } from "../../platform/http/forms.js";

// Forms of the certificates' pages and the API's schemas.

export const verifyQuery = z.object({ code: z.string().trim().max(40).optional().catch(undefined) });

export const verifyForm = z.object({
  code: z
    .string({ error: "certificates.validation.code" })
    .trim()
    .min(1, "certificates.validation.code")
    .max(40, "certificates.validation.code"),
});

export const settingsForm = z.object({
  signerName: formText(120),
  signerFunction: formText(120),
  autoSendDays: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === undefined || v === "" ? 0 : v),
    z
      .number({ error: "certificates.validation.days" })
      .int("certificates.validation.days")
      .min(0, "certificates.validation.days")
      .max(60, "certificates.validation.days"),
  ),
  removeSignature: formCheckbox,
});

export const apiIdParams = z.object({ id: z.string().min(1).max(200) });
export const apiTokenQuery = z.object({ token: z.string().min(1).max(200).optional() });
export const apiCodeParams = z.object({ code: z.string().min(1).max(40) });

export const apiVerified = z.object({
  valid: z.literal(true),
  name: z.string(),
  eventTitle: z.string(),
  /** ISO date and time of the Fachtag's start. */
  date: z.string(),
});
