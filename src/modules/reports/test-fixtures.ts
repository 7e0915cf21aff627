import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { Platform } from "../../platform/platform.js";
import type { EventStatus } from "../events/tables.js";
import type { RegistrationStatus } from "../registrations/tables.js";
import { createFachtag } from "../registrations/test-fixtures.js";

// A hand-made data set for the reports: Fachtage on fixed days and registrations written
// straight into the tables, so every figure can be counted by hand in the test.

let n = 0;

/** A Fachtag starting at 09:00 Berlin time (08:00 UTC) on `day`. */
export async function fachtagOn(
  platform: Platform,
  day: string,
  options: { createdBy?: string | null; status?: EventStatus; workshops?: number } = {},
) {
  const ev = await createFachtag(platform, {
    createdBy: options.createdBy ?? null,
    status: options.status ?? "held",
    workshops: Array.from({ length: options.workshops ?? 0 }, (_, i) => ({ title: `Workshop ${i + 1}`, capacity: 20 })),
  });
  await platform.db.kysely
    .updateTable("events")
    .set({ starts_at: `${day}T08:00:00.000Z`, ends_at: `${day}T15:00:00.000Z` })
    .where("id", "=", ev.id)
    .execute();
  return ev;
}

export interface Person {
  status?: RegistrationStatus;
  present?: boolean;
  kind?: string | null;
  municipality?: string | null;
  role?: string | null;
  organisationId?: string | null;
  lastName?: string;
}

/** Registrations of `people` for the Fachtag; returns their ids. */
export async function addPeople(platform: Platform, eventId: string, people: Person[]): Promise<string[]> {
  const now = nowIso();
  const ids: string[] = [];
  for (const p of people) {
    n++;
    const id = newId();
    ids.push(id);
    const status = p.status ?? "confirmed";
    await platform.db.kysely
      .insertInto("registrations")
      .values({
        id,
        event_id: eventId,
        status,
        waitlist_order: status === "waitlisted" ? n : null,
        first_name: "Erika",
        last_name: p.lastName ?? `Berichtstest ${n}`,
        email: `bericht-${n}-${id.slice(0, 6)}@example.org`,
        organisation: null,
        organisation_id: p.organisationId ?? null,
        organisation_kind: p.kind ?? null,
        role: p.role ?? null,
        municipality: p.municipality ?? null,
        dietary_needs: null,
        accessibility_needs: null,
        consent_privacy: 1,
        consent_photos: 0,
        consent_participant_list: 0,
        consents_at: now,
        answers: "{}",
        manage_token_hash: `hash-${id}`,
        confirm_token_hash: null,
        hold_until: null,
        source: "manual",
        created_at: now,
        updated_at: now,
        confirmed_at: status === "confirmed" ? now : null,
        cancelled_at: status === "cancelled" ? now : null,
        ticket_code: `T${id.replace(/-/g, "").slice(0, 16)}`,
        checked_in_at: p.present ? now : null,
        checked_in_by: null,
      })
      .execute();
  }
  return ids;
}

/** A published allocation run of the Fachtag: one placement per entry (rank, or null session = unplaced). */
export async function publishedRun(
  platform: Platform,
  eventId: string,
  sessionId: string,
  placements: { registrationId: string; rank: number | null; placed: boolean }[],
): Promise<void> {
  const runId = newId();
  const now = nowIso();
  await platform.db.kysely
    .insertInto("allocation_runs")
    .values({
      id: runId,
      event_id: eventId,
      seed: 1,
      created_at: now,
      created_by: null,
      published_at: now,
      summary: "{}",
    })
    .execute();
  for (const p of placements) {
    await platform.db.kysely
      .insertInto("allocation_placements")
      .values({
        run_id: runId,
        registration_id: p.registrationId,
        slot: "2025-03-10T10:00:00.000Z",
        session_id: p.placed ? sessionId : null,
        rank: p.placed ? p.rank : null,
        wishes: JSON.stringify([sessionId]),
        by_hand: 0,
      })
      .execute();
  }
}

/** A post of the Austausch written straight into its table, made public at `createdAt` (ISO UTC). */
export async function addPost(
  platform: Platform,
  post: { kind: string; status?: string; createdAt: string; title?: string },
): Promise<string> {
  const id = newId();
  await platform.db.kysely
    .insertInto("exchange_posts")
    .values({
      id,
      kind: post.kind,
      title: post.title ?? `Beitrag ${++n}`,
      body: "Text",
      body_html: "<p>Text</p>",
      areas: "[]",
      themes: "[]",
      target_groups: "[]",
      practice: null,
      municipality: null,
      organisation_id: null,
      author_id: null,
      status: post.status ?? "published",
      hidden: 0,
      hidden_reason: null,
      valid_until: null,
      created_at: post.createdAt,
      updated_at: post.createdAt,
      published_at: post.status === "draft" ? null : post.createdAt,
    })
    .execute();
  return id;
}

/** A pair of an offer and a request the matching suggested, written straight into its table. */
export async function addPair(platform: Platform, offerId: string, requestId: string): Promise<void> {
  await platform.db.kysely
    .insertInto("post_matches")
    .values({
      id: newId(),
      offer_id: offerId,
      request_id: requestId,
      reasons: "[]",
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** Anonymous survey answers of a Fachtag, each with its overall rating (1–5). */
export async function addSurveyAnswers(platform: Platform, eventId: string, overall: number[]): Promise<void> {
  for (const o of overall) {
    await platform.db.kysely
      .insertInto("survey_answers")
      .values({ id: newId(), event_id: eventId, answers: JSON.stringify({ overall: o }) })
      .execute();
  }
}
