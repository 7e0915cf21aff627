import type { Actor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import { type Locale, translator } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { getOrganisationSummaries, organisationIdsOfMember } from "../directory/index.js";
import { can, type PartnerRef, representedAmong, requireAccess, userIdOf } from "./access.js";
import { todayInBerlin } from "./analysis.js";
import { type EventChoice, organisationPicker, originEventOptions, type PartnerPicker } from "./choices.service.js";
import { askPartnersToConfirm } from "./confirmation-mail.js";
import { type CooperationKind, type CooperationStatus, cooperationStatuses } from "./constants.js";
import { type CooperationView, toCooperationViews, visibleEvent } from "./cooperation-views.js";
import * as repo from "./cooperations.repo.js";
import type { CooperationsTable } from "./tables.js";
import { formatDay } from "./views/labels.js";
import type { ProfileCooperation } from "./views/profile-cooperations.js";

// Recording, changing, ending and confirming cooperations, and the lists and pages
// that show them. Who may do which is decided in access.ts.

export interface CooperationFields {
  title: string;
  kind: CooperationKind;
  description?: string | null | undefined;
  organisationIds: string[];
  startsOn: string;
  endsOn?: string | null | undefined;
  status?: CooperationStatus | undefined;
  themes?: string[] | undefined;
  origin?: string | null | undefined;
  originEventId?: string | null | undefined;
}

/**
 * The partners exist, the end is not before the start, and the origin Fachtag is one
 * the actor may see: a draft of another organiser is refused exactly like an unknown
 * id, so the answer tells nothing about it. `keptOrigin` (the stored origin on update)
 * may stay even when the actor cannot see it.
 */
async function checkReferences(
  platform: Platform,
  actor: Actor,
  input: CooperationFields,
  keptOrigin: string | null = null,
): Promise<void> {
  const db = platform.db.kysely;
  const summaries = await getOrganisationSummaries(db, input.organisationIds);
  if (summaries.length !== new Set(input.organisationIds).size) {
    throw new ValidationError({ organisationIds: "network.validation.unknownOrganisation" });
  }
  const origin = input.originEventId;
  if (origin && origin !== keptOrigin && !(await visibleEvent(platform, actor, origin))) {
    throw new ValidationError({ originEventId: "network.validation.unknownEvent" });
  }
  if (input.endsOn && input.endsOn < input.startsOn) {
    throw new ValidationError({ endsOn: "network.validation.endBeforeStart" });
  }
}

/** Distinct partners, at least two. */
function partnerIds(input: CooperationFields): string[] {
  const ids = [...new Set(input.organisationIds)];
  if (ids.length < 2) throw new ValidationError({ organisationIds: "network.validation.twoOrganisations" });
  return ids;
}

/**
 * A cooperation one records (or changes the partners of) must stay one one may change:
 * a member names at least one organisation they represent. Shown beside the field.
 */
async function requireOwnPartner(db: Conn, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const represented = await representedAmong(db, actor, ids);
  if (!can(actor, "cooperation.edit", { represented })) {
    throw new DomainError(
      403,
      "forbidden",
      "network.validation.notYourOrganisation",
      {},
      { organisationIds: "network.validation.notYourOrganisation" },
    );
  }
  return new Set(represented);
}

/** A partner's side is confirmed at once when the actor may confirm for it (admins: every side). */
const confirmedAtOnce = (actor: Actor, own: Set<string>, organisationId: string) =>
  can(actor, "cooperation.confirm", { representsOrganisation: own.has(organisationId) });

function rowFields(input: CooperationFields) {
  return {
    title: input.title,
    kind: input.kind,
    description: input.description ?? null,
    starts_on: input.startsOn,
    ends_on: input.endsOn ?? null,
    status: input.status ?? "active",
    themes: JSON.stringify(input.themes ?? []),
    origin: input.origin ?? null,
    origin_event_id: input.originEventId ?? null,
  };
}

/**
 * Records a cooperation. An admin's record is confirmed for every partner at once;
 * a member must represent at least one partner: their side is confirmed, the other
 * organisations confirm on /verwaltung/kooperationen/bestaetigen.
 */
export async function createCooperation(
  platform: Platform,
  actor: Actor,
  input: CooperationFields,
): Promise<CooperationView> {
  requireAccess(actor, "cooperation.create", undefined);
  const db = platform.db.kysely;
  const ids = partnerIds(input);
  await checkReferences(platform, actor, { ...input, organisationIds: ids });
  const own = await requireOwnPartner(db, actor, ids);
  const id = newId();
  const now = nowIso();
  const by = userIdOf(actor);
  const rows = ids.map((organisation_id) => {
    const confirmed = confirmedAtOnce(actor, own, organisation_id);
    return {
      cooperation_id: id,
      organisation_id,
      confirmed_at: confirmed ? now : null,
      confirmed_by: confirmed ? by : null,
    };
  });
  await db.transaction().execute(async (trx) => {
    await repo.insertCooperation(
      trx,
      { id, ...rowFields(input), created_by: by, created_at: now, updated_at: now },
      rows,
    );
    await askPartnersToConfirm(trx, platform, {
      cooperationId: id,
      title: input.title,
      organisationIds: rows.filter((r) => r.confirmed_at === null).map((r) => r.organisation_id),
      askedBy: actor.kind === "user" ? actor.name : null,
      reason: "new",
      at: now,
    });
  });
  return (await toCooperationViews(platform, actor, [(await repo.findCooperation(db, id))!]))[0]!;
}

/** Loads a cooperation and checks that the actor may change (or end) it. */
async function forChange(
  platform: Platform,
  actor: Actor,
  id: string,
  permission: "cooperation.edit" | "cooperation.end",
) {
  const db = platform.db.kysely;
  const row = await repo.findCooperation(db, id);
  if (!row) throw new NotFoundError();
  const partners = await repo.partnersOf(db, [id]);
  const represented = await representedAmong(
    db,
    actor,
    partners.map((p) => p.organisation_id),
  );
  requireAccess(actor, permission, { represented });
  return { db, row, partners };
}

export interface CooperationFormChoices {
  partners: PartnerPicker;
  events: EventChoice[];
  /** The actor's record is confirmed for every partner at once (admins). */
  confirmsForAll: boolean;
}

/** What the picker is asked: the search term and the organisations already chosen. */
export interface PickerQuery {
  search?: string | undefined;
  chosen?: readonly string[] | undefined;
}

async function formChoices(platform: Platform, actor: Actor, query: PickerQuery): Promise<CooperationFormChoices> {
  const own = actor.kind === "user" ? await organisationIdsOfMember(platform.db.kysely, actor.id) : [];
  return {
    partners: await organisationPicker(platform, { search: query.search, chosen: query.chosen ?? [], own }),
    events: await originEventOptions(platform, actor),
    confirmsForAll: can(actor, "cooperation.confirm", { representsOrganisation: false }),
  };
}

/**
 * The form for a new cooperation; only for those who may record one. The member's
 * own organisation is chosen already (when they keep exactly one), and so is the
 * organisation whose profile the proposal started from.
 */
export async function newCooperationForm(
  platform: Platform,
  actor: Actor,
  start: { organisationId?: string | undefined; search?: string | undefined } = {},
): Promise<CooperationFormChoices & { values: Record<string, unknown> }> {
  requireAccess(actor, "cooperation.create", undefined);
  const db = platform.db.kysely;
  const own = actor.kind === "user" ? await organisationIdsOfMember(db, actor.id) : [];
  const chosen = new Set(own.length === 1 ? own : []);
  if (start.organisationId && (await getOrganisationSummaries(db, [start.organisationId])).length === 1) {
    chosen.add(start.organisationId);
  }
  const organisationIds = [...chosen];
  return {
    ...(await formChoices(platform, actor, { search: start.search, chosen: organisationIds })),
    values: { organisationIds, status: "active", suche: start.search ?? "" },
  };
}

/** What the form offers when it is shown again (after a search or with errors). */
export async function cooperationFormChoices(
  platform: Platform,
  actor: Actor,
  query: PickerQuery,
  id?: string,
): Promise<CooperationFormChoices> {
  if (id) await forChange(platform, actor, id, "cooperation.edit");
  else requireAccess(actor, "cooperation.create", undefined);
  return formChoices(platform, actor, query);
}

/** The form values of a cooperation the actor may change, and what the form offers. */
export async function editCooperationForm(
  platform: Platform,
  actor: Actor,
  id: string,
): Promise<CooperationFormChoices & { values: Record<string, unknown> }> {
  const { row } = await forChange(platform, actor, id, "cooperation.edit");
  const c = (await toCooperationViews(platform, actor, [row]))[0]!;
  const values = {
    title: c.title,
    kind: c.kind,
    description: c.description ?? "",
    organisationIds: c.organisationIds,
    startsOn: c.startsOn,
    endsOn: c.endsOn ?? "",
    status: c.status,
    themes: c.themes.join(", "),
    origin: c.origin ?? "",
    originEventId: c.originEventId ?? "",
  };
  return { ...(await formChoices(platform, actor, { chosen: c.organisationIds })), values };
}

/**
 * Whether a change alters what the partners agreed to: title, description, kind,
 * partners, start or end. Themes, the origin and the status are bookkeeping.
 */
function changesSubstance(
  row: CooperationsTable,
  current: ReadonlySet<string>,
  input: CooperationFields,
  ids: string[],
) {
  return (
    row.title !== input.title ||
    (row.description ?? null) !== (input.description ?? null) ||
    row.kind !== input.kind ||
    row.starts_on !== input.startsOn ||
    (row.ends_on ?? null) !== (input.endsOn ?? null) ||
    ids.length !== current.size ||
    ids.some((o) => !current.has(o))
  );
}

/**
 * Changes a cooperation. The education office's change keeps every confirmation. A
 * member's change of substance (see changesSubstance) goes back to the other partners:
 * their confirmations are withdrawn, their members are asked by e-mail, and the
 * cooperation is unconfirmed (not public) until they confirm again; the member's own
 * side stays confirmed. Bookkeeping changes keep the confirmations.
 */
export async function updateCooperation(
  platform: Platform,
  actor: Actor,
  id: string,
  input: CooperationFields,
): Promise<{ reconfirm: boolean }> {
  const { db, row, partners } = await forChange(platform, actor, id, "cooperation.edit");
  const ids = partnerIds(input);
  // An origin the actor cannot see (and so cannot choose in the form) stays as it is.
  const storedOrigin = row.origin_event_id;
  const originHidden = storedOrigin !== null && !(await visibleEvent(platform, actor, storedOrigin));
  const fields: CooperationFields = {
    ...input,
    organisationIds: ids,
    originEventId: originHidden && !input.originEventId ? storedOrigin : input.originEventId,
  };
  await checkReferences(platform, actor, fields, storedOrigin);
  const own = await requireOwnPartner(db, actor, ids);
  const current = new Set(partners.map((p) => p.organisation_id));
  const confirmsForAll = can(actor, "cooperation.confirm", { representsOrganisation: false });
  const reconfirm = !confirmsForAll && changesSubstance(row, current, fields, ids);
  const now = nowIso();
  const by = userIdOf(actor);
  await db.transaction().execute(async (trx) => {
    await repo.updateCooperationRow(trx, id, { ...rowFields(fields), updated_at: now });
    await repo.removePartners(
      trx,
      id,
      [...current].filter((o) => !ids.includes(o)),
    );
    await repo.addPartners(
      trx,
      ids
        .filter((o) => !current.has(o))
        .map((organisation_id) => {
          const confirmed = confirmedAtOnce(actor, own, organisation_id);
          return {
            cooperation_id: id,
            organisation_id,
            confirmed_at: confirmed ? now : null,
            confirmed_by: confirmed ? by : null,
          };
        }),
    );
    if (reconfirm) await repo.withdrawConfirmations(trx, id, [...own]);
    // Asked: after a change of substance every other partner, else only the added ones.
    const asked = ids.filter((o) => !own.has(o) && (reconfirm || !current.has(o)));
    await askPartnersToConfirm(trx, platform, {
      cooperationId: id,
      title: fields.title,
      organisationIds: confirmsForAll ? [] : asked,
      askedBy: actor.kind === "user" ? actor.name : null,
      reason: reconfirm ? "changed" : "new",
      at: now,
    });
  });
  return { reconfirm };
}

/** Ends a cooperation today (or keeps an earlier end date). */
export async function endCooperation(platform: Platform, actor: Actor, id: string): Promise<void> {
  const { db, row } = await forChange(platform, actor, id, "cooperation.end");
  const today = todayInBerlin();
  let endsOn = row.ends_on && row.ends_on < today ? row.ends_on : today;
  if (endsOn < row.starts_on) endsOn = row.starts_on;
  await repo.updateCooperationRow(db, id, { status: "ended", ends_on: endsOn, updated_at: nowIso() });
}

async function requireConfirmer(db: Conn, actor: Actor, organisationId: string): Promise<void> {
  const represents = (await representedAmong(db, actor, [organisationId])).length > 0;
  requireAccess(actor, "cooperation.confirm", { representsOrganisation: represents });
}

/** An organisation's representative confirms its part in a cooperation. */
export async function confirmCooperation(
  platform: Platform,
  actor: Actor,
  cooperationId: string,
  organisationId: string,
): Promise<void> {
  const db = platform.db.kysely;
  await requireConfirmer(db, actor, organisationId);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const changed = await repo.confirmPartnerRow(trx, cooperationId, organisationId, userIdOf(actor), now);
    if (changed === 0) throw new ConflictError("not_pending", "network.error.notPending");
    await repo.updateCooperationRow(trx, cooperationId, { updated_at: now });
  });
}

