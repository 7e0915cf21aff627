import { zipSync } from "fflate";
import type { Actor } from "../../platform/auth/actor.js";
import { hashToken } from "../../platform/auth/api-tokens.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { DomainError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import { formatShortDate } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import { checkUpload } from "../../platform/storage/storage.js";
import {
  type EventView,
  getEventForRegistration,
  listEventsStartingBetween,
  listSessions,
  type SessionView,
} from "../events/index.js";
import {
  type AttendanceRow,
  findAttendance,
  findAttendanceById,
  findAttendanceByManageHash,
  presentList,
} from "../registrations/index.js";
import { certificatesAccess } from "./access.js";
import * as repo from "./certificates.repo.js";
import { newCertificateCode, normaliseCertificateCode } from "./code.js";
import { NotAttendedError, NotOverError } from "./errors.js";
import { certificateMail } from "./mails.js";
import { type CertificateContent, certificatesPdf } from "./pdf.js";
import { flattenPng } from "./signature-image.js";

// Attendance certificates. "Present" is the registrations module's checked_in_at (set at
// the entrance): nobody else gets one. A certificate is issued once per registration, the
// first time anybody asks for it (download, mail), and keeps name, title and date itself so
// that its code still verifies after the registration is anonymised.

export interface PdfFile {
  pdf: Buffer;
  filename: string;
}

/** Days after the end by default; 0 turns the automatic mails off. */
export const DEFAULT_AUTO_SEND_DAYS = 1;
const signatureTypes = ["image/png", "image/jpeg"] as const;
const SIGNATURE_MAX_BYTES = 2 * 1024 * 1024;

const isOver = (event: EventView, now: string) => event.endsAt <= now;
const fullName = (a: Pick<AttendanceRow, "firstName" | "lastName">) => `${a.firstName} ${a.lastName}`;
const venueLine = (e: EventView) => [e.venue.name, e.venue.room, e.venue.address].filter(Boolean).join(", ");
const fileName = (e: EventView, who?: string) =>
  `Teilnahmebescheinigung${who ? ` ${who}` : "en"} ${formatShortDate(e.startsAt, "de")}.pdf`;

async function eventOf(db: Conn, eventId: string): Promise<EventView> {
  const event = await getEventForRegistration(db, eventId);
  if (!event) throw new NotFoundError();
  return event;
}

/** The Fachtag for its organisers; a draft is unknown to everybody else. */
async function managedEvent(platform: Platform, actor: Actor, eventId: string): Promise<EventView> {
  const event = await eventOf(platform.db.kysely, eventId);
  certificatesAccess.requireAccess(actor, "certificates.manage", event, { hide: event.status === "draft" });
  return event;
}

/** The person's certificate, issued now if it is the first time. Refused for anybody not present. */
async function issue(db: Conn, event: EventView, person: AttendanceRow): Promise<repo.CertificateRow> {
  if (person.status !== "confirmed" || !person.checkedInAt) throw new NotAttendedError();
  const existing = await repo.findByRegistration(db, person.id);
  if (existing) return existing;
  await repo.insertIfAbsent(db, {
    id: newId(),
    code: newCertificateCode(),
    registration_id: person.id,
    event_id: event.id,
    name: fullName(person),
    event_title: event.title,
    event_date: event.startsAt,
    issued_at: nowIso(),
    mailed_at: null,
  });
  const row = await repo.findByRegistration(db, person.id);
  if (!row) throw new Error("certificate not stored");
  return row;
}

interface Context {
  event: EventView;
  sessions: SessionView[];
  signer: { name: string | null; function: string | null; image: Buffer | null };
}

async function contextOf(platform: Platform, event: EventView): Promise<Context> {
  const db = platform.db.kysely;
  const [sessions, settings] = await Promise.all([listSessions(db, event.id), repo.findSettings(db, event.id)]);
  const image = settings?.signature_key ? ((await platform.storage.get(settings.signature_key)) ?? null) : null;
  return {
    event,
    sessions,
    signer: { name: settings?.signer_name ?? null, function: settings?.signer_function ?? null, image },
  };
}

const verifyUrl = (platform: Platform, code: string) =>
  `${platform.config.baseUrl}/bescheinigung/pruefen?code=${encodeURIComponent(code)}`;

