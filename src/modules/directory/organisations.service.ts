import type { Actor, UserActor } from "../../platform/auth/actor.js";
import type { Conn } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Locale } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import { directoryAccess, type KeptOrganisation, userOf } from "./access.js";
import { diff, recordChange } from "./change-log.service.js";
import { invalidateDirectoryCaches } from "./directory-cache.js";
import { withGeocodedPosition } from "./geocoder.js";
import { kindLabels, listKindOptions } from "./kinds.service.js";
import * as members from "./members.repo.js";
import { applyPatch, flatOrganisation, inputOf, organisationColumns, tagsFor } from "./organisation-input.js";
import * as organisations from "./organisations.repo.js";
import type { ApiOrganisationPatch, OrganisationInput } from "./schema.js";
import { sortKey } from "./search.js";
import type { OrganisationStatus, OrganisationsTable } from "./tables.js";
import { type KindLabels, type OrganisationView, organisationToView } from "./view-models.js";
import { currentMunicipality, municipalities } from "./vocab.js";

// Organisations: adding, changing and reading one entry. Proposals, the listing and
// the import build on the helpers here (validation, insert, views).

/** Who keeps the organisation: what the keeping policies of access.ts look at. */
export async function keptOrganisation(db: Conn, organisationId: string): Promise<KeptOrganisation> {
  return { memberIds: await members.memberIdsOf(db, organisationId) };
}

/** View models of many rows, with their areas and kind labels. */
export async function organisationViews(
  db: Conn,
  rows: readonly OrganisationsTable[],
  locale: Locale,
): Promise<OrganisationView[]> {
  const [areas, labels] = await Promise.all([
    organisations.areasOf(
      db,
      rows.map((r) => r.id),
    ),
    kindLabels(db),
  ]);
  return rows.map((r) => organisationToView(r, areas.get(r.id) ?? [], labels, locale));
}

/** The organisation if the actor may see it; 404 otherwise, so a proposal is not even known to exist. */
export function visibleOrganisation(actor: Actor, row: OrganisationsTable | undefined): OrganisationsTable {
  if (!row) throw new NotFoundError();
  directoryAccess.requireAccess(actor, "organisation.see", row, { hide: true });
  return row;
}

// --- writing ---------------------------------------------------------------------------

const reservedSlugs = new Set(["karte", "vorschlagen", "meine", "export", "neu"]);

async function uniqueSlug(db: Conn, name: string, exceptId?: string): Promise<string> {
  const base = sortKey(name).replace(/ /g, "-").slice(0, 80).replace(/-+$/, "") || "organisation";
  for (let i = 1; i < 1000; i++) {
    const slug = i === 1 && !reservedSlugs.has(base) ? base : `${base}-${i}`;
    if (i === 1 && reservedSlugs.has(base)) continue;
    const existing = await organisations.findOrganisationBySlug(db, slug);
    if (!existing || existing.id === exceptId) return slug;
  }
  return `${base}-${newId().slice(0, 8)}`;
}

/** Checks what zod cannot: the kind must be in the (admin-extensible) list. */
export async function validateOrganisation(db: Conn, input: OrganisationInput): Promise<KindLabels> {
  const labels = await kindLabels(db);
  const errors: Record<string, string> = {};
  if (!labels.has(input.kind)) errors.kind = "directory.validation.kind";
  if (!(municipalities as readonly string[]).includes(currentMunicipality(input.municipality))) {
    errors.municipality = "directory.validation.municipality";
  }
  if ((input.lat === undefined) !== (input.lon === undefined)) {
    errors[input.lat === undefined ? "lat" : "lon"] = "directory.validation.latLon";
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return labels;
}

/** Inserts one organisation inside the caller's transaction (create, proposal and import). */
export async function insertOrganisationIn(
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
  await organisations.insertOrganisation(trx, row);
  await organisations.replaceAreas(trx, row.id, input.areas);
  await organisations.replaceTags(trx, row.id, tagsFor(input));
  await recordChange(trx, user, {
    entity: "organisation",
    entityId: row.id,
    organisationId: row.id,
    action: "create",
    changes: diff({}, flatOrganisation(row, input.areas)),
  });
  return row;
}

/** The empty form for a new organisation: its kind options. */
export async function startNewOrganisation(
  platform: Platform,
  actor: Actor,
  locale: Locale,
): Promise<{ id: string; label: string }[]> {
  directoryAccess.requireAccess(actor, "organisation.create", undefined);
  return listKindOptions(platform, locale);
}

/** Admins add organisations; they are published at once. */
export async function createOrganisation(
  platform: Platform,
  actor: Actor,
  input: OrganisationInput,
  locale: Locale = "de",
): Promise<OrganisationView> {
  directoryAccess.requireAccess(actor, "organisation.create", undefined);
  const db = platform.db.kysely;
  const labels = await validateOrganisation(db, input);
  // Asked before the transaction: a slow geocoder must not hold it open.
  const placed = await withGeocodedPosition(platform, input);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertOrganisationIn(trx, userOf(actor), placed, labels, { status: "published" });
    await platform.hooks.emit(
      "directory.organisationsChanged",
      { organisationIds: [inserted.id] },
      { platform, db: trx },
    );
    return inserted;
  });
  invalidateDirectoryCaches(platform);
  return organisationToView(row, placed.areas, labels, locale);
}

