import type { AppModule } from "../platform/module.js";
import { accountsModule } from "./accounts/index.js";
import { allocationModule } from "./allocation/index.js";
import { certificatesModule } from "./certificates/index.js";
import { checkinModule } from "./checkin/index.js";
import { directoryModule } from "./directory/index.js";
import { documentsModule } from "./documents/index.js";
import { eventsModule } from "./events/index.js";
import { exchangeModule } from "./exchange/index.js";
import { feedbackModule } from "./feedback/index.js";
import { matchingModule } from "./matching/index.js";
import { networkModule } from "./network/index.js";
import { notificationsModule } from "./notifications/index.js";
import { outcomesModule } from "./outcomes/index.js";
import { privacyModule } from "./privacy/index.js";
import { registrationsModule } from "./registrations/index.js";
import { reportsModule } from "./reports/index.js";
import { retentionModule } from "./retention/index.js";
import { searchModule } from "./search/index.js";
import { siteModule } from "./site/index.js";
import { ticketsModule } from "./tickets/index.js";

/**
 * Every domain module of the application, in the order their routes, demo data
 * and navigation entries are added. A new module adds one line here.
 */
export const modules: AppModule[] = [
  accountsModule,
  siteModule,
  eventsModule,
  registrationsModule,
  directoryModule,
  networkModule,
  exchangeModule,
  matchingModule,
  allocationModule,
  ticketsModule,
  checkinModule,
  certificatesModule,
  feedbackModule,
  documentsModule,
  outcomesModule,
  retentionModule,
  reportsModule,
  searchModule,
  notificationsModule,
  privacyModule,
];