function contentOf(platform: Platform, ctx: Context, person: AttendanceRow, cert: repo.CertificateRow) {
  const { event, sessions } = ctx;
  const item = (s: SessionView) => ({ startsAt: s.startsAt, endsAt: s.endsAt, title: s.title });
  const mine = new Set(person.workshopIds);
  return {
    name: cert.name,
    code: cert.code,
    verifyUrl: verifyUrl(platform, cert.code),
    issuedAt: cert.issued_at,
    event: {
      title: event.title,
      subtitle: event.subtitle,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      venue: venueLine(event),
      creditHours: event.creditHours,
      organisers: event.organisers.length ? event.organisers : [platform.config.district.office],
    },
    programme: sessions.filter((s) => s.kind !== "break" && s.kind !== "workshop").map(item),
    workshops: sessions.filter((s) => mine.has(s.id)).map(item),
    signer: ctx.signer,
  } satisfies CertificateContent;
}

/** The certificates of `people`, issued in one transaction: one commit for a Fachtag, not one per person. */
async function contentsOf(platform: Platform, ctx: Context, people: AttendanceRow[]): Promise<CertificateContent[]> {
  return platform.db.kysely.transaction().execute(async (trx) => {
    const out: CertificateContent[] = [];
    for (const person of people) out.push(contentOf(platform, ctx, person, await issue(trx, ctx.event, person)));
    return out;
  });
}

const issuerOf = (platform: Platform) => ({
  office: platform.config.district.office,
  district: platform.config.district.name,
});

async function render(platform: Platform, ctx: Context, people: AttendanceRow[], title: string): Promise<Buffer> {
  return certificatesPdf(await contentsOf(platform, ctx, people), issuerOf(platform), title);
}

async function onePdf(platform: Platform, event: EventView, person: AttendanceRow): Promise<PdfFile> {
  if (person.status !== "confirmed" || !person.checkedInAt) throw new NotAttendedError();
  const ctx = await contextOf(platform, event);
  const name = fullName(person);
  const pdf = await render(platform, ctx, [person], `Teilnahmebescheinigung ${name}: ${event.title}`);
  return { pdf, filename: fileName(event, name) };
}

const tokenOk = (token: string | undefined) => token !== undefined && token.length > 0 && token.length <= 200;

/** One's own certificate through the manage link; once present and the Fachtag is over. */
export async function ownCertificate(platform: Platform, actor: Actor, token: string): Promise<PdfFile> {
  const db = platform.db.kysely;
  const person = tokenOk(token) ? await findAttendanceByManageHash(db, hashToken(token)) : undefined;
  if (!person) throw new NotFoundError();
  const event = await eventOf(db, person.eventId);
  certificatesAccess.requireAccess(actor, "certificates.download", { event, tokenMatches: true });
  if (!isOver(event, nowIso())) throw new NotOverError();
  return onePdf(platform, event, person);
}

/**
 * A certificate by registration id (API): the Fachtag's organisers, or whoever holds this
 * registration's manage token. Unknown ids and wrong tokens tell an outsider nothing.
 */
export async function certificateById(
  platform: Platform,
  actor: Actor,
  registrationId: string,
  token?: string,
): Promise<PdfFile> {
  const db = platform.db.kysely;
  const person = await findAttendanceById(db, registrationId);
  const event = person ? await getEventForRegistration(db, person.eventId) : undefined;
  const holder = tokenOk(token) ? await findAttendanceByManageHash(db, hashToken(token as string)) : undefined;
  const tokenMatches = person !== undefined && holder?.id === person.id;
  const hide = actor.kind === "anonymous" || !event || event.status === "draft";
  if (!person || !event) throw new NotFoundError();
  certificatesAccess.requireAccess(actor, "certificates.download", { event, tokenMatches }, { hide });
  if (tokenMatches && !certificatesAccess.can(actor, "certificates.manage", event) && !isOver(event, nowIso())) {
    throw new NotOverError();
  }
  return onePdf(platform, event, person);
}

/** One person's certificate from the organiser's list. */
export async function organiserCertificate(
  platform: Platform,
  actor: Actor,
  eventId: string,
  registrationId: string,
): Promise<PdfFile> {
  const event = await managedEvent(platform, actor, eventId);
  const person = await findAttendance(platform.db.kysely, event.id, registrationId);
  if (!person) throw new NotFoundError();
  return onePdf(platform, event, person);
}

const collator = new Intl.Collator("de", { sensitivity: "base", numeric: true });
const byName = (a: AttendanceRow, b: AttendanceRow) =>
  collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);

/** Everybody present in one PDF (a page each), by last name. */
export async function allCertificates(platform: Platform, actor: Actor, eventId: string): Promise<PdfFile> {
  const event = await managedEvent(platform, actor, eventId);
  const people = (await presentList(platform.db.kysely, event.id)).sort(byName);
  if (!people.length) throw new NotAttendedError();
  const ctx = await contextOf(platform, event);
  const pdf = await render(platform, ctx, people, `Teilnahmebescheinigungen: ${event.title}`);
  return { pdf, filename: fileName(event) };
}

