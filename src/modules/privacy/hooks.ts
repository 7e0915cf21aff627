// What the privacy module asks of every module that keeps personal data, without importing
// them: each answers for its own tables (see README.md for who answers what).

/** Who is asked about: the address (normalised to lower case) and the account with it, if any. */
export interface PersonRef {
  email: string;
  userId: string | null;
}

/** One module's part of an Art. 15 export: counts by a short name, and the data itself (plain JSON). */
export interface PersonPart {
  /** The module's name ("registrations", "exchange" …): the key of its part in the export. */
  part: string;
  counts: Record<string, number>;
  data: Record<string, unknown>;
}

/** What one module removed, and what it kept and why (message keys of privacy), in counts. */
export interface ErasedPart {
  part: string;
  removed: Record<string, number>;
  kept: Record<string, number>;
}

declare module "../../platform/hooks.js" {
  interface HookMap {
    /** Art. 15: everything the module holds about the person (null: nothing of that kind kept). */
    "privacy.exportPerson": { payload: PersonRef; result: PersonPart | null };
    /**
     * Art. 17, first stage: remove or unlink what points to the person (posts' author,
     * bookmarks, certificates' link to the registration) while the account and the
     * registrations can still be found. Emitted in the one erasure transaction.
     */
    "privacy.erasePerson": { payload: PersonRef; result: ErasedPart };
    /** Art. 17, second stage, same transaction: the records that identify the person (registrations, the account). */
    "privacy.eraseIdentity": { payload: PersonRef; result: ErasedPart };
  }
}
