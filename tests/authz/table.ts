import type { AuthzRole, Fixture } from "./fixture.js";

// The authorisation matrix of issue 14, item 7: every state-changing route (HTML and API)
// and every GET route that shows participants (lists, exports, PDFs, the entrance), each
// with the roles that may use it. Everybody else must be refused (401/403/404, or sent to
// sign in) and must change nothing. src/authz.test.ts sends one realistic request per
// route × role and fails for a route the app has that is missing here, or the other way.
//
// The requests are about one data set (fixture.ts): Fachtag E of `editor` with the
// registrations A (of `participant`, who holds its manage link) and B (of
// `otherParticipant`); the organisation of `member`; the Fachtag of `otherEditor`.
// Whoever does not hold A's link uses a made-up one on the link routes.

type Body = Record<string, string | string[]> | Record<string, unknown>;

export interface Entry {
  /** Who may. */
  allow: readonly AuthzRole[];
  /** The concrete address (default: the route with its parameters filled from the fixture). */
  path?: (f: Fixture) => string;
  /** Form fields (HTML; the CSRF token is added) or the JSON body (API). */
  body?: Body | ((f: Fixture) => Body);
  /** The response lists participants: nobody refused may see a name or e-mail address of the fixture's. */
  participants?: true;
  /** Roles that may open it, but must not see the fixture's participants there (they are not their Fachtag's). */
  butNotTheirs?: readonly AuthzRole[];
  /** API routes that take a registration's manage token as ?token= (the participants send theirs). */
  tokenQuery?: true;
  /** Allowed roles may get 404 here (say why). */
  allowedMay404?: string;
  /**
   * Refused roles are also sent an empty form (HTML): the refusal must come before the
   * validation. Where a route reads the form first, say so here (a finding to fix).
   */
  validatesFirst?: string;
  /** Refused roles may get 200 here, as long as nothing changes (say why). */
  refusedWith200?: string;
}

const all: AuthzRole[] = [
  "anonymous",
  "participant",
  "otherParticipant",
  "otherMember",
  "member",
  "otherEditor",
  "editor",
  "helper",
  "admin",
];
const signedIn: AuthzRole[] = ["otherMember", "member", "otherEditor", "editor", "helper", "admin"];
/** Who may manage Fachtag E (events' canManageEvent): its editor and admins. */
const organisers: AuthzRole[] = ["editor", "admin"];
/** The entrance of E: its organisers and check-in helpers. */
const entrance: AuthzRole[] = ["editor", "helper", "admin"];
/** Editors and admins (back office of Fachtage). */
const editors: AuthzRole[] = ["otherEditor", "editor", "admin"];
/** The organisation of `member`: its members and admins. */
const organisation: AuthzRole[] = ["member", "admin"];
/** Members and admins (posts, cooperations). */
const members: AuthzRole[] = ["otherMember", "member", "admin"];
const admin: AuthzRole[] = ["admin"];
const linkHolder: AuthzRole[] = ["participant"];

/** A programme item on the Fachtag's day, two hours after it starts. */
const session = (f: Fixture) => {
  const at = (hours: number) => new Date(new Date(f.event.startsAt).getTime() + hours * 3600_000).toISOString();
  return { kind: "workshop", title: "Workshop Matrix", startsAt: at(2), endsAt: at(3) };
};

