import type { Cell } from "../../lib/spreadsheet.js";
import type { Actor } from "../../platform/auth/actor.js";
import { translator } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import type { EventView } from "../events/index.js";
import { listRegistrations, type RegistrationFilter } from "./organiser-desk.service.js";
import { rankedTitles } from "./wishes.js";

// The participant list as a table for CSV/XLSX (src/lib/spreadsheet.ts writes the files),
// with German column names.

/** "fachtag-2025-03-28" → "anmeldungen-fachtag-2025-03-28-2026-11-27.csv" */
export const exportFileName = (slug: string, ext: "csv" | "xlsx") =>
  `anmeldungen-${slug}-${new Date().toISOString().slice(0, 10)}.${ext}`;

/** The rows for the CSV/XLSX export (organiser only). */
export async function exportRows(
  platform: Platform,
  actor: Actor,
  eventId: string,
  filter: RegistrationFilter = {},
): Promise<{ event: EventView; headers: string[]; rows: Cell[][] }> {
  const overview = await listRegistrations(platform, actor, eventId, filter);
  const t = translator("de");
  // In preference mode the ranked wishes come along ("1. …, 2. …"), also once allocated.
  const wishes = overview.event.workshopChoice === "preferences";
  const title = new Map(overview.slots.flatMap((s) => s.workshops.map((w) => [w.id, w.title] as const)));
  const headers = [
    t("registrations.col.status"),
    t("registrations.col.waitlistPosition"),
    t("registrations.col.lastName"),
    t("registrations.col.firstName"),
    t("registrations.col.email"),
    t("registrations.col.organisation"),
    t("registrations.col.directoryEntry"),
    t("registrations.col.organisationKind"),
    t("registrations.col.role"),
    t("registrations.col.municipality"),
    ...overview.slots.map((_s, i) => t("registrations.col.workshopSlot", { n: i + 1 })),
    ...(wishes ? overview.slots.map((_s, i) => t("registrations.col.wishesSlot", { n: i + 1 })) : []),
    t("registrations.col.dietaryNeeds"),
    t("registrations.col.accessibilityNeeds"),
    t("registrations.col.consentPhotos"),
    t("registrations.col.consentParticipantList"),
    ...overview.questions.map((q) => q.label),
    t("registrations.col.source"),
    t("registrations.col.createdAt"),
    t("registrations.col.confirmedAt"),
    t("registrations.col.cancelledAt"),
  ];
  const yes = (b: boolean) => (b ? t("registrations.yes") : t("registrations.no"));
  const rows = overview.registrations.map((r) => [
    t(`registrations.status.${r.status}`),
    r.waitlistPosition ?? "",
    r.lastName,
    r.firstName,
    r.email,
    r.organisation ?? "",
    r.organisationId && overview.organisationPaths[r.organisationId]
      ? `${platform.config.baseUrl}${overview.organisationPaths[r.organisationId]}`
      : "",
    r.organisationKind ? t(`registrations.orgKind.${r.organisationKind}`) : "",
    r.role ?? "",
    r.municipality ?? "",
    ...overview.slots.map((s) => r.workshops.find((w) => w.slot === s.key)?.title ?? ""),
    ...(wishes ? overview.slots.map((s) => rankedTitles(r.preferences[s.index] ?? [], title)) : []),
    r.dietaryNeeds ?? "",
    r.accessibilityNeeds ?? "",
    yes(r.consents.photos),
    yes(r.consents.participantList),
    ...overview.questions.map((q) => r.answers[q.id] ?? ""),
    t(`registrations.source.${r.source}`),
    // Dates as Date objects: the XLSX gets date cells Excel can sort and filter, the CSV "TT.MM.JJJJ HH:MM".
    new Date(r.createdAt),
    r.confirmedAt ? new Date(r.confirmedAt) : "",
    r.cancelledAt ? new Date(r.cancelledAt) : "",
  ]);
  return { event: overview.event, headers, rows };
}
