import type { AppModule } from "../../platform/module.js";

/** Workshop wishes allocated optimally and fairly (preference mode): run, review, publish. */
export const allocationModule: AppModule = {
  name: "allocation",
};
