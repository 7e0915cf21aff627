import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testDatabase } from "../../../tests/helpers/test-app.js";
import { moderatePost } from "../exchange/moderation.service.js";
import { createPost, updatePost } from "../exchange/posts.service.js";
import { makeWorld, postInput, type World } from "../exchange/test-fixtures.js";
import { search } from "./search.service.js";

// Posts of the Austausch in the site search: found once published, gone when hidden,
// archived or deleted — through the exchange's own services and its exchange.postChanged hook.

let t: TestApp;
let w: World;

const posts = async (q: string) =>
  (await search(t.platform, { q, type: "post" })).hits.map((h) => ({ title: h.title, url: h.url }));

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  w = await makeWorld(t.platform);
});
afterAll(async () => t?.close());

describe(`posts in the search (${testDatabase})`, () => {
  it("a published practice example is found by its words, a draft is not", async () => {
    const post = await createPost(
      t.platform,
      w.member,
      postInput({
        kind: "practice",
        title: "Sprachförderung für neu zugewanderte Kinder",
        body: "Wir haben eine **Sprachlernklasse** mit Patenschaften verbunden.",
        organisationId: w.school.id,
        municipality: "Celle",
        themes: ["Sprachförderung"],
      }),
    );
    await createPost(
      t.platform,
      w.member,
      postInput({ title: "Entwurf Sprachförderung im Hort", organisationId: w.school.id, status: "draft" }),
    );
    expect(await posts("Sprachfoerderung")).toEqual([{ title: post.title, url: `/austausch/${post.id}` }]);
    expect(await posts("Sprachlernklassen")).toHaveLength(1);
    const res = (await t.app.inject("/api/v1/search?q=Praxisbeispiel&type=post")).json();
    expect(res.results[0]).toMatchObject({ type: "post", id: post.id, title: post.title });
    expect(res.results[0].snippet).toContain("Grundschule Testweg");
  });

  it("hidden, archived or deleted posts leave the search; shown again, they return", async () => {
    const post = await createPost(
      t.platform,
      w.member,
      postInput({ kind: "offer", title: "Turnhalle freitags nachmittags", organisationId: w.school.id }),
    );
    expect(await posts("Turnhalle")).toHaveLength(1);
    await moderatePost(t.platform, w.admin, post.id, "hide", "Bitte prüfen");
    expect(await posts("Turnhalle")).toEqual([]);
    await moderatePost(t.platform, w.admin, post.id, "show", "Geprüft");
    expect(await posts("Turnhalle")).toHaveLength(1);
    await updatePost(t.platform, w.member, post.id, { status: "archived" });
    expect(await posts("Turnhalle")).toEqual([]);
    await updatePost(t.platform, w.member, post.id, { status: "published" });
    await moderatePost(t.platform, w.admin, post.id, "delete", "Doppelt");
    expect(await posts("Turnhalle")).toEqual([]);
  });
});
