import type { Kysely, Transaction } from "kysely";
import { type Actor, isUser, requireRole, requireUser, type UserActor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import type { Database } from "../../platform/db/schema.js";
import { nowIso } from "../../platform/db/time.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { organisationsCooperatingWithKind } from "../network/service.js";
import * as repo from "./repo.js";
import type {
  ApiOrganisationCreate,
  ApiOrganisationPatch,
  ContactInput,
  DirectoryQuery,
  KindInput,
  OfferInput,
  OfferQuery,
  OrganisationInput,
  ProposalInput,
} from "./schema.js";
import { searchText, searchTokens, sortKey } from "./search.js";
import type { ContactsTable, OffersTable, OrganisationStatus, OrganisationsTable } from "./tables.js";
import { type CarrierTypeId, educationAreas, labelOf, municipalities, offerKinds, organisationKinds } from "./vocab.js";

export { educationAreas, organisationKinds };

type Conn = Kysely<Database> | Transaction<Database>;
/** Accepts the platform's Db or a Kysely connection/transaction. */
const conn = (db: Conn | Db): Conn => ("kysely" in db ? db.kysely : db);

export interface NetworkOrganisation {
  id: string;
  name: string;
  kind: string;
  areas: string[];
  municipality: string;
}

/** Every published organisation with its areas: the nodes of the network graph. */
export async function listOrganisationsForNetwork(db: Conn | Db): Promise<NetworkOrganisation[]> {
  const k = conn(db);
  const rows = await k
    .selectFrom("organisations")
    .select(["id", "name", "kind", "municipality"])
    .where("status", "=", "published")
    .orderBy("sort_name")
    .execute();
  const areas = await k
    .selectFrom("organisation_areas")
    .innerJoin("organisations", "organisations.id", "organisation_areas.organisation_id")
    .select(["organisation_areas.organisation_id", "organisation_areas.area"])
    .where("organisations.status", "=", "published")
    .execute();
  const byOrg = new Map<string, string[]>();
  for (const a of areas) byOrg.set(a.organisation_id, [...(byOrg.get(a.organisation_id) ?? []), a.area]);
  return rows.map((r) => ({ ...r, areas: (byOrg.get(r.id) ?? []).sort() }));
}

export interface OrganisationSummary extends NetworkOrganisation {
  slug: string;
  status: string;
}

/** Name, slug, kind, areas and municipality of the given organisations (any status), in input order. */
export async function getOrganisationSummaries(db: Conn | Db, ids: readonly string[]): Promise<OrganisationSummary[]> {
  if (ids.length === 0) return [];
  const k = conn(db);
  const unique = [...new Set(ids)];
  const rows = await k
    .selectFrom("organisations")
    .select(["id", "slug", "name", "kind", "municipality", "status"])
    .where("id", "in", unique)
    .execute();
  const areas = await k
    .selectFrom("organisation_areas")
    .select(["organisation_id", "area"])
    .where("organisation_id", "in", unique)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, { ...r, areas: [] as string[] }]));
  for (const a of areas) byId.get(a.organisation_id)?.areas.push(a.area);
  return unique.flatMap((id) => {
    const s = byId.get(id);
    return s ? [{ ...s, areas: s.areas.sort() }] : [];
  });
}

