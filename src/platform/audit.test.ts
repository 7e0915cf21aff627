import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../tests/helpers/users.js";
import { listAuditEntries, recordAudit, recordListAccess } from "./audit.js";
import type { Actor } from "./auth/actor.js";
import { newId } from "./db/ids.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("audit log", () => {
  it("records a list's viewing or export with who, which list and Fachtag; filters by kind; names the actor", async () => {
    const db = t.platform.db.kysely;
    const u = await createUserWithToken(t.platform, "editor");
    const actor: Actor = { kind: "user", id: u.id, email: u.email, name: "Test editor", role: "editor", via: "token" };
    const eventId = newId();
    await recordListAccess(db, actor, { list: "registrations", format: "html", eventId });
    await recordListAccess(db, actor, { list: "badges", format: "pdf", eventId });
    await recordAudit(db, { actor: "system", action: "retention.anonymised", subject: { type: "event", id: eventId } });

    const lists = await listAuditEntries(db, { limit: 100, offset: 0 }, "participants");
    const ours = lists.entries.filter((e) => e.subjectId === eventId);
    // Both in the same millisecond, maybe: the order among them is not the point here.
    expect(ours.map((e) => [e.action, e.details, e.actorName]).sort()).toEqual([
      ["participants.exported", { list: "badges", format: "pdf" }, "Test editor"],
      ["participants.viewed", { list: "registrations", format: "html" }, "Test editor"],
    ]);
    expect(lists.entries.every((e) => e.action.startsWith("participants."))).toBe(true);
    expect(lists.total).toBe(lists.entries.length);

    const retention = await listAuditEntries(db, { limit: 100, offset: 0 }, "retention");
    expect(retention.entries.filter((e) => e.subjectId === eventId).map((e) => [e.action, e.actorName])).toEqual([
      ["retention.anonymised", null],
    ]);
    const all = await listAuditEntries(db, { limit: 100, offset: 0 });
    expect(all.entries.filter((e) => e.subjectId === eventId)).toHaveLength(3);
  });
});