export const table: Record<string, Entry> = {
  // --- accounts: signing in and out, e-mailed links, the own account, users ------------------
  "POST /anmelden": { allow: all, body: { email: "niemand@example.org", password: "falsch-falsch" } },
  "POST /abmelden": { allow: all },
  "POST /passwort-vergessen": { allow: all, body: { email: "niemand@example.org" } },
  "POST /passwort-zuruecksetzen": { allow: all, body: { token: "falsch", password: "Neues-Passwort-2026!" } },
  "POST /konto/passwort": { allow: signedIn, body: { current: "falsch", password: "x" } },
  "POST /konto/tokens": { allow: signedIn, body: { name: "" } },
  "POST /konto/tokens/:id/widerrufen": {
    allow: ["member"],
    path: (f) => `/konto/tokens/${f.memberTokenId}/widerrufen`,
  },
  "POST /verwaltung/benutzer": { allow: admin, body: { email: "", name: "", role: "member" } },
  "POST /verwaltung/benutzer/:id/rolle": { allow: admin, body: { role: "editor" } },
  "POST /verwaltung/benutzer/:id/einladung": { allow: admin },
  "POST /verwaltung/benutzer/:id/loeschen": { allow: admin },
  "POST /verwaltung/benutzer/:id/deaktivieren": { allow: admin },
  "POST /verwaltung/benutzer/:id/aktivieren": { allow: admin },
  "POST /konto/benachrichtigungen": { allow: signedIn },
  "POST /konto/benachrichtigungen/abbestellen": { allow: signedIn },
  "POST /abbestellen/:token": {
    allow: ["member"],
    refusedWith200: "a mail client posts here by itself; a made-up link gets the same page and changes nothing",
  },
  "POST /barrierefreiheit": { allow: all, body: { message: "" } },

  // --- events: Fachtage and their programme ----------------------------------------------
  "POST /verwaltung/fachtage/neu": { allow: editors, body: { title: "" } },
  "POST /verwaltung/fachtage/:id": { allow: organisers, body: { title: "" } },
  // Any editor may start a Fachtag as a copy of one they can see (the copy is theirs).
  "POST /verwaltung/fachtage/:id/kopieren": { allow: editors, body: { title: "" } },
  "POST /verwaltung/fachtage/:id/status": {
    allow: organisers,
    body: { status: "draft" },
  },
  "POST /verwaltung/fachtage/:id/absagen": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:id/loeschen": { allow: organisers },
  "POST /verwaltung/fachtage/:id/programm": { allow: organisers, body: { title: "" } },
  "POST /verwaltung/fachtage/:id/programm/:sessionId": { allow: organisers, body: { title: "" } },
  "POST /verwaltung/fachtage/:id/programm/:sessionId/loeschen": { allow: organisers },
  "POST /api/v1/events": { allow: editors, body: { title: "" } },
  "PATCH /api/v1/events/:id": { allow: organisers, body: { title: "Neuer Titel" } },
  "POST /api/v1/events/:id/sessions": { allow: organisers, body: session },
  "PATCH /api/v1/events/:id/sessions/:sessionId": { allow: organisers, body: { title: "Neuer Titel" } },
  "DELETE /api/v1/events/:id/sessions/:sessionId": { allow: organisers },

  // --- registrations ---------------------------------------------------------------------
  "POST /fachtage/:slug/anmeldung": { allow: all, body: { firstName: "" } },
  "POST /anmeldung/bestaetigen/:token": { allow: linkHolder },
  "POST /anmeldung/link": { allow: all, body: { email: "niemand@example.org" } },
  "POST /anmeldung/:token/workshops": { allow: linkHolder, body: {} },
  "POST /anmeldung/:token/wuensche": { allow: linkHolder, body: {} },
  "POST /anmeldung/:token/angaben": { allow: linkHolder, body: { firstName: "" } },
  "POST /anmeldung/:token/abmelden": { allow: linkHolder, body: {} },
  "POST /api/v1/events/:id/registrations": {
    allow: all,
    body: { firstName: "Erika", lastName: "Matrix", email: "erika.matrix@example.org", consents: { privacy: true } },
  },
  "POST /api/v1/registrations/:id/cancel": { allow: [...linkHolder, ...organisers], tokenQuery: true },
  "POST /verwaltung/fachtage/:eventId/anmeldungen/neu": { allow: organisers, body: { firstName: "" } },
  "POST /verwaltung/fachtage/:eventId/anmeldungen/:registrationId/absagen": { allow: organisers },
  "POST /verwaltung/fachtage/:eventId/anmeldungen/:registrationId/workshop": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:eventId/anmeldungen/kapazitaet": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:eventId/anmeldungen/nachricht": { allow: organisers, body: { subject: "" } },
  "POST /verwaltung/fachtage/:eventId/anmeldungen/fragen": { allow: organisers, body: { label: "" } },
  "POST /verwaltung/fachtage/:eventId/anmeldungen/fragen/:questionId/loeschen": { allow: organisers },

  // --- directory: organisations, offers, contacts, members -------------------------------
  "POST /akteure/vorschlagen": { allow: all, body: { name: "" } },
  "POST /akteure/:slug/bearbeiten": { allow: organisation, body: { name: "" } },
  "POST /akteure/:slug/angebote/neu": { allow: organisation, body: { title: "" } },
  "POST /akteure/:slug/kontakte": { allow: organisation, body: { name: "" } },
  "POST /akteure/:slug/kontakte/:contactId": { allow: organisation, body: { name: "" } },
  "POST /akteure/:slug/kontakte/:contactId/loeschen": { allow: organisation },
  "POST /angebote/:id/bearbeiten": { allow: organisation, body: { title: "" } },
  "POST /angebote/:id/loeschen": { allow: organisation },
  "POST /verwaltung/akteure/neu": { allow: admin, body: { name: "" } },
  "POST /verwaltung/akteure/vorschlaege/:id": {
    allow: admin,
    body: { decision: "approve" },
    allowedMay404: "the demo has no open proposal",
  },
  "POST /verwaltung/akteure/aenderungen/alle-gesehen": { allow: admin },
  "POST /verwaltung/akteure/aenderungen/:id/gesehen": { allow: admin },
  "POST /verwaltung/akteure/arten": { allow: admin, body: { label: "" } },
  "POST /verwaltung/akteure/:slug/mitglieder": { allow: admin, body: { email: "" } },
  "POST /verwaltung/akteure/:slug/mitglieder/neu": { allow: admin, body: { email: "" } },
  "POST /verwaltung/akteure/:slug/mitglieder/:userId/entfernen": { allow: admin },
  "POST /verwaltung/akteure/import": { allow: admin },
  "POST /verwaltung/akteure/import/bestaetigen": { allow: admin },
  "POST /api/v1/organisations": {
    allow: admin,
    body: { name: "Kita Matrix", kind: "kita", areas: ["schule"], municipality: "Hermannsburg" },
  },
  "PATCH /api/v1/organisations/:id": { allow: organisation, body: { name: "Neuer Name" } },
  "POST /api/v1/organisations/:id/offers": { allow: organisation, body: { title: "Angebot Matrix", kind: "kurs" } },

  // --- network: cooperations, networks ---------------------------------------------------
  "POST /kooperationen/neu": { allow: members, body: { title: "" } },
  "POST /kooperationen/:id/bearbeiten": { allow: organisation, body: { title: "" } },
  "POST /kooperationen/:id/beenden": { allow: organisation, body: {} },
  "POST /verwaltung/kooperationen/bestaetigen": { allow: members, body: {} },
  "POST /netzwerke/neu": { allow: admin, body: { name: "" } },
  "POST /netzwerke/:slug/bearbeiten": { allow: admin, body: { name: "" } },
  "POST /netzwerke/:slug/treffen": { allow: admin, body: { date: "" } },
  // A member must name an organisation they represent: the other member represents neither.
  "POST /api/v1/cooperations": {
    allow: organisation,
    body: (f) => ({
      title: "Kooperation Matrix",
      kind: "uebergang_kita_grundschule",
      organisationIds: [f.org.id, f.thirdOrgId],
      startsOn: "2024-03-01",
    }),
  },

  // --- exchange: posts, comments, reports ------------------------------------------------
  "POST /austausch/neu": { allow: members, body: { title: "" } },
  "POST /austausch/:id/bearbeiten": { allow: organisation, body: { title: "" } },
  "POST /austausch/:id/anhaenge": { allow: organisation },
  "POST /austausch/:id/anhaenge/:attachmentId/loeschen": {
    allow: organisation,
    allowedMay404: "the fixture's post has no attachment",
  },
  "POST /austausch/:id/kommentare": {
    allow: signedIn,
    body: { body: "Ein Kommentar" },
  },
  "POST /austausch/:id/moderation": {
    allow: admin,
    body: { action: "hide", reason: "Matrix" },
  },
  "POST /austausch/:id/kommentare/:commentId/moderation": {
    allow: admin,
    body: { action: "hide", reason: "Matrix" },
  },
  "POST /austausch/:id/melden": { allow: all, body: { reason: "" } },
  "POST /verwaltung/austausch/meldungen/:reportId/erledigt": { allow: admin },
  "POST /api/v1/posts": { allow: members, body: { kind: "idea", title: "Idee Matrix", body: "Text" } },
  "PATCH /api/v1/posts/:id": { allow: organisation, body: { title: "Neuer Titel" } },

  // --- matching: the Merkliste -----------------------------------------------------------
  "POST /merken": {
    allow: signedIn,
    body: (f) => ({ type: "post", id: f.postId }),
  },
  "POST /merken/entfernen": {
    allow: signedIn,
    body: (f) => ({ type: "post", id: f.postId }),
  },
  "POST /merkliste/einstellungen": { allow: signedIn, body: { notify: "on" } },

  // --- allocation, check-in, certificates, survey, documents, outcomes, search --------------
  "POST /verwaltung/fachtage/:eventId/zuteilung": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:eventId/zuteilung/platz": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:eventId/zuteilung/veroeffentlichen": { allow: organisers, body: {} },
  "POST /api/v1/events/:id/allocation": { allow: organisers, body: {} },
  "POST /api/v1/events/:id/allocation/publish": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:eventId/einlass/code": { allow: entrance, body: { code: "" } },
  "POST /verwaltung/fachtage/:eventId/einlass/vor-ort": { allow: entrance, body: { firstName: "" } },
  "POST /verwaltung/fachtage/:eventId/einlass/:registrationId": { allow: entrance },
  "POST /verwaltung/fachtage/:eventId/einlass/:registrationId/rueckgaengig": { allow: organisers },
  "POST /verwaltung/fachtage/:eventId/einlass/checkins.json": {
    validatesFirst: "the route reads the form before the service checks the permission",
    allow: entrance,
    body: (f) => ({ code: f.b.ticketCode }),
  },
  "POST /api/v1/events/:id/checkins": { allow: entrance, body: (f) => ({ code: f.b.ticketCode }) },
  "POST /verwaltung/fachtage/:eventId/bescheinigungen": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:eventId/bescheinigungen/senden": { allow: organisers, body: {} },
  // Whoever holds a survey link may answer (the link is the proof).
  "POST /umfrage": { allow: all, body: (f) => ({ t: f.surveyToken }) },
  "POST /verwaltung/fachtage/:eventId/umfrage/fragen": { allow: organisers, body: { text: "" } },
  "POST /verwaltung/fachtage/:eventId/umfrage/fragen/:questionId": { allow: organisers, body: { text: "" } },
  "POST /verwaltung/fachtage/:eventId/umfrage/fragen/:questionId/loeschen": { allow: organisers },
  "POST /verwaltung/fachtage/:eventId/umfrage/fragen/:questionId/hoch": { allow: organisers },
  "POST /verwaltung/fachtage/:eventId/umfrage/fragen/:questionId/runter": { allow: organisers },
  "POST /verwaltung/fachtage/:eventId/umfrage/standard": { allow: organisers },
  "POST /verwaltung/fachtage/:eventId/umfrage/senden": { allow: organisers },
  "POST /verwaltung/fachtage/:eventId/umfrage/automatisch": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:id/dokumente": { allow: organisers },
  "POST /verwaltung/fachtage/:id/dokumente/:documentId": { allow: organisers, body: { title: "" } },
  "POST /verwaltung/fachtage/:id/dokumente/:documentId/loeschen": { allow: organisers },
  "POST /api/v1/events/:id/documents": { allow: organisers },
  "POST /verwaltung/fachtage/:id/ergebnisse": { allow: organisers, body: {} },
  "POST /verwaltung/fachtage/:id/ergebnisse/vereinbarungen": { allow: organisers, body: { title: "" } },
  "POST /verwaltung/fachtage/:id/ergebnisse/:agreementId": { allow: organisers, body: { title: "" } },
  "POST /verwaltung/fachtage/:id/ergebnisse/:agreementId/loeschen": { allow: organisers },
  "PUT /api/v1/events/:id/outcomes/results": { allow: organisers, body: { summary: "Ergebnis" } },
  "POST /api/v1/events/:id/outcomes/agreements": { allow: organisers, body: { title: "Vereinbarung" } },
  "POST /verwaltung/suche/neu-aufbauen": { allow: admin },
  // Data subject requests (privacy): the lookup and the export show everything about A; the
  // erasure's first step only asks for confirmation, so the matrix's data stays.
  "POST /verwaltung/datenschutz": { allow: admin, participants: true, body: (f) => ({ email: f.a.email }) },
  "POST /verwaltung/datenschutz/auskunft": { allow: admin, participants: true, body: (f) => ({ email: f.a.email }) },
  "POST /verwaltung/datenschutz/loeschen": {
    allow: admin,
    participants: true,
    body: (f) => ({ email: f.a.email, reason: "Matrix-Test" }),
  },

  // --- pages and files that show participants ----------------------------------------------
  "GET /verwaltung/fachtage/:eventId/anmeldungen": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/anmeldungen/export.csv": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/anmeldungen/export.xlsx": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/drucken": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/namensschilder.pdf": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/unterschriften.pdf": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/zuteilung": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/einlass": { allow: entrance, participants: true },
  "GET /verwaltung/fachtage/:eventId/einlass/liste.json": { allow: entrance, participants: true },
  "GET /verwaltung/fachtage/:eventId/bescheinigungen": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/bescheinigungen/alle.pdf": { allow: organisers, participants: true },
  "GET /verwaltung/fachtage/:eventId/bescheinigungen/alle.zip": { allow: organisers, participants: true },
  // The desk lists each editor's own Fachtage: the other editor sees nothing of E.
  "GET /verwaltung/fachtage/:eventId/bescheinigungen/:file": {
    allow: organisers,
    participants: true,
    path: (f) => `/verwaltung/fachtage/${f.event.id}/bescheinigungen/${f.a.id}.pdf`,
  },
  "GET /verwaltung/anmeldungen": { allow: editors, participants: true, butNotTheirs: ["otherEditor"] },
  "GET /verwaltung/protokoll": { allow: admin, participants: true },
  "GET /api/v1/events/:id/registrations": { allow: organisers, participants: true },
  "GET /api/v1/registrations/:id/ticket": {
    allow: [...linkHolder, ...organisers],
    participants: true,
    tokenQuery: true,
  },
  "GET /api/v1/registrations/:id/certificate": {
    allow: [...linkHolder, ...organisers],
    participants: true,
    tokenQuery: true,
  },
  "GET /anmeldung/:token": { allow: linkHolder, participants: true },
  "GET /anmeldung/:token/ticket.pdf": { allow: linkHolder, participants: true },
  "GET /anmeldung/:token/bescheinigung.pdf": { allow: linkHolder, participants: true },
};