/** True when the user is linked to the organisation as its representative. */
export async function isMemberOf(db: Conn | Db, userId: string, organisationId: string): Promise<boolean> {
  const row = await conn(db)
    .selectFrom("organisation_members")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------
// The directory's rules. Every state-changing function starts with its access check.
// ---------------------------------------------------------------------------------------

export const PAGE_SIZE = 20;

// --- view models -------------------------------------------------------------------------

export interface OrganisationView {
  id: string;
  slug: string;
  name: string;
  kind: string;
  kindLabel: string;
  carrierType: CarrierTypeId | undefined;
  carrierName: string | undefined;
  areas: string[];
  municipality: string;
  street: string | undefined;
  postalCode: string | undefined;
  city: string | undefined;
  lat: number | undefined;
  lon: number | undefined;
  website: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  description: string | undefined;
  targetGroups: string[];
  themes: string[];
  languages: string[];
  accessibility: string | undefined;
  status: OrganisationStatus;
  proposerName: string | undefined;
  proposerEmail: string | undefined;
  proposalNote: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface OfferView {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationSlug: string;
  municipality: string;
  title: string;
  kind: OffersTable["kind"];
  kindLabel: string;
  description: string | undefined;
  targetGroup: string | undefined;
  ageFrom: number | undefined;
  ageTo: number | undefined;
  area: string | undefined;
  cost: string | undefined;
  accessRequirements: string | undefined;
  languages: string[];
  ongoing: boolean;
  startsOn: string | undefined;
  endsOn: string | undefined;
  schedule: string | undefined;
  place: string | undefined;
  contact: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface ContactView {
  id: string;
  name: string;
  function: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  publicConsent: boolean;
  consentDate: string | undefined;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

type KindLabels = Map<string, { de: string; en: string }>;

async function kindLabels(db: Conn): Promise<KindLabels> {
  const rows = await repo.listKinds(db);
  return new Map(rows.map((r) => [r.id, { de: r.label_de, en: r.label_en }]));
}

function toView(row: OrganisationsTable, areas: string[], labels: KindLabels, locale: Locale): OrganisationView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    kindLabel: labels.get(row.kind)?.[locale] ?? row.kind,
    carrierType: opt(row.carrier_type),
    carrierName: opt(row.carrier_name),
    areas: [...areas].sort((a, b) => areaIndex(a) - areaIndex(b)),
    municipality: row.municipality,
    street: opt(row.street),
    postalCode: opt(row.postal_code),
    city: opt(row.city),
    lat: opt(row.lat),
    lon: opt(row.lon),
    website: opt(row.website),
    email: opt(row.email),
    phone: opt(row.phone),
    description: opt(row.description),
    targetGroups: parseList(row.target_groups),
    themes: parseList(row.themes),
    languages: parseList(row.languages),
    accessibility: opt(row.accessibility),
    status: row.status,
    proposerName: opt(row.proposer_name),
    proposerEmail: opt(row.proposer_email),
    proposalNote: opt(row.proposal_note),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const areaIndex = (id: string) => {
  const i = educationAreas.findIndex((a) => a.id === id);
  return i < 0 ? 99 : i;
};

function offerToView(
  row: OffersTable,
  org: { name: string; slug: string; municipality: string },
  locale: Locale,
): OfferView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: org.name,
    organisationSlug: org.slug,
    municipality: org.municipality,
    title: row.title,
    kind: row.kind,
    kindLabel: labelOf(offerKinds, row.kind, locale),
    description: opt(row.description),
    targetGroup: opt(row.target_group),
    ageFrom: opt(row.age_from),
    ageTo: opt(row.age_to),
    area: opt(row.area),
    cost: opt(row.cost),
    accessRequirements: opt(row.access_requirements),
    languages: parseList(row.languages),
    ongoing: Boolean(row.ongoing),
    startsOn: opt(row.starts_on),
    endsOn: opt(row.ends_on),
    schedule: opt(row.schedule),
    place: opt(row.place),
    contact: opt(row.contact),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const contactToView = (row: ContactsTable): ContactView => ({
  id: row.id,
  name: row.name,
  function: opt(row.function),
  email: opt(row.email),
  phone: opt(row.phone),
  publicConsent: Boolean(row.public_consent),
  consentDate: opt(row.consent_date),
});

/** DSGVO: a person is shown publicly only with recorded consent (flag and date). */
export const isPublicContact = (c: Pick<ContactView, "publicConsent" | "consentDate">): boolean =>
  c.publicConsent && Boolean(c.consentDate);

// --- access ------------------------------------------------------------------------------

/** Admins keep every organisation; a member only those they are linked to. */
async function requireOrganisationKeeper(db: Conn, actor: Actor, organisationId: string): Promise<UserActor> {
  const user = requireUser(actor);
  if (user.role === "admin") return user;
  if (user.role === "member" && (await isMemberOf(db, user.id, organisationId))) return user;
  throw new ForbiddenError();
}

/** For views: may this actor edit the organisation? (No throw.) */
export async function canKeep(platform: Platform, actor: Actor, organisationId: string): Promise<boolean> {
  if (!isUser(actor)) return false;
  if (actor.role === "admin") return true;
  return actor.role === "member" && isMemberOf(platform.db.kysely, actor.id, organisationId);
}

// --- change log --------------------------------------------------------------------------

type Flat = Record<string, string | number | boolean | null>;

function diff(before: Flat, after: Flat): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (from !== to) changes[key] = { from, to };
  }
  return changes;
}

async function logChange(
  db: Conn,
  user: UserActor | undefined,
  entry: {
    entity: "organisation" | "offer" | "contact" | "member";
    entityId: string;
    organisationId: string;
    action: "create" | "update" | "delete";
    changes: Record<string, { from: unknown; to: unknown }>;
  },
): Promise<void> {
  if (entry.action === "update" && Object.keys(entry.changes).length === 0) return;
  await repo.insertChange(db, {
    id: newId(),
    entity: entry.entity,
    entity_id: entry.entityId,
    organisation_id: entry.organisationId,
    action: entry.action,
    user_id: user?.id ?? null,
    user_name: user?.name ?? null,
    user_role: user?.role ?? null,
    changes: JSON.stringify(entry.changes),
    changed_at: nowIso(),
    reviewed_at: null,
    reviewed_by: null,
  });
}

const flatOrganisation = (row: Omit<OrganisationsTable, "search_text" | "sort_name">, areas: string[]): Flat => ({
  name: row.name,
  kind: row.kind,
  carrierType: row.carrier_type,
  carrierName: row.carrier_name,
  areas: [...areas].sort().join(", "),
  municipality: row.municipality,
  street: row.street,
  postalCode: row.postal_code,
  city: row.city,
  lat: row.lat,
  lon: row.lon,
  website: row.website,
  email: row.email,
  phone: row.phone,
  description: row.description,
  targetGroups: parseList(row.target_groups).join(", "),
  themes: parseList(row.themes).join(", "),
  languages: parseList(row.languages).join(", "),
  accessibility: row.accessibility,
  status: row.status,
});

// --- organisations: writing --------------------------------------------------------------

const reservedSlugs = new Set(["karte", "vorschlagen", "meine", "export", "neu"]);

async function uniqueSlug(db: Conn, name: string, exceptId?: string): Promise<string> {
  const base = sortKey(name).replace(/ /g, "-").slice(0, 80).replace(/-+$/, "") || "organisation";
  for (let i = 1; i < 1000; i++) {
    const slug = i === 1 && !reservedSlugs.has(base) ? base : `${base}-${i}`;
    if (i === 1 && reservedSlugs.has(base)) continue;
    const existing = await repo.findOrganisationBySlug(db, slug);
    if (!existing || existing.id === exceptId) return slug;
  }
  return `${base}-${newId().slice(0, 8)}`;
}

function organisationSearchText(input: OrganisationInput, labels: KindLabels): string {
  const kind = labels.get(input.kind);
  return searchText([
    input.name,
    kind?.de,
    kind?.en,
    input.kind,
    ...input.areas.map((a) => labelOf(educationAreas, a, "de")),
    ...input.themes,
    ...input.targetGroups,
    ...input.languages,
    input.municipality,
    input.city,
    input.carrierName,
    input.description,
  ]);
}

function organisationColumns(input: OrganisationInput, labels: KindLabels) {
  return {
    name: input.name,
    kind: input.kind,
    carrier_type: input.carrierType ?? null,
    carrier_name: input.carrierName ?? null,
    municipality: input.municipality,
    street: input.street ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    website: input.website ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    description: input.description ?? null,
    target_groups: JSON.stringify(input.targetGroups),
    themes: JSON.stringify(input.themes),
    languages: JSON.stringify(input.languages),
    accessibility: input.accessibility ?? null,
    search_text: organisationSearchText(input, labels),
    sort_name: sortKey(input.name),
  };
}

const tagsFor = (input: OrganisationInput) => [
  ...input.themes.map((value) => ({ facet: "theme" as const, value })),
  ...input.targetGroups.map((value) => ({ facet: "target_group" as const, value })),
  ...input.languages.map((value) => ({ facet: "language" as const, value })),
];

/** Checks what zod cannot: the kind must be in the (admin-extensible) list. */
async function validateOrganisation(db: Conn, input: OrganisationInput): Promise<KindLabels> {
  const labels = await kindLabels(db);
  const errors: Record<string, string> = {};
  if (!labels.has(input.kind)) errors.kind = "directory.validation.kind";
  if (!(municipalities as readonly string[]).includes(input.municipality)) {
    errors.municipality = "directory.validation.municipality";
  }
  if ((input.lat === undefined) !== (input.lon === undefined)) {
    errors[input.lat === undefined ? "lat" : "lon"] = "directory.validation.latLon";
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return labels;
}

/** Inserts one organisation inside the caller's transaction (used by create, proposal and import). */
async function insertOrganisationIn(
  trx: Conn,
  user: UserActor | undefined,
  input: OrganisationInput,
  labels: KindLabels,
  extra: { status: OrganisationStatus; proposerName?: string; proposerEmail?: string; proposalNote?: string },
): Promise<OrganisationsTable> {
  const now = nowIso();
  const row: OrganisationsTable = {
    id: newId(),
    slug: await uniqueSlug(trx, input.name),
    ...organisationColumns(input, labels),
    status: extra.status,
    proposer_name: extra.proposerName ?? null,
    proposer_email: extra.proposerEmail ?? null,
    proposal_note: extra.proposalNote ?? null,
    created_by: user?.id ?? null,
    created_at: now,
    updated_at: now,
  };
  await repo.insertOrganisation(trx, row);
  await repo.replaceAreas(trx, row.id, input.areas);
  await repo.replaceTags(trx, row.id, tagsFor(input));
  await logChange(trx, user, {
    entity: "organisation",
    entityId: row.id,
    organisationId: row.id,
    action: "create",
    changes: diff({}, flatOrganisation(row, input.areas)),
  });
  return row;
}

/** Admins add organisations; they are published at once. */
export async function createOrganisation(
  platform: Platform,
  actor: Actor,
  input: OrganisationInput,
  locale: Locale = "de",
): Promise<OrganisationView> {
  const user = requireRole(actor, "admin");
  const db = platform.db.kysely;
  const labels = await validateOrganisation(db, input);
  const row = await db
    .transaction()
    .execute((trx) => insertOrganisationIn(trx, user, input, labels, { status: "published" }));
  invalidateFacets(platform);
  return toView(row, input.areas, labels, locale);
}

/** Admins edit any organisation, members only their own; every change is logged with a diff. */
export async function updateOrganisation(
  platform: Platform,
  actor: Actor,
  id: string,
  input: OrganisationInput,
  locale: Locale = "de",
): Promise<OrganisationView> {
  const db = platform.db.kysely;
  const user = await requireOrganisationKeeper(db, actor, id);
  const labels = await validateOrganisation(db, input);
  const row = await db.transaction().execute(async (trx) => {
    const before = await repo.findOrganisation(trx, id);
    if (!before) throw new NotFoundError();
    const beforeAreas = (await repo.areasOf(trx, [id])).get(id) ?? [];
    const values = { ...organisationColumns(input, labels), updated_at: nowIso() };
    if (before.name !== input.name) values.sort_name = sortKey(input.name);
    await repo.updateOrganisation(trx, id, values);
    await repo.replaceAreas(trx, id, input.areas);
    await repo.replaceTags(trx, id, tagsFor(input));
    const after = { ...before, ...values };
    await logChange(trx, user, {
      entity: "organisation",
      entityId: id,
      organisationId: id,
      action: "update",
      changes: diff(flatOrganisation(before, beforeAreas), flatOrganisation(after, input.areas)),
    });
    return after;
  });
  invalidateFacets(platform);
  return toView(row, input.areas, labels, locale);
}

/** The editable input of an existing organisation (to pre-fill forms and merge API patches). */
export function inputOf(view: OrganisationView): OrganisationInput {
  return {
    name: view.name,
    kind: view.kind,
    carrierType: view.carrierType,
    carrierName: view.carrierName,
    areas: view.areas,
    municipality: view.municipality,
    street: view.street,
    postalCode: view.postalCode,
    city: view.city,
    lat: view.lat,
    lon: view.lon,
    website: view.website,
    email: view.email,
    phone: view.phone,
    description: view.description,
    targetGroups: view.targetGroups,
    themes: view.themes,
    languages: view.languages,
    accessibility: view.accessibility,
  };
}

/** API create body → service input. */
export function inputFromApi(body: ApiOrganisationCreate): OrganisationInput {
  return {
    name: body.name,
    kind: body.kind,
    carrierType: body.carrierType,
    carrierName: body.carrierName,
    areas: [...new Set(body.areas)],
    municipality: body.municipality,
    street: body.address?.street || undefined,
    postalCode: body.address?.postalCode || undefined,
    city: body.address?.city || undefined,
    lat: body.geo?.lat,
    lon: body.geo?.lon,
    website: body.website,
    email: body.email?.toLowerCase(),
    phone: body.phone,
    description: body.description || undefined,
    targetGroups: body.targetGroups ?? [],
    themes: body.themes ?? [],
    languages: body.languages ?? [],
    accessibility: body.accessibility || undefined,
  };
}

/** PATCH: fields present replace, null clears, absent stay. */
export async function patchOrganisation(
  platform: Platform,
  actor: Actor,
  id: string,
  patch: ApiOrganisationPatch,
): Promise<OrganisationView> {
  const db = platform.db.kysely;
  await requireOrganisationKeeper(db, actor, id);
  const current = await getOrganisationById(platform, actor, id);
  const base = inputOf(current);
  const has = (k: keyof ApiOrganisationPatch) => Object.hasOwn(patch, k);
  const next: OrganisationInput = {
    ...base,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.areas !== undefined ? { areas: [...new Set(patch.areas)] } : {}),
    ...(patch.municipality !== undefined ? { municipality: patch.municipality } : {}),
    ...(patch.themes !== undefined ? { themes: patch.themes } : {}),
    ...(patch.targetGroups !== undefined ? { targetGroups: patch.targetGroups } : {}),
    ...(patch.languages !== undefined ? { languages: patch.languages } : {}),
  };
  if (has("address")) {
    next.street = patch.address?.street || undefined;
    next.postalCode = patch.address?.postalCode || undefined;
    next.city = patch.address?.city || undefined;
  }
  if (has("geo")) {
    next.lat = patch.geo?.lat;
    next.lon = patch.geo?.lon;
  }
  for (const key of ["website", "phone", "description", "carrierName", "accessibility"] as const) {
    if (has(key)) next[key] = patch[key] || undefined;
  }
  if (has("email")) next.email = patch.email?.toLowerCase() || undefined;
  if (has("carrierType")) next.carrierType = patch.carrierType ?? undefined;
  return updateOrganisation(platform, actor, id, next);
}

// --- organisations: reading ----------------------------------------------------------------

async function viewOf(db: Conn, row: OrganisationsTable, locale: Locale): Promise<OrganisationView> {
  const [areas, labels] = await Promise.all([repo.areasOf(db, [row.id]), kindLabels(db)]);
  return toView(row, areas.get(row.id) ?? [], labels, locale);
}

/** Published organisations for everybody; proposals and rejected ones only for admins. */
function visibleTo(actor: Actor, row: OrganisationsTable): boolean {
  return row.status === "published" || (isUser(actor) && actor.role === "admin");
}

export async function getOrganisationById(
  platform: Platform,
  actor: Actor,
  id: string,
  locale: Locale = "de",
): Promise<OrganisationView> {
  const db = platform.db.kysely;
  const row = await repo.findOrganisation(db, id);
  if (!row || !visibleTo(actor, row)) throw new NotFoundError();
  return viewOf(db, row, locale);
}

export async function getOrganisationBySlug(
  platform: Platform,
  actor: Actor,
  slug: string,
  locale: Locale = "de",
): Promise<OrganisationView> {
  const db = platform.db.kysely;
  const row = await repo.findOrganisationBySlug(db, slug);
  if (!row || !visibleTo(actor, row)) throw new NotFoundError();
  return viewOf(db, row, locale);
}

export interface Profile {
  organisation: OrganisationView;
  offers: OfferView[];
  contacts: ContactView[];
  canKeep: boolean;
  isAdmin: boolean;
}

/** The public profile: offers, and contacts — only those with recorded consent unless the viewer keeps it. */
export async function getProfile(platform: Platform, actor: Actor, slug: string, locale: Locale): Promise<Profile> {
  const db = platform.db.kysely;
  const organisation = await getOrganisationBySlug(platform, actor, slug, locale);
  const keeper = await canKeep(platform, actor, organisation.id);
  const [offers, contacts] = await Promise.all([
    repo.offersOf(db, organisation.id),
    repo.contactsOf(db, organisation.id),
  ]);
  const contactViews = contacts.map(contactToView);
  return {
    organisation,
    offers: offers.map((o) => offerToView(o, organisation, locale)),
    contacts: keeper ? contactViews : contactViews.filter(isPublicContact),
    canKeep: keeper,
    isAdmin: isUser(actor) && actor.role === "admin",
  };
}

export interface DirectoryFilters {
  q?: string | undefined;
  kind?: string | undefined;
  area?: string | undefined;
  municipality?: string | undefined;
  theme?: string | undefined;
  targetGroup?: string | undefined;
  language?: string | undefined;
  /** Only organisations cooperating with an organisation of this kind (from the network module). */
  partnerKind?: string | undefined;
  sort?: "relevance" | "name" | undefined;
}

export const filtersFromQuery = (q: DirectoryQuery): DirectoryFilters => ({
  q: q.q,
  kind: q.art,
  area: q.bereich,
  municipality: q.gemeinde,
  theme: q.thema,
  targetGroup: q.zielgruppe,
  language: q.sprache,
  partnerKind: q.partnerart,
  sort: q.sortierung === "name" ? "name" : q.sortierung === "relevanz" ? "relevance" : undefined,
});

function toRepoFilter(f: DirectoryFilters, statuses: OrganisationStatus[] = ["published"]): repo.OrganisationFilter {
  return {
    statuses,
    tokens: searchTokens(f.q),
    kind: f.kind,
    area: f.area,
    municipality: f.municipality,
    theme: f.theme,
    targetGroup: f.targetGroup,
    language: f.language,
  };
}

export interface SearchResult<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

/** The public directory: published organisations, filtered, searched and paginated. */
export async function searchDirectory(
  platform: Platform,
  filters: DirectoryFilters,
  options: {
    page?: number | undefined;
    pageSize?: number;
    offset?: number;
    locale?: Locale;
    withPosition?: boolean;
  } = {},
): Promise<SearchResult<OrganisationView>> {
  const db = platform.db.kysely;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  const f = {
    ...toRepoFilter(filters),
    withPosition: options.withPosition ?? false,
    ...(filters.partnerKind
      ? { ids: [...(await organisationsCooperatingWithKind(platform, filters.partnerKind))] }
      : {}),
  };
  const sort = filters.sort ?? (f.tokens.length > 0 ? "relevance" : "name");
  const { rows, total } = await repo.searchOrganisations(db, f, {
    sort,
    limit: pageSize,
    offset: options.offset ?? (page - 1) * pageSize,
  });
  const [areas, labels] = await Promise.all([
    repo.areasOf(
      db,
      rows.map((r) => r.id),
    ),
    kindLabels(db),
  ]);
  return {
    items: rows.map((r) => toView(r, areas.get(r.id) ?? [], labels, options.locale ?? "de")),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export interface Facets {
  kinds: { id: string; label: string }[];
  areas: { id: string; label: string }[];
  municipalities: string[];
  themes: string[];
  targetGroups: string[];
  languages: string[];
}

// The filter options change rarely but cost a scan of all tags: each instance keeps them
// for a short while. A write in this instance clears them at once; other instances catch
// up within FACET_TTL_MS (a new theme appears in the filter list a little later, no harm).
const FACET_TTL_MS = 30_000;
const facetCache = new WeakMap<Platform, { at: number; values: Promise<Record<repo.TagFacet, string[]>> }>();

function cachedFacetValues(platform: Platform): Promise<Record<repo.TagFacet, string[]>> {
  const hit = facetCache.get(platform);
  if (hit && Date.now() - hit.at < FACET_TTL_MS) return hit.values;
  const values = repo.facetValues(platform.db.kysely);
  values.catch(() => facetCache.delete(platform));
  facetCache.set(platform, { at: Date.now(), values });
  return values;
}

/** Forgets the cached filter options and form choices (after any change to organisations). */
export function invalidateFacets(platform: Platform): void {
  facetCache.delete(platform);
  choiceCache.delete(platform);
}

// ---------------------------------------------------------------------------
// Picking an organisation in another module's form (e.g. a Fachtag registration)
// ---------------------------------------------------------------------------

export interface OrganisationChoice {
  id: string;
  name: string;
  municipality: string;
  kind: string;
  /** What the form offers: the name, with the municipality where names repeat. */
  label: string;
}

/** More published organisations than this are not listed in a form (the page would grow). */
export const MAX_FORM_CHOICES = 500;

/** Published organisations with what another module's form needs of them. */
const publishedForForms = (db: Conn) =>
  db.selectFrom("organisations").select(["id", "name", "municipality", "kind"]).where("status", "=", "published");

const choiceCache = new WeakMap<Platform, { at: number; values: Promise<OrganisationChoice[] | undefined> }>();

/**
 * The published organisations a form may offer to pick from (a `<datalist>`, which
 * works without JavaScript), in name order; `undefined` when there are more than
 * MAX_FORM_CHOICES — the field then stays free text, resolved by findOrganisationByLabel.
 */
export function organisationChoices(platform: Platform): Promise<OrganisationChoice[] | undefined> {
  const hit = choiceCache.get(platform);
  if (hit && Date.now() - hit.at < FACET_TTL_MS) return hit.values;
  const values = loadChoices(platform.db.kysely);
  values.catch(() => choiceCache.delete(platform));
  choiceCache.set(platform, { at: Date.now(), values });
  return values;
}

async function loadChoices(db: Conn): Promise<OrganisationChoice[] | undefined> {
  const rows = await publishedForForms(db)
    .orderBy("sort_name")
    .limit(MAX_FORM_CHOICES + 1)
    .execute();
  if (rows.length > MAX_FORM_CHOICES) return undefined;
  const count = new Map<string, number>();
  for (const r of rows) count.set(sortKey(r.name), (count.get(sortKey(r.name)) ?? 0) + 1);
  return rows.map((r) => ({
    ...r,
    label: (count.get(sortKey(r.name)) ?? 0) > 1 ? `${r.name} (${r.municipality})` : r.name,
  }));
}

/**
 * The published organisation a typed name denotes — exactly, up to case, umlaut spelling
 * and punctuation — or a label "Name (Gemeinde)" from organisationChoices. Undefined when
 * nothing or more than one organisation matches (then the text stays free text).
 */
export async function findOrganisationByLabel(
  db: Conn | Db,
  text: string,
): Promise<Omit<OrganisationChoice, "label"> | undefined> {
  const lookUp = (name: string) =>
    publishedForForms(conn(db)).where("sort_name", "=", sortKey(name)).limit(10).execute();
  if (!sortKey(text)) return undefined;
  const exact = await lookUp(text);
  if (exact.length === 1) return exact[0];
  const labelled = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(text);
  if (!labelled) return undefined;
  const [, name = "", municipality = ""] = labelled;
  const inPlace = (await lookUp(name)).filter((r) => sortKey(r.municipality) === sortKey(municipality));
  return inPlace.length === 1 ? inPlace[0] : undefined;
}

/** A published organisation by id (for a form or API field that names one). */
export async function findPublishedOrganisation(
  db: Conn | Db,
  id: string,
): Promise<Omit<OrganisationChoice, "label"> | undefined> {
  return publishedForForms(conn(db)).where("id", "=", id).executeTakeFirst();
}

/** The options of the filter form. */
export async function directoryFacets(platform: Platform, locale: Locale): Promise<Facets> {
  const [kinds, tags] = await Promise.all([repo.listKinds(platform.db.kysely), cachedFacetValues(platform)]);
  return {
    kinds: kinds.map((k) => ({ id: k.id, label: locale === "en" ? k.label_en : k.label_de })),
    areas: educationAreas.map((a) => ({ id: a.id, label: a[locale] })),
    municipalities: [...municipalities],
    themes: tags.theme,
    targetGroups: tags.target_group,
    languages: tags.language,
  };
}

export async function listKindOptions(platform: Platform, locale: Locale): Promise<{ id: string; label: string }[]> {
  const rows = await repo.listKinds(platform.db.kysely);
  return rows.map((k) => ({ id: k.id, label: locale === "en" ? k.label_en : k.label_de }));
}

/** Every organisation for the back office, any status, searched like the public list. */
export async function searchAllForAdmin(
  platform: Platform,
  actor: Actor,
  filters: DirectoryFilters & { status?: OrganisationStatus | undefined },
  page: number,
  locale: Locale,
): Promise<SearchResult<OrganisationView>> {
  requireRole(actor, "admin");
  const db = platform.db.kysely;
  const f = toRepoFilter(filters, filters.status ? [filters.status] : ["published", "proposed", "rejected"]);
  const { rows, total } = await repo.searchOrganisations(db, f, {
    sort: f.tokens.length > 0 ? "relevance" : "name",
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const [areas, labels] = await Promise.all([
    repo.areasOf(
      db,
      rows.map((r) => r.id),
    ),
    kindLabels(db),
  ]);
  return {
    items: rows.map((r) => toView(r, areas.get(r.id) ?? [], labels, locale)),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** The organisations a member keeps (admins: none listed here, they keep all). */
export async function myOrganisations(platform: Platform, actor: Actor, locale: Locale): Promise<OrganisationView[]> {
  const user = requireUser(actor);
  const db = platform.db.kysely;
  const rows = await repo.organisationsOfMember(db, user.id);
  const [areas, labels] = await Promise.all([
    repo.areasOf(
      db,
      rows.map((r) => r.id),
    ),
    kindLabels(db),
  ]);
  return rows.map((r) => toView(r, areas.get(r.id) ?? [], labels, locale));
}

// --- proposals ---------------------------------------------------------------------------

/**
 * Anybody may propose an organisation; it lands in the review queue, invisible
 * to the public until an admin approves it. Returns undefined for bot submissions.
 */
export async function proposeOrganisation(
  platform: Platform,
  actor: Actor,
  input: ProposalInput,
): Promise<string | undefined> {
  if (input.homepage && input.homepage.trim() !== "") return undefined;
  const db = platform.db.kysely;
  const labels = await validateOrganisation(db, input);
  const user = isUser(actor) ? actor : undefined;
  const row = await db.transaction().execute((trx) =>
    insertOrganisationIn(trx, user, input, labels, {
      status: "proposed",
      proposerName: input.proposerName,
      proposerEmail: input.proposerEmail,
      ...(input.proposalNote ? { proposalNote: input.proposalNote } : {}),
    }),
  );
  return row.id;
}

export async function listProposals(platform: Platform, actor: Actor, locale: Locale): Promise<OrganisationView[]> {
  requireRole(actor, "admin");
  const db = platform.db.kysely;
  const rows = await repo.listByStatus(db, "proposed");
  const [areas, labels] = await Promise.all([
    repo.areasOf(
      db,
      rows.map((r) => r.id),
    ),
    kindLabels(db),
  ]);
  return rows.map((r) => toView(r, areas.get(r.id) ?? [], labels, locale));
}

export async function countOpenProposals(platform: Platform): Promise<number> {
  return repo.countByStatus(platform.db.kysely, "proposed");
}

/** Approve (publish) or reject a proposal. Only proposals can be decided. */
export async function decideProposal(
  platform: Platform,
  actor: Actor,
  id: string,
  decision: "approve" | "reject",
): Promise<OrganisationsTable> {
  const user = requireRole(actor, "admin");
  const db = platform.db.kysely;
  const decided = await db.transaction().execute(async (trx) => {
    const row = await repo.findOrganisation(trx, id);
    if (!row) throw new NotFoundError();
    if (row.status !== "proposed") throw new ConflictError("not_a_proposal", "directory.error.notProposal");
    const status: OrganisationStatus = decision === "approve" ? "published" : "rejected";
    await repo.updateOrganisation(trx, id, { status, updated_at: nowIso() });
    await logChange(trx, user, {
      entity: "organisation",
      entityId: id,
      organisationId: id,
      action: "update",
      changes: { status: { from: row.status, to: status } },
    });
    return { ...row, status };
  });
  invalidateFacets(platform);
  return decided;
}

// --- offers ------------------------------------------------------------------------------

const flatOffer = (row: OffersTable): Flat => ({
  title: row.title,
  kind: row.kind,
  description: row.description,
  targetGroup: row.target_group,
  ageFrom: row.age_from,
  ageTo: row.age_to,
  area: row.area,
  cost: row.cost,
  accessRequirements: row.access_requirements,
  languages: parseList(row.languages).join(", "),
  ongoing: Boolean(row.ongoing),
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  schedule: row.schedule,
  place: row.place,
  contact: row.contact,
});

function offerColumns(input: OfferInput, org: OrganisationsTable) {
  return {
    title: input.title,
    kind: input.kind,
    description: input.description ?? null,
    target_group: input.targetGroup ?? null,
    age_from: input.ageFrom ?? null,
    age_to: input.ageTo ?? null,
    area: input.area ?? null,
    cost: input.cost ?? null,
    access_requirements: input.accessRequirements ?? null,
    languages: JSON.stringify(input.languages),
    ongoing: input.ongoing ? 1 : 0,
    starts_on: input.ongoing ? null : (input.startsOn ?? null),
    ends_on: input.ongoing ? null : (input.endsOn ?? null),
    schedule: input.schedule ?? null,
    place: input.place ?? null,
    contact: input.contact ?? null,
    search_text: searchText([
      input.title,
      labelOf(offerKinds, input.kind, "de"),
      input.description,
      input.targetGroup,
      input.area ? labelOf(educationAreas, input.area, "de") : undefined,
      ...input.languages,
      input.place,
      org.name,
      org.municipality,
    ]),
    sort_name: sortKey(input.title),
  };
}

async function publishedOrganisation(db: Conn, actor: Actor, id: string): Promise<OrganisationsTable> {
  const org = await repo.findOrganisation(db, id);
  if (!org || !visibleTo(actor, org)) throw new NotFoundError();
  return org;
}

export async function createOffer(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  input: OfferInput,
  locale: Locale = "de",
): Promise<OfferView> {
  const db = platform.db.kysely;
  const user = await requireOrganisationKeeper(db, actor, organisationId);
  const org = await publishedOrganisation(db, actor, organisationId);
  const now = nowIso();
  const row: OffersTable = {
    id: newId(),
    organisation_id: organisationId,
    ...offerColumns(input, org),
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertOffer(trx, row);
    await logChange(trx, user, {
      entity: "offer",
      entityId: row.id,
      organisationId,
      action: "create",
      changes: diff({}, flatOffer(row)),
    });
  });
  return offerToView(row, org, locale);
}

async function offerForKeeper(db: Conn, actor: Actor, offerId: string) {
  const offer = await repo.findOffer(db, offerId);
  if (!offer) throw new NotFoundError();
  const user = await requireOrganisationKeeper(db, actor, offer.organisation_id);
  const org = await repo.findOrganisation(db, offer.organisation_id);
  if (!org) throw new NotFoundError();
  return { offer, org, user };
}

export async function updateOffer(
  platform: Platform,
  actor: Actor,
  offerId: string,
  input: OfferInput,
  locale: Locale = "de",
): Promise<OfferView> {
  const db = platform.db.kysely;
  const { offer, org, user } = await offerForKeeper(db, actor, offerId);
  const values = { ...offerColumns(input, org), updated_at: nowIso() };
  const after = { ...offer, ...values };
  await db.transaction().execute(async (trx) => {
    await repo.updateOffer(trx, offerId, values);
    await logChange(trx, user, {
      entity: "offer",
      entityId: offerId,
      organisationId: org.id,
      action: "update",
      changes: diff(flatOffer(offer), flatOffer(after)),
    });
  });
  return offerToView(after, org, locale);
}

export async function deleteOffer(platform: Platform, actor: Actor, offerId: string): Promise<OrganisationsTable> {
  const db = platform.db.kysely;
  const { offer, org, user } = await offerForKeeper(db, actor, offerId);
  await db.transaction().execute(async (trx) => {
    await repo.deleteOffer(trx, offerId);
    await logChange(trx, user, {
      entity: "offer",
      entityId: offerId,
      organisationId: org.id,
      action: "delete",
      changes: diff(flatOffer(offer), {}),
    });
  });
  return org;
}

export async function getOffer(platform: Platform, actor: Actor, offerId: string, locale: Locale): Promise<OfferView> {
  const db = platform.db.kysely;
  const offer = await repo.findOffer(db, offerId);
  if (!offer) throw new NotFoundError();
  const org = await publishedOrganisation(db, actor, offer.organisation_id);
  return offerToView(offer, org, locale);
}

/** The editable input of an offer (to pre-fill its form). */
export function offerInputOf(v: OfferView): OfferInput {
  return {
    title: v.title,
    kind: v.kind,
    description: v.description,
    targetGroup: v.targetGroup,
    ageFrom: v.ageFrom,
    ageTo: v.ageTo,
    area: v.area as OfferInput["area"],
    cost: v.cost,
    accessRequirements: v.accessRequirements,
    languages: v.languages,
    ongoing: v.ongoing,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    schedule: v.schedule,
    place: v.place,
    contact: v.contact,
  };
}

export async function listOffersOf(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  locale: Locale = "de",
): Promise<OfferView[]> {
  const db = platform.db.kysely;
  const org = await publishedOrganisation(db, actor, organisationId);
  const rows = await repo.offersOf(db, organisationId);
  return rows.map((r) => offerToView(r, org, locale));
}

export async function searchOfferList(
  platform: Platform,
  query: OfferQuery,
  locale: Locale,
): Promise<SearchResult<OfferView>> {
  const page = query.seite ?? 1;
  const { rows, total } = await repo.searchOffers(
    platform.db.kysely,
    { tokens: searchTokens(query.q), kind: query.art, area: query.bereich, municipality: query.gemeinde },
    { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  );
  return {
    items: rows.map((r) =>
      offerToView(r, { name: r.org_name, slug: r.org_slug, municipality: r.org_municipality }, locale),
    ),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

// --- contacts ----------------------------------------------------------------------------

const flatContact = (row: ContactsTable): Flat => ({
  name: row.name,
  function: row.function,
  email: row.email,
  phone: row.phone,
  publicConsent: Boolean(row.public_consent),
  consentDate: row.consent_date,
});

export async function listContactsForKeeping(
  platform: Platform,
  actor: Actor,
  organisationId: string,
): Promise<ContactView[]> {
  const db = platform.db.kysely;
  await requireOrganisationKeeper(db, actor, organisationId);
  return (await repo.contactsOf(db, organisationId)).map(contactToView);
}

function contactColumns(input: ContactInput) {
  const consent = input.publicConsent && Boolean(input.consentDate);
  return {
    name: input.name,
    function: input.function ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    public_consent: consent ? 1 : 0,
    consent_date: consent ? (input.consentDate ?? null) : null,
  };
}

export async function addContact(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  input: ContactInput,
): Promise<ContactView> {
  const db = platform.db.kysely;
  const user = await requireOrganisationKeeper(db, actor, organisationId);
  await publishedOrganisation(db, user, organisationId);
  const now = nowIso();
  const row: ContactsTable = {
    id: newId(),
    organisation_id: organisationId,
    ...contactColumns(input),
    position: (await repo.contactsOf(db, organisationId)).length,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertContact(trx, row);
    await logChange(trx, user, {
      entity: "contact",
      entityId: row.id,
      organisationId,
      action: "create",
      changes: diff({}, flatContact(row)),
    });
  });
  return contactToView(row);
}

async function contactForKeeper(db: Conn, actor: Actor, organisationId: string, contactId: string) {
  const contact = await repo.findContact(db, contactId);
  if (!contact || contact.organisation_id !== organisationId) throw new NotFoundError();
  const user = await requireOrganisationKeeper(db, actor, organisationId);
  return { contact, user };
}

export async function updateContact(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  contactId: string,
  input: ContactInput,
): Promise<void> {
  const db = platform.db.kysely;
  const { contact, user } = await contactForKeeper(db, actor, organisationId, contactId);
  const values = { ...contactColumns(input), updated_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await repo.updateContact(trx, contactId, values);
    await logChange(trx, user, {
      entity: "contact",
      entityId: contactId,
      organisationId,
      action: "update",
      changes: diff(flatContact(contact), flatContact({ ...contact, ...values })),
    });
  });
}

export async function removeContact(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  contactId: string,
): Promise<void> {
  const db = platform.db.kysely;
  const { contact, user } = await contactForKeeper(db, actor, organisationId, contactId);
  await db.transaction().execute(async (trx) => {
    await repo.deleteContact(trx, contactId);
    await logChange(trx, user, {
      entity: "contact",
      entityId: contactId,
      organisationId,
      action: "delete",
      changes: diff(flatContact(contact), {}),
    });
  });
}

// --- members -----------------------------------------------------------------------------

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  since: string;
}

export async function listMembers(platform: Platform, actor: Actor, organisationId: string): Promise<MemberView[]> {
  requireRole(actor, "admin");
  const rows = await repo.membersOf(platform.db.kysely, organisationId);
  return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, since: r.created_at }));
}

/** Links a user account (found by e-mail) to an organisation. Admins only. */
export async function linkMemberByEmail(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  email: string,
): Promise<void> {
  const user = requireRole(actor, "admin");
  const db = platform.db.kysely;
  const org = await repo.findOrganisation(db, organisationId);
  if (!org) throw new NotFoundError();
  const member = await repo.findUserByEmail(db, email);
  if (!member) throw new ValidationError({ email: "directory.validation.unknownUser" });
  await db.transaction().execute(async (trx) => {
    await repo.insertMember(trx, organisationId, member.id, nowIso());
    await logChange(trx, user, {
      entity: "member",
      entityId: member.id,
      organisationId,
      action: "create",
      changes: { member: { from: null, to: member.email } },
    });
  });
}

export async function unlinkMember(
  platform: Platform,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<void> {
  const user = requireRole(actor, "admin");
  const db = platform.db.kysely;
  await db.transaction().execute(async (trx) => {
    await repo.deleteMember(trx, organisationId, userId);
    await logChange(trx, user, {
      entity: "member",
      entityId: userId,
      organisationId,
      action: "delete",
      changes: { member: { from: userId, to: null } },
    });
  });
}

// --- kinds -------------------------------------------------------------------------------

export async function addKind(platform: Platform, actor: Actor, input: KindInput): Promise<void> {
  requireRole(actor, "admin");
  const db = platform.db.kysely;
  if (await repo.findKind(db, input.id)) throw new ValidationError({ id: "directory.validation.kindTaken" });
  await repo.insertKind(db, {
    id: input.id,
    label_de: input.labelDe,
    label_en: input.labelEn,
    position: (await repo.maxKindPosition(db)) + 10,
    created_at: nowIso(),
  });
}

export async function listKindsForAdmin(
  platform: Platform,
  actor: Actor,
): Promise<{ id: string; labelDe: string; labelEn: string; base: boolean }[]> {
  requireRole(actor, "admin");
  const rows = await repo.listKinds(platform.db.kysely);
  const base = new Set<string>(organisationKinds.map((k) => k.id));
  return rows.map((r) => ({ id: r.id, labelDe: r.label_de, labelEn: r.label_en, base: base.has(r.id) }));
}

// --- change log review -------------------------------------------------------------------

export interface ChangeView {
  id: string;
  entity: string;
  action: string;
  organisationId: string;
  organisationName: string | undefined;
  organisationSlug: string | undefined;
  userName: string | undefined;
  userRole: string | undefined;
  changedAt: string;
  changes: { field: string; from: string; to: string }[];
  reviewed: boolean;
}

const show = (v: unknown): string => (v === null || v === undefined || v === "" ? "–" : String(v));

export async function listChangeLog(
  platform: Platform,
  actor: Actor,
  options: { openOnly: boolean; membersOnly: boolean; page: number },
): Promise<SearchResult<ChangeView>> {
  requireRole(actor, "admin");
  const { rows, total } = await repo.listChanges(platform.db.kysely, {
    ...options,
    limit: PAGE_SIZE,
    offset: (options.page - 1) * PAGE_SIZE,
  });
  return {
    items: rows.map((r) => {
      let parsed: Record<string, { from: unknown; to: unknown }> = {};
      try {
        parsed = JSON.parse(r.changes) as typeof parsed;
      } catch {
        parsed = {};
      }
      return {
        id: r.id,
        entity: r.entity,
        action: r.action,
        organisationId: r.organisation_id,
        organisationName: opt(r.org_name),
        organisationSlug: opt(r.org_slug),
        userName: opt(r.user_name),
        userRole: opt(r.user_role),
        changedAt: r.changed_at,
        changes: Object.entries(parsed).map(([field, c]) => ({ field, from: show(c.from), to: show(c.to) })),
        reviewed: r.reviewed_at !== null,
      };
    }),
    total,
    page: options.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

export async function reviewChange(platform: Platform, actor: Actor, id: string): Promise<void> {
  const user = requireRole(actor, "admin");
  await repo.markChangeReviewed(platform.db.kysely, id, user.id, nowIso());
}

// --- bulk insert for the import -----------------------------------------------------------

/**
 * Inserts all organisations in one transaction: either every row is stored, or
 * (on any error) none. Admins only.
 */
export async function importOrganisations(
  platform: Platform,
  actor: Actor,
  inputs: readonly OrganisationInput[],
): Promise<number> {
  const user = requireRole(actor, "admin");
  const db = platform.db.kysely;
  const labels = await kindLabels(db);
  for (const input of inputs) {
    if (!labels.has(input.kind)) throw new ValidationError({ kind: "directory.validation.kind" });
  }
  await db.transaction().execute(async (trx) => {
    for (const input of inputs) await insertOrganisationIn(trx, user, input, labels, { status: "published" });
  });
  invalidateFacets(platform);
  return inputs.length;
}

/** Kind ids and German/English labels, for the import's lookup of "Art". */
export async function kindLookup(platform: Platform): Promise<{ id: string; labelDe: string; labelEn: string }[]> {
  const rows = await repo.listKinds(platform.db.kysely);
  return rows.map((r) => ({ id: r.id, labelDe: r.label_de, labelEn: r.label_en }));
}

/** Organisations for the export: all published that match, in name order (no pagination). */
export async function exportDirectory(
  platform: Platform,
  filters: DirectoryFilters,
  locale: Locale,
): Promise<OrganisationView[]> {
  const all: OrganisationView[] = [];
  for (let offset = 0; ; offset += 1000) {
    const batch = await searchDirectory(platform, filters, { pageSize: 1000, offset, locale });
    all.push(...batch.items);
    if (batch.items.length < 1000 || all.length >= 50_000) break;
  }
  return all;
}
