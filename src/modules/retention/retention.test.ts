import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { auditEntriesFor } from "../../platform/audit.js";
import { formatDate } from "../../platform/i18n/i18n.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import { verifyCode } from "../certificates/certificates.service.js";
import { personalDataDueAt } from "../events/index.js";
import { runRetention } from "./retention.service.js";
import { everyRowAsText, figuresOf, heldFachtag } from "./test-fixtures.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const outbox = () => t.platform.db.kysely.selectFrom("outbox").selectAll().execute();

describe("retention of a Fachtag's personal data", () => {
  it("leaves the figures, removes every name everywhere, and the certificate still verifies", async () => {
    const owner = await userActor(t.platform, "editor");
    const ev = await heldFachtag(t.platform, { createdBy: owner.kind === "user" ? owner.id : null });
    const someone = ev.people[0];
    if (!someone) throw new Error("no people");
    // A mail to the same person about something else stays: only this Fachtag's mails go.
    await enqueueMail(t.platform.db.kysely, {
      to: someone.email,
      subject: "Newsletter",
      text: "Ein anderer Fachtag",
      idempotencyKey: "other:newsletter:1",
    });
    const mailsBefore = (await outbox()).filter((m) => m.to_address.includes(ev.tag)).length;
    expect(mailsBefore).toBeGreaterThan(ev.people.length); // confirmations, certificate, the newsletter
    const before = await figuresOf(t.platform, ev.id);
    const due = personalDataDueAt(ev.endsAt, 6);

    // A day before the deadline: nothing removed yet, the organiser was reminded (once).
    const early = await runRetention(t.platform, new Date(Date.parse(due) - DAY));
    expect(early.anonymised).toEqual([]);
    expect(early.reminded.map((r) => r.eventId)).toEqual([ev.id]);
    const reminder = (await outbox()).filter((m) => m.idempotency_key.startsWith(`retention:reminder:${ev.id}`));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]?.to_address).toBe(owner.kind === "user" ? owner.email : "");
    expect(reminder[0]?.subject).toBe(
      `Erinnerung: Die Anmeldedaten von „Vernetzung früher Bildung ${ev.tag}“ werden am ${formatDate(due, "de")} gelöscht`,
    );
    expect(reminder[0]?.text_body).toContain(`/verwaltung/fachtage/${ev.id}/anmeldungen/export.xlsx`);
    expect((await runRetention(t.platform, new Date(Date.parse(due) - DAY / 2))).reminded).toEqual([]);
    expect((await t.app.inject({ method: "GET", url: `/anmeldung/${someone.token}` })).statusCode).toBe(200);

    // Six months after the end.
    const report = await runRetention(t.platform, new Date(Date.parse(due) + 60_000));
    expect(report.anonymised).toHaveLength(1);
    expect(report.anonymised[0]?.counts).toMatchObject({
      registrations: ev.people.length,
      internalFiles: 1,
      certificates: 1,
    });
    expect(report.anonymised[0]?.counts.mails).toBe(mailsBefore - 1);

    // The figures are the same.
    expect(await figuresOf(t.platform, ev.id)).toEqual(before);

    // No name, address, organisation text, need or answer in any row of any table.
    const secrets = [
      `Zwetschgenbaum${ev.tag}`,
      `Quirina${ev.tag}`,
      `quirina.${ev.tag}`,
      `Pusteblume${ev.tag}`,
      `laktosefrei${ev.tag}`,
      `Rollstuhl${ev.tag}`,
      `Leitung${ev.tag}`,
      `Nachbarkitas${ev.tag}`,
    ];
    const rows = await everyRowAsText(t.platform);
    const left = rows.filter(
      (r) =>
        secrets.some((s) => r.text.includes(s)) &&
        // what the certificate keeps on purpose, and the other mail
        !(r.table === "certificates") &&
        !(r.table === "outbox" && r.text.includes("other:newsletter:1")),
    );
    expect(left).toEqual([]);
    const cert = rows.filter((r) => r.table === "certificates" && r.text.includes(ev.code));
    expect(cert).toHaveLength(1);
    expect(cert[0]?.text).not.toContain(someone.email);
    expect(cert[0]?.text).toContain('"registration_id":null');

    // The mail outbox: nothing about this Fachtag is left for its people.
    const mails = (await outbox()).filter((m) => m.to_address.includes(ev.tag));
    expect(mails.map((m) => m.idempotency_key)).toEqual(["other:newsletter:1"]);

    // The certificate still verifies by its code, with name and date.
    const verified = await verifyCode(t.platform, ev.code);
    expect(verified.name).toBe(`${someone.firstName} ${someone.lastName}`);
    const check = await t.app.inject({ method: "GET", url: `/api/v1/certificates/${ev.code}` });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ valid: true, name: `${someone.firstName} ${someone.lastName}` });

    // The personal link is dead; the internal file is gone, the public one stays.
    expect((await t.app.inject({ method: "GET", url: `/anmeldung/${someone.token}` })).statusCode).toBe(404);
    expect(await t.platform.storage.get(ev.internalKey)).toBeUndefined();
    expect(await t.platform.storage.get(ev.publicKey)).toBeDefined();

    // The audit log says what was done, in counts.
    const audit = await auditEntriesFor(t.platform.db.kysely, "event", ev.id);
    expect(audit.map((a) => a.action)).toEqual(["retention.reminded", "retention.anonymised"]);
    expect(audit[1]).toMatchObject({ actor: "system", details: { registrations: ev.people.length, internalFiles: 1 } });
    expect(JSON.stringify(audit)).not.toContain(ev.tag);

    // Twice does nothing the second time.
    const again = await runRetention(t.platform, new Date(Date.parse(due) + 2 * DAY));
    expect(again).toEqual({ anonymised: [], reminded: [] });
    expect(await figuresOf(t.platform, ev.id)).toEqual(before);
  });

  it("waits for the Fachtag's own period, and a Fachtag still ahead is not touched", async () => {
    const long = await heldFachtag(t.platform, { people: 2, retentionMonths: 12 });
    const sixMonths = personalDataDueAt(long.endsAt, 6);
    const report = await runRetention(t.platform, new Date(Date.parse(sixMonths) + DAY));
    expect(report.anonymised.map((a) => a.eventId)).not.toContain(long.id);
    const row = await t.platform.db.kysely
      .selectFrom("registrations")
      .select("last_name")
      .where("event_id", "=", long.id)
      .execute();
    expect(row.map((r) => r.last_name).every((n) => n.startsWith("Zwetschgenbaum"))).toBe(true);
    const later = await runRetention(t.platform, new Date(Date.parse(personalDataDueAt(long.endsAt, 12)) + DAY));
    expect(later.anonymised.map((a) => a.eventId)).toContain(long.id);
  });
});

