import type { Conn } from "../../platform/db/database.js";
import type { AppModule } from "../../platform/module.js";
import { seedFeedbackDemo } from "./demo.js";
import { feedbackMessages } from "./messages.js";
import { feedbackRoutes } from "./routes.js";
import { deleteTokens } from "./survey.repo.js";

/** The anonymous feedback survey after a Fachtag: questionnaire, links, answers, results. */
export const feedbackModule: AppModule = {
  name: "feedback",
  messages: feedbackMessages,
  register: feedbackRoutes,
  seedDemo: seedFeedbackDemo,
};

// The public API of the feedback module.

/** Per Fachtag: answers and the mean overall rating (1–5), for reports over time. */
export { type SurveyScore, surveyScores } from "./results.service.js";

/**
 * For the retention job: removes a Fachtag's unused survey links (hashes only). The
 * answers are anonymous and may stay; the invitations go with the registrations (cascade).
 */
export const clearSurveyLinks = (db: Conn, eventId: string): Promise<void> => deleteTokens(db, eventId);