/**
 * The other GET routes of one Fachtag or one registration (back office, API, manage link):
 * they show no participant (forms, programme, counts, anonymous survey answers, documents).
 * A new GET route there fails the test until it is here or, when it shows people, in the table.
 */
export const withoutParticipants: string[] = [
  "GET /verwaltung/fachtage/:id",
  "GET /verwaltung/fachtage/:id/kopieren",
  "GET /verwaltung/fachtage/:id/absagen",
  "GET /verwaltung/fachtage/:id/loeschen",
  "GET /verwaltung/fachtage/:id/programm",
  "GET /verwaltung/fachtage/:id/programm/:sessionId",
  "GET /api/v1/events/:id",
  "GET /api/v1/events/:id/sessions",
  "GET /anmeldung/bestaetigen/:token",
  "GET /verwaltung/fachtage/:eventId/anmeldungen/neu",
  "GET /verwaltung/fachtage/:eventId/zuteilung/veroeffentlichen",
  "GET /api/v1/events/:id/checkins/summary",
  "GET /verwaltung/fachtage/:eventId/umfrage",
  "GET /verwaltung/fachtage/:eventId/umfrage/fragen/:questionId",
  "GET /verwaltung/fachtage/:eventId/umfrage/ergebnisse",
  "GET /verwaltung/fachtage/:eventId/umfrage/ergebnisse.csv",
  "GET /verwaltung/fachtage/:eventId/umfrage/ergebnisse.xlsx",
  "GET /api/v1/events/:eventId/survey/results",
  "GET /verwaltung/fachtage/:id/dokumente",
  "GET /verwaltung/fachtage/:id/dokumente/:documentId",
  "GET /api/v1/events/:id/documents",
  "GET /verwaltung/fachtage/:id/ergebnisse",
  "GET /verwaltung/fachtage/:id/ergebnisse/:agreementId",
  "GET /api/v1/events/:id/outcomes",
];

/**
 * Public surfaces that list or search things: everybody may open them, and none of them may
 * ever show a participant of the fixture, whoever asks.
 */
export const publicSurfaces: ((f: Fixture) => string)[] = [
  () => "/suche?q=Zacharias",
  () => "/suche?q=Geheimhalter",
  () => "/api/v1/search?q=Geheimhalter",
  (f) => `/api/v1/search?q=${encodeURIComponent(f.b.email)}`,
  () => "/fachtage/feed.xml",
  () => "/austausch/feed.xml",
  () => "/fachtage/kalender.ics",
  (f) => `/fachtage/${f.event.slug}`,
  (f) => `/api/v1/events/${f.event.id}`,
  () => "/api/v1/events",
  () => "/fachtage",
  () => "/zahlen",
  () => "/api/v1/figures",
];
