import type { AppModule } from "../../platform/module.js";
import { recordNewMatches } from "./matching.service.js";
import { matchingMessages } from "./messages.js";
import { eraseMatching, exportMatching } from "./privacy.js";
import { matchingRoutes } from "./routes.js";
import {
  accountSection,
  eventKeepSection,
  pastEventKeepSection,
  postMatchesSection,
  profileKeepSection,
} from "./sections.js";

/**
 * Matching and "Merken": fitting open requests for an open offer (and the other way round),
 * with the reasons, an e-mail to the authors who opted in when a new pair appears, and a
 * personal Merkliste of posts, organisations and Fachtage.
 */
export { matchedPostCount } from "./matching.service.js";

export const matchingModule: AppModule = {
  name: "matching",
  messages: matchingMessages,
  nav: [{ href: "/merkliste", label: "matching.nav", roles: ["admin", "editor", "member", "checkin"], order: 900 }],
  register: matchingRoutes,
  sections: [profileKeepSection, eventKeepSection, pastEventKeepSection, postMatchesSection, accountSection],
  subscribe(hooks) {
    hooks.on("privacy.exportPerson", exportMatching);
    hooks.on("privacy.erasePerson", eraseMatching);
    hooks.on("exchange.postChanged", async ({ postId, change }, { platform, db }) => {
      if (change === "created" || change === "updated" || change === "shown") {
        await recordNewMatches(platform, db, postId);
      }
    });
  },
};
