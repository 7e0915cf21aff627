import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { parseIcs } from "../events/test-ics.js";
import { validApiBody } from "./test-fixtures.js";
import { mailsTo } from "./test-http.js";

// One Fachtag is one calendar entry wherever the file comes from: the page's .ics, the
// feed and the files attached to participants' mails carry the same UID, and SEQUENCE
// goes up with each change of time or venue and with the cancellation.

let t: TestApp;
let auth: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  auth = { authorization: (await createUserWithToken(t.platform, "editor")).authorization };
});
afterAll(async () => t?.close());

const attachmentOf = async (email: string, subjectStart: string) => {
  const mail = (await mailsTo(t.platform, email)).find((m) => m.subject.startsWith(subjectStart));
  const [file] = JSON.parse(String(mail?.attachments ?? "[]")) as { content: string; contentType: string }[];
  if (!file) throw new Error(`no calendar file in the mail "${subjectStart}" to ${email}`);
  return { ...file, props: parseIcs(file.content) };
};

describe("the Fachtag's calendar entry", () => {
  it("has one UID in the page's file, the feed and the mails; SEQUENCE and METHOD follow changes and the cancellation", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: auth,
      payload: {
        title: "Kalendertest",
        startsAt: "2030-05-10T09:00:00+02:00",
        endsAt: "2030-05-10T15:00:00+02:00",
        venue: { name: "Kreishaus" },
        capacity: 20,
        confirmByEmail: false,
        status: "published",
      },
    });
    expect(created.statusCode).toBe(201);
    const event = created.json() as { id: string; slug: string };
    const uid = `${event.id}@${new URL(t.platform.config.baseUrl).hostname}`;

    const registered = await t.app.inject({
      method: "POST",
      url: `/api/v1/events/${event.id}/registrations`,
      payload: validApiBody("cal-1"),
    });
    expect(registered.statusCode).toBe(201);

    const page = parseIcs((await t.app.inject({ url: `/fachtage/${event.slug}.ics` })).body);
    const feed = parseIcs((await t.app.inject({ url: "/fachtage/kalender.ics" })).body);
    const confirmation = await attachmentOf("person-cal-1@example.org", "Anmeldung bestätigt");
    expect(page.get("UID")).toEqual([uid]);
    expect(feed.get("UID")).toContain(uid);
    expect(confirmation.props.get("UID")).toEqual([uid]);
    expect(page.get("SEQUENCE")).toEqual(["0"]);
    expect(confirmation.props.get("SEQUENCE")).toEqual(["0"]);
    expect(confirmation.props.get("METHOD")).toEqual(["PUBLISH"]);

    const moved = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/events/${event.id}`,
      headers: auth,
      payload: { startsAt: "2030-05-10T10:00:00+02:00" },
    });
    expect(moved.statusCode).toBe(200);
    const notice = await attachmentOf("person-cal-1@example.org", "Änderung");
    expect(notice.props.get("UID")).toEqual([uid]);
    expect(notice.props.get("SEQUENCE")).toEqual(["1"]);
    expect(parseIcs((await t.app.inject({ url: `/fachtage/${event.slug}.ics` })).body).get("SEQUENCE")).toEqual(["1"]);

    const cancelled = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/events/${event.id}`,
      headers: auth,
      payload: { status: "cancelled" },
    });
    expect(cancelled.statusCode).toBe(200);
    const cancellation = await attachmentOf("person-cal-1@example.org", "Abgesagt");
    expect(cancellation.contentType).toContain("method=CANCEL");
    expect(cancellation.props.get("UID")).toEqual([uid]);
    expect(cancellation.props.get("SEQUENCE")).toEqual(["2"]);
    expect(cancellation.props.get("METHOD")).toEqual(["CANCEL"]);
    expect(cancellation.props.get("STATUS")).toEqual(["CANCELLED"]);
    const pageAfter = parseIcs((await t.app.inject({ url: `/fachtage/${event.slug}.ics` })).body);
    expect(pageAfter.get("METHOD")).toEqual(["CANCEL"]);
    expect(pageAfter.get("STATUS")).toEqual(["CANCELLED"]);
    expect(pageAfter.get("SEQUENCE")).toEqual(["2"]);
  });
});
