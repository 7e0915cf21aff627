import {
  Button,
  DescriptionList,
  Heading,
  LinkButton,
  Pagination,
  Select,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { OfferView, SearchResult } from "../view-models.js";
import { educationAreas, labelOf, municipalityOptions, offerKinds } from "../vocab.js";
import { OfferSummary, PostButton } from "./directory.js";
import { filterQuery } from "./shared.js";

export interface OfferFilterValues {
  q?: string | undefined;
  art?: string | undefined;
  bereich?: string | undefined;
  gemeinde?: string | undefined;
}

export function OfferListPage({ result, values }: { result: SearchResult<OfferView>; values: OfferFilterValues }) {
  const { t, locale } = usePage();
  const any = t("directory.filter.any");
  return (
    <div class="stack">
      <Heading>{t("directory.offers.title")}</Heading>
      <p class="kern-body">{t("directory.offers.intro")}</p>
      <form method="get" action="/angebote" class="directory-filter" aria-labelledby="filter-heading">
        <h2 class="kern-heading kern-heading-medium" id="filter-heading">
          {t("directory.filter.heading")}
        </h2>
        <TextField
          type="search"
          name="q"
          label={t("directory.filter.q")}
          hint={t("directory.filter.qHint")}
          value={values.q}
        />
        <div class="directory-filter__grid">
          <Select
            name="art"
            label={t("directory.offer.field.kind")}
            options={offerKinds.map((k) => ({ value: k.id, label: k[locale] }))}
            value={values.art}
            placeholder={any}
          />
          <Select
            name="bereich"
            label={t("directory.field.area")}
            options={educationAreas.map((a) => ({ value: a.id, label: a[locale] }))}
            value={values.bereich}
            placeholder={any}
          />
          <Select
            name="gemeinde"
            label={t("directory.field.municipality")}
            options={municipalityOptions()}
            value={values.gemeinde}
            placeholder={any}
          />
        </div>
        <div class="button-row">
          <Button>{t("directory.filter.submit")}</Button>
          <a class="kern-link" href="/angebote">
            {t("directory.filter.reset")}
          </a>
        </div>
      </form>
      <section class="stack" aria-labelledby="results-heading">
        <h2 class="kern-heading kern-heading-medium" id="results-heading">
          {t("directory.list.results")}
        </h2>
        <p class="kern-body" role="status">
          {t(result.total === 1 ? "directory.offers.countOne" : "directory.offers.count", { count: result.total })}
        </p>
        {result.items.length > 0 ? (
          <ul class="directory-list">
            {result.items.map((o) => (
              <OfferSummary key={o.id} o={o} showOrganisation />
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t("directory.offers.empty")}</p>
        )}
        <Pagination page={result.page} pageCount={result.pageCount} baseQuery={filterQuery(values)} path="/angebote" />
      </section>
    </div>
  );
}

const germanDate = (iso: string) => iso.split("-").reverse().join(".");

export function OfferDetailPage({ offer, canKeep }: { offer: OfferView; canKeep: boolean }) {
  const { t, locale } = usePage();
  const items: [string, preact.ComponentChildren][] = [
    [t("directory.offer.field.kind"), offer.kindLabel],
    [
      t("directory.offer.provider"),
      <a class="kern-link" href={`/akteure/${offer.organisationSlug}`} key="o">
        {offer.organisationName}
      </a>,
    ],
    [t("directory.field.municipality"), offer.municipality],
  ];
  if (offer.targetGroup) items.push([t("directory.field.targetGroup"), offer.targetGroup]);
  if (offer.ageFrom !== undefined || offer.ageTo !== undefined) {
    items.push([
      t("directory.offer.age"),
      offer.ageFrom !== undefined && offer.ageTo !== undefined
        ? t("directory.offer.ageRange", { from: offer.ageFrom, to: offer.ageTo })
        : offer.ageFrom !== undefined
          ? t("directory.offer.ageFromOnly", { from: offer.ageFrom })
          : t("directory.offer.ageToOnly", { to: offer.ageTo ?? 0 }),
    ]);
  }
  if (offer.area) items.push([t("directory.field.area"), labelOf(educationAreas, offer.area, locale)]);
  items.push([
    t("directory.offer.when"),
    [
      offer.ongoing
        ? t("directory.offer.ongoing")
        : offer.startsOn
          ? offer.endsOn
            ? `${germanDate(offer.startsOn)} – ${germanDate(offer.endsOn)}`
            : germanDate(offer.startsOn)
          : null,
      offer.schedule,
    ]
      .filter(Boolean)
      .join(", ") || "–",
  ]);
  if (offer.place) items.push([t("directory.offer.field.place"), offer.place]);
  if (offer.cost) items.push([t("directory.offer.field.cost"), offer.cost]);
  if (offer.accessRequirements) items.push([t("directory.offer.field.access"), offer.accessRequirements]);
  if (offer.languages.length) items.push([t("directory.field.languages"), offer.languages.join(", ")]);
  if (offer.contact) items.push([t("directory.offer.field.contact"), offer.contact]);
  return (
    <div class="stack">
      <p class="kern-body kern-body--small">
        <a class="kern-link" href="/angebote">
          {t("directory.offers.back")}
        </a>
      </p>
      <Heading>{offer.title}</Heading>
      {offer.description ? <p class="kern-body kern-body--large directory-description">{offer.description}</p> : null}
      {canKeep ? (
        <div class="button-row">
          <LinkButton href={`/angebote/${offer.id}/bearbeiten`}>{t("directory.offer.edit")}</LinkButton>
          <PostButton action={`/angebote/${offer.id}/loeschen`} label={t("directory.offer.delete")} />
        </div>
      ) : null}
      <h2 class="kern-heading kern-heading-large">{t("directory.offer.details")}</h2>
      <DescriptionList items={items} />
    </div>
  );
}