/**
 * Everybody present as a ZIP with one PDF per person (to forward or file one by one). PDFs
 * are compressed already, so the archive only stores them.
 */
export async function allCertificatesZip(platform: Platform, actor: Actor, eventId: string) {
  const event = await managedEvent(platform, actor, eventId);
  const people = (await presentList(platform.db.kysely, event.id)).sort(byName);
  if (!people.length) throw new NotAttendedError();
  const ctx = await contextOf(platform, event);
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const content of await contentsOf(platform, ctx, people)) {
    const pdf = await certificatesPdf([content], issuerOf(platform), `Teilnahmebescheinigung ${content.name}`);
    const base = fileName(event, content.name)
      .replace(/[\\/:*?"<>|]/g, "_")
      .replace(/\.pdf$/, "");
    let name = `${base}.pdf`;
    for (let n = 2; files[name]; n++) name = `${base} (${n}).pdf`;
    files[name] = [pdf, { level: 0 }];
  }
  return { zip: Buffer.from(zipSync(files)), filename: fileName(event).replace(/\.pdf$/, ".zip") };
}

// --- the organiser's page ------------------------------------------------------------------

export interface CertificatePerson {
  registrationId: string;
  name: string;
  organisation: string | null;
  code: string | null;
  mailedAt: string | null;
}

export interface CertificatesOverview {
  event: EventView;
  settings: { signerName: string | null; signerFunction: string | null; hasSignature: boolean; autoSendDays: number };
  present: number;
  sent: number;
  people: CertificatePerson[];
  /** Whether the Fachtag is over, so that certificates may go out. */
  over: boolean;
  /** When the automatic mails go out (ISO), or null when switched off. */
  autoSendAt: string | null;
  /** Whether that time has come (the job sends within its next run). */
  autoSendDue: boolean;
}

export async function getOverview(platform: Platform, actor: Actor, eventId: string): Promise<CertificatesOverview> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  const [people, certificates, settings] = await Promise.all([
    presentList(db, event.id),
    repo.listOfEvent(db, event.id),
    repo.findSettings(db, event.id),
  ]);
  const byRegistration = new Map(certificates.map((c) => [c.registration_id, c]));
  const autoSendDays = settings ? Number(settings.auto_send_days) : DEFAULT_AUTO_SEND_DAYS;
  const autoSendAt =
    autoSendDays > 0 ? new Date(Date.parse(event.endsAt) + autoSendDays * 86_400_000).toISOString() : null;
  return {
    event,
    settings: {
      signerName: settings?.signer_name ?? null,
      signerFunction: settings?.signer_function ?? null,
      hasSignature: Boolean(settings?.signature_key),
      autoSendDays,
    },
    present: people.length,
    sent: certificates.filter((c) => c.mailed_at && people.some((p) => p.id === c.registration_id)).length,
    people: people.sort(byName).map((p) => ({
      registrationId: p.id,
      name: fullName(p),
      organisation: p.organisation,
      code: byRegistration.get(p.id)?.code ?? null,
      mailedAt: byRegistration.get(p.id)?.mailed_at ?? null,
    })),
    over: isOver(event, nowIso()),
    autoSendAt,
    autoSendDue: autoSendAt !== null && autoSendAt <= nowIso(),
  };
}

export interface SettingsInput {
  signerName?: string | undefined;
  signerFunction?: string | undefined;
  autoSendDays: number;
  removeSignature: boolean;
}

/** Signer, signature image (PNG or JPEG, checked by its bytes) and the automatic sending. */
export async function saveSettings(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: SettingsInput,
  signature?: { data: Buffer },
): Promise<void> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  const before = await repo.findSettings(db, event.id);
  let key = input.removeSignature ? null : (before?.signature_key ?? null);
  if (signature) {
    let stored = signature.data;
    try {
      const checked = await checkUpload(signature.data, { maxBytes: SIGNATURE_MAX_BYTES, allowed: signatureTypes });
      key = `certificates/signatures/${newId()}.${checked.extension}`;
      if (checked.contentType === "image/png") stored = flattenPng(signature.data);
    } catch (error) {
      if (error instanceof DomainError && error.code === "file_type_not_allowed") {
        throw new ValidationError({ signature: "certificates.validation.signatureType" });
      }
      if (error instanceof DomainError) throw new ValidationError({ signature: error.messageKey });
      throw error;
    }
    await platform.storage.put(key, stored);
  }
  await repo.saveSettings(db, {
    event_id: event.id,
    signer_name: input.signerName ?? null,
    signer_function: input.signerFunction ?? null,
    signature_key: key,
    auto_send_days: input.autoSendDays,
    updated_at: nowIso(),
  });
  if (before?.signature_key && before.signature_key !== key) await platform.storage.delete(before.signature_key);
}

