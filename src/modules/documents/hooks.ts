// What the documents module tells modules further down the line without importing them.

declare module "../../platform/hooks.js" {
  interface HookMap {
    /**
     * A Fachtag's document was uploaded, changed (title, public or not) or deleted. Emitted
     * right after the change, so what follows a Fachtag's public titles (the site search) keeps up.
     */
    // biome-ignore lint/suspicious/noConfusingVoidType: subscribers answer nothing; void lets plain async handlers fit
    "documents.changed": { payload: { eventId: string }; result: void };
  }
}

export {};
