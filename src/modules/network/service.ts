import type { Kysely, Transaction } from "kysely";
import { type Actor, hasRole, isUser, requireRole, type UserActor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import type { Database } from "../../platform/db/schema.js";
import { nowIso } from "../../platform/db/time.js";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../../platform/http/errors.js";
import { type Locale, translator } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { checkUpload } from "../../platform/storage/storage.js";
import {
  getOrganisationSummaries,
  isMemberOf,
  listOrganisationsForNetwork,
  type OrganisationSummary,
} from "../directory/service.js";
import { getEventForRegistration, listPublicEvents } from "../events/service.js";
import {
  analyseNetwork,
  buildCooperationGraph,
  germanCollator,
  type NetworkAnalysis,
  type NetworkCooperation,
  type NetworkOrganisation,
  todayInBerlin,
} from "./analysis.js";
import {
  type CooperationKind,
  type CooperationStatus,
  cooperationStatuses,
  minutesTypes,
  type NetworkVisibility,
} from "./constants.js";
import * as repo from "./repo.js";
import type { MeetingInput, NetworkInput } from "./schema.js";
import type { CooperationsTable } from "./tables.js";

type Conn = Kysely<Database> | Transaction<Database>;
const conn = (db: Conn | Db): Conn => ("kysely" in db ? db.kysely : db);

// ---------------------------------------------------------------------------
// Cooperations

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

export interface PartnerView {
  organisationId: string;
  name: string | null;
  slug: string | null;
  confirmed: boolean;
}

export interface CooperationView {
  id: string;
  title: string;
  kind: CooperationKind;
  description: string | null;
  organisationIds: string[];
  partners: PartnerView[];
  startsOn: string;
  endsOn: string | null;
  status: CooperationStatus;
  confirmed: boolean;
  themes: string[];
  origin: string | null;
  originEventId: string | null;
  originEvent: { title: string; url: string } | null;
  createdAt: string;
  updatedAt: string;
}

const parseList = (text: string | null): string[] => {
  try {
    const v = JSON.parse(text ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

async function toViews(db: Conn, rows: CooperationsTable[]): Promise<CooperationView[]> {
  const partners = await repo.partnersOf(
    db,
    rows.map((r) => r.id),
  );
  const summaries = await getOrganisationSummaries(db, [...new Set(partners.map((p) => p.organisation_id))]);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const events = new Map<string, { title: string; url: string } | null>();
  for (const id of new Set(rows.map((r) => r.origin_event_id).filter((x): x is string => !!x))) {
    const event = await getEventForRegistration(db as Kysely<Database>, id);
    events.set(id, event ? { title: event.title, url: event.url } : null);
  }
  return rows.map((r) => {
    const own = partners
      .filter((p) => p.cooperation_id === r.id)
      .map((p) => ({
        organisationId: p.organisation_id,
        name: byId.get(p.organisation_id)?.name ?? null,
        slug: byId.get(p.organisation_id)?.slug ?? null,
        confirmed: p.confirmed_at !== null,
      }))
      .sort((a, b) => germanCollator.compare(a.name ?? "", b.name ?? ""));
    return {
      id: r.id,
      title: r.title,
      kind: r.kind as CooperationKind,
      description: r.description,
      organisationIds: own.map((p) => p.organisationId),
      partners: own,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      status: r.status as CooperationStatus,
      confirmed: own.every((p) => p.confirmed),
      themes: parseList(r.themes),
      origin: r.origin,
      originEventId: r.origin_event_id,
      originEvent: r.origin_event_id ? (events.get(r.origin_event_id) ?? null) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

/** The organisations among `ids` the user represents (all of them for admins). */
async function ownOrganisations(db: Conn, user: UserActor, ids: readonly string[]): Promise<string[]> {
  if (user.role === "admin") return [...ids];
  const own: string[] = [];
  for (const id of ids) if (await isMemberOf(db, user.id, id)) own.push(id);
  return own;
}

/** Admins may change every cooperation, members those of their organisations. */
export async function canManageCooperation(db: Conn | Db, actor: Actor, organisationIds: readonly string[]) {
  if (!isUser(actor) || !hasRole(actor, "admin", "member")) return false;
  return (await ownOrganisations(conn(db), actor, organisationIds)).length > 0;
}

async function checkReferences(db: Conn, input: CooperationFields): Promise<OrganisationSummary[]> {
  const summaries = await getOrganisationSummaries(db, input.organisationIds);
  if (summaries.length !== new Set(input.organisationIds).size) {
    throw new ValidationError({ organisationIds: "network.validation.unknownOrganisation" });
  }
  if (input.originEventId && !(await getEventForRegistration(db as Kysely<Database>, input.originEventId))) {
    throw new ValidationError({ originEventId: "network.validation.unknownEvent" });
  }
  if (input.endsOn && input.endsOn < input.startsOn) {
    throw new ValidationError({ endsOn: "network.validation.endBeforeStart" });
  }
  return summaries;
}

const notYours = () =>
  new DomainError(
    403,
    "forbidden",
    "network.validation.notYourOrganisation",
    {},
    {
      organisationIds: "network.validation.notYourOrganisation",
    },
  );

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
  const user = requireRole(actor, "admin", "member");
  const db = platform.db.kysely;
  const ids = [...new Set(input.organisationIds)];
  if (ids.length < 2) throw new ValidationError({ organisationIds: "network.validation.twoOrganisations" });
  await checkReferences(db, { ...input, organisationIds: ids });
  const own = new Set(await ownOrganisations(db, user, ids));
  if (own.size === 0) throw notYours();
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.insertCooperation(
      trx,
      {
        id,
        title: input.title,
        kind: input.kind,
        description: input.description ?? null,
        starts_on: input.startsOn,
        ends_on: input.endsOn ?? null,
        status: input.status ?? "active",
        themes: JSON.stringify(input.themes ?? []),
        origin: input.origin ?? null,
        origin_event_id: input.originEventId ?? null,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      },
      ids.map((organisation_id) => ({
        cooperation_id: id,
        organisation_id,
        confirmed_at: own.has(organisation_id) ? now : null,
        confirmed_by: own.has(organisation_id) ? user.id : null,
      })),
    );
  });
  return (await toViews(db, [(await repo.findCooperation(db, id))!]))[0]!;
}

async function manageable(platform: Platform, actor: Actor, id: string) {
  const user = requireRole(actor, "admin", "member");
  const db = platform.db.kysely;
  const row = await repo.findCooperation(db, id);
  if (!row) throw new NotFoundError();
  const partners = await repo.partnersOf(db, [id]);
  if (
    !(await canManageCooperation(
      db,
      user,
      partners.map((p) => p.organisation_id),
    ))
  )
    throw new ForbiddenError();
  return { user, db, row, partners };
}

/** The form values of a cooperation the actor may change. */
export async function getCooperationForEdit(platform: Platform, actor: Actor, id: string): Promise<CooperationView> {
  const { db, row } = await manageable(platform, actor, id);
  return (await toViews(db, [row]))[0]!;
}

/**
 * Changes a cooperation. Partners that stay keep their confirmation; added
 * partners are confirmed only when the actor represents them (or is an admin).
 */
export async function updateCooperation(
  platform: Platform,
  actor: Actor,
  id: string,
  input: CooperationFields,
): Promise<void> {
  const { user, db, partners } = await manageable(platform, actor, id);
  const ids = [...new Set(input.organisationIds)];
  if (ids.length < 2) throw new ValidationError({ organisationIds: "network.validation.twoOrganisations" });
  await checkReferences(db, { ...input, organisationIds: ids });
  const own = new Set(await ownOrganisations(db, user, ids));
  if (own.size === 0) throw notYours();
  const current = new Set(partners.map((p) => p.organisation_id));
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateCooperationRow(trx, id, {
      title: input.title,
      kind: input.kind,
      description: input.description ?? null,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      status: input.status ?? "active",
      themes: JSON.stringify(input.themes ?? []),
      origin: input.origin ?? null,
      origin_event_id: input.originEventId ?? null,
      updated_at: now,
    });
    await repo.removePartners(
      trx,
      id,
      [...current].filter((o) => !ids.includes(o)),
    );
    await repo.addPartners(
      trx,
      ids
        .filter((o) => !current.has(o))
        .map((organisation_id) => ({
          cooperation_id: id,
          organisation_id,
          confirmed_at: own.has(organisation_id) ? now : null,
          confirmed_by: own.has(organisation_id) ? user.id : null,
        })),
    );
  });
}

/** Ends a cooperation today (or keeps an earlier end date). */
export async function endCooperation(platform: Platform, actor: Actor, id: string): Promise<void> {
  const { db, row } = await manageable(platform, actor, id);
  const today = todayInBerlin();
  let endsOn = row.ends_on && row.ends_on < today ? row.ends_on : today;
  if (endsOn < row.starts_on) endsOn = row.starts_on;
  await repo.updateCooperationRow(db, id, { status: "ended", ends_on: endsOn, updated_at: nowIso() });
}

async function checkConfirmer(db: Conn, actor: Actor, organisationId: string): Promise<UserActor> {
  const user = requireRole(actor, "admin", "member");
  if (user.role !== "admin" && !(await isMemberOf(db, user.id, organisationId))) throw new ForbiddenError();
  return user;
}

/** An organisation's representative confirms its part in a cooperation. */
export async function confirmCooperation(
  platform: Platform,
  actor: Actor,
  cooperationId: string,
  organisationId: string,
): Promise<void> {
  const db = platform.db.kysely;
  const user = await checkConfirmer(db, actor, organisationId);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const changed = await repo.confirmPartnerRow(trx, cooperationId, organisationId, user.id, now);
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
  await checkConfirmer(db, actor, organisationId);
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
  const user = requireRole(actor, "admin", "member");
  const db = platform.db.kysely;
  const pending = await repo.pendingPartnerRows(db);
  const own = new Set(await ownOrganisations(db, user, [...new Set(pending.map((p) => p.organisation_id))]));
  const mine = pending.filter((p) => own.has(p.organisation_id));
  const rows = (
    await Promise.all([...new Set(mine.map((p) => p.cooperation_id))].map((id) => repo.findCooperation(db, id)))
  ).filter((r): r is CooperationsTable => r !== undefined);
  const views = new Map((await toViews(db, rows)).map((v) => [v.id, v]));
  return mine.flatMap((p) => {
    const cooperation = views.get(p.cooperation_id);
    if (!cooperation) return [];
    const partner = cooperation.partners.find((x) => x.organisationId === p.organisation_id);
    return [{ cooperation, organisationId: p.organisation_id, organisationName: partner?.name ?? p.organisation_id }];
  });
}

export interface CooperationListFilter {
  kind?: string | undefined;
  status?: string | undefined;
  organisationId?: string | undefined;
}

/**
 * Cooperations for lists and the API. The public sees only cooperations every
 * partner has confirmed; admins see all (`includeUnconfirmed`).
 */
export async function listCooperations(
  platform: Platform,
  actor: Actor,
  filter: CooperationListFilter,
  page: { limit: number; offset: number },
  options: { includeUnconfirmed?: boolean } = {},
): Promise<{ items: CooperationView[]; total: number }> {
  if (options.includeUnconfirmed) requireRole(actor, "admin");
  const db = platform.db.kysely;
  const { rows, total } = await repo.listCooperationRows(
    db,
    {
      ...filter,
      status:
        filter.status && (cooperationStatuses as readonly string[]).includes(filter.status) ? filter.status : undefined,
      confirmedOnly: !(options.includeUnconfirmed || hasRole(actor, "admin")),
    },
    page,
  );
  return { items: await toViews(db, rows), total };
}

/** One cooperation; unconfirmed ones only for admins and the partners' members. */
export async function getCooperation(platform: Platform, actor: Actor, id: string): Promise<CooperationView> {
  const db = platform.db.kysely;
  const row = await repo.findCooperation(db, id);
  if (!row) throw new NotFoundError();
  const [view] = await toViews(db, [row]);
  if (!view!.confirmed && !(await canManageCooperation(db, actor, view!.organisationIds))) throw new NotFoundError();
  return view!;
}

/** For the directory's profile page: the confirmed cooperations of one organisation. */
export async function listCooperationsOf(db: Conn | Db, organisationId: string): Promise<CooperationView[]> {
  const k = conn(db);
  const { rows } = await repo.listCooperationRows(
    k,
    { organisationId, confirmedOnly: true },
    { limit: 200, offset: 0 },
  );
  return toViews(k, rows);
}

/**
 * For the directory's profile page, ready to show: title, kind label, the other
 * partners, the period and the link to the cooperation (confirmed ones only).
 */
export async function cooperationItemsForProfile(
  db: Conn | Db,
  organisationId: string,
  locale: Locale,
): Promise<
  { title: string; kindLabel: string; partners: { name: string; slug?: string }[]; period: string; url: string }[]
> {
  const t = translator(locale);
  const day = (d: string) => {
    const [y, m, dd] = d.split("-");
    return locale === "de" ? `${dd}.${m}.${y}` : `${dd}/${m}/${y}`;
  };
  return (await listCooperationsOf(db, organisationId)).map((c) => ({
    title: c.title,
    kindLabel: t(`network.kind.${c.kind}`),
    partners: c.partners
      .filter((p) => p.organisationId !== organisationId)
      .map((p) => ({ name: p.name ?? p.organisationId, ...(p.slug ? { slug: p.slug } : {}) })),
    period: c.endsOn
      ? t("network.coop.fromTo", { from: day(c.startsOn), to: day(c.endsOn) })
      : t("network.coop.since", { date: day(c.startsOn) }),
    url: `/kooperationen/${c.id}`,
  }));
}

/** Fachtage a cooperation can name as its origin (public ones, latest first). */
export async function originEventOptions(
  platform: Platform,
): Promise<{ id: string; title: string; startsAt: string }[]> {
  const events = await listPublicEvents(platform.db.kysely);
  return events
    .map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt }))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

/**
 * Organisations to choose from in forms (published ones), grouped by municipality and
 * sorted by name: with hundreds of organisations, equal names in different places stay apart.
 */
export async function organisationOptions(
  platform: Platform,
): Promise<{ id: string; name: string; municipality: string }[]> {
  const orgs = await listOrganisationsForNetwork(platform.db);
  return orgs
    .map((o) => ({ id: o.id, name: o.name, municipality: o.municipality }))
    .sort((a, b) => germanCollator.compare(a.municipality, b.municipality) || germanCollator.compare(a.name, b.name));
}

// ---------------------------------------------------------------------------
// Analysis and graph

export interface NetworkInputs {
  organisations: NetworkOrganisation[];
  cooperations: NetworkCooperation[];
}

async function readNetworkInputs(db: Conn): Promise<NetworkInputs> {
  const organisations = await listOrganisationsForNetwork(db);
  const { cooperations, partners } = await repo.cooperationsForAnalysis(db);
  const byCoop = new Map<string, { ids: string[]; confirmed: boolean }>();
  for (const p of partners) {
    let entry = byCoop.get(p.cooperation_id);
    if (!entry) {
      entry = { ids: [], confirmed: true };
      byCoop.set(p.cooperation_id, entry);
    }
    entry.ids.push(p.organisation_id);
    if (p.confirmed_at === null) entry.confirmed = false;
  }
  return {
    organisations,
    cooperations: cooperations.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status as CooperationStatus,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      organisationIds: byCoop.get(c.id)?.ids ?? [],
      confirmed: byCoop.get(c.id)?.confirmed ?? false,
    })),
  };
}

