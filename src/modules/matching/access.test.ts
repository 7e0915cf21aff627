import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { createPost } from "../exchange/posts.service.js";
import { matchingAccess } from "./access.js";
import { addBookmark, bookmarkState, getMerkliste, removeBookmark, setMatchMails } from "./bookmarks.service.js";
import { getMatches } from "./matching.service.js";

// Role × permission: every permission of matching, called through the real service functions
// by nobody, a member, two editors, an admin and a check-in helper. "ok" went through; a number
// is the refusal's status. Everybody signed in keeps their own Merkliste; nobody else's.

let t: TestApp;
let actors: EventActors;
let postId: string;

const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);
const signedIn = { anonymous: 401, member: "ok", otherEditor: "ok", owner: "ok", admin: "ok", helper: "ok" };

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
  const post = await createPost(t.platform, actors.admin, {
    kind: "offer",
    title: "Beamer zu verleihen",
    body: "Text",
    areas: [],
    themes: ["Technik"],
    targetGroups: [],
    status: "published",
  });
  postId = post.id;
});
afterAll(async () => t?.close());

describe("matching permissions", () => {
  it("lists exactly its permissions", () => {
    expect(matchingAccess.permissions).toEqual(["bookmark.keep", "matching.settings"]);
  });

  it("bookmark.keep: keeping, removing and the Merkliste need an account, any role", async () => {
    expect(await table((a) => addBookmark(t.platform, a, "post", postId))).toEqual(signedIn);
    expect(await table((a) => getMerkliste(t.platform, a))).toEqual(signedIn);
    expect(await table((a) => removeBookmark(t.platform, a, "post", postId))).toEqual(signedIn);
  });

  it("each keeps their own: one person's bookmark is not on another's list", async () => {
    await addBookmark(t.platform, actors.member, "post", postId);
    expect((await getMerkliste(t.platform, actors.member)).posts.map((p) => p.id)).toEqual([postId]);
    expect((await getMerkliste(t.platform, actors.admin)).posts).toEqual([]);
    expect(await bookmarkState(t.platform, actors.anonymous, "post", postId)).toEqual({ canKeep: false, kept: false });
  });

  it("matching.settings: the e-mail choice needs an account, and is one's own", async () => {
    expect(await table((a) => setMatchMails(t.platform, a, true))).toEqual(signedIn);
    await setMatchMails(t.platform, actors.member, false);
    expect((await getMerkliste(t.platform, actors.member)).notify).toBe(false);
    expect((await getMerkliste(t.platform, actors.admin)).notify).toBe(true);
  });

  it("suggestions are public: everybody reads them, nobody can keep what is not public", async () => {
    const all = { anonymous: "ok", member: "ok", otherEditor: "ok", owner: "ok", admin: "ok", helper: "ok" };
    expect(await table((a) => getMatches(t.platform, a, postId))).toEqual(all);
    const draft = await createPost(t.platform, actors.admin, {
      kind: "offer",
      title: "Entwurf",
      body: "Text",
      areas: [],
      themes: [],
      targetGroups: [],
      status: "draft",
    });
    const hidden = { anonymous: 404, member: 404, otherEditor: 404, owner: 404, admin: 404, helper: 404 };
    expect(await table((a) => getMatches(t.platform, a, draft.id))).toEqual(hidden);
    expect(await table((a) => addBookmark(t.platform, a, "post", draft.id))).toEqual({ ...hidden, anonymous: 401 });
  });
});
