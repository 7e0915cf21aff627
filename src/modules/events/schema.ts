import { z } from "zod";
import { berlinToUtc } from "../../lib/berlin-time.js";
import { localDate, localTime, MAX_YEAR, MIN_YEAR, optionalLocalDate } from "../../platform/http/dates.js";
import { formCheckbox, formText, optionalFormEmail, requiredText } from "../../platform/http/forms.js";
import type { Speaker } from "./event-views.js";
import type { EventInput } from "./events.service.js";
import type { SessionInput } from "./programme.service.js";
import type { SessionKind } from "./tables.js";

// ---------------------------------------------------------------------------
// JSON API (a published contract: field names and shapes stay as documented in the README). Messages are German,
// because the central handler passes them to the problem document as they are.

const kinds = ["talk", "workshop", "panel", "break", "welcome", "other"] as const;
const allStatuses = [
  "draft",
  "published",
  "registration_open",
  "registration_closed",
  "held",
  "documented",
  "cancelled",
] as const;

// The same years as the forms (platform/http/dates.ts): a Fachtag in year 1 is a typo, and
// moving its programme there would leave the range the calendar arithmetic can handle.
const isoTime = z.iso
  .datetime({
    offset: true,
    error: "Bitte eine Zeit nach ISO 8601 mit Zeitzone angeben, z. B. 2027-03-05T09:00:00+01:00.",
  })
  .refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, `Bitte eine Zeit zwischen ${MIN_YEAR} und ${MAX_YEAR} angeben.`);
const text = (max: number, label = "Text") =>
  z
    .string({ error: `${label}: bitte als Zeichenkette angeben.` })
    .trim()
    .max(max, `${label}: höchstens ${max} Zeichen.`);
const required = (max: number, label: string) => text(max, label).min(1, `${label}: bitte angeben.`);
const places = z
  .number({ error: "Bitte die Zahl der Plätze als Zahl angeben." })
  .int("Bitte eine ganze Zahl angeben.")
  .min(1, "Bitte mindestens 1 Platz angeben.")
  .max(100_000, "Höchstens 100000 Plätze.");
const textList = z
  .array(text(200), { error: "Bitte eine Liste von Texten angeben." })
  .max(30, "Höchstens 30 Einträge.");

const venueApi = z.object({
  name: required(200, "Name des Veranstaltungsorts"),
  room: text(200, "Raum").nullish(),
  address: text(500, "Adresse").nullish(),
  accessibility: text(2000, "Barrierefreiheit").nullish(),
  directions: text(2000, "Anfahrt").nullish(),
});

const contactApi = z.object({
  name: text(200, "Ansprechperson").nullish(),
  email: z.email("Bitte eine gültige E-Mail-Adresse angeben.").nullish(),
  phone: text(50, "Telefon").nullish(),
});

const eventFieldsApi = {
  title: required(200, "Titel"),
  subtitle: text(300, "Untertitel").nullish(),
  description: text(10_000, "Beschreibung").nullish(),
  themes: textList.optional(),
  targetGroups: textList.optional(),
  organisers: textList.optional(),
  startsAt: isoTime,
  endsAt: isoTime,
  venue: venueApi,
  capacity: places,
  registrationOpensAt: isoTime.nullish(),
  registrationClosesAt: isoTime.nullish(),
  confirmByEmail: z.boolean({ error: "Bitte true oder false angeben." }).optional(),
  holdHours: z.number().int().min(1, "Mindestens 1 Stunde.").max(336, "Höchstens 336 Stunden.").optional(),
  reminderDays: z.number().int().min(0).max(60, "Höchstens 60 Tage.").optional(),
  fee: text(200, "Teilnahmebeitrag").nullish(),
  creditHours: z.number().min(0).max(100, "Höchstens 100 Stunden.").nullish(),
  contact: contactApi.optional(),
  workshopChoice: z
    .enum(["first_come", "preferences"], { error: "workshopChoice: erlaubt sind first_come oder preferences." })
    .optional(),
  maxChoices: z
    .number({ error: "maxChoices: bitte als ganze Zahl von 1 bis 5 angeben." })
    .int("maxChoices: bitte als ganze Zahl von 1 bis 5 angeben.")
    .min(1, "maxChoices: mindestens 1 Wunsch je Zeitfenster.")
    .max(5, "maxChoices: höchstens 5 Wünsche je Zeitfenster.")
    .optional(),
  retentionMonths: z
    .number({ error: "retentionMonths: bitte als ganze Zahl von 1 bis 60 angeben." })
    .int("retentionMonths: bitte als ganze Zahl von 1 bis 60 angeben.")
    .min(1, "retentionMonths: mindestens 1 Monat.")
    .max(60, "retentionMonths: höchstens 60 Monate.")
    .optional(),
};

