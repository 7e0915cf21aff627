import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { exchangeAccess } from "./access.js";
import {
  addComment,
  closeReport,
  getModerationQueue,
  getPostPage,
  moderateComment,
  moderatePost,
  reportContent,
} from "./moderation.service.js";
import { createPost, getPostForEdit, listMyPosts, postingOrganisations, updatePost } from "./posts.service.js";
import { actorsOf, makeWorld, postInput, type World } from "./test-fixtures.js";

// Role × permission: every permission of the Austausch, called through the real service
// functions by nobody, the school's member, another organisation's member, a member of no
// organisation, an editor, an admin and a check-in helper. "ok" went through; a number is
// the refusal's status.

let t: TestApp;
let w: World;
let actors: ReturnType<typeof actorsOf>;
const table = (call: (actor: Actor, who: string) => unknown) => roleTable(actors, call);

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  w = await makeWorld(t.platform);
  actors = actorsOf(w);
});
afterAll(async () => t?.close());

const schoolPost = (overrides = {}) =>
  createPost(t.platform, w.member, postInput({ organisationId: w.school.id, ...overrides }));

describe("exchange permissions", () => {
  it("lists its permissions", () => {
    expect(exchangeAccess.permissions).toEqual([
      "post.create",
      "post.postFor",
      "post.edit",
      "post.see",
      "post.moderate",
      "comment.add",
      "report.submit",
    ]);
  });

  it("post.create: members and admins write; a member writes only for an organisation they represent", async () => {
    expect(await table((a) => createPost(t.platform, a, postInput()))).toEqual({
      anonymous: 401,
      member: "ok",
      otherMember: "ok",
      loneMember: 403,
      editor: 403,
      admin: "ok",
      helper: 403,
    });
    expect(await table((a) => postingOrganisations(t.platform, a))).toEqual({
      anonymous: 401,
      member: "ok",
      otherMember: "ok",
      loneMember: 403,
      editor: 403,
      admin: "ok",
      helper: 403,
    });
    expect(await table((a) => listMyPosts(t.platform, a))).toMatchObject({ anonymous: 401, editor: 403, member: "ok" });
  });

  it("post.postFor: posting in the name of the school is its member's and admins' (another member gets 403)", async () => {
    expect(await table((a) => createPost(t.platform, a, postInput({ organisationId: w.school.id })))).toEqual({
      anonymous: 401,
      member: "ok",
      otherMember: 403,
      loneMember: 403,
      editor: 403,
      admin: "ok",
      helper: 403,
    });
  });

  it("post.edit: the author's organisation and admins (moderators, with a reason)", async () => {
    const post = await schoolPost();
    expect(await table((a) => getPostForEdit(t.platform, a, post.id))).toEqual({
      anonymous: 401,
      member: "ok",
      otherMember: 403,
      loneMember: 403,
      editor: 403,
      admin: "ok",
      helper: 403,
    });
    expect(
      await table((a, who) =>
        updatePost(t.platform, a, post.id, { title: `Geändert von ${who}`, reason: "Tippfehler" }),
      ),
    ).toEqual({
      anonymous: 401,
      member: "ok",
      otherMember: 403,
      loneMember: 403,
      editor: 403,
      admin: "ok",
      helper: 403,
    });
  });

  it("post.see: a draft is known only to its organisation and admins (404 for everybody else)", async () => {
    const draft = await schoolPost({ status: "draft" });
    expect(await table((a) => getPostPage(t.platform, a, draft.id))).toEqual({
      anonymous: 404,
      member: "ok",
      otherMember: 404,
      loneMember: 404,
      editor: 404,
      admin: "ok",
      helper: 404,
    });
    const published = await schoolPost();
    expect(Object.values(await table((a) => getPostPage(t.platform, a, published.id)))).toEqual(Array(7).fill("ok"));
  });

  it("post.moderate: hide, show, delete, the queue and closing reports are admins' only", async () => {
    const post = await schoolPost();
    const noAdmin = { anonymous: 401, member: 403, otherMember: 403, loneMember: 403, editor: 403, helper: 403 };
    expect(await table((a) => moderatePost(t.platform, a, post.id, "hide", "Werbung"))).toEqual({
      ...noAdmin,
      admin: "ok",
    });
    expect(await table((a) => moderatePost(t.platform, a, post.id, "show", "geprüft"))).toEqual({
      ...noAdmin,
      admin: "ok",
    });
    expect(await table((a) => getModerationQueue(t.platform, a))).toEqual({ ...noAdmin, admin: "ok" });
    await reportContent(t.platform, actors.anonymous, post.id, { reason: "Spam" });
    const [report] = (await getModerationQueue(t.platform, w.admin)).reports;
    expect(await table((a) => closeReport(t.platform, a, report!.id))).toEqual({ ...noAdmin, admin: "ok" });
    const comment = await addComment(t.platform, w.otherMember, post.id, "Gute Idee!");
    expect(await table((a) => moderateComment(t.platform, a, post.id, comment.id, "hide", "Regelverstoß"))).toEqual({
      ...noAdmin,
      admin: "ok",
    });
    const doomed = await schoolPost();
    expect(await table((a) => moderatePost(t.platform, a, doomed.id, "delete", "Doppelt"))).toEqual({
      ...noAdmin,
      admin: "ok",
    });
  });

  it("comment.add: everybody signed in, on a public post", async () => {
    const post = await schoolPost();
    expect(await table((a) => addComment(t.platform, a, post.id, "Kommentar"))).toEqual({
      anonymous: 401,
      member: "ok",
      otherMember: "ok",
      loneMember: "ok",
      editor: "ok",
      admin: "ok",
      helper: "ok",
    });
    const draft = await schoolPost({ status: "draft" });
    expect(await table((a) => addComment(t.platform, a, draft.id, "Kommentar"))).toMatchObject({
      member: 403,
      otherMember: 404,
      admin: 403,
    });
  });

  it("report.submit: everybody, also without an account", async () => {
    const post = await schoolPost();
    expect(Object.values(await table((a) => reportContent(t.platform, a, post.id, { reason: "Falsch" })))).toEqual(
      Array(7).fill("ok"),
    );
  });
});