/**
 * An organisation declines: it is removed from the cooperation. A cooperation
 * left with fewer than two organisations is deleted.
 */
export async function declineCooperation(
  platform: Platform,
  actor: Actor,
  cooperationId: string,
  organisationId: string,
): Promise<void> {
  const db = platform.db.kysely;
  await requireConfirmer(db, actor, organisationId);
  await db.transaction().execute(async (trx) => {
    const partners = await repo.partnersOf(trx, [cooperationId]);
    const mine = partners.find((p) => p.organisation_id === organisationId);
    if (!mine || mine.confirmed_at !== null) throw new ConflictError("not_pending", "network.error.notPending");
    if (partners.length <= 2) {
      await repo.deleteCooperation(trx, cooperationId);
    } else {
      await repo.removePartners(trx, cooperationId, [organisationId]);
      await repo.updateCooperationRow(trx, cooperationId, { updated_at: nowIso() });
    }
  });
}

export interface PendingConfirmation {
  cooperation: CooperationView;
  organisationId: string;
  organisationName: string;
}

/** Cooperations waiting for the actor's organisations to confirm (all of them for admins). */
export async function listPendingConfirmations(platform: Platform, actor: Actor): Promise<PendingConfirmation[]> {
  requireAccess(actor, "cooperation.listPending", undefined);
  const db = platform.db.kysely;
  const pending = await repo.pendingPartnerRows(db);
  const own = new Set(await representedAmong(db, actor, [...new Set(pending.map((p) => p.organisation_id))]));
  const mine = pending.filter((p) => own.has(p.organisation_id));
  const rows = (
    await Promise.all([...new Set(mine.map((p) => p.cooperation_id))].map((id) => repo.findCooperation(db, id)))
  ).filter((r) => r !== undefined);
  const views = new Map((await toCooperationViews(platform, actor, rows)).map((v) => [v.id, v]));
  return mine
    .filter((p) => views.has(p.cooperation_id))
    .map((p) => {
      const cooperation = views.get(p.cooperation_id)!;
      return {
        cooperation,
        organisationId: p.organisation_id,
        organisationName:
          cooperation.partners.find((x) => x.organisationId === p.organisation_id)?.name ?? p.organisation_id,
      };
    });
}

