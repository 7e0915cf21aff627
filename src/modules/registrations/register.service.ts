import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso, toDbBool } from "../../platform/db/time.js";
import { NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import {
  currentMunicipality,
  findOrganisationByLabel,
  findPublishedOrganisation,
  organisationChoices,
} from "../directory/index.js";
import {
  type EventView,
  getEventForRegistration,
  listWorkshops,
  lockEventForCapacity,
  type RegistrationState,
  registrationState,
  type SessionView,
} from "../events/index.js";
import { registrationsAccess } from "./access.js";
import { capacitySnapshot, workshopTaken } from "./capacity.repo.js";
import {
  AlreadyRegisteredError,
  EventFullError,
  isUniqueViolation,
  RegistrationClosedError,
  WorkshopFullError,
} from "./errors.js";
import { queueMail } from "./mail-queue.js";
import type { MailKind } from "./mails.js";
import { insertPreferences } from "./preferences.repo.js";
import { listQuestions, type QuestionRow } from "./questions.repo.js";
import { checkWorkshopChoice } from "./registration-changes.js";
import {
  findActiveByEmail,
  insertRegistration,
  insertWorkshopChoices,
  type RegistrationRow,
} from "./registrations.repo.js";
import type { RegistrationSource } from "./tables.js";
import { hashToken, manageTokenFor, newConfirmToken, newTicketCode } from "./tokens.js";
import {
  type Availability,
  availabilityOf,
  type QuestionView,
  type SlotView,
  toQuestionView,
  wishLists,
  workshopSlots,
} from "./view-models.js";
import { addHours, expireStale } from "./waitlist.service.js";
import { checkWishes, collectsWishes, WishError } from "./wishes.js";

// Registering for a Fachtag: the public form and API, and organisers registering
// somebody by hand. The capacity decision happens here, under the Fachtag's lock.

export interface RegistrationInput {
  firstName: string;
  lastName: string;
  email: string;
  organisation?: string | undefined;
  organisationId?: string | undefined;
  organisationKind?: string | undefined;
  role?: string | undefined;
  municipality?: string | undefined;
  dietaryNeeds?: string | undefined;
  accessibilityNeeds?: string | undefined;
  workshopIds: string[];
  /** Preference mode: ranked wishes, one list per time slot in time order (see checkWishes). */
  preferences?: string[][] | undefined;
  consents: { privacy: boolean; photos: boolean; participantList: boolean };
  answers: Record<string, string>;
}

interface RegistrationResult {
  id: string;
  status: "pending" | "confirmed" | "waitlisted";
  waitlistPosition?: number;
  workshopIds: string[];
  /** The wishes stored, one ranked list per slot (only while the Fachtag takes wishes). */
  preferences?: string[][];
  manageToken: string;
  eventSlug: string;
  /** The address was registered already (public form only): nothing was stored. */
  duplicate?: true;
}

interface RegistrationFormModel {
  event: EventView;
  slots: SlotView[];
  questions: QuestionView[];
  availability: Availability;
  state: RegistrationState;
}

/** What the registration section of a Fachtag page adds to what the page has: questions, organisation field. */
export async function getRegistrationSection(platform: Platform, event: EventView) {
  const questions = (await listQuestions(platform.db.kysely, event.id)).map(toQuestionView);
  const organisationField = event.registrationOpen ? await getOrganisationField(platform) : undefined;
  return { questions, organisationField };
}

/** Everything the public registration form needs. Unpublished events are not found. */
export async function getRegistrationForm(platform: Platform, idOrSlug: string): Promise<RegistrationFormModel> {
  const db = platform.db.kysely;
  const event = await getEventForRegistration(db, idOrSlug);
  if (!event || event.status === "draft") throw new NotFoundError();
  const [workshops, questions] = await Promise.all([listWorkshops(db, event.id), listQuestions(db, event.id)]);
  return {
    event,
    slots: workshopSlots(workshops),
    questions: questions.map(toQuestionView),
    availability: await availabilityOf(db, event, workshops),
    state: registrationState(event),
  };
}

function checkAnswers(questions: QuestionRow[], answers: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  const clean: Record<string, string> = {};
  for (const q of questions.map(toQuestionView)) {
    const value = (answers[q.id] ?? "").trim();
    if (!value) {
      if (q.required) errors[`q_${q.id}`] = "validation.required";
      continue;
    }
    if (value.length > 1000) errors[`q_${q.id}`] = "registrations.validation.answerTooLong";
    else if (q.kind === "choice" && !q.options.includes(value)) errors[`q_${q.id}`] = "validation.choice";
    else if (q.kind === "yesno" && value !== "ja" && value !== "nein") errors[`q_${q.id}`] = "validation.choice";
    else clean[q.id] = value;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return clean;
}

/**
 * Registers a person for a Fachtag. Every capacity decision happens inside one
 * transaction that holds the event's lock (events' lockEventForCapacity): places
 * taken = confirmed + pending on hold; a full event puts the person on the
 * waitlist; a full workshop is refused (409 workshop_full). The registration and
 * its e-mail are committed before the caller answers.
 * Public for source "web"/"api"; "manual" (phone registrations) needs the organiser
 * (checked once the Fachtag is read under the lock: the policy needs its organiser).
 */
export async function register(
  platform: Platform,
  actor: Actor,
  eventIdOrSlug: string,
  input: RegistrationInput,
  source: RegistrationSource,
): Promise<RegistrationResult> {
  const email = input.email.trim().toLowerCase();
  const id = newId();
  const manageToken = manageTokenFor(platform.config.sessionSecret, id);
  const confirmToken = newConfirmToken();
  const organisation = await organisationOf(platform, input, source);

  try {
    // One transaction from the first read on: on SQLite the request takes the one
    // connection once (docs/decisions/0008), on PostgreSQL the event row is locked
    // from the start, so nothing below can see an outdated event.
    return await platform.db.kysely.transaction().execute(async (trx) => {
      const event = await lockEventForCapacity(trx, eventIdOrSlug);
      if (!event) throw new NotFoundError();
      // A draft is not known to exist for those who may not see it: 404, as reading it.
      registrationsAccess.requireAccess(
        actor,
        "registration.register",
        { source, event },
        { hide: event.status === "draft" },
      );
      if (!input.consents.privacy) throw new ValidationError({ consentPrivacy: "registrations.validation.privacy" });
      const questions = await listQuestions(trx, event.id);
      const answers =
        // At the entrance nobody fills in the organiser's questions: only answers given are checked.
        source === "api" || source === "walkin"
          ? checkAnswersLenient(questions, input.answers)
          : checkAnswers(questions, input.answers);
      const now = nowIso();
      const state = registrationState(event, new Date(now));
      const byStaff = source === "manual" || source === "walkin";
      if (!state.open && !(byStaff && state.reason !== "cancelled")) {
        throw new RegistrationClosedError(state.reason);
      }
      // Holds that ran out are expired first (and their places given to the waitlist):
      // an address whose confirmation lapsed may register again.
      let snapshot = await capacitySnapshot(trx, event.id, now);
      if (snapshot.lapsed > 0) {
        await expireStale(trx, platform, event, now);
        snapshot = await capacitySnapshot(trx, event.id, now);
      }
      const existing = await findActiveByEmail(trx, event.id, email);
      if (existing && source !== "web") throw new AlreadyRegisteredError();

      const workshops = await listWorkshops(trx, event.id);
      const wishes = wishRowsOf(event, workshops, input, source);
      const chosen = checkWorkshopChoice(workshops, input.workshopIds);
      const full = snapshot.taken >= event.capacity;
      // Somebody at the door is let in or not: a walk-in is never put on the waitlist.
      if (full && source === "walkin") throw new EventFullError();
      if (!full && chosen.size > 0) {
        const wTaken = await workshopTaken(trx, event.id, now, [...chosen.keys()]);
        for (const w of chosen.values()) {
          if (w.capacity !== null && (wTaken[w.id] ?? 0) >= w.capacity) {
            throw new WorkshopFullError(w.title, `workshop_${w.slotIndex}`);
          }
        }
      }
      const needsOptIn = event.confirmByEmail && !byStaff;
      const status: RegistrationResult["status"] = full ? "waitlisted" : needsOptIn ? "pending" : "confirmed";
      if (existing) {
        // The public form does not tell whoever types an address whether it is registered:
        // it answers as for a newcomer, and the address's owner gets a mail with the manage
        // link (at most one an hour). The API keeps its 409, under the same rate limit.
        await queueMail(trx, "alreadyRegistered", {
          platform,
          event,
          registration: existing,
          occasion: now.slice(0, 13),
        });
        return {
          id: existing.id,
          status,
          ...(full ? { waitlistPosition: snapshot.waiting + 1 } : {}),
          workshopIds: [],
          manageToken: "",
          eventSlug: event.slug,
          duplicate: true,
        };
      }
      const row = {
        id,
        event_id: event.id,
        status,
        waitlist_order: full ? snapshot.lastOrder + 1 : null,
        first_name: input.firstName,
        last_name: input.lastName,
        email,
        organisation: organisation.name,
        organisation_id: organisation.id,
        organisation_kind: organisation.kind,
        role: input.role ?? null,
        municipality: organisation.municipality,
        dietary_needs: input.dietaryNeeds ?? null,
        accessibility_needs: input.accessibilityNeeds ?? null,
        consent_privacy: 1,
        consent_photos: toDbBool(input.consents.photos),
        consent_participant_list: toDbBool(input.consents.participantList),
        consents_at: now,
        answers: JSON.stringify(answers),
        manage_token_hash: hashToken(manageToken),
        confirm_token_hash: status === "pending" ? hashToken(confirmToken) : null,
        hold_until: status === "pending" ? addHours(now, event.holdHours) : null,
        source,
        created_at: now,
        updated_at: now,
        confirmed_at: status === "confirmed" ? now : null,
        cancelled_at: null,
        ticket_code: newTicketCode(),
        checked_in_at: null,
        checked_in_by: null,
      } satisfies RegistrationRow;
      await insertRegistration(trx, row);
      await insertWorkshopChoices(
        trx,
        [...chosen.values()].map((w) => ({ registration_id: id, session_id: w.id, slot: w.slot, created_at: now })),
      );
      // With the registration: a person is never registered without the wishes they gave.
      await insertPreferences(trx, id, wishes, now);
      const mine = workshops.filter((w) => chosen.has(w.id));
      // Everybody waiting has a smaller number: the newcomer is last in line.
      const waitlistPosition = full ? snapshot.waiting + 1 : undefined;
      const kind: MailKind = full ? "waitlisted" : status === "pending" ? "confirmRequest" : "confirmed";
      await queueMail(trx, kind, {
        platform,
        event,
        registration: row,
        workshops: mine,
        confirmToken,
        manageToken,
        ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
      });
      return {
        id,
        status,
        ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
        workshopIds: mine.map((w) => w.id),
        ...(collectsWishes(event) ? { preferences: wishLists(wishes, workshopSlots(workshops)) } : {}),
        manageToken,
        eventSlug: event.slug,
      };
    });
  } catch (error) {
    // Two requests for the same e-mail can only meet at the unique index on PostgreSQL
    // when their transactions overlap; the second is told the same as any duplicate.
    if (isUniqueViolation(error)) throw new AlreadyRegisteredError();
    throw error;
  }
}

/**
 * The wishes to store with a registration. While a Fachtag takes wishes, workshops are
 * not chosen directly (that is what the allocation does); in first-come mode, and once
 * the allocation is published, wishes are refused: workshops are then chosen among free
 * places. Each refusal names the field, so the API caller knows what to send instead.
 */
function wishRowsOf(event: EventView, workshops: SessionView[], input: RegistrationInput, source: RegistrationSource) {
  if (!collectsWishes(event)) {
    if (input.preferences === undefined) return [];
    throw new WishError(
      "preferences_not_accepted",
      "preferences",
      event.workshopChoice === "preferences"
        ? "registrations.validation.wishesAfterPublication"
        : "registrations.validation.wishesFirstCome",
    );
  }
  if (input.workshopIds.length) {
    // The API caller is told what to send; staff at the entrance what to do.
    throw new WishError(
      "workshop_ids_need_preferences",
      "workshopIds",
      source === "api"
        ? "registrations.validation.workshopIdsInWishMode"
        : "registrations.validation.workshopsNotYetAllocated",
    );
  }
  return checkWishes(workshops, input.preferences ?? [], event.maxChoices);
}

/**
 * How the form's organisation field offers the Bildungsportal: its names in the page
 * (`choices`, no JavaScript needed), or — for a directory too large to list — the
 * address a small script searches while the person types (`searchUrl`).
 */
export interface OrganisationField {
  choices?: string[];
  searchUrl?: string;
}

export async function getOrganisationField(platform: Platform): Promise<OrganisationField> {
  const choices = await organisationChoices(platform);
  return choices ? { choices: choices.map((c) => c.label) } : { searchUrl: "/api/v1/organisations" };
}

/** The directory's kinds of organisation, in the coarser list of the registration form. */
const kindFromDirectory: Record<string, string> = {
  kita: "kita",
  grundschule: "grundschule",
  oberschule: "schule",
  gymnasium: "schule",
  gesamtschule: "schule",
  foerderschule: "schule",
  berufsbildende_schule: "bbs",
  hochschule: "hochschule",
  erwachsenenbildung: "erwachsenenbildung",
  jugendhilfe: "jugendhilfe",
  beratungsstelle: "beratung",
  verein: "verein",
  unternehmen: "unternehmen",
  verwaltung: "verwaltung",
};

/**
 * Who the person comes from. An `organisationId` (API) must be a published organisation
 * of the directory; a name typed or picked in the form is linked to the directory entry
 * when it denotes exactly one, and then the directory's spelling, kind and municipality
 * fill what the person left empty. Anything else stays free text.
 */
export async function organisationOf(
  platform: Platform,
  input: Pick<RegistrationInput, "organisation" | "organisationId" | "organisationKind" | "municipality">,
  source: RegistrationSource,
): Promise<{ id: string | null; name: string | null; kind: string | null; municipality: string | null }> {
  const typed = {
    id: null,
    name: input.organisation ?? null,
    kind: input.organisationKind ?? null,
    // Today's name: "Hermannsburg" is counted as Südheide, like in the directory.
    municipality: input.municipality ? currentMunicipality(input.municipality) : null,
  };
  let found: Awaited<ReturnType<typeof findPublishedOrganisation>>;
  if (input.organisationId) {
    found = await findPublishedOrganisation(platform.db.kysely, input.organisationId);
    if (!found) throw new ValidationError({ organisationId: "registrations.validation.organisationUnknown" });
  } else if (source !== "api" && input.organisation) {
    found = await findOrganisationByLabel(platform.db.kysely, input.organisation);
  }
  if (!found) return typed;
  return {
    id: found.id,
    name: found.name,
    kind: typed.kind ?? kindFromDirectory[found.kind] ?? null,
    municipality: typed.municipality ?? found.municipality,
  };
}

/** The API has no form for organiser questions: only answers it sends are checked. */
function checkAnswersLenient(questions: QuestionRow[], answers: Record<string, string>): Record<string, string> {
  return checkAnswers(
    questions.map((q) => ({ ...q, required: 0 })),
    answers,
  );
}
