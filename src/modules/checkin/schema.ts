import { z } from "zod";
import { formCheckbox, formEmail, formText, requiredText } from "../../platform/http/forms.js";

// Forms of the entrance page and the check-in API.

const ticketCode = z.string().trim().min(1).max(500);
/** The time a queued offline check-in was made on the device (ISO with offset). */
const clientTime = z.iso.datetime({ offset: true }).optional();

// --- HTML forms -------------------------------------------------------------------------

export const codeForm = z.object({
  code: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "checkin.validation.code")
    .max(500, "validation.tooLong|max=500"),
});

/** The button beside a person: their id is in the address; the search is kept for the way back. */
export const personForm = z.object({ q: formText(100) });

export const searchQuery = z.object({ q: z.string().trim().max(100).optional().catch(undefined) });

/** A walk-in: only what the day needs. The e-mail brings the ticket, the certificate and the manage link. */
export const walkInForm = (slotCount: number) =>
  z.object({
    firstName: requiredText(100),
    lastName: requiredText(100),
    email: formEmail,
    organisation: formText(200),
    privacy: formCheckbox.refine((v) => v, "checkin.validation.privacy"),
    ...Object.fromEntries(Array.from({ length: slotCount }, (_, i) => [`workshop_${i}`, formText(100)])),
  });

// --- the page's own JSON endpoint (session + CSRF header) and the API ------------------------

export const pageCheckinBody = z.union([
  z.object({ code: ticketCode, at: clientTime, checkinId: z.string().max(100).optional() }),
  z.object({ registrationId: z.string().min(1).max(100), at: clientTime, checkinId: z.string().max(100).optional() }),
]);

export const apiEventParams = z.object({ id: z.string().min(1).max(200) });

export const apiCheckinBody = z.object({
  code: ticketCode.describe("Der Code des Tickets (aus dem QR-Code)"),
  at: clientTime.describe("Zeitpunkt des Check-ins auf dem Gerät (für nachgereichte Offline-Check-ins)"),
  checkinId: z.string().max(100).optional().describe("Kennung des Check-ins auf dem Gerät (nur zur Nachverfolgung)"),
});

export const apiCheckinResult = z.object({
  registrationId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  workshopIds: z.array(z.string()),
  checkedInAt: z.string(),
  alreadyCheckedIn: z.boolean(),
});

export const apiCheckinSummary = z.object({ expected: z.number().int(), present: z.number().int() });
