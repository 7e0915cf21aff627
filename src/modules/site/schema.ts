import { z } from "zod";
import { formText, optionalFormEmail, requiredText } from "../../platform/http/forms.js";

export const feedbackForm = z.object({
  name: formText(200),
  email: optionalFormEmail,
  pageUrl: formText(500),
  message: requiredText(5000),
});
export type FeedbackInput = z.output<typeof feedbackForm>;
