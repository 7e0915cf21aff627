import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { enqueueMail } from "./outbox.js";
import { backoffMs, createTransport, deliverDueMail, drainOutbox, type MailTransport } from "./worker.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const outbox = () => t.platform.db.kysely.selectFrom("outbox").selectAll();

describe("mail outbox", () => {
  it("keeps one row per idempotency key, however often it is enqueued", async () => {
    const mail = { idempotencyKey: "test:once", to: "a@example.org", subject: "Hallo", text: "Text" };
    await enqueueMail(t.platform.db.kysely, mail);
    await enqueueMail(t.platform.db.kysely, mail);
    expect(await outbox().where("idempotency_key", "=", "test:once").execute()).toHaveLength(1);
  });

  it("stores nothing when the transaction of the change fails", async () => {
    await expect(
      t.platform.db.kysely.transaction().execute(async (trx) => {
        await enqueueMail(trx, { idempotencyKey: "test:rollback", to: "b@example.org", subject: "S", text: "T" });
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await outbox().where("idempotency_key", "=", "test:rollback").execute()).toHaveLength(0);
  });

  it("writes .eml files with German umlauts and an attachment when no SMTP server is configured", async () => {
    await enqueueMail(t.platform.db.kysely, {
      idempotencyKey: "test:eml",
      to: "c@example.org",
      subject: "Bestätigung Ihrer Anmeldung",
      text: "Grüße aus Celle",
      attachments: [
        { filename: "fachtag.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" },
      ],
    });
    const transport = createTransport(t.config);
    await deliverDueMail(t.platform.db, t.config, transport, 100);
    const folder = join(t.config.dataDir, "mail");
    const file = readdirSync(folder).find((f) => f.includes("test_eml"));
    expect(file).toBeDefined();
    const eml = readFileSync(join(folder, file!), "utf8");
    expect(eml).toContain("Subject: =?UTF-8?");
    expect(eml).toContain("fachtag.ics");
    const row = await outbox().where("idempotency_key", "=", "test:eml").executeTakeFirstOrThrow();
    expect(row.status).toBe("sent");
  });

  it("sends an inline image with its Content-ID, so the HTML body shows it in place", async () => {
    await enqueueMail(t.platform.db.kysely, {
      idempotencyKey: "test:cid",
      to: "e@example.org",
      subject: "Ihr Ticket",
      text: "Ihr Ticket-Code: abc",
      html: '<p><img src="cid:ticket@bildungsnetz" alt="QR-Code"></p>',
      attachments: [
        {
          filename: "ticket.png",
          contentType: "image/png",
          content: Buffer.from("not really a png").toString("base64"),
          encoding: "base64",
          cid: "ticket@bildungsnetz",
        },
      ],
    });
    await deliverDueMail(t.platform.db, t.config, createTransport(t.config), 100);
    const folder = join(t.config.dataDir, "mail");
    const eml = readFileSync(join(folder, readdirSync(folder).find((f) => f.includes("test_cid")) as string), "utf8");
    expect(eml).toContain("Content-Type: multipart/related");
    expect(eml).toContain("Content-ID: <ticket@bildungsnetz>");
    expect(eml).toContain("Content-Disposition: inline");
    expect(eml).toContain(Buffer.from("not really a png").toString("base64"));
  });

  it("retries a failed delivery later with back-off and sends it once the server answers", async () => {
    await enqueueMail(t.platform.db.kysely, {
      idempotencyKey: "test:retry",
      to: "d@example.org",
      subject: "S",
      text: "T",
    });
    const sent: string[] = [];
    let fail = true;
    const flaky: MailTransport = {
      async send(message) {
        if (fail) throw new Error("SMTP nicht erreichbar");
        sent.push(message.messageId);
      },
    };
    await deliverDueMail(t.platform.db, t.config, flaky, 100);
    const failed = await outbox().where("idempotency_key", "=", "test:retry").executeTakeFirstOrThrow();
    expect(failed.status).toBe("pending");
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain("SMTP nicht erreichbar");
    expect(Date.parse(failed.next_attempt_at)).toBeGreaterThan(Date.now() + 20_000);

    // Not due yet: nothing is sent.
    fail = false;
    await deliverDueMail(t.platform.db, t.config, flaky, 100);
    expect(sent).toHaveLength(0);

    await t.platform.db.kysely
      .updateTable("outbox")
      .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
      .where("idempotency_key", "=", "test:retry")
      .execute();
    await deliverDueMail(t.platform.db, t.config, flaky, 100);
    expect(sent).toEqual(["<test:retry@localhost>"]);
    expect((await outbox().where("idempotency_key", "=", "test:retry").executeTakeFirstOrThrow()).status).toBe("sent");
  });

  it("sends all of a rush's due mails in one tick, batch after batch, up to its cap", async () => {
    for (let i = 0; i < 45; i++) {
      await enqueueMail(t.platform.db.kysely, {
        idempotencyKey: `test:rush:${i}`,
        to: `r${i}@example.org`,
        subject: "S",
        text: "T",
      });
    }
    const sent: string[] = [];
    const transport: MailTransport = { send: async (m) => void sent.push(m.to) };
    expect(await drainOutbox(t.platform.db, t.config, transport, { batch: 10, maxBatches: 4 })).toBe(40);
    expect(await drainOutbox(t.platform.db, t.config, transport, { batch: 10, maxBatches: 4 })).toBe(5);
    expect(new Set(sent.filter((to) => /^r\d+@/.test(to))).size).toBe(45);
    expect(
      await outbox().where("idempotency_key", "like", "test:rush:%").where("status", "!=", "sent").execute(),
    ).toHaveLength(0);
  });

  it("backs off exponentially up to six hours", () => {
    expect(backoffMs(1)).toBe(30_000);
    expect(backoffMs(2)).toBe(60_000);
    expect(backoffMs(20)).toBe(6 * 3600_000);
  });
});

describe("mail delivery from several workers", () => {
  it("sends each mail exactly once when three workers (instances) run at the same time", async () => {
    const db = t.platform.db.kysely;
    for (let i = 0; i < 45; i++) {
      await enqueueMail(db, { idempotencyKey: `test:many:${i}`, to: `p${i}@example.org`, subject: "S", text: "T" });
    }
    const sent: string[] = [];
    const transport: MailTransport = {
      async send(message) {
        // Slow enough that the workers' claims overlap.
        await new Promise((resolve) => setTimeout(resolve, 2));
        sent.push(message.to);
      },
    };
    const config = { mailFrom: "Test <t@example.org>", baseUrl: "http://localhost" };
    const counts = await Promise.all([1, 2, 3].map(() => deliverDueMail(t.platform.db, config, transport, 20)));
    // Whatever is left (each worker takes at most 20 a round) goes in later rounds.
    for (let round = 0; round < 10; round++) {
      const more = await Promise.all([1, 2, 3].map(() => deliverDueMail(t.platform.db, config, transport, 20)));
      if (more.every((n) => n === 0)) break;
    }
    const mine = sent.filter((to) => /^p\d+@/.test(to));
    expect(new Set(mine).size).toBe(45);
    expect(mine).toHaveLength(45);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20);
    const rows = await outbox().where("idempotency_key", "like", "test:many:%").execute();
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });
});
