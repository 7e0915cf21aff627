import { modules } from "../../src/modules/index.js";
import { register } from "../../src/modules/registrations/index.js";
import { createFachtag } from "../../src/modules/registrations/test-fixtures.js";
import { manageTokenFor } from "../../src/modules/registrations/tokens.js";
import { anonymous } from "../../src/platform/auth/actor.js";
import { createApiToken } from "../../src/platform/auth/api-tokens.js";
import { seedDemo } from "../../src/platform/bootstrap.js";
import { newId } from "../../src/platform/db/ids.js";
import { nowIso } from "../../src/platform/db/time.js";
import { createUser, signIn } from "../helpers/auth.js";
import { Browser, type TestApp } from "../helpers/test-app.js";

/** The nine people of the authorisation matrix (issue 14, item 7). */
export const ROLES = [
  "anonymous",
  "participant",
  "otherParticipant",
  "otherMember",
  "member",
  "otherEditor",
  "editor",
  "helper",
  "admin",
] as const;
export type AuthzRole = (typeof ROLES)[number];

const DEMO_PASSWORD = "Demo-Passwort-2026";

interface Person {
  /** A cookie jar with a session (signed-in roles) or without (anonymous, participants). */
  browser: Browser;
  /** `Bearer …` for the API; none for anonymous and the participants. */
  authorization?: string;
  /** Its CSRF token, taken once from a page with a form. */
  csrf: string;
  /** Its cookies (CSRF secret, session) as they were then: every request of the matrix sends these. */
  cookie: string;
  userId?: string;
}

/** The data set every request of the matrix is about. */
export interface Fixture {
  people: Record<AuthzRole, Person>;
  /** The Fachtag of `editor` (the demo's next Fachtag, open for registration). */
  event: { id: string; slug: string; startsAt: string; workshop: string; questionId: string };
  /** A past Fachtag of `editor` with documents, results and an agreement (the demo's 2025 one). */
  past: { id: string; slug: string; documentId: string; agreementId: string };
  /** The Fachtag of `otherEditor`. */
  otherEvent: { id: string; slug: string };
  /** Registration A (the participant's) and B (the other participant's), both at `event`. */
  a: Registration;
  b: Registration;
  /** The demo's open survey link. */
  surveyToken: string;
  /** The unsubscribe link's token of the member's e-mail notifications. */
  unsubscribeToken: string;
  /** A comment and a report on the member's post. */
  commentId: string;
  reportId: string;
  /** An organisation of `member` with an offer and a contact; the member's post; a cooperation of it. */
  org: { id: string; slug: string; offerId: string; contactId: string };
  /** An organisation neither member represents. */
  thirdOrgId: string;
  postId: string;
  cooperationId: string;
  network: { slug: string; meetingId: string };
  /** A user the admin may manage, and an API token of `member` only the member may revoke. */
  spareUserId: string;
  memberTokenId: string;
  /** A directory change and an organisation proposal for the admin's queues. */
  changeId: string;
  /** Names and e-mail addresses of participants that no unauthorised page may show. */
  secrets: string[];
}

interface Registration {
  id: string;
  /** The manage link's token. */
  token: string;
  /** The double opt-in link's token (from the confirmation mail). */
  confirmToken: string;
  ticketCode: string;
  name: string;
  email: string;
}

export const FORGED_TOKEN = "0".repeat(43);

