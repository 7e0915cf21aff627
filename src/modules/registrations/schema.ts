import { z } from "zod";
import { formCheckbox, formEmail, formText, requiredText } from "../../platform/http/forms.js";
import { organisationKinds } from "./messages.js";
import type { RegistrationInput } from "./register.service.js";
import type { QuestionView, SlotView } from "./view-models.js";
import { refineWishes, wishesFromForm, wishFormFields } from "./wishes.js";

// ---------------------------------------------------------------------------
// HTML forms
// ---------------------------------------------------------------------------

/** An unticked checkbox is not sent at all: missing means false. */
const checkbox = formCheckbox.optional().transform((v) => v === true);

const orgKind = z
  .union([z.enum(organisationKinds, { error: "validation.choice" }), z.literal("")])
  .optional()
  .transform((v) => (v ? v : undefined));

const personFields = {
  firstName: requiredText(100),
  lastName: requiredText(100),
  email: formEmail,
  organisation: formText(200),
  organisationKind: orgKind,
  role: formText(200),
  municipality: formText(100),
  dietaryNeeds: formText(500),
  accessibilityNeeds: formText(500),
};

/**
 * The public registration form of one event: person, one optional workshop per
 * slot (`workshop_<n>`), organiser questions (`q_<id>`) and the consents.
 */
export function registrationForm(
  slots: SlotView[],
  questions: QuestionView[],
  privacyField = "consentPrivacy",
  /** While the Fachtag takes wishes: that many ranked selects per slot instead of one choice. */
  maxChoices?: number,
) {
  const workshopFields = Object.fromEntries(
    slots.map((s) => [
      `workshop_${s.index}`,
      z
        .union([z.enum(s.workshops.map((w) => w.id) as [string, ...string[]]), z.literal("")], {
          error: "registrations.validation.workshopUnknown",
        })
        .optional(),
    ]),
  );
  const questionFields = Object.fromEntries(
    questions.map((q) => [`q_${q.id}`, z.string().max(1000, "registrations.validation.answerTooLong").optional()]),
  );
  const fields = {
    ...personFields,
    ...(maxChoices === undefined ? workshopFields : wishFormFields(slots, maxChoices)),
    ...questionFields,
    [privacyField]: checkbox.refine((v) => v, "registrations.validation.privacy"),
    consentPhotos: checkbox,
    consentParticipantList: checkbox,
  };
  // The repeat check runs also when other fields have problems, so all are named at once.
  return maxChoices === undefined
    ? z.object(fields)
    : z.object(fields).superRefine((data, ctx) => refineWishes(slots, maxChoices)(data, ctx));
}

/** Turns a parsed form into the service's input. */
export function toRegistrationInput(
  data: Record<string, unknown>,
  slots: SlotView[],
  questions: QuestionView[],
  privacyField = "consentPrivacy",
  maxChoices?: number,
): RegistrationInput {
  const str = (k: string) => (typeof data[k] === "string" && data[k] !== "" ? (data[k] as string) : undefined);
  return {
    firstName: data.firstName as string,
    lastName: data.lastName as string,
    email: data.email as string,
    organisation: str("organisation"),
    organisationKind: str("organisationKind"),
    role: str("role"),
    municipality: str("municipality"),
    dietaryNeeds: str("dietaryNeeds"),
    accessibilityNeeds: str("accessibilityNeeds"),
    workshopIds:
      maxChoices === undefined
        ? slots.map((s) => str(`workshop_${s.index}`)).filter((v): v is string => Boolean(v))
        : [],
    ...(maxChoices === undefined ? {} : { preferences: wishesFromForm(data, slots, maxChoices) }),
    consents: {
      privacy: Boolean(data[privacyField]),
      photos: Boolean(data.consentPhotos),
      participantList: Boolean(data.consentParticipantList),
    },
    answers: Object.fromEntries(
      questions.map((q) => [q.id, str(`q_${q.id}`) ?? ""] as const).filter(([, v]) => v !== ""),
    ),
  };
}

export const workshopChangeForm = (slots: SlotView[]) =>
  z.object(
    Object.fromEntries(
      slots.map((s) => [
        `workshop_${s.index}`,
        z
          .union([z.enum(s.workshops.map((w) => w.id) as [string, ...string[]]), z.literal("")], {
            error: "registrations.validation.workshopUnknown",
          })
          .optional(),
      ]),
    ),
  );

/** The manage page's wish selects (preference mode, before the allocation is published). */
export const wishChangeForm = (slots: SlotView[], maxChoices: number) =>
  z.object(wishFormFields(slots, maxChoices)).superRefine((data, ctx) => refineWishes(slots, maxChoices)(data, ctx));

/** What a participant may correct on the manage page: name, organisation and needs (not the address). */
export const detailsForm = z.object({
  firstName: personFields.firstName,
  lastName: personFields.lastName,
  organisation: personFields.organisation,
  dietaryNeeds: personFields.dietaryNeeds,
  accessibilityNeeds: personFields.accessibilityNeeds,
});