export interface CooperationListFilter {
  kind?: string | undefined;
  status?: string | undefined;
  organisationId?: string | undefined;
}

/**
 * Cooperations for lists and the API. The public sees only cooperations every
 * partner has confirmed; admins see all (`includeUnconfirmed` insists on it).
 */
export async function listCooperations(
  platform: Platform,
  actor: Actor,
  filter: CooperationListFilter,
  page: { limit: number; offset: number },
  options: { includeUnconfirmed?: boolean } = {},
): Promise<{ items: CooperationView[]; total: number; canCreate: boolean }> {
  if (options.includeUnconfirmed) requireAccess(actor, "cooperation.listUnconfirmed", undefined);
  const db = platform.db.kysely;
  const { rows, total } = await repo.listCooperationRows(
    db,
    {
      ...filter,
      status:
        filter.status && (cooperationStatuses as readonly string[]).includes(filter.status) ? filter.status : undefined,
      confirmedOnly: !can(actor, "cooperation.listUnconfirmed", undefined),
    },
    page,
  );
  return {
    items: await toCooperationViews(platform, actor, rows),
    total,
    canCreate: can(actor, "cooperation.create", undefined),
  };
}

/** One cooperation; unconfirmed ones only for admins and the partners' members (404 for others). */
export async function getCooperation(
  platform: Platform,
  actor: Actor,
  id: string,
): Promise<{ cooperation: CooperationView; canEdit: boolean; canEnd: boolean }> {
  const db = platform.db.kysely;
  const row = await repo.findCooperation(db, id);
  if (!row) throw new NotFoundError();
  const [cooperation] = await toCooperationViews(platform, actor, [row]);
  const ref: PartnerRef = { represented: await representedAmong(db, actor, cooperation!.organisationIds) };
  requireAccess(actor, "cooperation.see", { ...ref, confirmed: cooperation!.confirmed }, { hide: true });
  return {
    cooperation: cooperation!,
    canEdit: can(actor, "cooperation.edit", ref),
    canEnd: cooperation!.status !== "ended" && can(actor, "cooperation.end", ref),
  };
}