async function person(t: TestApp, email: string | null, password = DEMO_PASSWORD): Promise<Person> {
  const browser = new Browser(t.app);
  let userId: string | undefined;
  let authorization: string | undefined;
  if (email) {
    await signIn(browser, email, password);
    const user = await t.platform.db.kysely
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    userId = user.id;
    authorization = `Bearer ${(await createApiToken(t.platform.db.kysely, user.id, "Matrix")).token}`;
  }
  // Any page with a form carries the token of this browser's CSRF secret.
  const page = await browser.get(email ? "/konto" : "/anmelden");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no CSRF token for ${email ?? "a visitor"}`);
  return {
    browser,
    csrf,
    cookie: browser.cookieHeader(),
    ...(userId ? { userId } : {}),
    ...(authorization ? { authorization } : {}),
  };
}

export async function buildFixture(t: TestApp): Promise<Fixture> {
  const k = t.platform.db.kysely;
  const announced: string[] = [];
  await seedDemo(t.platform, modules, (line) => announced.push(line));
  // The demo announces one open survey link (the link is all an answer needs).
  const surveyToken = /\/umfrage\?t=([\w-]+)/.exec(announced.join("\n"))?.[1];
  if (!surveyToken) throw new Error(`no survey link among the demo's announcements: ${announced.join(" | ")}`);
  const userId = async (email: string) =>
    (await k.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const editorId = await userId("redaktion@bildungsnetz.example");
  const memberId = await userId("mitglied@bildungsnetz.example");

  const otherEditor = await createUser(t.platform, { role: "editor", name: "Olga Andere Redaktion" });
  const otherMember = await createUser(t.platform, { role: "member", name: "Otto Anderer Verein" });
  const spare = await createUser(t.platform, { role: "member", name: "Siri Spare" });

  const event = await k
    .selectFrom("events")
    .select(["id", "slug", "starts_at"])
    .where("status", "=", "published")
    .where("created_by", "=", editorId)
    .orderBy("starts_at", "desc")
    .executeTakeFirstOrThrow();
  const workshop = await k
    .selectFrom("event_sessions")
    .select("id")
    .where("event_id", "=", event.id)
    .where("kind", "=", "workshop")
    .executeTakeFirstOrThrow();
  const past = await k
    .selectFrom("events")
    .innerJoin("event_documents", "event_documents.event_id", "events.id")
    .innerJoin("event_agreements", "event_agreements.event_id", "events.id")
    .select(["events.id", "events.slug", "event_documents.id as documentId", "event_agreements.id as agreementId"])
    .executeTakeFirstOrThrow();
  const otherEvent = await createFachtag(t.platform, {
    createdBy: otherEditor.id,
    title: "Fachtag der anderen Redaktion",
  });

  const questionId = newId();
  await k
    .insertInto("registration_questions")
    .values({
      id: questionId,
      event_id: event.id,
      label: "Essenswunsch",
      kind: "text",
      options: "[]",
      required: 0,
      position: 0,
      created_at: nowIso(),
    } as never)
    .execute();

  const registration = async (first: string, last: string, email: string) => {
    const r = await register(
      t.platform,
      anonymous,
      event.id,
      {
        firstName: first,
        lastName: last,
        email,
        workshopIds: [],
        consents: { privacy: true, photos: false, participantList: false },
        answers: {},
      },
      "api",
    );
    const mail = await k
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    const confirmToken = /\/anmeldung\/bestaetigen\/([\w-]+)/.exec(mail.text_body)?.[1];
    if (!confirmToken) throw new Error(`no confirmation link in the mail to ${email}`);
    const row = await k
      .selectFrom("registrations")
      .select("ticket_code")
      .where("id", "=", r.id)
      .executeTakeFirstOrThrow();
    return {
      id: r.id,
      token: manageTokenFor(t.config.sessionSecret, r.id),
      confirmToken,
      ticketCode: row.ticket_code,
      name: `${first} ${last}`,
      email,
    };
  };
  const a = await registration("Zacharias", "Geheimhalter", "zacharias.geheim@example.org");
  const b = await registration("Yolanda", "Verborgen", "yolanda.verborgen@example.org");
  // B confirmed (A keeps its double opt-in link open); lists, exports and the entrance show both.
  await k
    .updateTable("registrations")
    .set({ status: "confirmed" } as never)
    .where("id", "=", b.id)
    .execute();

  const membership = await k
    .selectFrom("organisation_members")
    .innerJoin("organisations", "organisations.id", "organisation_members.organisation_id")
    .innerJoin("offers", "offers.organisation_id", "organisations.id")
    .innerJoin("contacts", "contacts.organisation_id", "organisations.id")
    .innerJoin("cooperation_partners", "cooperation_partners.organisation_id", "organisations.id")
    .select([
      "organisations.id",
      "organisations.slug",
      "offers.id as offerId",
      "contacts.id as contactId",
      "cooperation_partners.cooperation_id as cooperationId",
    ])
    .where("organisation_members.user_id", "=", memberId)
    .executeTakeFirstOrThrow();
  const otherOrg = await k
    .selectFrom("organisations")
    .select("id")
    .where("id", "not in", k.selectFrom("organisation_members").select("organisation_id"))
    .executeTakeFirstOrThrow();
  await k
    .insertInto("organisation_members")
    .values({ organisation_id: otherOrg.id, user_id: otherMember.id, created_at: nowIso() } as never)
    .execute();

  const thirdOrg = await k
    .selectFrom("organisations")
    .select("id")
    .where("id", "not in", k.selectFrom("organisation_members").select("organisation_id"))
    .executeTakeFirstOrThrow();

  const post = await k
    .selectFrom("exchange_posts")
    .select("id")
    .where((eb) => eb.or([eb("author_id", "=", memberId), eb("organisation_id", "=", membership.id)]))
    .executeTakeFirst();
  const postId = post?.id ?? (await k.selectFrom("exchange_posts").select("id").executeTakeFirstOrThrow()).id;
  const network = await k
    .selectFrom("networks")
    .innerJoin("network_meetings", "network_meetings.network_id", "networks.id")
    .select(["networks.slug", "network_meetings.id as meetingId"])
    .executeTakeFirstOrThrow();
  const memberTokenId = (await createApiToken(k, memberId, "Zum Widerrufen")).id;
  const unsubscribeToken = newId().replace(/-/g, "");
  await k
    .insertInto("notification_subscriptions")
    .values({
      id: newId(),
      user_id: memberId,
      frequency: "weekly",
      themes: "[]",
      areas: "[]",
      municipalities: "[]",
      kinds: "[]",
      token: unsubscribeToken,
      last_run_at: null,
      last_sent_at: null,
      created_at: nowIso(),
    } as never)
    .execute();
  const change = await k.selectFrom("directory_changes").select("id").executeTakeFirstOrThrow();

  const people = {
    anonymous: await person(t, null),
    participant: await person(t, null),
    otherParticipant: await person(t, null),
    otherMember: await person(t, otherMember.email, otherMember.password),
    member: await person(t, "mitglied@bildungsnetz.example"),
    otherEditor: await person(t, otherEditor.email, otherEditor.password),
    editor: await person(t, "redaktion@bildungsnetz.example"),
    helper: await person(t, "einlass@bildungsnetz.example"),
    admin: await person(t, "admin@bildungsnetz.example"),
  } satisfies Record<AuthzRole, Person>;

  // A comment of the member and a visitor's report on the member's post, for the moderation routes.
  const form = async (who: Person, url: string, fields: Record<string, string>) => {
    const res = await t.app.inject({
      method: "POST",
      url,
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString(),
    });
    if (res.statusCode !== 303) throw new Error(`${url} answered ${res.statusCode}`);
  };
  await form(people.member, `/austausch/${postId}/kommentare`, { body: "Ein Kommentar für die Matrix" });
  await form(people.anonymous, `/austausch/${postId}/melden`, { reason: "Bitte prüfen (Matrix)" });
  const commentId = (
    await k.selectFrom("exchange_comments").select("id").where("post_id", "=", postId).executeTakeFirstOrThrow()
  ).id;
  const reportId = (
    await k.selectFrom("exchange_reports").select("id").where("post_id", "=", postId).executeTakeFirstOrThrow()
  ).id;

  return {
    people,
    surveyToken,
    unsubscribeToken,
    commentId: String(commentId),
    reportId: String(reportId),
    event: { id: event.id, slug: event.slug, startsAt: String(event.starts_at), workshop: workshop.id, questionId },
    past,
    otherEvent: { id: otherEvent.id, slug: otherEvent.slug },
    a,
    b,
    thirdOrgId: thirdOrg.id,
    org: { id: membership.id, slug: membership.slug, offerId: membership.offerId, contactId: membership.contactId },
    postId,
    cooperationId: membership.cooperationId,
    network,
    spareUserId: spare.id,
    memberTokenId,
    changeId: String(change.id),
    secrets: [a.name, a.email, b.name, b.email, "Zacharias", "Geheimhalter", "Yolanda", "Verborgen"],
  };
}
