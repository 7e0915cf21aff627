import type { AppModule } from "../../platform/module.js";
import { seedFeedbackDemo } from "./demo.js";
import { feedbackMessages } from "./messages.js";
import { feedbackRoutes } from "./routes.js";
import { clearLinksOfEvent } from "./survey.repo.js";
import { sendDue } from "./survey.service.js";

/** The anonymous feedback survey after a Fachtag: questionnaire, links, answers, results. */
export const feedbackModule: AppModule = {
  name: "feedback",
  messages: feedbackMessages,
  register: feedbackRoutes,
  subscribe(hooks) {
    // Retention: the unused links and who was sent one go; the anonymous answers stay.
    hooks.on("retention.anonymiseEvent", async ({ eventId }, { db }) => {
      const { links, invitations } = await clearLinksOfEvent(db, eventId);
      return { surveyLinks: links, surveyInvitations: invitations };
    });
  },
  // The links go out by themselves some days after the end (the organiser's setting, default 1).
  jobs: [{ name: "survey-send", everyMs: 15 * 60_000, run: async (platform) => void (await sendDue(platform)) }],
  seedDemo: seedFeedbackDemo,
};

// The public API of the feedback module.

/**
 * For reports over time: per Fachtag the number of answers and the mean (1–5, one decimal)
 * of its overall rating; Fachtage without answers are left out. Names nobody, checks no access.
 */
export { surveyScores } from "./results.service.js";
