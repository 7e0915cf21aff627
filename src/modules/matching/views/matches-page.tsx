import { Badge, Heading } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { MatchView } from "../matching.service.js";
import { KeepButton } from "./keep-button.js";

export interface MatchesPageProps {
  post: { id: string; title: string; kind: string; url: string };
  matches: MatchView[];
  canKeep: boolean;
  kept: boolean;
}

export const matchesTitleKey = (kind: string) =>
  kind === "offer" || kind === "request" ? `matching.page.title.${kind}` : "matching.page.title.other";

/** /austausch/<id>/passend: the open offers or requests that fit one post, with the reasons. */
export function MatchesPage({ post, matches, canKeep, kept }: MatchesPageProps) {
  const { t } = usePage();
  const kind = post.kind === "offer" || post.kind === "request" ? post.kind : "other";
  return (
    <div class="stack">
      <Heading>{t(matchesTitleKey(post.kind), { title: post.title })}</Heading>
      <p class="kern-body">{t(`matching.page.intro.${kind}`)}</p>
      <p class="kern-body">
        <a class="kern-link" href={post.url}>
          {t("matching.page.back")}
        </a>
      </p>
      {canKeep ? <KeepButton type="post" id={post.id} kept={kept} back={`${post.url}/passend`} /> : null}
      {matches.length === 0 ? (
        <p class="kern-body">{t("matching.page.none")}</p>
      ) : (
        <ul class="card-grid">
          {matches.map((m) => (
            <li key={m.id}>
              <article class="stack" aria-labelledby={`m-${m.id}`}>
                <h2 class="kern-heading-small" id={`m-${m.id}`}>
                  <a class="kern-link" href={m.url}>
                    {m.title}
                  </a>
                </h2>
                <p>
                  <Badge kind="info">{t(`matching.kind.${m.kind}`)}</Badge>
                </p>
                {m.organisationName || m.municipality ? (
                  <p class="kern-body kern-body--small">
                    {[m.organisationName, m.municipality].filter(Boolean).join(" · ")}
                  </p>
                ) : null}
                <p class="kern-body">
                  <strong>{t("matching.page.reasons")}:</strong> {m.reasons.join("; ")}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** On the post's page: the three best suggestions of an open offer or request, and "Merken". */
export function PostMatchesSection({ post, matches, canKeep, kept }: MatchesPageProps) {
  const { t } = usePage();
  const open = post.kind === "offer" || post.kind === "request";
  if (!open && !canKeep) return null;
  return (
    <section class="stack" aria-labelledby="passend">
      <Heading level={2} id="passend">
        {open ? t(`matching.section.${post.kind}`) : t("matching.keep.section")}
      </Heading>
      {open ? (
        matches.length === 0 ? (
          <p class="kern-body">{t("matching.page.none")}</p>
        ) : (
          <ul>
            {matches.slice(0, 3).map((m) => (
              <li key={m.id} class="kern-body">
                <a class="kern-link" href={m.url}>
                  {m.title}
                </a>{" "}
                – {m.reasons.join("; ")}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {open && matches.length > 0 ? (
        <p class="kern-body">
          <a class="kern-link" href={`${post.url}/passend`}>
            {t("matching.section.all", { count: matches.length })}
          </a>
        </p>
      ) : null}
      {canKeep ? <KeepButton type="post" id={post.id} kept={kept} back={post.url} /> : null}
    </section>
  );
}
