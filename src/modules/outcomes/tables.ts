// Tables owned by the outcomes module (see migrations/). Dates "YYYY-MM-DD", times ISO UTC.

export interface EventResultsTable {
  event_id: string;
  /** Plain text; blank lines separate paragraphs. */
  results: string;
  updated_by: string | null;
  updated_at: string;
}

export interface EventAgreementsTable {
  id: string;
  event_id: string;
  title: string;
  due_on: string | null;
  /** open | in_progress | done: the organiser's bookkeeping. */
  status: string;
  /** The cooperation proposed in the network for it (two or more organisations). */
  cooperation_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventAgreementOrganisationsTable {
  agreement_id: string;
  organisation_id: string;
}

export interface OutcomesTables {
  event_results: EventResultsTable;
  event_agreements: EventAgreementsTable;
  event_agreement_organisations: EventAgreementOrganisationsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends OutcomesTables {}
}