/** "Link erneut zusenden": the address only. */
export const resendForm = z.object({ email: formEmail });

export const cancelForm = z.object({
  confirm: checkbox.refine((v) => v, "registrations.validation.cancelConfirm"),
});

const capacityNumber = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, "registrations.validation.capacity")
  .transform(Number)
  .refine((n) => n <= 10000, "registrations.validation.capacity");

export const capacityForm = (workshopIds: string[]) =>
  z.object({
    capacity: capacityNumber,
    ...Object.fromEntries(
      workshopIds.map((id) => [
        `ws_${id}`,
        z
          .union([z.literal("").transform(() => null), capacityNumber])
          .optional()
          .transform((v) => v ?? null),
      ]),
    ),
  });

export const mailForm = z.object({
  subject: requiredText(150),
  text: requiredText(5000),
  status: z.enum(["pending", "confirmed", "waitlisted", ""]).optional(),
  workshop: z.string().max(100).optional(),
});

export const questionForm = z.object({
  label: requiredText(300),
  kind: z.enum(["text", "choice", "yesno"], { error: "validation.choice" }),
  options: formText(2000),
  required: checkbox,
});

export const moveForm = z.object({
  slot: z.string().min(1).max(40),
  sessionId: z.string().max(100).optional(),
});

const statusFilter = z.enum(["pending", "confirmed", "waitlisted", "cancelled", "expired"]);

export const listQuery = z.object({
  status: z
    .union([statusFilter, z.literal("")])
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  workshop: z
    .string()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  /** Part of a name or an e-mail address. */
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
});

// ---------------------------------------------------------------------------
// JSON API (contract: POST /api/v1/events/{id}/registrations)
// ---------------------------------------------------------------------------

export const apiRegistrationBody = z.object({
  firstName: z.string().trim().min(1, "Vorname fehlt").max(100),
  lastName: z.string().trim().min(1, "Nachname fehlt").max(100),
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email("ungültige E-Mail-Adresse"))
    .transform((v) => v.toLowerCase()),
  organisation: z.string().trim().max(200).optional(),
  /** An organisation of the directory (GET /api/v1/organisations); its name then fills `organisation`. */
  organisationId: z.string().min(1).max(100).optional(),
  role: z.string().trim().max(200).optional(),
  municipality: z.string().trim().max(100).optional(),
  workshopIds: z.array(z.string().min(1).max(100)).max(20).optional(),
  /**
   * Preference mode: ranked wishes, one list of workshop ids per time slot in the slots'
   * time order; a list may be shorter than the Fachtag's maxChoices or empty, and fewer
   * lists than slots leave the rest without wishes.
   */
  preferences: z
    .array(z.array(z.string().min(1).max(100)).max(20, "höchstens 20 Wünsche je Liste"), {
      error: "preferences: eine Liste von Listen von Workshop-IDs",
    })
    .max(20, "höchstens 20 Listen")
    .optional(),
  consents: z.object({
    privacy: z.literal(true, "Die Einwilligung in die Datenverarbeitung (privacy) muss true sein"),
    photos: z.boolean().optional(),
    participantList: z.boolean().optional(),
  }),
  answers: z.record(z.string().max(100), z.string().max(1000)).optional(),
});

export const apiRegistrationCreated = z.object({
  id: z.string(),
  status: z.enum(["pending", "confirmed", "waitlisted"]),
  waitlistPosition: z.number().int().optional(),
  workshopIds: z.array(z.string()),
  /** The stored wishes, one ranked list per slot: only while the Fachtag takes wishes. */
  preferences: z.array(z.array(z.string())).optional(),
});

export const apiRegistrationItem = z.object({
  id: z.string(),
  status: z.enum(["pending", "confirmed", "waitlisted", "cancelled", "expired"]),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  workshopIds: z.array(z.string()),
  waitlistPosition: z.number().int().optional(),
  createdAt: z.string(),
  organisation: z.string().nullable(),
  organisationId: z.string().nullable(),
  role: z.string().nullable(),
  /** The opaque code of the ticket's QR code (POST /api/v1/events/{id}/checkins). */
  ticketCode: z.string(),
  /** When the person was checked in (ISO), or null. */
  checkedInAt: z.string().nullable(),
  /** Ranked wishes (preference mode): one list of workshop ids per time slot; [] for none. */
  preferences: z.array(z.array(z.string())),
  /** The verification code of the attendance certificate, once one was issued. */
  certificateCode: z.string().optional(),
});

export const apiIdParams = z.object({ id: z.string().min(1).max(200) });
export const apiCancelQuery = z.object({ token: z.string().min(1).max(200).optional() });
export const apiCancelled = z.object({ id: z.string(), status: z.literal("cancelled") });
