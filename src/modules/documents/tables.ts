// The documents module's one table (see migrations/). Times are ISO UTC strings.

export interface EventDocumentsTable {
  id: string;
  event_id: string;
  /** A programme item (the slides of a talk), or null for the Fachtag as a whole. */
  session_id: string | null;
  /** One of documentKinds (kinds.ts). */
  kind: string;
  title: string;
  /** Required for images: what the picture shows, for people who cannot see it. */
  alt_text: string | null;
  /** 1 = listed on the public page and served to everybody; 0 = organisers only. */
  public: number;
  storage_key: string;
  /** Decided by the bytes (checkUpload), never by the name or type a browser sent. */
  content_type: string;
  size_bytes: number;
  sha256: string;
  original_name: string;
  uploaded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DocumentsTables {
  event_documents: EventDocumentsTable;
}

declare module "../../platform/db/schema.js" {
  interface Database extends DocumentsTables {}
}