export const createEventBody = z.object({
  ...eventFieldsApi,
  status: z.enum(["draft", "published"], { error: "status: erlaubt sind draft oder published." }).optional(),
});

export const patchEventBody = z.object({
  title: eventFieldsApi.title.optional(),
  subtitle: eventFieldsApi.subtitle,
  description: eventFieldsApi.description,
  themes: eventFieldsApi.themes,
  targetGroups: eventFieldsApi.targetGroups,
  organisers: eventFieldsApi.organisers,
  startsAt: isoTime.optional(),
  endsAt: isoTime.optional(),
  venue: venueApi.partial().extend({ name: venueApi.shape.name.optional() }).optional(),
  capacity: places.optional(),
  registrationOpensAt: eventFieldsApi.registrationOpensAt,
  registrationClosesAt: eventFieldsApi.registrationClosesAt,
  confirmByEmail: eventFieldsApi.confirmByEmail,
  holdHours: eventFieldsApi.holdHours,
  reminderDays: eventFieldsApi.reminderDays,
  fee: eventFieldsApi.fee,
  creditHours: eventFieldsApi.creditHours,
  contact: eventFieldsApi.contact,
  workshopChoice: eventFieldsApi.workshopChoice,
  maxChoices: eventFieldsApi.maxChoices,
  retentionMonths: eventFieldsApi.retentionMonths,
  status: z.enum(allStatuses, { error: `status: erlaubt sind ${allStatuses.join(", ")}.` }).optional(),
});

const speakerApi = z.object({
  name: required(200, "Name der Person"),
  role: text(200, "Funktion").nullish(),
  organisation: text(200, "Organisation").nullish(),
});

export const sessionBody = z.object({
  kind: z.enum(kinds, { error: `kind: erlaubt sind ${kinds.join(", ")}.` }),
  title: required(300, "Titel"),
  abstract: text(5000, "Kurzbeschreibung").nullish(),
  startsAt: isoTime,
  endsAt: isoTime,
  room: text(200, "Raum").nullish(),
  capacity: places.nullish(),
  speakers: z.array(speakerApi).max(10, "Höchstens 10 Personen.").optional(),
});

export const idParams = z.object({ id: z.string().min(1).max(200) });

const dayOrTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "Bitte ein Datum (2027-03-05) oder eine Zeit nach ISO 8601 angeben.",
  })
  .refine((v) => {
    const year = Number(v.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, `Bitte ein Datum zwischen ${MIN_YEAR} und ${MAX_YEAR} angeben.`);
export const listQuery = z.object({ from: dayOrTime.optional(), to: dayOrTime.optional() });

/** A date alone means midnight in Berlin. */
export const rangeBound = (value: string | undefined): string | undefined =>
  value === undefined
    ? undefined
    : /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? (berlinToUtc(value, "00:00") ?? undefined)
      : new Date(value).toISOString();

export const toSpeakers = (list: z.output<typeof speakerApi>[] | undefined): Speaker[] =>
  (list ?? []).map((s) => ({
    name: s.name,
    ...(s.role ? { role: s.role } : {}),
    ...(s.organisation ? { organisation: s.organisation } : {}),
  }));

// ---------------------------------------------------------------------------
// HTML forms: every value arrives as a string; messages are catalogue keys.

// Dates and times typed into the forms: the platform's one parser (impossible dates and
// years outside 2000–2100 are refused with a German message beside the field).
const dateField = localDate();
const timeField = localTime();
const optionalDate = optionalLocalDate();
const optionalTime = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  localTime().optional(),
);
const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(/^\d+$/, "events.validation.wholeNumber")
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, min === 1 ? "events.validation.capacityMin" : `events.validation.range|min=${min}|max=${max}`)
        .max(max, `events.validation.range|min=${min}|max=${max}`),
    );
const optionalWholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(wholeNumber(min, max).optional());
const lines = (max: number) =>
  z
    .string()
    .max(max, `validation.tooLong|max=${max}`)
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    );

export const eventForm = z
  .object({
    title: requiredText(200),
    subtitle: formText(300),
    description: formText(10_000),
    themes: lines(3000),
    targetGroups: lines(3000),
    organisers: lines(3000),
    date: dateField,
    startTime: timeField,
    endTime: timeField,
    venueName: requiredText(200),
    venueRoom: formText(200),
    venueAddress: formText(500),
    venueAccessibility: formText(2000),
    venueDirections: formText(2000),
    capacity: wholeNumber(1, 100_000),
    opensDate: optionalDate,
    opensTime: optionalTime,
    closesDate: optionalDate,
    closesTime: optionalTime,
    confirmByEmail: formCheckbox,
    holdHours: wholeNumber(1, 336),
    reminderDays: wholeNumber(0, 60),
    fee: formText(200),
    creditHours: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .pipe(
        z
          .string()
          .regex(/^\d{1,3}([.,]\d{1,2})?$/, "events.validation.number")
          .transform((v) => Number(v.replace(",", ".")))
          .pipe(z.number().max(100, "events.validation.range|min=0|max=100"))
          .optional(),
      ),
    contactName: formText(200),
    contactEmail: optionalFormEmail,
    contactPhone: formText(50),
    // Optional: a form without these fields (an older page still open) keeps what the Fachtag has.
    workshopChoice: z.enum(["first_come", "preferences"], { error: "validation.choice" }).optional(),
    maxChoices: z
      .string()
      .trim()
      .regex(/^[1-5]$/, "events.validation.maxChoices")
      .transform(Number)
      .optional(),
    // Optional like the workshop mode: an older page still open keeps the Fachtag's period.
    retentionMonths: z
      .string()
      .trim()
      .regex(/^([1-9]|[1-5]\d|60)$/, "events.validation.retentionMonths")
      .transform(Number)
      .optional(),
  })
  // Date and time of the registration window come in pairs. These checks run also when
  // other fields have problems, so the page names every problem at once.
  .refine((v) => !v.opensDate || Boolean(v.opensTime), {
    path: ["opensTime"],
    message: "events.validation.dateTimePair",
    when: () => true,
  })
  .refine((v) => Boolean(v.opensDate) || !v.opensTime, {
    path: ["opensDate"],
    message: "events.validation.dateTimePair",
    when: () => true,
  })
  .refine((v) => !v.closesDate || Boolean(v.closesTime), {
    path: ["closesTime"],
    message: "events.validation.dateTimePair",
    when: () => true,
  })
  .refine((v) => Boolean(v.closesDate) || !v.closesTime, {
    path: ["closesDate"],
    message: "events.validation.dateTimePair",
    when: () => true,
  });
type EventFormData = z.output<typeof eventForm>;

const local = (date: string | undefined, time: string | undefined): string | null =>
  date && time ? berlinToUtc(date, time) : null;

