import { formatDate } from "../../platform/i18n/i18n.js";
import { section } from "../../platform/module.js";
import type { Platform } from "../../platform/platform.js";
import { usePage } from "../../platform/views/page-context.js";
import { listUpcomingEvents } from "../events/index.js";
import { listPublishedPosts, postCounts } from "../exchange/index.js";

// What is new, on the start page: the newest practice examples, the open offers and
// requests, and a few figures. Public data only (what /austausch and /fachtage show).

interface Item {
  id: string;
  title: string;
  url: string;
  kind: string;
  publishedAt: string | null;
  createdAt: string;
  organisationName: string | null;
}

interface Model {
  practice: Item[];
  open: Item[];
  figures: { upcoming: number; posts: number; practice: number };
}

function PostList({ items, empty }: { items: Item[]; empty: string }) {
  const { t, locale } = usePage();
  if (!items.length) return <p class="kern-body">{empty}</p>;
  return (
    <ul class="kern-list">
      {items.map((p) => (
        <li key={p.id}>
          <a class="kern-link" href={p.url}>
            {p.title}
          </a>{" "}
          – {t(`notifications.kind.${p.kind}`)}
          {p.organisationName ? `, ${p.organisationName}` : ""},{" "}
          <time dateTime={p.publishedAt ?? p.createdAt}>{formatDate(p.publishedAt ?? p.createdAt, locale)}</time>
        </li>
      ))}
    </ul>
  );
}

function WhatsNew({ model, signedIn }: { model: Model; signedIn: boolean }) {
  const { t } = usePage();
  const figures: [string, number][] = [
    [t("notifications.home.figureUpcoming"), model.figures.upcoming],
    [t("notifications.home.figurePosts"), model.figures.posts],
    [t("notifications.home.figurePractice"), model.figures.practice],
  ];
  return (
    <>
      <section class="stack" aria-labelledby="neue-praxisbeispiele">
        <h2 class="kern-heading kern-heading-large" id="neue-praxisbeispiele">
          {t("notifications.home.practice")}
        </h2>
        <PostList items={model.practice} empty={t("notifications.home.noPractice")} />
        <p class="kern-body">
          <a class="kern-link" href="/austausch?art=praxisbeispiel">
            {t("notifications.home.allPractice")}
          </a>
        </p>
      </section>
      <section class="stack" aria-labelledby="offene-angebote">
        <h2 class="kern-heading kern-heading-large" id="offene-angebote">
          {t("notifications.home.open")}
        </h2>
        <PostList items={model.open} empty={t("notifications.home.noOpen")} />
      </section>
      <section class="stack" aria-labelledby="zahlen">
        <h2 class="kern-heading kern-heading-large" id="zahlen">
          {t("notifications.home.figures")}
        </h2>
        <dl class="card-grid">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt class="kern-body">{label}</dt>
              <dd class="kern-heading kern-heading-medium">{value}</dd>
            </div>
          ))}
        </dl>
        <p class="kern-body">
          {t("notifications.home.subscribe")}{" "}
          {signedIn ? (
            <>
              <a class="kern-link" href="/konto/benachrichtigungen">
                {t("notifications.page.title")}
              </a>
              {" · "}
            </>
          ) : null}
          <a class="kern-link" href="/austausch/feed.xml" type="application/atom+xml">
            {t("notifications.home.feedPosts")}
          </a>
          {" · "}
          <a class="kern-link" href="/fachtage/feed.xml" type="application/atom+xml">
            {t("notifications.home.feedEvents")}
          </a>
        </p>
      </section>
    </>
  );
}

async function homeModel(platform: Platform, now: Date): Promise<Model> {
  const db = platform.db.kysely;
  const [practice, open, counts, upcoming] = await Promise.all([
    listPublishedPosts(db, { kind: "practice", limit: 3 }),
    listPublishedPosts(db, { open: true, limit: 5 }),
    postCounts(db, { from: "2000-01-01T00:00:00.000Z", to: now.toISOString() }),
    listUpcomingEvents(db, now),
  ]);
  const posts = Object.values(counts).reduce((a, b) => a + b, 0);
  return { practice, open, figures: { upcoming: upcoming.length, posts, practice: counts.practice ?? 0 } };
}

export const homeSection = section({
  slot: "site.home",
  order: 10,
  render: async ({ now }, request) => (
    // The subscription page is for the signed-in; everybody may read the feeds.
    <WhatsNew model={await homeModel(request.server.platform, now)} signedIn={request.actor.kind === "user"} />
  ),
});
