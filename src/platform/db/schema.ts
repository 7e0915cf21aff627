import type { Generated } from "kysely";

// The typed schema of the whole database. The platform's own tables are here; each
// module adds its tables in its tables.ts by declaration merging
// (`declare module "../../platform/db/schema.js" { interface Database extends XTables {} }`),
// so every repo works on one Kysely type and the platform imports no module.

type Timestamp = string | Date; // text ISO on SQLite; Better Auth's tables use timestamptz on PostgreSQL

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  email_verified: number | boolean;
  image: string | null;
  role: string;
  locale: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  token: string;
  user_id: string;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: string;
  account_id: string;
  provider_id: string;
  user_id: string;
  password: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface OutboxTable {
  id: string;
  idempotency_key: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: string | null;
  /** JSON object of extra header lines (List-Unsubscribe), or null. */
  headers: Generated<string | null>;
  status: "pending" | "sent" | "failed";
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface StoredFilesTable {
  id: string;
  storage_key: string;
  original_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface AccessibilityFeedbackTable {
  id: string;
  name: string | null;
  email: string | null;
  page_url: string | null;
  message: string;
  created_at: string;
}

/** File contents when FILE_STORAGE=database (platform/storage). */
export interface FileBlobsTable {
  storage_key: string;
  data: Buffer;
  size_bytes: number;
  created_at: string;
}

/** Who runs a scheduled job this period (platform/jobs.ts). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  lease_until: string;
  last_started_at: string | null;
}

export interface PlatformTables {
  users: UsersTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  api_tokens: ApiTokensTable;
  outbox: OutboxTable;
  stored_files: StoredFilesTable;
  accessibility_feedback: AccessibilityFeedbackTable;
  job_leases: JobLeasesTable;
  file_blobs: FileBlobsTable;
}

// Each module adds its tables interface here.
export interface Database extends PlatformTables {}
