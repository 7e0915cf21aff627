import { berlinDay } from "../../lib/berlin-time.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { DomainError, NotFoundError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { getOrganisationSummaries } from "../directory/index.js";
import { type EventView, getEventForRegistration, getVisibleEvent } from "../events/index.js";
import {
  confirmationStates,
  organisationPicker,
  type PartnerPicker,
  proposeCooperationFromFachtag,
  withdrawFachtagProposal,
} from "../network/index.js";
import { outcomesAccess } from "./access.js";
import * as repo from "./outcomes.repo.js";
import type { AgreementInput, AgreementStatus } from "./schema.js";

// A Fachtag's results (text) and agreements (what, which organisations, by when, status).
// An agreement naming two or more organisations is proposed as a cooperation in the
// network, in the same transaction; the organiser keeps the agreement's status, the
// partners confirm the cooperation (see docs/decisions/0011).

export interface AgreementOrganisation {
  id: string;
  name: string;
  /** Path of the organisation's profile. */
  url: string;
}

export interface AgreementView {
  id: string;
  eventId: string;
  title: string;
  organisations: AgreementOrganisation[];
  dueOn: string | null;
  status: AgreementStatus;
  cooperationId: string | null;
  /** How far the cooperation is confirmed; null without one. */
  cooperation: { confirmed: number; partners: number; url: string } | null;
}

async function toViews(db: Conn, rows: repo.AgreementRow[]): Promise<AgreementView[]> {
  const summaries = await getOrganisationSummaries(db, [...new Set(rows.flatMap((r) => r.organisationIds))]);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const states = await confirmationStates(
    db,
    rows.flatMap((r) => (r.cooperation_id ? [r.cooperation_id] : [])),
  );
  return rows.map((r) => {
    const state = r.cooperation_id ? states.get(r.cooperation_id) : undefined;
    return {
      id: r.id,
      eventId: r.event_id,
      title: r.title,
      organisations: r.organisationIds.flatMap((id) => {
        const s = byId.get(id);
        return s ? [{ id, name: s.name, url: `/akteure/${s.slug}` }] : [];
      }),
      dueOn: r.due_on,
      status: r.status as AgreementStatus,
      cooperationId: r.cooperation_id && state ? r.cooperation_id : null,
      cooperation: r.cooperation_id && state ? { ...state, url: `/kooperationen/${r.cooperation_id}` } : null,
    };
  });
}

/** A Fachtag its organisers may write the outcomes of; 404 unknown, 403 someone else's. */
export async function managedEvent(platform: Platform, actor: Actor, eventId: string): Promise<EventView> {
  const event = await getEventForRegistration(platform.db.kysely, eventId);
  if (!event) throw new NotFoundError();
  outcomesAccess.requireAccess(actor, "outcomes.manage", event);
  return event;
}

export interface OutcomesPage {
  event: EventView;
  results: string | null;
  agreements: AgreementView[];
  picker: PartnerPicker;
}

/** The organiser's page: results, agreements and the partner picker of the new-agreement form. */
export async function getOutcomesPage(
  platform: Platform,
  actor: Actor,
  eventId: string,
  query: { search?: string | undefined; chosen?: readonly string[] | undefined } = {},
): Promise<OutcomesPage> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  return {
    event,
    results: await repo.findResults(db, event.id),
    agreements: await toViews(db, await repo.listAgreements(db, event.id)),
    picker: await organisationPicker(platform, { search: query.search, chosen: query.chosen ?? [], own: [] }),
  };
}

/** Writes the results text; an empty text removes it. */
export async function saveResults(
  platform: Platform,
  actor: Actor,
  eventId: string,
  results: string | undefined,
): Promise<void> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  if (!results) return repo.deleteResults(db, event.id);
  await repo.saveResults(db, {
    event_id: event.id,
    results,
    updated_by: actor.kind === "user" ? actor.id : null,
    updated_at: nowIso(),
  });
}

/** Every named organisation must be in the directory (published): else 422 organisation_unknown, nothing written. */
async function checkOrganisations(db: Conn, ids: readonly string[]): Promise<void> {
  const found = await getOrganisationSummaries(db, ids);
  if (found.length !== ids.length || found.some((o) => o.status !== "published")) {
    throw new DomainError(
      422,
      "organisation_unknown",
      "outcomes.error.organisationUnknown",
      {},
      { organisationIds: "outcomes.error.organisationUnknown" },
    );
  }
}

const proposalFor = (event: EventView, actor: Actor, input: AgreementInput, cooperationId: string | null) => ({
  cooperationId,
  title: input.title,
  organisationIds: input.organisationIds,
  event: { id: event.id, title: event.title, startsOn: berlinDay(event.startsAt) },
  askedBy: actor.kind === "user" ? actor.name : null,
  userId: actor.kind === "user" ? actor.id : null,
});

/** Adds an agreement; with two or more organisations the network gets a cooperation proposal with it. */
export async function addAgreement(
  platform: Platform,
  actor: Actor,
  eventId: string,
  input: AgreementInput,
): Promise<AgreementView> {
  const event = await managedEvent(platform, actor, eventId);
  const db = platform.db.kysely;
  await checkOrganisations(db, input.organisationIds);
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const cooperationId = await proposeCooperationFromFachtag(trx, platform, proposalFor(event, actor, input, null));
    await repo.insertAgreement(
      trx,
      {
        id,
        event_id: event.id,
        title: input.title,
        due_on: input.dueOn ?? null,
        status: input.status,
        cooperation_id: cooperationId,
        created_by: actor.kind === "user" ? actor.id : null,
        created_at: now,
        updated_at: now,
      },
      input.organisationIds,
    );
  });
  return (await toViews(db, [(await repo.findAgreement(db, event.id, id))!]))[0]!;
}

