import type { Actor } from "../../platform/auth/actor.js";
import type { Conn, Database } from "../../platform/db/database.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import { DomainError, NotFoundError, ValidationError } from "../../platform/http/errors.js";
import type { Platform } from "../../platform/platform.js";
import { checkUpload } from "../../platform/storage/storage.js";
import { getOrganisationSummaries } from "../directory/index.js";
import { can, requireAccess, userIdOf } from "./access.js";
import { germanCollator } from "./analysis.js";
import { type OrganisationChoice, organisationOptions } from "./choices.service.js";
import { minutesTypes, type NetworkVisibility } from "./constants.js";
import * as repo from "./networks.repo.js";
import type { MeetingInput, NetworkInput } from "./schema.js";

// Networks and working groups: their members and coordinator, their meetings with
// agenda and minutes documents. Who may do which is decided in access.ts.

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
export async function listNetworks(
  platform: Platform,
  actor: Actor,
): Promise<{ networks: NetworkView[]; canCreate: boolean }> {
  const db = platform.db.kysely;
  const rows = await repo.listNetworkRows(db, can(actor, "network.see", { visibility: "internal" }));
  return { networks: await networkViews(db, rows), canCreate: can(actor, "network.create", undefined) };
}

export interface NetworkPage {
  network: NetworkView;
  meetings: MeetingView[];
  canEdit: boolean;
  canAddMeeting: boolean;
}

/** A network with its meetings; an internal one is unknown (404) to those who may not see it. */
export async function getNetwork(platform: Platform, actor: Actor, slug: string): Promise<NetworkPage> {
  const db = platform.db.kysely;
  const row = await repo.findNetworkBySlug(db, slug);
  if (!row) throw new NotFoundError();
  requireAccess(actor, "network.see", { visibility: row.visibility as NetworkVisibility }, { hide: true });
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
  return {
    network: network!,
    meetings,
    canEdit: can(actor, "network.edit", undefined),
    canAddMeeting: can(actor, "meeting.add", undefined),
  };
}

/** The network page again with its meeting form, for a posted meeting that needs correcting. */
export async function getNetworkForMeeting(platform: Platform, actor: Actor, slug: string): Promise<NetworkPage> {
  requireAccess(actor, "meeting.add", undefined);
  return getNetwork(platform, actor, slug);
}

/** What the network form offers to choose from; only for those who may create networks. */
export async function newNetworkForm(
  platform: Platform,
  actor: Actor,
): Promise<{ organisations: OrganisationChoice[] }> {
  requireAccess(actor, "network.create", undefined);
  return { organisations: await organisationOptions(platform) };
}

/** The form values of a network, and what the form offers; only for those who may change it. */
export async function editNetworkForm(
  platform: Platform,
  actor: Actor,
  slug: string,
): Promise<{ organisations: OrganisationChoice[]; values: Record<string, unknown> }> {
  requireAccess(actor, "network.edit", undefined);
  const db = platform.db.kysely;
  const row = await repo.findNetworkBySlug(db, slug);
  if (!row) throw new NotFoundError();
  const n = (await networkViews(db, [row]))[0]!;
  const values = {
    name: n.name,
    purpose: n.purpose ?? "",
    coordinatorId: n.coordinator?.id ?? "",
    memberIds: n.members.map((m) => m.id),
    visibility: n.visibility,
  };
  return { organisations: await organisationOptions(platform), values };
}

/** Creates (no slug) or changes a network; returns its slug. */
export async function saveNetwork(
  platform: Platform,
  actor: Actor,
  input: NetworkInput,
  existingSlug?: string,
): Promise<string> {
  requireAccess(actor, existingSlug ? "network.edit" : "network.create", undefined);
  const db = platform.db.kysely;
  const existing = existingSlug ? await repo.findNetworkBySlug(db, existingSlug) : undefined;
  if (existingSlug && !existing) throw new NotFoundError();
  const memberIds = [...new Set([...input.memberIds, ...(input.coordinatorId ? [input.coordinatorId] : [])])];
  const found = await getOrganisationSummaries(db, memberIds);
  if (found.length !== memberIds.length) {
    throw new ValidationError({ memberIds: "network.validation.unknownOrganisation" });
  }
  const slug = existing?.slug ?? slugify(input.name);
  if (await repo.slugTaken(db, slug, existing?.id)) throw new ValidationError({ name: "network.validation.nameTaken" });
  const now = nowIso();
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
  requireAccess(actor, "meeting.add", undefined);
  const db = platform.db.kysely;
  const network = await repo.findNetworkBySlug(db, slug);
  if (!network) throw new NotFoundError();
  // The form already turned the Berlin time into the instant (meetingForm, localDateTime).
  const startsAt = input.startsAt;
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
      uploaded_by: userIdOf(actor),
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

/**
 * The minutes document of a meeting, visible like its network. `shareable` says
 * whether a shared cache may keep it: only what the public may see anyway.
 */
export async function getMinutes(
  platform: Platform,
  actor: Actor,
  slug: string,
  meetingId: string,
): Promise<{ data: Buffer; filename: string; contentType: string; shareable: boolean }> {
  const db = platform.db.kysely;
  const network = await repo.findNetworkBySlug(db, slug);
  if (!network) throw new NotFoundError();
  requireAccess(actor, "network.see", { visibility: network.visibility as NetworkVisibility }, { hide: true });
  const meeting = await repo.findMeeting(db, network.id, meetingId);
  if (!meeting) throw new NotFoundError();
  const data = await platform.storage.get(meeting.storage_key);
  if (!data) throw new NotFoundError();
  return {
    data,
    filename: meeting.original_name,
    contentType: meeting.content_type,
    shareable: actor.kind === "anonymous",
  };
}