interface CacheEntry {
  fingerprint: string;
  inputs: Promise<NetworkInputs>;
  analyses: Map<string, NetworkAnalysis>;
  /** "asOf|kind" → organisations cooperating with that kind (the directory's filter). */
  partners: Map<string, Set<string>>;
}

/**
 * The network's inputs and analyses, kept per database while nothing changed. A
 * cheap fingerprint (counts and latest change times of organisations, their areas,
 * cooperations and confirmations) is checked on every call, so a change made by
 * another module or another app instance invalidates the cache at once. Concurrent
 * callers share one computation.
 */
const cache = new WeakMap<object, CacheEntry>();

async function cached(db: Db): Promise<CacheEntry> {
  const fingerprint = await repo.networkFingerprint(db.kysely);
  const hit = cache.get(db);
  if (hit && hit.fingerprint === fingerprint) return hit;
  const entry: CacheEntry = {
    fingerprint,
    inputs: readNetworkInputs(db.kysely),
    analyses: new Map(),
    partners: new Map(),
  };
  cache.set(db, entry);
  entry.inputs.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return entry;
}

export async function loadNetworkInputs(db: Db): Promise<NetworkInputs> {
  return (await cached(db)).inputs;
}

/** Without any cache: what one change of the network costs (for the benchmark). */
export async function computeNetworkAnalysis(db: Db, asOf = todayInBerlin()): Promise<NetworkAnalysis> {
  const inputs = await readNetworkInputs(db.kysely);
  return analyseNetwork(inputs.organisations, inputs.cooperations, { asOf });
}

