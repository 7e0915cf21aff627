// The hook the Austausch emits: inside the transaction of every change to a post, so a
// search index or a matching that follows posts commits or rolls back with it.

declare module "../../platform/hooks.js" {
  interface HookMap {
    "exchange.postChanged": {
      payload: { postId: string; change: "created" | "updated" | "hidden" | "shown" | "deleted" };
      // biome-ignore lint/suspicious/noConfusingVoidType: subscribers answer nothing; void lets plain async handlers fit
      result: void;
    };
  }
}

declare module "../../platform/module.js" {
  interface SectionSlots {
    /** A section on a post's page, below its details (matching: suggestions and "Merken"). */
    "exchange.post": { postId: string; kind: string; open: boolean };
  }
}

export {};