/** Admins edit any organisation, members only their own; every change is logged with a diff. */
export async function updateOrganisation(
  platform: Platform,
  actor: Actor,
  id: string,
  given: OrganisationInput,
  locale: Locale = "de",
): Promise<OrganisationView> {
  const db = platform.db.kysely;
  directoryAccess.requireAccess(actor, "organisation.edit", await keptOrganisation(db, id));
  const labels = await validateOrganisation(db, given);
  // Asked before the transaction: a slow geocoder must not hold it open.
  const input = await withGeocodedPosition(platform, given);
  const row = await db.transaction().execute(async (trx) => {
    const before = await organisations.findOrganisation(trx, id);
    if (!before) throw new NotFoundError();
    const beforeAreas = (await organisations.areasOf(trx, [id])).get(id) ?? [];
    const values = { ...organisationColumns(input, labels), updated_at: nowIso() };
    await organisations.updateOrganisation(trx, id, values);
    await organisations.replaceAreas(trx, id, input.areas);
    await organisations.replaceTags(trx, id, tagsFor(input));
    const after = { ...before, ...values };
    await recordChange(trx, userOf(actor), {
      entity: "organisation",
      entityId: id,
      organisationId: id,
      action: "update",
      changes: diff(flatOrganisation(before, beforeAreas), flatOrganisation(after, input.areas)),
    });
    await platform.hooks.emit("directory.organisationsChanged", { organisationIds: [id] }, { platform, db: trx });
    return after;
  });
  invalidateDirectoryCaches(platform);
  return organisationToView(row, input.areas, labels, locale);
}

/** The API's PATCH: fields present replace, null clears, absent stay. */
export async function patchOrganisation(
  platform: Platform,
  actor: Actor,
  id: string,
  patch: ApiOrganisationPatch,
): Promise<OrganisationView> {
  directoryAccess.requireAccess(actor, "organisation.edit", await keptOrganisation(platform.db.kysely, id));
  const current = await getOrganisationById(platform, actor, id);
  return updateOrganisation(platform, actor, id, applyPatch(inputOf(current), patch));
}

// --- reading ---------------------------------------------------------------------------

export async function getOrganisationById(
  platform: Platform,
  actor: Actor,
  id: string,
  locale: Locale = "de",
): Promise<OrganisationView> {
  const db = platform.db.kysely;
  const row = visibleOrganisation(actor, await organisations.findOrganisation(db, id));
  return (await organisationViews(db, [row], locale))[0] as OrganisationView;
}

export async function getOrganisationBySlug(
  platform: Platform,
  actor: Actor,
  slug: string,
  locale: Locale = "de",
): Promise<OrganisationView> {
  const db = platform.db.kysely;
  const row = visibleOrganisation(actor, await organisations.findOrganisationBySlug(db, slug));
  return (await organisationViews(db, [row], locale))[0] as OrganisationView;
}

/**
 * An organisation the actor may see and keep, for its edit, offer and contact forms
 * (`permission` names which of them).
 */
export async function getOrganisationToKeep(
  platform: Platform,
  actor: Actor,
  slug: string,
  permission: "organisation.edit" | "offer.edit" | "contact.manage",
  locale: Locale,
): Promise<OrganisationView> {
  const organisation = await getOrganisationBySlug(platform, actor, slug, locale);
  directoryAccess.requireAccess(actor, permission, await keptOrganisation(platform.db.kysely, organisation.id));
  return organisation;
}

/** The edit form of an organisation: the organisation and the kind options. */
export async function getOrganisationEditForm(
  platform: Platform,
  actor: Actor,
  slug: string,
  locale: Locale,
): Promise<{ organisation: OrganisationView; kinds: { id: string; label: string }[] }> {
  const organisation = await getOrganisationToKeep(platform, actor, slug, "organisation.edit", locale);
  return { organisation, kinds: await listKindOptions(platform, locale) };
}