/** The analysis of the whole network as of today (Europe/Berlin). Public data. */
export async function getNetworkAnalysis(platform: Platform, asOf = todayInBerlin()): Promise<NetworkAnalysis> {
  const entry = await cached(platform.db);
  const inputs = await entry.inputs;
  let analysis = entry.analyses.get(asOf);
  if (!analysis) {
    analysis = analyseNetwork(inputs.organisations, inputs.cooperations, { asOf });
    entry.analyses.clear();
    entry.analyses.set(asOf, analysis);
  }
  return analysis;
}

/**
 * Recomputes the cached analysis when the network changed (a periodic job), so
 * visitors rarely wait for a cold computation.
 */
export async function warmNetworkAnalysis(platform: Platform): Promise<void> {
  await getNetworkAnalysis(platform);
}

/**
 * Organisations that have at least one confirmed, running cooperation with an
 * organisation of the given kind (e.g. Grundschulen that cooperate with Kitas).
 * Read from the cached network, so the directory can filter by it cheaply.
 */
export async function organisationsCooperatingWithKind(
  platform: Platform,
  partnerKind: string,
  asOf = todayInBerlin(),
): Promise<Set<string>> {
  const entry = await cached(platform.db);
  const key = `${asOf}|${partnerKind}`;
  const hit = entry.partners.get(key);
  if (hit) return hit;
  const inputs = await entry.inputs;
  const { graph } = buildCooperationGraph(inputs.organisations, inputs.cooperations, { asOf });
  const result = new Set<string>();
  graph.forEachEdge((_edge, _attr, a, b, aAttr, bAttr) => {
    if (bAttr.kind === partnerKind) result.add(a);
    if (aAttr.kind === partnerKind) result.add(b);
  });
  entry.partners.set(key, result);
  return result;
}

