import type { Conn } from "../../../platform/db/database.js";
import { currentMunicipality } from "../../directory/index.js";
import { chunked, joinText, jsonList, type SearchSource, type SourceEntry, strings } from "./source.js";

// The Austausch's posts: only what its public lists show — published or done ("erledigt"),
// never drafts, archived or hidden ones (the same rule as the exchange's public list).
// Expired offers and requests stay findable: they leave only the "open" lists.

const kindLabels: Record<string, string> = {
  idea: "Idee",
  experience: "Erfahrungsbericht",
  practice: "Praxisbeispiel",
  offer: "Angebot",
  request: "Gesuch",
};

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** The sanitised HTML of a post as plain text for the snippet. */
export const plainText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => entities[e] ?? " ")
    .replace(/\s+/g, " ")
    .trim();

export const exchangeSource: SearchSource = {
  name: "exchange",
  types: ["post"],
  async entries(db: Conn, sourceIds) {
    if (sourceIds && sourceIds.length === 0) return [];
    const posts = [];
    for (const chunk of sourceIds ? chunked(sourceIds) : [undefined]) {
      posts.push(
        ...(await db
          .selectFrom("exchange_posts")
          .leftJoin("organisations", (j) =>
            j
              .onRef("organisations.id", "=", "exchange_posts.organisation_id")
              .on("organisations.status", "=", "published"),
          )
          .select([
            "exchange_posts.id",
            "exchange_posts.kind",
            "exchange_posts.title",
            "exchange_posts.body_html",
            "exchange_posts.areas",
            "exchange_posts.themes",
            "exchange_posts.target_groups",
            "exchange_posts.practice",
            "exchange_posts.municipality",
            "exchange_posts.updated_at",
            "exchange_posts.published_at",
            "organisations.name as organisation_name",
          ])
          .where("exchange_posts.hidden", "=", 0)
          .where("exchange_posts.status", "in", ["published", "done"])
          .$if(chunk !== undefined, (q) => q.where("exchange_posts.id", "in", chunk ?? []))
          .execute()),
      );
    }
    return posts.map((p): SourceEntry => {
      const themes = strings(p.themes);
      const municipality = p.municipality ? currentMunicipality(p.municipality) : null;
      const practice = jsonList(`[${p.practice ?? ""}]`)[0];
      return {
        type: "post",
        refId: p.id,
        sourceId: p.id,
        title: p.title,
        body: joinText(
          [joinText([kindLabels[p.kind], p.organisation_name, municipality]), plainText(p.body_html)],
          ". ",
        ),
        keywords: [
          ...themes,
          ...strings(p.target_groups),
          ...(practice && typeof practice === "object" ? Object.values(practice).map(String) : []),
        ],
        url: `/austausch/${p.id}`,
        sortAt: p.published_at ?? p.updated_at,
        facets: [
          ...strings(p.areas).map((a) => ["area", a] as const),
          ...themes.map((t) => ["theme", t] as const),
          ...(municipality ? [["municipality", municipality] as const] : []),
        ],
      };
    });
  },
};