// --- sending --------------------------------------------------------------------------------

/**
 * Mails the link to everybody present who has not had it: the certificate is issued and
 * the mail put into the outbox in one transaction, marked so that nobody gets it twice
 * (a second click, the job, two instances at once). Returns how many mails were queued.
 */
async function sendToPresent(platform: Platform, event: EventView): Promise<number> {
  return platform.db.kysely.transaction().execute(async (trx) => {
    let sent = 0;
    const now = nowIso();
    for (const person of await presentList(trx, event.id)) {
      const cert = await issue(trx, event, person);
      if (cert.mailed_at || !(await repo.markMailed(trx, cert.id, now))) continue;
      await enqueueMail(trx, certificateMail(platform, event, person, cert.code));
      sent++;
    }
    return sent;
  });
}

/** The organiser's button: all present at once, after the Fachtag. */
export async function sendAll(platform: Platform, actor: Actor, eventId: string): Promise<number> {
  const event = await managedEvent(platform, actor, eventId);
  if (!isOver(event, nowIso())) throw new NotOverError();
  return sendToPresent(platform, event);
}

/**
 * Job: sends the certificates of Fachtage whose day of sending has come (N days after the
 * end, per Fachtag; default one day). Looks back 60 days, so that switching the module on
 * does not mail the people of long-past Fachtage.
 */
export async function sendDue(platform: Platform, now = new Date()): Promise<number> {
  const db = platform.db.kysely;
  const from = new Date(now.getTime() - 60 * 86_400_000).toISOString();
  let sent = 0;
  for (const event of await listEventsStartingBetween(db, from, now.toISOString())) {
    if (event.status === "cancelled" || event.status === "draft") continue;
    // After the retention the people are gone: nobody left to send to.
    if (event.personalDataRemovedAt) continue;
    const settings = await repo.findSettings(db, event.id);
    const days = settings ? Number(settings.auto_send_days) : DEFAULT_AUTO_SEND_DAYS;
    if (days <= 0) continue;
    if (Date.parse(event.endsAt) + days * 86_400_000 > now.getTime()) continue;
    sent += await sendToPresent(platform, event);
  }
  return sent;
}

/** Retention hook: the certificates stay verifiable without their registrations; counts them. */
export async function keepCertificatesOfEvent(db: Conn, eventId: string): Promise<{ certificates: number }> {
  return { certificates: await repo.unlinkRegistrationsOfEvent(db, eventId) };
}

// --- verification (public) -----------------------------------------------------------------

export interface Verified {
  valid: true;
  code: string;
  name: string;
  eventTitle: string;
  /** The Fachtag's date (ISO UTC of its start). */
  date: string;
}

/** Whether a code belongs to a certificate issued here: only name, Fachtag and date are told. */
export async function verifyCode(platform: Platform, input: string): Promise<Verified> {
  const code = normaliseCertificateCode(input);
  const row = code ? await repo.findByCode(platform.db.kysely, code) : undefined;
  if (!row) throw new NotFoundError("certificates.verify.unknown");
  return { valid: true, code: row.code, name: row.name, eventTitle: row.event_title, date: row.event_date };
}

// --- what other modules' pages and the API show --------------------------------------------

/** Hook answer: each registration's certificate code for the API list. */
export async function certificateCodesFor(
  ctx: { db: Conn },
  registrationIds: string[],
): Promise<Record<string, Record<string, unknown>>> {
  const codes = await repo.codesOf(ctx.db, registrationIds);
  return Object.fromEntries([...codes].map(([id, code]) => [id, { certificateCode: code }]));
}

/** Whether the manage page offers the download: present, and the Fachtag is over. */
export const offersDownload = (event: Pick<EventView, "endsAt">, checkedInAt: string | null | undefined) =>
  Boolean(checkedInAt) && isOver(event as EventView, nowIso());

/** Demo data: issues the certificates of everybody present (without mail); one code to try. */
export async function issueForDemo(platform: Platform, event: EventView): Promise<string | undefined> {
  const db = platform.db.kysely;
  let code: string | undefined;
  for (const person of await presentList(db, event.id)) {
    const issued = await issue(db, event, person);
    code ??= issued.code;
  }
  return code;
}