export interface GraphFilter {
  area?: string | undefined;
  kind?: string | undefined;
  municipality?: string | undefined;
}

export interface GraphNode {
  id: string;
  name: string;
  slug: string | null;
  kind: string;
  areas: string[];
  municipality: string | null;
  partners: { id: string; name: string; slug: string | null }[];
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: { source: string; target: string; kinds: string[]; count: number }[];
  analysis: NetworkAnalysis;
  municipalities: string[];
}

/** Nodes, edges and figures of the (filtered) network for the graph page. */
export async function getNetworkGraph(platform: Platform, filter: GraphFilter): Promise<GraphModel> {
  const { organisations, cooperations } = await loadNetworkInputs(platform.db);
  const municipalities = [...new Set(organisations.map((o) => o.municipality).filter((m): m is string => !!m))].sort(
    (a, b) => germanCollator.compare(a, b),
  );
  const selected = organisations.filter(
    (o) =>
      (!filter.area || o.areas.includes(filter.area)) &&
      (!filter.municipality || o.municipality === filter.municipality),
  );
  const asOf = todayInBerlin();
  const kindFilter = filter.kind ? { kind: filter.kind } : {};
  const analysis = analyseNetwork(selected, cooperations, { asOf, ...kindFilter });
  const { graph } = buildCooperationGraph(selected, cooperations, { asOf, ...kindFilter });
  const summaries = new Map(
    (
      await getOrganisationSummaries(
        platform.db,
        selected.map((o) => o.id),
      )
    ).map((s) => [s.id, s]),
  );
  const nodes: GraphNode[] = selected
    .map((o) => ({
      id: o.id,
      name: o.name,
      slug: summaries.get(o.id)?.slug ?? null,
      kind: o.kind,
      areas: o.areas,
      municipality: o.municipality,
      partners: graph
        .neighbors(o.id)
        .map((p) => ({ id: p, name: graph.getNodeAttribute(p, "name"), slug: summaries.get(p)?.slug ?? null }))
        .sort((a, b) => germanCollator.compare(a.name, b.name)),
    }))
    .sort((a, b) => germanCollator.compare(a.name, b.name));
  const edges = graph.mapEdges((_e, attr, source, target) => ({
    source,
    target,
    kinds: attr.kinds,
    count: attr.cooperationIds.length,
  }));
  return { nodes, edges, analysis, municipalities };
}

