import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleTable } from "../../../tests/helpers/access.js";
import { createUser, signIn } from "../../../tests/helpers/auth.js";
import { Browser, createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { linkMemberByEmail } from "../directory/index.js";
import { addAttachment, deleteAttachment } from "./attachments.service.js";
import { moderatePost } from "./moderation.service.js";
import { createPost } from "./posts.service.js";
import { actorsOf, makeWorld, multipart, postInput, type World } from "./test-fixtures.js";

// Pictures and files of a post: uploaded by who may change it, checked by their bytes,
// pictures only with alt text, served as attachments with nosniff to whoever may read it.

let t: TestApp;
let w: World;
let png: Buffer;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  w = await makeWorld(t.platform);
  png = await QRCode.toBuffer("Turnhalle", { width: 200 });
});
afterAll(async () => t?.close());

describe("attachments", () => {
  it("post.edit: only the post's organisation and admins add and remove files", async () => {
    const post = await createPost(t.platform, w.member, postInput({ organisationId: w.school.id }));
    const outcome = await roleTable(actorsOf(w), (a) =>
      addAttachment(t.platform, a, post.id, { title: "Plan", altText: "QR-Code" }, { data: png, filename: "plan.png" }),
    );
    expect(outcome).toEqual({
      anonymous: 401,
      member: "ok",
      otherMember: 403,
      loneMember: 403,
      editor: 403,
      admin: "ok",
      helper: 403,
    });
    const file = await addAttachment(
      t.platform,
      w.member,
      post.id,
      { title: "x", altText: "y" },
      { data: png, filename: "x.png" },
    );
    expect(await roleTable(actorsOf(w), (a) => deleteAttachment(t.platform, a, post.id, file.id))).toMatchObject({
      anonymous: 401,
      otherMember: 403,
      editor: 403,
    });
  });

  it("a member uploads a picture through the form: without alt text refused beside the field, an HTML file refused", async () => {
    const user = await createUser(t.platform, { role: "member" });
    await linkMemberByEmail(t.platform, w.admin, w.school.id, user.email);
    const browser = new Browser(t.app);
    await signIn(browser, user.email, user.password);
    const post = await createPost(
      t.platform,
      w.admin,
      postInput({ kind: "offer", title: "Halle", organisationId: w.school.id }),
    );
    const edit = await browser.get(`/austausch/${post.id}/bearbeiten`);
    expect(edit.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(edit.body)?.[1] ?? "";
    const upload = (file: { name: string; content: Buffer; type: string }, fields: Record<string, string>) => {
      const body = multipart(file, { _csrf: csrf, ...fields });
      return t.app.inject({
        method: "POST",
        url: `/austausch/${post.id}/anhaenge`,
        headers: { ...body.headers, cookie: browser.cookieHeader() },
        payload: body.payload,
      });
    };
    const noAlt = await upload(
      { name: "halle.png", content: png, type: "image/png" },
      { attachmentTitle: "Die Halle" },
    );
    expect(noAlt.statusCode).toBe(422);
    expect(noAlt.body).toContain("Bitte beschreiben Sie, was das Bild zeigt.");
    const html = await upload(
      { name: "halle.png", content: Buffer.from("<!DOCTYPE html><script>alert(1)</script>"), type: "image/png" },
      { attachmentTitle: "Die Halle", altText: "x" },
    );
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain("Dieser Dateityp ist nicht erlaubt.");
    const ok = await upload(
      { name: "halle.png", content: png, type: "image/png" },
      { attachmentTitle: "Die Halle", altText: "Helle Turnhalle mit Matten und Sprossenwand" },
    );
    expect(ok.statusCode).toBe(303);

    const page = await t.app.inject({ url: `/austausch/${post.id}` });
    const src = /<img src="([^"]+)" alt="Helle Turnhalle mit Matten und Sprossenwand"/.exec(page.body)?.[1];
    expect(src).toBeTruthy();
    const file = await t.app.inject({ url: src as string });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(file.headers["x-content-type-options"]).toBe("nosniff");

    // Hidden post: its files are 404 for everybody but moderators; deleted: gone.
    await moderatePost(t.platform, w.admin, post.id, "hide", "Prüfung");
    expect((await t.app.inject({ url: src as string })).statusCode).toBe(404);
    await moderatePost(t.platform, w.admin, post.id, "delete", "Doppelt");
    const left = await t.platform.db.kysely
      .selectFrom("exchange_attachments")
      .selectAll()
      .where("post_id", "=", post.id)
      .execute();
    expect(left).toEqual([]);
  });
});