describe("retention on the SQLite file", () => {
  it("overwrites the names in the SQLite file, not only in the rows", async () => {
    // Always SQLite, also when the suite runs on PostgreSQL: this is about the file.
    const dir = mkdtempSync(join(tmpdir(), "bn-retention-"));
    const file = join(dir, "retention.db");
    const lite = await createTestApp({ DATABASE_URL: `sqlite:${file}` });
    try {
      const ev = await heldFachtag(lite.platform, { people: 5 });
      const bytes = () =>
        Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
      // Person 1: person 0 holds the certificate, which keeps its name on purpose.
      const name = Buffer.from(`Zwetschgenbaum${ev.tag}x1`);
      const sqlite = lite.platform.db.sqlite;
      sqlite?.pragma("wal_checkpoint(TRUNCATE)");
      expect(bytes().includes(name)).toBe(true);
      await runRetention(lite.platform, new Date(Date.parse(personalDataDueAt(ev.endsAt, 6)) + DAY));
      expect(bytes().includes(name)).toBe(false);
      for (const secret of [
        `quirina.${ev.tag}`,
        `Pusteblume${ev.tag}`,
        `laktosefrei${ev.tag}`,
        `Nachbarkitas${ev.tag}`,
      ]) {
        expect(bytes().includes(Buffer.from(secret)), secret).toBe(false);
      }
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
