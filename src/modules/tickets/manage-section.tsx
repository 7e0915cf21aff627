import { section } from "../../platform/module.js";
import { TicketSection } from "./views/ticket-section.js";

/** The ticket on the participant's own page, once the place is confirmed and the Fachtag takes place. */
export const manageSection = section({
  slot: "registrations.manage",
  order: 5,
  render: ({ event, registration, token }) =>
    registration.status === "confirmed" && event.status !== "cancelled" ? (
      <TicketSection registration={registration} token={token} />
    ) : null,
});
