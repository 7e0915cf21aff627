import type { AppModule } from "../../platform/module.js";
import { reportsMessages } from "./messages.js";
import { reportRoutes } from "./routes.js";

/** Reports: the back office's dashboard (figures, charts, exports, PDF), the public /zahlen and their API. */
export const reportsModule: AppModule = {
  name: "reports",
  messages: reportsMessages,
  nav: [{ href: "/zahlen", label: "reports.nav.figures", order: 60 }],
  adminLinks: [{ href: "/verwaltung/berichte", label: "reports.admin.link", roles: ["admin", "editor"], order: 5 }],
  register: reportRoutes,
};
