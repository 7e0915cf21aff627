// Tables owned by the network module (see migrations/). Dates are "YYYY-MM-DD",
// times ISO UTC strings, lists JSON text, booleans 0/1.

export interface CooperationsTable {
  id: string;
  title: string;
  kind: string;
  description: string | null;
  starts_on: string;
  ends_on: string | null;
  status: string;
  themes: string;
  origin: string | null;
  origin_event_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CooperationPartnersTable {
  cooperation_id: string;
  organisation_id: string;
  /** When this organisation confirmed its part; null = still pending. */
  confirmed_at: string | null;
  confirmed_by: string | null;
}

export interface NetworksTable {
  id: string;
  slug: string;
  name: string;
  purpose: string | null;
  coordinator_id: string | null;
  visibility: string;
  created_at: string;
  updated_at: string;
}

export interface NetworkMembersTable {
  network_id: string;
  organisation_id: string;
}

export interface NetworkMeetingsTable {
  id: string;
  network_id: string;
  starts_at: string;
  place: string | null;
  agenda: string | null;
  minutes_file_id: string | null;
  created_at: string;
}

export interface NetworkTables {
  cooperations: CooperationsTable;
  cooperation_partners: CooperationPartnersTable;
  networks: NetworksTable;
  network_members: NetworkMembersTable;
  network_meetings: NetworkMeetingsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends NetworkTables {}
}
