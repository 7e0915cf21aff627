// What the retention module asks of every module that keeps personal data of a Fachtag's
// participants, without importing them.

/** What a module removed or kept, by a short name ("registrations", "internalFiles", "mails"…): counts only. */
export type RetentionCounts = Record<string, number>;

declare module "../../platform/hooks.js" {
  interface HookMap {
    /**
     * The Fachtag's retention period has passed: remove its participants' personal data.
     * Emitted inside one transaction for the whole Fachtag, so either every module's part
     * is gone or none is (and the next run tries again). Each subscriber answers counts.
     */
    "retention.anonymiseEvent": { payload: { eventId: string }; result: RetentionCounts };
  }
}
