import { Badge, Button, Form, Heading, Pagination, Select, TextField } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { educationAreas } from "../../directory/index.js";
import { type SearchTypeId, searchTypes, typeSlugs } from "../schema.js";
import type { FacetCount, SearchOutcome } from "../search.service.js";
import type { SearchFacet } from "../tables.js";

// The page /suche: the form (words and filters, a plain GET form), the counts per type as
// links, the ranked results with their type, a snippet with the matches marked, pages.

export const searchStyles = ["/assets/search.css?v=1"];

export interface SearchPageValues {
  q?: string | undefined;
  type?: SearchTypeId | undefined;
  area?: string | undefined;
  theme?: string | undefined;
  municipality?: string | undefined;
}

/** The page's address for these values (German parameter names, empty ones left out). */
export function searchQuery(v: SearchPageValues): URLSearchParams {
  const q = new URLSearchParams();
  if (v.q) q.set("q", v.q);
  if (v.type) q.set("typ", typeSlugs[v.type]);
  if (v.area) q.set("bereich", v.area);
  if (v.theme) q.set("thema", v.theme);
  if (v.municipality) q.set("gemeinde", v.municipality);
  return q;
}

const href = (v: SearchPageValues) => {
  const q = searchQuery(v).toString();
  return q ? `/suche?${q}` : "/suche";
};

/** Most themes of a large result list are rare: the select offers the frequent ones (and the chosen one). */
const MAX_OPTIONS = 40;

function FacetSelect({
  name,
  label,
  counts,
  value,
  labelOf,
}: {
  name: string;
  label: string;
  counts: FacetCount[];
  value: string | undefined;
  labelOf: (value: string) => string;
}) {
  const { t } = usePage();
  const shown = counts.slice(0, MAX_OPTIONS);
  if (value !== undefined && !shown.some((c) => c.value === value)) shown.unshift({ value, count: 0 });
  return (
    <Select
      name={name}
      label={label}
      value={value ?? ""}
      placeholder={t("search.any")}
      options={shown.map((c) => ({
        value: c.value,
        label: t("search.withCount", { label: labelOf(c.value), count: c.count }),
      }))}
    />
  );
}

export function SearchPage({ values, outcome }: { values: SearchPageValues; outcome: SearchOutcome }) {
  const { t, locale } = usePage();
  const areaLabel = (id: string) => educationAreas.find((a) => a.id === id)?.[locale] ?? id;
  const same = (x: string) => x;
  const labels: Record<SearchFacet, (v: string) => string> = { area: areaLabel, theme: same, municipality: same };
  const totalAll = Object.values(outcome.types).reduce((a, b) => a + b, 0);
  const countText =
    outcome.total === 0
      ? t("search.count.none")
      : outcome.total === 1
        ? t("search.count.one")
        : t("search.count.many", { count: outcome.total.toLocaleString(locale === "de" ? "de-DE" : "en-GB") });
  const filtered = values.area !== undefined || values.theme !== undefined || values.municipality !== undefined;
  return (
    <>
      <Heading>{t("search.title")}</Heading>
      <p class="kern-body">{t("search.intro")}</p>
      <Form action="/suche" method="get" class="search-form" ariaLabel={t("search.title")}>
        <div class="search-form__words">
          <TextField
            name="q"
            type="search"
            label={t("search.field.q")}
            hint={t("search.field.qHint")}
            required
            value={values.q}
          />
          <Button>{t("search.submit")}</Button>
        </div>
        {values.type ? <input type="hidden" name="typ" value={typeSlugs[values.type]} /> : null}
        {outcome.searched ? (
          <fieldset class="kern-fieldset search-form__filters">
            <legend class="kern-label">{t("search.filters")}</legend>
            <div class="search-form__grid">
              {(
                [
                  ["bereich", "search.field.area", "area", values.area],
                  ["thema", "search.field.theme", "theme", values.theme],
                  ["gemeinde", "search.field.municipality", "municipality", values.municipality],
                ] as const
              ).map(([name, label, facet, value]) => (
                <FacetSelect
                  key={name}
                  name={name}
                  label={t(label)}
                  counts={outcome.facets[facet]}
                  value={value}
                  labelOf={labels[facet]}
                />
              ))}
            </div>
            <div class="search-form__actions">
              <Button variant="secondary">{t("search.submit")}</Button>
              {filtered ? (
                <a class="kern-link" href={href({ q: values.q, type: values.type })}>
                  {t("search.reset")}
                </a>
              ) : null}
            </div>
          </fieldset>
        ) : null}
      </Form>
      {outcome.searched ? (
        <section aria-labelledby="search-results-heading" class="search-results">
          <h2 class="kern-heading kern-heading-medium" id="search-results-heading">
            {t("search.results")}
          </h2>
          <nav aria-label={t("search.types")}>
            <ul class="search-types">
              <li>
                <a
                  class="kern-link"
                  href={href({ ...values, type: undefined })}
                  aria-current={values.type === undefined ? "page" : undefined}
                >
                  {t("search.withCount", { label: t("search.type.all"), count: totalAll })}
                </a>
              </li>
              {searchTypes.map((type) => (
                <li key={type}>
                  <a
                    class="kern-link"
                    href={href({ ...values, type })}
                    aria-current={values.type === type ? "page" : undefined}
                  >
                    {t("search.withCount", { label: t(`search.types.${type}`), count: outcome.types[type] })}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <p class="kern-body" role="status">
            {countText}
          </p>
          {outcome.total === 0 ? (
            <p class="kern-body">
              {t("search.none")}{" "}
              <a class="kern-link" href="/akteure">
                {t("search.directoryLink")}
              </a>
            </p>
          ) : (
            <ol class="search-list">
              {outcome.hits.map((hit) => (
                <li class="search-hit" key={`${hit.type}:${hit.id}`}>
                  <Badge kind={hit.type === "event" ? "success" : hit.type === "post" ? "warning" : "info"}>
                    {t(`search.type.${hit.type}`)}
                  </Badge>
                  <h3 class="kern-heading kern-heading-small search-hit__title">
                    <a class="kern-link" href={hit.url}>
                      {hit.title}
                    </a>
                  </h3>
                  {hit.snippet.length > 0 ? (
                    <p class="kern-body search-hit__snippet">
                      {hit.snippet.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          <Pagination page={outcome.page} pageCount={outcome.pageCount} baseQuery={searchQuery(values)} path="/suche" />
        </section>
      ) : (
        <p class="kern-body">{t("search.start")}</p>
      )}
    </>
  );
}

export function IndexAdminPage({ count }: { count: number }) {
  const { t, locale } = usePage();
  return (
    <>
      <Heading>{t("search.admin.title")}</Heading>
      <p class="kern-body">{t("search.admin.intro")}</p>
      <p class="kern-body">
        {t("search.admin.count", { count: count.toLocaleString(locale === "de" ? "de-DE" : "en-GB") })}
      </p>
      <Form action="/verwaltung/suche/neu-aufbauen">
        <Button variant="primary" type="submit">
          {t("search.admin.rebuild")}
        </Button>
      </Form>
    </>
  );
}