// ---------------------------------------------------------------------------
// Networks and working groups

export interface NetworkView {
  id: string;
  slug: string;
  name: string;
  purpose: string | null;
  visibility: NetworkVisibility;
  coordinator: { id: string; name: string; slug: string } | null;
  members: { id: string; name: string; slug: string }[];
}

export interface MeetingView {
  id: string;
  startsAt: string;
  place: string | null;
  agenda: string | null;
  minutes: { name: string; url: string } | null;
}

const slugify = (name: string): string =>
  name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80) || "netzwerk";

async function networkViews(db: Conn, rows: Database["networks"][]): Promise<NetworkView[]> {
  const members = await repo.networkMemberIds(
    db,
    rows.map((r) => r.id),
  );
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.coordinator_id) ids.add(r.coordinator_id);
    for (const m of members.get(r.id) ?? []) ids.add(m);
  }
  const summaries = new Map((await getOrganisationSummaries(db, [...ids])).map((s) => [s.id, s]));
  const pick = (id: string) => {
    const s = summaries.get(id);
    return s ? { id: s.id, name: s.name, slug: s.slug } : null;
  };
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    purpose: r.purpose,
    visibility: r.visibility as NetworkVisibility,
    coordinator: r.coordinator_id ? pick(r.coordinator_id) : null,
    members: (members.get(r.id) ?? [])
      .map(pick)
      .filter((m): m is NonNullable<typeof m> => m !== null)
      .sort((a, b) => germanCollator.compare(a.name, b.name)),
  }));
}