/**
 * For the directory's profile page, ready to show: title, kind label, the other
 * partners, the period and the link to the cooperation (confirmed ones only).
 */
export async function cooperationItemsForProfile(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  locale: Locale,
): Promise<{ items: ProfileCooperation[]; proposeUrl: string | null }> {
  const db = platform.db.kysely;
  const t = translator(locale);
  const { rows } = await repo.listCooperationRows(
    db,
    { organisationId, confirmedOnly: true },
    { limit: 200, offset: 0 },
  );
  const items = (await toCooperationViews(platform, actor, rows)).map((c) => ({
    title: c.title,
    kindLabel: t(`network.kind.${c.kind}`),
    partners: c.partners
      .filter((p) => p.organisationId !== organisationId)
      .map((p) => ({ name: p.name ?? p.organisationId, ...(p.slug ? { slug: p.slug } : {}) })),
    period: c.endsOn
      ? t("network.coop.fromTo", { from: formatDay(c.startsOn, locale), to: formatDay(c.endsOn, locale) })
      : t("network.coop.since", { date: formatDay(c.startsOn, locale) }),
    url: `/kooperationen/${c.id}`,
  }));
  // Those who may record cooperations for this organisation find the proposal here.
  const represented = await representedAmong(db, actor, [organisationId]);
  const mayPropose = can(actor, "cooperation.create", undefined) && can(actor, "cooperation.edit", { represented });
  return {
    items,
    proposeUrl: mayPropose ? `/kooperationen/neu?organisation=${encodeURIComponent(organisationId)}` : null,
  };
}
