import type { ComponentChildren } from "preact";
import { Button, Select, TextField } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { Facets } from "../listing.service.js";
import type { OrganisationView } from "../view-models.js";
import { educationAreas, labelOf } from "../vocab.js";

export interface FilterValues {
  q?: string | undefined;
  art?: string | undefined;
  bereich?: string | undefined;
  zielgruppe?: string | undefined;
  gemeinde?: string | undefined;
  thema?: string | undefined;
  sprache?: string | undefined;
  partnerart?: string | undefined;
  sortierung?: string | undefined;
}

/** The query string of the current filters (without page), for links that keep them. */
export function filterQuery(values: FilterValues & { seite?: number }): URLSearchParams {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value && key !== "seite") q.set(key, String(value));
  return q;
}

export const withQuery = (path: string, q: URLSearchParams): string => {
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

/** The GET filter form of the list and the map: works without JavaScript, gives a shareable URL. */
export function FilterForm({
  action,
  values,
  facets,
  showSort = true,
}: {
  action: string;
  values: FilterValues;
  facets: Facets;
  showSort?: boolean;
}) {
  const { t } = usePage();
  const any = t("directory.filter.any");
  const words = (list: string[]) => list.map((v) => ({ value: v, label: v }));
  const active = [
    values.art,
    values.bereich,
    values.zielgruppe,
    values.gemeinde,
    values.thema,
    values.sprache,
    values.partnerart,
    showSort ? values.sortierung : undefined,
  ].filter(Boolean).length;
  return (
    <form method="get" action={action} class="directory-filter" aria-labelledby="filter-heading">
      <h2 class="kern-heading kern-heading-medium" id="filter-heading">
        {t("directory.filter.heading")}
      </h2>
      <div class="directory-filter__search">
        <TextField
          type="search"
          name="q"
          label={t("directory.filter.q")}
          hint={t("directory.filter.qHint")}
          value={values.q}
        />
        <Button>{t("directory.filter.submit")}</Button>
      </div>
      {/* Folded away on every screen, so that on a phone the results come right after the
          search field; a <details> opens without JavaScript and by keyboard. */}
      <details class="kern-accordion directory-filter__more">
        <summary class="kern-accordion__header">
          <span class="kern-title">
            {active > 0 ? t("directory.filter.toggleActive", { count: active }) : t("directory.filter.toggle")}
          </span>
        </summary>
        <div class="kern-accordion__body directory-filter__grid">
          <Select
            name="art"
            label={t("directory.field.kind")}
            options={facets.kinds.map((k) => ({ value: k.id, label: k.label }))}
            value={values.art}
            placeholder={any}
          />
          <Select
            name="bereich"
            label={t("directory.field.area")}
            options={facets.areas.map((a) => ({ value: a.id, label: a.label }))}
            value={values.bereich}
            placeholder={any}
          />
          <Select
            name="zielgruppe"
            label={t("directory.field.targetGroup")}
            options={words(facets.targetGroups)}
            value={values.zielgruppe}
            placeholder={any}
          />
          <Select
            name="gemeinde"
            label={t("directory.field.municipality")}
            options={facets.municipalities}
            value={values.gemeinde}
            placeholder={any}
          />
          <Select
            name="thema"
            label={t("directory.field.theme")}
            options={words(facets.themes)}
            value={values.thema}
            placeholder={any}
          />
          <Select
            name="sprache"
            label={t("directory.field.language")}
            options={words(facets.languages)}
            value={values.sprache}
            placeholder={any}
          />
          <Select
            name="partnerart"
            label={t("directory.filter.partnerKind")}
            hint={t("directory.filter.partnerKindHint")}
            options={facets.kinds.map((k) => ({ value: k.id, label: k.label }))}
            value={values.partnerart}
            placeholder={any}
          />
          {showSort ? (
            <Select
              name="sortierung"
              label={t("directory.filter.sort")}
              options={[
                { value: "relevanz", label: t("directory.filter.sortRelevance") },
                { value: "name", label: t("directory.filter.sortName") },
              ]}
              value={values.sortierung}
              placeholder={t("directory.filter.sortAuto")}
            />
          ) : null}
          {/* Below the filters too, so that nobody scrolls back up to apply them. */}
          <div class="button-row directory-filter__actions">
            <Button>{t("directory.filter.apply")}</Button>
            <a class="kern-link" href={action}>
              {t("directory.filter.reset")}
            </a>
          </div>
        </div>
      </details>
    </form>
  );
}

export function Tags({ items, label }: { items: readonly string[]; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul class="directory-tags" aria-label={label}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function areaLabels(areas: readonly string[], locale: "de" | "en"): string[] {
  return areas.map((a) => labelOf(educationAreas, a, locale));
}

export function addressLine(o: Pick<OrganisationView, "street" | "postalCode" | "city">): string | undefined {
  const place = [o.postalCode, o.city].filter(Boolean).join(" ");
  const line = [o.street, place].filter(Boolean).join(", ");
  return line || undefined;
}

/** One organisation in a result list: name (link), kind, municipality, areas. */
export function OrganisationCard({ o, headingLevel = 3 }: { o: OrganisationView; headingLevel?: 2 | 3 }) {
  const { t, locale } = usePage();
  const H = `h${headingLevel}` as "h2" | "h3";
  return (
    <li class="directory-card" id={`akteur-${o.slug}`}>
      <H class="kern-heading kern-heading-small">
        <a class="kern-link" href={`/akteure/${o.slug}`}>
          {o.name}
        </a>
      </H>
      <p class="kern-body kern-body--small directory-card__meta">
        {o.kindLabel} · {o.municipality}
      </p>
      <Tags items={areaLabels(o.areas, locale)} label={t("directory.field.areas")} />
      {o.description ? <p class="kern-body directory-card__text">{truncate(o.description, 220)}</p> : null}
    </li>
  );
}

export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")} …`;

export function ExternalLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a class="kern-link" href={href} rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** Only http(s) links are rendered as links (no javascript: URLs from user input). */
export const safeHref = (url: string | undefined): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined;

/** A counted text in its singular or plural form: `<key>.one` for exactly one, else `<key>.other`. */
export const countText = (
  t: (key: string, params?: Record<string, string | number>) => string,
  key: string,
  count: number,
  params: Record<string, string | number> = {},
): string => t(`${key}.${count === 1 ? "one" : "other"}`, { count, ...params });