/** Public networks for everybody; internal ones too for signed-in users. */
export async function listNetworks(platform: Platform, actor: Actor): Promise<NetworkView[]> {
  const db = platform.db.kysely;
  return networkViews(db, await repo.listNetworkRows(db, isUser(actor)));
}

export async function getNetwork(
  platform: Platform,
  actor: Actor,
  slug: string,
): Promise<{ network: NetworkView; meetings: MeetingView[] }> {
  const db = platform.db.kysely;
  const row = await repo.findNetworkBySlug(db, slug);
  if (!row || (row.visibility !== "public" && !isUser(actor))) throw new NotFoundError();
  const [network] = await networkViews(db, [row]);
  const meetings = (await repo.meetingsOf(db, row.id)).map((m) => ({
    id: m.id,
    startsAt: m.starts_at,
    place: m.place,
    agenda: m.agenda,
    minutes:
      m.minutes_file_id && m.minutes_name
        ? { name: m.minutes_name, url: `/netzwerke/${row.slug}/treffen/${m.id}/protokoll` }
        : null,
  }));
  return { network: network!, meetings };
}

/** Creates (no slug) or changes a network. Admins only. */
export async function saveNetwork(
  platform: Platform,
  actor: Actor,
  input: NetworkInput,
  existingSlug?: string,
): Promise<string> {
  requireRole(actor, "admin");
  const db = platform.db.kysely;
  const existing = existingSlug ? await repo.findNetworkBySlug(db, existingSlug) : undefined;
  if (existingSlug && !existing) throw new NotFoundError();
  const referenced = [...new Set([...input.memberIds, ...(input.coordinatorId ? [input.coordinatorId] : [])])];
  const found = await getOrganisationSummaries(db, referenced);
  if (found.length !== referenced.length) {
    throw new ValidationError({ memberIds: "network.validation.unknownOrganisation" });
  }
  const slug = existing?.slug ?? slugify(input.name);
  if (await repo.slugTaken(db, slug, existing?.id)) throw new ValidationError({ name: "network.validation.nameTaken" });
  const now = nowIso();
  const memberIds = [...new Set([...input.memberIds, ...(input.coordinatorId ? [input.coordinatorId] : [])])];
  await db.transaction().execute(async (trx) => {
    const fields = {
      name: input.name,
      purpose: input.purpose ?? null,
      coordinator_id: input.coordinatorId ?? null,
      visibility: input.visibility,
      updated_at: now,
    };
    if (existing) await repo.updateNetwork(trx, existing.id, fields, memberIds);
    else await repo.insertNetwork(trx, { id: newId(), slug, created_at: now, ...fields }, memberIds);
  });
  return slug;
}

