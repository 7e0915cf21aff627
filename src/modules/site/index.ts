import type { AppModule } from "../../platform/module.js";
import "./hooks.js";
import { siteRoutes } from "./routes.js";

export const siteModule: AppModule = {
  name: "site",
  nav: [{ href: "/", label: "nav.home", order: 0 }],
  register: siteRoutes,
};