async function managedAgreement(platform: Platform, actor: Actor, eventId: string, agreementId: string) {
  const event = await managedEvent(platform, actor, eventId);
  const row = await repo.findAgreement(platform.db.kysely, event.id, agreementId);
  if (!row) throw new NotFoundError();
  return { event, row };
}

/** One agreement for its edit form. */
export async function getAgreementForEdit(
  platform: Platform,
  actor: Actor,
  eventId: string,
  agreementId: string,
  query: { search?: string | undefined; chosen?: readonly string[] | undefined } = {},
): Promise<{ event: EventView; agreement: AgreementView; picker: PartnerPicker }> {
  const { event, row } = await managedAgreement(platform, actor, eventId, agreementId);
  const agreement = (await toViews(platform.db.kysely, [row]))[0]!;
  const chosen = query.chosen ?? row.organisationIds;
  return { event, agreement, picker: await organisationPicker(platform, { search: query.search, chosen, own: [] }) };
}

/**
 * Changes an agreement. Its cooperation proposal follows text and partners while no
 * partner has confirmed it; a confirmed one stays as the partners agreed it.
 */
export async function updateAgreement(
  platform: Platform,
  actor: Actor,
  eventId: string,
  agreementId: string,
  input: AgreementInput,
): Promise<AgreementView> {
  const { event, row } = await managedAgreement(platform, actor, eventId, agreementId);
  const db = platform.db.kysely;
  await checkOrganisations(db, input.organisationIds);
  await db.transaction().execute(async (trx) => {
    const cooperationId = await proposeCooperationFromFachtag(
      trx,
      platform,
      proposalFor(event, actor, input, row.cooperation_id),
    );
    await repo.updateAgreement(
      trx,
      row.id,
      {
        title: input.title,
        due_on: input.dueOn ?? null,
        status: input.status,
        cooperation_id: cooperationId,
        updated_at: nowIso(),
      },
      input.organisationIds,
    );
  });
  return (await toViews(db, [(await repo.findAgreement(db, event.id, row.id))!]))[0]!;
}

/** Deletes an agreement; its proposal goes too unless a partner has confirmed the cooperation. */
export async function deleteAgreement(
  platform: Platform,
  actor: Actor,
  eventId: string,
  agreementId: string,
): Promise<void> {
  const { row } = await managedAgreement(platform, actor, eventId, agreementId);
  await platform.db.kysely.transaction().execute(async (trx) => {
    await repo.deleteAgreement(trx, row.id);
    if (row.cooperation_id) await withdrawFachtagProposal(trx, row.cooperation_id);
  });
}

/**
 * A draft Fachtag is being deleted (events.deleting, inside its transaction): its agreements
 * go with it by cascade, so their proposals nobody has confirmed go too.
 */
export async function withdrawProposalsOfEvent(db: Conn, eventId: string): Promise<void> {
  for (const row of await repo.listAgreements(db, eventId)) {
    if (row.cooperation_id) await withdrawFachtagProposal(db, row.cooperation_id);
  }
}

/** What everybody who may see the Fachtag reads: results and agreements (404 for others' drafts). */
export async function getPublicOutcomes(
  platform: Platform,
  actor: Actor,
  idOrSlug: string,
): Promise<{ event: EventView; results: string | null; agreements: AgreementView[] }> {
  const event = await getVisibleEvent(platform, actor, idOrSlug);
  return outcomesOf(platform.db.kysely, event);
}

/** Results and agreements of a Fachtag the caller has already shown to be visible. */
export async function outcomesOf(db: Conn, event: EventView) {
  return {
    event,
    results: await repo.findResults(db, event.id),
    agreements: await toViews(db, await repo.listAgreements(db, event.id)),
  };
}

export interface ProfileAgreement extends AgreementView {
  event: { title: string; url: string; startsAt: string };
}

/** The agreements an organisation is part of, from Fachtage that are not drafts, latest first. */
export async function agreementsForProfile(db: Conn, organisationId: string): Promise<ProfileAgreement[]> {
  const rows = await repo.agreementsOfOrganisation(db, organisationId);
  const events = new Map<string, EventView | undefined>();
  for (const id of new Set(rows.map((r) => r.event_id))) events.set(id, await getEventForRegistration(db, id));
  const views = await toViews(
    db,
    rows.filter((r) => {
      const e = events.get(r.event_id);
      return e !== undefined && e.status !== "draft";
    }),
  );
  return views
    .map((v) => {
      const e = events.get(v.eventId)!;
      return { ...v, event: { title: e.title, url: e.url, startsAt: e.startsAt } };
    })
    .sort((a, b) => b.event.startsAt.localeCompare(a.event.startsAt));
}

/** The first paragraph of each Fachtag's results, for the archive (at most about 300 characters). */
export async function resultSummaries(
  db: Conn,
  eventIds: readonly string[],
): Promise<{ eventId: string; summary: string }[]> {
  const results = await repo.resultsOf(db, eventIds);
  return [...results].map(([eventId, text]) => {
    const first = text
      .split(/\n\s*\n/)[0]!
      .replace(/\s+/g, " ")
      .trim();
    return { eventId, summary: first.length > 300 ? `${first.slice(0, 297).replace(/\s+\S*$/, "")} …` : first };
  });
}
