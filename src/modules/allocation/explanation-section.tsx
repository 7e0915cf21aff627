import { section } from "../../platform/module.js";
import { explainPlacement } from "./allocation.service.js";
import { PlacementExplanation } from "./views/explanation.js";

/** On the participant's page (manage link): after publication, why they got which workshop. */
export const placementSection = section({
  slot: "registrations.manage",
  order: 10,
  async render({ event, registration }, request) {
    const slots = await explainPlacement(request.server.platform, event, registration);
    return slots.length ? <PlacementExplanation slots={slots} /> : null;
  },
});
