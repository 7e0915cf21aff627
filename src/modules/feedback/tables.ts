// Tables owned by the feedback module (see migrations/). None of them holds a time of
// day, an IP address or anything else an answer could be matched to a person by.

/** The questionnaire of one Fachtag: its questions as JSON (see questionnaire.ts). */
export interface SurveyQuestionnairesTable {
  event_id: string;
  questions: string;
  updated_at: string;
}

/**
 * Who has been sent a survey link (so that nobody gets two). It names the registration
 * and nothing else: no token, no hash, no time.
 */
export interface SurveyInvitationsTable {
  event_id: string;
  registration_id: string;
}

/**
 * The links that have not been used yet: only the SHA-256 of the token and the Fachtag.
 * No registration, no time; inserted in a shuffled batch. Answering deletes the row.
 */
export interface SurveyTokensTable {
  token_hash: string;
  event_id: string;
}

/** One anonymous answer: a random id, the Fachtag and the answers as JSON. Nothing else. */
export interface SurveyAnswersTable {
  id: string;
  event_id: string;
  answers: string;
}

/** Per Fachtag: days after its end when the links go out by themselves; 0 switches that off. */
export interface SurveySettingsTable {
  event_id: string;
  auto_send_days: number;
}

export interface FeedbackTables {
  survey_questionnaires: SurveyQuestionnairesTable;
  survey_invitations: SurveyInvitationsTable;
  survey_tokens: SurveyTokensTable;
  survey_answers: SurveyAnswersTable;
  survey_settings: SurveySettingsTable;
}

declare module "../../platform/db/schema.js" {
  // Adds this module's tables to the one database type.
  interface Database extends FeedbackTables {}
}
