import type { AppModule } from "../../platform/module.js";
import "./hooks.js";
import { directoryAdminRoutes } from "./admin-routes.js";
import { apiRoutes } from "./api.js";
import { seedDirectoryDemo } from "./demo.js";
import { directoryMessages } from "./messages.js";
import { eraseDirectory, exportDirectory } from "./privacy.js";
import { directoryRoutes } from "./routes.js";

export const directoryModule: AppModule = {
  name: "directory",
  messages: directoryMessages,
  nav: [
    { href: "/akteure", label: "directory.nav", order: 10 },
    { href: "/angebote", label: "directory.nav.offers", order: 11 },
  ],
  adminLinks: [
    { href: "/verwaltung/akteure", label: "directory.adminLink.list", roles: ["admin"], order: 10 },
    { href: "/verwaltung/akteure/vorschlaege", label: "directory.adminLink.proposals", roles: ["admin"], order: 11 },
    { href: "/verwaltung/akteure/aenderungen", label: "directory.adminLink.changes", roles: ["admin"], order: 12 },
    { href: "/verwaltung/akteure/import", label: "directory.adminLink.import", roles: ["admin"], order: 13 },
    { href: "/verwaltung/akteure/arten", label: "directory.adminLink.kinds", roles: ["admin"], order: 14 },
    { href: "/akteure/meine", label: "directory.adminLink.mine", roles: ["member"], order: 15 },
  ],
  async register(app, platform) {
    directoryRoutes(app, platform);
    directoryAdminRoutes(app, platform);
    apiRoutes(app, platform);
  },
  subscribe(hooks) {
    hooks.on("privacy.exportPerson", exportDirectory);
    hooks.on("privacy.erasePerson", eraseDirectory);
  },
  seedDemo: seedDirectoryDemo,
};

// The directory's public service API: what other modules use. The lookups that take
// `db` read in the caller's connection, so a caller inside a transaction passes it.
export {
  isMemberOf,
  linkMemberByEmail,
  memberContactsOf,
  organisationIdsOfMember,
} from "./members.service.js";
export {
  findOrganisationByLabel,
  findPublishedOrganisation,
  organisationChoices,
} from "./organisation-field.service.js";
export { inputFromApi } from "./organisation-input.js";
export { getOrganisationSummaries, listOrganisationsForNetwork } from "./organisation-summaries.service.js";
export { createOrganisation } from "./organisations.service.js";
// The one list of the district's municipalities for every form (registrations too):
// `municipalityOptions()` for a select, `municipalities` for validation, and
// `currentMunicipality` for names stored before Hermannsburg and Unterlüß became Südheide.
export {
  currentMunicipality,
  educationAreas,
  formerMunicipalities,
  municipalities,
  municipalityOptions,
  organisationKinds,
} from "./vocab.js";
