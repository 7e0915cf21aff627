import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { MailAttachment } from "../../platform/mail/outbox.js";
import { sendReminders } from "./reminders.service.js";
import { createFachtag, validApiBody } from "./test-fixtures.js";
import { FormClient, linkIn, mailsTo } from "./test-http.js";
import { manageTokenFor } from "./tokens.js";

// The ticket travels with the mail that makes a place certain: the QR code inline
// (Content-ID), the code in words and the PDF link. Who waits or has yet to confirm
// the address gets none.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
});
afterAll(async () => t?.close());

const register = async (eventId: string, n: string) =>
  (
    await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${eventId}/registrations`,
      payload: validApiBody(n, { email: `ticket-mail-${n}@example.org` }),
    })
  ).json() as { id: string; status: string };

const ticketCodeOf = async (id: string) =>
  (
    await t.platform.db.kysely
      .selectFrom("registrations")
      .select("ticket_code")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).ticket_code;

const attachmentsOf = (row: { attachments: string | null }) =>
  (row.attachments ? JSON.parse(row.attachments) : []) as MailAttachment[];

function expectTicket(
  row: { text_body: string; html_body: string | null; attachments: string | null },
  code: string,
  { ics = true } = {},
) {
  expect(row.text_body).toContain(`Ihr Ticket-Code: ${code}`);
  expect(row.text_body).toMatch(
    /Ticket als PDF zum Ausdrucken:\nhttp:\/\/[^\s]+\/anmeldung\/[A-Za-z0-9_-]+\/ticket\.pdf\n/,
  );
  const qr = attachmentsOf(row).find((a) => a.cid);
  expect(qr).toMatchObject({ contentType: "image/png", encoding: "base64", cid: "ticket-qr@bildungsnetz" });
  expect(
    Buffer.from(qr?.content ?? "", "base64")
      .subarray(1, 4)
      .toString("ascii"),
  ).toBe("PNG");
  expect(row.html_body).toContain('<img src="cid:ticket-qr@bildungsnetz" alt="QR-Code Ihres Tickets"');
  expect(row.html_body).toContain(`Ihr Ticket-Code: ${code}`);
  // The calendar entry is still there beside the QR code.
  expect(attachmentsOf(row).some((a) => a.filename.endsWith(".ics"))).toBe(ics);
}

describe("the ticket in the confirmation mail", () => {
  it("a confirmed place: QR code inline, the code in words and the PDF link; the waitlist gets none", async () => {
    const ev = await createFachtag(t.platform, { capacity: 1, confirmByEmail: false });
    const first = await register(ev.id, "1");
    const second = await register(ev.id, "2");
    expect([first.status, second.status]).toEqual(["confirmed", "waitlisted"]);

    const [confirmed] = await mailsTo(t.platform, "ticket-mail-1@example.org");
    expect(confirmed?.subject).toContain("Anmeldung bestätigt");
    expectTicket(confirmed as NonNullable<typeof confirmed>, await ticketCodeOf(first.id));
    expect(confirmed?.text_body).toContain(`/anmeldung/${manageTokenFor(t.config.sessionSecret, first.id)}/ticket.pdf`);

    const [waiting] = await mailsTo(t.platform, "ticket-mail-2@example.org");
    expect(waiting?.text_body).toContain("Warteliste");
    expect(waiting?.text_body).not.toContain("Ticket");
    expect(waiting?.html_body).toBeNull();
    expect(attachmentsOf(waiting as NonNullable<typeof waiting>).some((a) => a.cid)).toBe(false);

    // The first cancels: the second moves up and now gets the ticket.
    const token = manageTokenFor(t.config.sessionSecret, first.id);
    await t.app.inject({ method: "POST", url: `/api/v1/registrations/${first.id}/cancel?token=${token}` });
    const promoted = (await mailsTo(t.platform, "ticket-mail-2@example.org")).find((m) =>
      m.idempotency_key.includes(":promoted:"),
    );
    expectTicket(promoted as NonNullable<typeof promoted>, await ticketCodeOf(second.id));
  });

  it("double opt-in: no ticket before the address is confirmed, the ticket with the confirmation", async () => {
    const ev = await createFachtag(t.platform, { confirmByEmail: true });
    const r = await register(ev.id, "3");
    expect(r.status).toBe("pending");
    const [request] = await mailsTo(t.platform, "ticket-mail-3@example.org");
    expect(request?.text_body).not.toContain("Ticket-Code");
    expect(attachmentsOf(request as NonNullable<typeof request>)).toEqual([]);

    const confirmPath = linkIn(request?.text_body ?? "", "/anmeldung/bestaetigen/");
    const res = await new FormClient(t.app).submit(confirmPath, confirmPath, {});
    expect(res.statusCode).toBe(303);
    const confirmed = (await mailsTo(t.platform, "ticket-mail-3@example.org")).find((m) =>
      m.idempotency_key.includes(":confirmed:"),
    );
    expectTicket(confirmed as NonNullable<typeof confirmed>, await ticketCodeOf(r.id));
  });

  it("the reminder before the Fachtag carries the ticket again", async () => {
    const ev = await createFachtag(t.platform, { confirmByEmail: false, startsInDays: 2 });
    const r = await register(ev.id, "4");
    await sendReminders(t.platform);
    const reminder = (await mailsTo(t.platform, "ticket-mail-4@example.org")).find((m) =>
      m.idempotency_key.includes(":reminder:"),
    );
    expect(reminder?.subject).toContain("Erinnerung");
    expectTicket(reminder as NonNullable<typeof reminder>, await ticketCodeOf(r.id), { ics: false });
  });
});