export function eventFormToInput(f: EventFormData): EventInput {
  return {
    title: f.title,
    subtitle: f.subtitle ?? null,
    description: f.description ?? null,
    themes: f.themes,
    targetGroups: f.targetGroups,
    organisers: f.organisers,
    startsAt: berlinToUtc(f.date, f.startTime) as string,
    endsAt: berlinToUtc(f.date, f.endTime) as string,
    venue: {
      name: f.venueName,
      room: f.venueRoom ?? null,
      address: f.venueAddress ?? null,
      accessibility: f.venueAccessibility ?? null,
      directions: f.venueDirections ?? null,
    },
    capacity: f.capacity,
    registrationOpensAt: local(f.opensDate, f.opensTime),
    registrationClosesAt: local(f.closesDate, f.closesTime),
    confirmByEmail: f.confirmByEmail,
    holdHours: f.holdHours,
    reminderDays: f.reminderDays,
    fee: f.fee ?? null,
    creditHours: f.creditHours ?? null,
    contact: { name: f.contactName ?? null, email: f.contactEmail ?? null, phone: f.contactPhone ?? null },
    workshopChoice: f.workshopChoice,
    maxChoices: f.maxChoices,
    retentionMonths: f.retentionMonths,
  };
}

/** Service field names → form field names, for messages beside the right field. */
export const eventFieldOfService: Record<string, string> = {
  startsAt: "startTime",
  endsAt: "endTime",
  capacity: "capacity",
  registrationOpensAt: "opensDate",
  registrationClosesAt: "closesDate",
};

export const SPEAKER_ROWS = 4;

const speakerFields: Record<string, z.ZodType> = {};
for (let i = 1; i <= SPEAKER_ROWS; i++) {
  speakerFields[`speaker${i}Name`] = formText(200);
  speakerFields[`speaker${i}Role`] = formText(200);
  speakerFields[`speaker${i}Organisation`] = formText(200);
}

export const sessionForm = z
  .object({
    kind: z.enum(kinds, { error: "events.validation.kind" }),
    title: requiredText(300),
    abstract: formText(5000),
    room: formText(200),
    startTime: timeField,
    endTime: timeField,
    capacity: optionalWholeNumber(1, 100_000),
    ...speakerFields,
  })
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>;
    for (let i = 1; i <= SPEAKER_ROWS; i++) {
      if (!values[`speaker${i}Name`] && (values[`speaker${i}Role`] || values[`speaker${i}Organisation`])) {
        ctx.addIssue({ code: "custom", path: [`speaker${i}Name`], message: "events.validation.speakerName" });
      }
    }
  });
type SessionFormData = z.output<typeof sessionForm>;

export function sessionFormToInput(f: SessionFormData, date: string): SessionInput {
  const values = f as Record<string, unknown>;
  const speakers: Speaker[] = [];
  for (let i = 1; i <= SPEAKER_ROWS; i++) {
    const name = values[`speaker${i}Name`] as string | undefined;
    if (!name) continue;
    const role = values[`speaker${i}Role`] as string | undefined;
    const organisation = values[`speaker${i}Organisation`] as string | undefined;
    speakers.push({ name, ...(role ? { role } : {}), ...(organisation ? { organisation } : {}) });
  }
  return {
    kind: f.kind as SessionKind,
    title: f.title,
    abstract: f.abstract ?? null,
    room: f.room ?? null,
    startsAt: berlinToUtc(date, f.startTime) as string,
    endsAt: berlinToUtc(date, f.endTime) as string,
    capacity: f.capacity ?? null,
    speakers,
  };
}

export const sessionFieldOfService: Record<string, string> = {
  startsAt: "startTime",
  endsAt: "endTime",
  capacity: "capacity",
};

export const statusForm = z.object({ status: z.enum(allStatuses, { error: "validation.choice" }) });

/** Copying a Fachtag: its new title and day; everything else comes from the original. */
export const copyForm = z.object({ title: requiredText(200), date: localDate() });

/** `?vorlage=<item>` on the programme page: fill the "add" form from that item. */
export const programmeQuery = z.object({
  vorlage: z.string().max(100).optional().catch(undefined),
});
