import { z } from "zod";
import { roles } from "../../platform/auth/actor.js";
import { passwordWeakness } from "../../platform/auth/password.js";
import { formEmail, formText, requiredText } from "../../platform/http/forms.js";

/** A new password: at least 12 characters and not on the list of common passwords. */
const newPassword = z
  .string({ error: "validation.required" })
  .min(1, "validation.required")
  .superRefine((value, ctx) => {
    const weakness = passwordWeakness(value);
    if (weakness) ctx.addIssue({ code: "custom", message: `accounts.password.${weakness}` });
  });

const roleField = z.enum(roles, { error: "validation.choice" });

export const loginForm = z.object({
  email: formEmail,
  // No rules on the password at sign-in: a wrong one gets the same message as an unknown address.
  password: z.string({ error: "validation.required" }).min(1, "validation.required").max(1000),
});

export const forgotForm = z.object({ email: formEmail });

const confirmation = z.string({ error: "validation.required" });
const samePassword = (v: { password: string; confirm: string }) => v.password === v.confirm;
const mismatch = { path: ["confirm"], message: "accounts.password.mismatch" };

export const resetForm = z
  .object({ token: z.string().min(10).max(500), password: newPassword, confirm: confirmation })
  .refine(samePassword, mismatch);

export const changePasswordForm = z
  .object({
    current: z.string({ error: "validation.required" }).min(1, "validation.required").max(1000),
    password: newPassword,
    confirm: confirmation,
  })
  .refine(samePassword, mismatch);

export const tokenForm = z.object({ name: requiredText(100) });

export const inviteForm = z.object({
  name: requiredText(200),
  email: formEmail,
  role: roleField,
});

export const roleForm = z.object({ role: roleField });

export type InviteInput = z.input<typeof inviteForm>;

/** What else an invitation names (given by the module that invites, not by a form). */
export const invitationContext = z.object({
  organisationName: z.string().trim().min(1, "validation.required").max(300, "validation.tooLong|max=300").optional(),
});

/** Deactivating an account: a note why is optional, and kept with the account. */
export const deactivateForm = z.object({ reason: formText(500) });

// JSON API
export const apiMe = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: z.enum(roles),
  })
  .meta({ description: "Das angemeldete Konto" });
