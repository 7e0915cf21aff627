import type { Locale } from "../../platform/i18n/i18n.js";

// What the directory asks of modules further down the line without importing them.
// The network module answers the partner filter and adds the profile's cooperations.

declare module "../../platform/hooks.js" {
  interface HookMap {
    /**
     * The "Kooperiert mit" filter: ids of the organisations that have a confirmed
     * cooperation with an organisation of this kind. Every answer is intersected.
     */
    "directory.organisationsCooperatingWithKind": { payload: { kind: string }; result: ReadonlySet<string> };
    /**
     * Organisations or their offers were created, changed, deleted, approved or imported.
     * Emitted inside the transaction of the change, so what follows them (the site search's
     * index) commits with it.
     */
    // biome-ignore lint/suspicious/noConfusingVoidType: subscribers answer nothing; void lets plain async handlers fit
    "directory.organisationsChanged": { payload: { organisationIds: string[] }; result: void };
  }
}

declare module "../../platform/module.js" {
  interface SectionSlots {
    /** A section on an organisation's public profile page, below its offers. */
    "directory.profile": { organisationId: string; locale: Locale };
  }
}
