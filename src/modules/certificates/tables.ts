// Tables owned by the certificates module (see migrations/). Times are ISO UTC strings.

/**
 * One issued attendance certificate. It keeps the name, the Fachtag's title and date
 * itself: when the registration is anonymised after its retention period, the
 * registration link is cleared and the code still verifies.
 */
export interface CertificatesTable {
  id: string;
  /** The verification code printed on the PDF, e.g. "BN-7K3Q-XW9P-D2MF". */
  code: string;
  /** null once the registration was anonymised or removed. */
  registration_id: string | null;
  event_id: string;
  name: string;
  event_title: string;
  /** The Fachtag's start (ISO UTC). */
  event_date: string;
  issued_at: string;
  /** When the e-mail with the link went to the outbox; null = not yet sent. */
  mailed_at: string | null;
}

/** Per Fachtag: who signs, and when the certificates go out by themselves. */
export interface CertificateSettingsTable {
  event_id: string;
  signer_name: string | null;
  signer_function: string | null;
  /** Storage key of the uploaded signature image (PNG or JPEG), or null. */
  signature_key: string | null;
  /** Days after the Fachtag's end when the mails go out automatically; 0 = off. */
  auto_send_days: number;
  updated_at: string;
}

export interface CertificatesTables {
  certificates: CertificatesTable;
  certificate_settings: CertificateSettingsTable;
}

declare module "../../platform/db/schema.js" {
  // Adds this module's tables to the one database type.
  interface Database extends CertificatesTables {}
}