/** The form values of a network, for admins. */
export async function getNetworkForEdit(platform: Platform, actor: Actor, slug: string): Promise<NetworkView> {
  requireRole(actor, "admin");
  const db = platform.db.kysely;
  const row = await repo.findNetworkBySlug(db, slug);
  if (!row) throw new NotFoundError();
  return (await networkViews(db, [row]))[0]!;
}

/** "2025-03-28T09:30" in Europe/Berlin → ISO UTC. */
export function berlinLocalToIso(local: string): string {
  const [date, time] = local.split("T") as [string, string];
  const guess = new Date(`${date}T${time}:00Z`);
  const berlin = new Date(guess.toLocaleString("en-US", { timeZone: "Europe/Berlin" }));
  const utc = new Date(guess.toLocaleString("en-US", { timeZone: "UTC" }));
  return new Date(guess.getTime() - (berlin.getTime() - utc.getTime())).toISOString();
}

/**
 * Adds a meeting; minutes (optional) must be a PDF, DOCX or ODT document, checked
 * by content. The file is stored first and removed again if the database write fails.
 */
export async function addMeeting(
  platform: Platform,
  actor: Actor,
  slug: string,
  input: MeetingInput,
  minutes?: { data: Buffer; filename: string },
): Promise<void> {
  const user = requireRole(actor, "admin");
  const db = platform.db.kysely;
  const network = await repo.findNetworkBySlug(db, slug);
  if (!network) throw new NotFoundError();
  const startsAt = berlinLocalToIso(input.startsAt);
  if (Number.isNaN(Date.parse(startsAt))) throw new ValidationError({ startsAt: "network.validation.dateTime" });
  let file: Database["stored_files"] | undefined;
  if (minutes) {
    let checked: Awaited<ReturnType<typeof checkUpload>>;
    try {
      checked = await checkUpload(minutes.data, { maxBytes: platform.config.uploadMaxBytes, allowed: minutesTypes });
    } catch (error) {
      if (error instanceof DomainError && error.code === "file_type_not_allowed") {
        throw new ValidationError({ minutes: "network.validation.minutesType" });
      }
      if (error instanceof DomainError) throw new ValidationError({ minutes: error.messageKey });
      throw error;
    }
    const id = newId();
    file = {
      id,
      storage_key: `network/minutes/${id}.${checked.extension}`,
      original_name: minutes.filename.slice(0, 200) || `Protokoll.${checked.extension}`,
      content_type: checked.contentType,
      size_bytes: checked.size,
      sha256: checked.sha256,
      uploaded_by: user.id,
      created_at: nowIso(),
    };
    await platform.storage.put(file.storage_key, minutes.data);
  }
  try {
    await db.transaction().execute(async (trx) => {
      if (file) await repo.insertStoredFile(trx, file);
      await repo.insertMeeting(trx, {
        id: newId(),
        network_id: network.id,
        starts_at: startsAt,
        place: input.place ?? null,
        agenda: input.agenda ?? null,
        minutes_file_id: file?.id ?? null,
        created_at: nowIso(),
      });
    });
  } catch (error) {
    if (file) await platform.storage.delete(file.storage_key);
    throw error;
  }
}

/** The minutes document of a meeting, visible like its network. */
export async function getMinutes(
  platform: Platform,
  actor: Actor,
  slug: string,
  meetingId: string,
): Promise<{ data: Buffer; filename: string; contentType: string }> {
  const db = platform.db.kysely;
  const network = await repo.findNetworkBySlug(db, slug);
  if (!network || (network.visibility !== "public" && !isUser(actor))) throw new NotFoundError();
  const meeting = await repo.findMeeting(db, network.id, meetingId);
  if (!meeting) throw new NotFoundError();
  const data = await platform.storage.get(meeting.storage_key);
  if (!data) throw new NotFoundError();
  return { data, filename: meeting.original_name, contentType: meeting.content_type };
}

/** Page guards: who may open the cooperation and network forms at all. */
export const requireCooperationEditor = (actor: Actor) => requireRole(actor, "admin", "member");
export const requireNetworkAdmin = (actor: Actor) => requireRole(actor, "admin");
