import { formatShortDate } from "../../../platform/i18n/i18n.js";
import { Badge } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { educationAreas } from "../../directory/index.js";
import type { PostView } from "../posts.service.js";

// Small pieces the Austausch's pages share.

export const dayText = (day: string, locale: "de" | "en") => formatShortDate(`${day}T12:00:00Z`, locale);

export const areaLabel = (id: string, locale: "de" | "en") => educationAreas.find((a) => a.id === id)?.[locale] ?? id;

/**
 * The stored, already sanitised HTML of a post or comment. It was made by renderMarkdown
 * when it was written (allow-list, no attributes but href and rel), so it is put in as is.
 */
export function StoredHtml({ html }: { html: string }) {
  // The HTML was made safe when it was written: renderMarkdown in markdown.ts (allow-list, href and rel only).
  return <div class="kern-body exchange-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Kind, and the state where it matters: draft, archived, done, past its date, hidden. */
export function PostBadges({ post }: { post: PostView }) {
  const { t } = usePage();
  return (
    <span class="button-row">
      <Badge kind="info">{t(`exchange.kind.${post.kind}`)}</Badge>
      {post.status !== "published" ? (
        <Badge kind={post.status === "done" ? "success" : "warning"}>{t(`exchange.status.${post.status}`)}</Badge>
      ) : null}
      {post.expired && post.status === "published" ? <Badge kind="warning">{t("exchange.badge.expired")}</Badge> : null}
      {post.open ? <Badge kind="success">{t("exchange.badge.open")}</Badge> : null}
      {post.hidden ? <Badge kind="danger">{t("exchange.badge.hidden")}</Badge> : null}
    </span>
  );
}
