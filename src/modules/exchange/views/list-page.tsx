import {
  Button,
  Checkbox,
  Form,
  Heading,
  LinkButton,
  Pagination,
  Select,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { educationAreas, municipalityOptions } from "../../directory/index.js";
import { kindSlugs, postKinds } from "../kinds.js";
import type { PostView } from "../posts.service.js";
import { areaLabel, dayText, PostBadges } from "./parts.js";

// /austausch: every published post, newest first, with the filters in the address so a
// list can be shared (?art=angebot&thema=Sprachförderung&gemeinde=Celle&offen=1).

export interface ListFilters {
  art?: string | undefined;
  bereich?: string | undefined;
  thema?: string | undefined;
  gemeinde?: string | undefined;
  q?: string | undefined;
  offen?: boolean | undefined;
}

export function PostCard({ post }: { post: PostView }) {
  const { t, locale } = usePage();
  return (
    <li>
      <article class="stack" aria-labelledby={`p-${post.id}`}>
        <h2 class="kern-heading-small" id={`p-${post.id}`}>
          <a class="kern-link" href={post.url}>
            {post.title}
          </a>
        </h2>
        <PostBadges post={post} />
        <p class="kern-body kern-body--small">
          {[
            post.organisationName ?? t("exchange.byOffice"),
            post.municipality,
            post.validUntil ? t("exchange.validUntilShort", { date: dayText(post.validUntil, locale) }) : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
        {post.themes.length || post.areas.length ? (
          <p class="kern-body kern-body--small">
            {[...post.areas.map((a) => areaLabel(a, locale)), ...post.themes].join(", ")}
          </p>
        ) : null}
      </article>
    </li>
  );
}

export function ListPage({
  items,
  total,
  page,
  pageCount,
  filters,
  query,
  canCreate,
}: {
  items: PostView[];
  total: number;
  page: number;
  pageCount: number;
  filters: ListFilters;
  query: URLSearchParams;
  canCreate: boolean;
}) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("exchange.list.title")}</Heading>
      <p class="kern-body">{t("exchange.list.intro")}</p>
      {canCreate ? (
        <p class="button-row">
          <LinkButton href="/austausch/neu" variant="primary">
            {t("exchange.list.write")}
          </LinkButton>
          <a class="kern-link" href="/austausch/meine">
            {t("exchange.my.title")}
          </a>
        </p>
      ) : null}
      <Form action="/austausch" method="get" class="stack" ariaLabel={t("exchange.filter.label")}>
        <TextField type="search" name="q" label={t("exchange.filter.q")} value={filters.q} />
        <details open={Boolean(filters.art || filters.bereich || filters.thema || filters.gemeinde || filters.offen)}>
          <summary class="kern-body">{t("exchange.filter.more")}</summary>
          <div class="stack">
            <Select
              name="art"
              label={t("exchange.field.kind")}
              value={filters.art}
              placeholder={t("exchange.filter.allKinds")}
              options={postKinds.map((k) => ({ value: kindSlugs[k], label: t(`exchange.kind.${k}`) }))}
            />
            <Select
              name="bereich"
              label={t("exchange.field.areas")}
              value={filters.bereich}
              placeholder={t("exchange.filter.allAreas")}
              options={educationAreas.map((a) => ({ value: a.id, label: a[locale] }))}
            />
            <TextField name="thema" label={t("exchange.filter.theme")} value={filters.thema} />
            <Select
              name="gemeinde"
              label={t("exchange.field.municipality")}
              value={filters.gemeinde}
              placeholder={t("exchange.filter.allMunicipalities")}
              options={municipalityOptions()}
            />
            <Checkbox name="offen" value="1" label={t("exchange.filter.open")} checked={Boolean(filters.offen)} />
          </div>
        </details>
        <p>
          <Button variant="secondary">{t("exchange.filter.submit")}</Button>
        </p>
      </Form>
      <p class="kern-body" role="status">
        {t("exchange.list.count", { count: total })}
      </p>
      {items.length ? (
        <ul class="card-grid">
          {items.map((p) => (
            <PostCard key={p.id} post={p} />
          ))}
        </ul>
      ) : (
        <p class="kern-body">{t("exchange.list.none")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} baseQuery={query} path="/austausch" />
    </div>
  );
}

export function MyPostsPage({ items }: { items: PostView[] }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href="/austausch">
          {t("exchange.back")}
        </a>
      </p>
      <Heading>{t("exchange.my.title")}</Heading>
      <p class="button-row">
        <LinkButton href="/austausch/neu" variant="primary">
          {t("exchange.list.write")}
        </LinkButton>
      </p>
      {items.length ? (
        <ul class="card-grid">
          {items.map((p) => (
            <PostCard key={p.id} post={p} />
          ))}
        </ul>
      ) : (
        <p class="kern-body">{t("exchange.my.none")}</p>
      )}
    </div>
  );
}
