import { section } from "../../platform/module.js";
import { cooperationItemsForProfile } from "./cooperations.service.js";
import { ProfileCooperations } from "./views/profile-cooperations.js";

/** The section "Kooperationen" on an organisation's profile page in the directory. */
export const profileCooperationsSection = section({
  slot: "directory.profile",
  order: 30,
  async render({ organisationId, locale }, request) {
    const { items, proposeUrl } = await cooperationItemsForProfile(
      request.server.platform,
      request.actor,
      organisationId,
      locale,
    );
    return <ProfileCooperations cooperations={items} proposeUrl={proposeUrl} />;
  },
});
