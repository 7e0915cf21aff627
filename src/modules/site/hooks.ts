// The page slot the start page hosts: other modules add what is new (see notifications).

declare module "../../platform/module.js" {
  interface SectionSlots {
    /** Below the next Fachtage on the start page; the input is the time of the request. */
    "site.home": { now: Date };
  }
}

export {};
