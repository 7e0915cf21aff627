import type { VNode } from "preact";
import {
  Badge,
  DescriptionList,
  Form,
  Heading,
  LinkButton,
  Pagination,
  Table,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { Facets } from "../listing.service.js";
import type { MapSetting } from "../map-outline.js";
import type { Profile } from "../profile.service.js";
import type { ContactView, OfferView, OrganisationView, SearchResult } from "../view-models.js";
import { carrierTypes, labelOf } from "../vocab.js";
import {
  addressLine,
  areaLabels,
  countText,
  ExternalLink,
  FilterForm,
  type FilterValues,
  filterQuery,
  OrganisationCard,
  safeHref,
  Tags,
  truncate,
  withQuery,
} from "./shared.js";

export function DirectoryPage({
  result,
  values,
  facets,
}: {
  result: SearchResult<OrganisationView>;
  values: FilterValues;
  facets: Facets;
}) {
  const { t } = usePage();
  const query = filterQuery(values);
  return (
    <div class="stack">
      <Heading>{t("directory.list.title")}</Heading>
      <p class="kern-body">{t("directory.list.intro")}</p>
      <FilterForm action="/akteure" values={values} facets={facets} />
      <section class="stack" aria-labelledby="results-heading">
        <h2 class="kern-heading kern-heading-medium" id="results-heading">
          {t("directory.list.results")}
        </h2>
        <p class="kern-body" role="status">
          {t(result.total === 1 ? "directory.list.countOne" : "directory.list.count", { count: result.total })}
        </p>
        <p class="kern-body">
          <a class="kern-link" href={withQuery("/akteure/karte", query)}>
            {t("directory.list.toMap")}
          </a>
        </p>
        {result.items.length > 0 ? (
          <ul class="directory-list">
            {result.items.map((o) => (
              <OrganisationCard key={o.id} o={o} />
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t("directory.list.empty")}</p>
        )}
        <Pagination page={result.page} pageCount={result.pageCount} baseQuery={query} path="/akteure" />
      </section>
      {/* After the results: on a phone the results come first. */}
      <ul class="kern-list kern-list--horizontal directory-links">
        <li>
          <a class="kern-link" href="/angebote">
            {t("directory.list.toOffers")}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/akteure/vorschlagen">
            {t("directory.list.propose")}
          </a>
        </li>
      </ul>
      <section class="stack" aria-labelledby="export-heading">
        <h2 class="kern-heading kern-heading-medium" id="export-heading">
          {t("directory.export.heading")}
        </h2>
        <p class="kern-body">{t("directory.export.intro")}</p>
        <ul class="kern-list kern-list--horizontal directory-links">
          <li>
            <a class="kern-link" href={withQuery("/akteure/export.csv", query)} download>
              {t("directory.export.csv")}
            </a>
          </li>
          <li>
            <a class="kern-link" href={withQuery("/akteure/export.xlsx", query)} download>
              {t("directory.export.xlsx")}
            </a>
          </li>
          <li>
            <a class="kern-link" href={withQuery("/akteure/export.json", query)}>
              {t("directory.export.json")}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}

export interface MapPoint {
  name: string;
  url: string;
  kind: string;
  municipality: string;
  lat: number;
  lon: number;
}

export function MapPage({
  items,
  total,
  values,
  facets,
  map,
}: {
  items: OrganisationView[];
  total: number;
  values: FilterValues;
  facets: Facets;
  map: MapSetting;
}) {
  const { t } = usePage();
  const query = filterQuery(values);
  const points: MapPoint[] = items.flatMap((o) =>
    o.lat !== undefined && o.lon !== undefined
      ? [
          {
            name: o.name,
            url: `/akteure/${o.slug}`,
            kind: o.kindLabel,
            municipality: o.municipality,
            lat: o.lat,
            lon: o.lon,
          },
        ]
      : [],
  );
  return (
    <div class="stack">
      <Heading>{t("directory.map.title")}</Heading>
      <p class="kern-body">{t("directory.map.intro")}</p>
      <p class="kern-body">
        <a class="kern-link" href={withQuery("/akteure", query)}>
          {t("directory.map.toList")}
        </a>
      </p>
      <FilterForm action="/akteure/karte" values={values} facets={facets} showSort={false} />
      <section class="stack" aria-labelledby="map-heading">
        <h2 class="kern-heading kern-heading-medium" id="map-heading">
          {t("directory.map.heading")}
        </h2>
        <p class="kern-body" role="status">
          {countText(t, "directory.map.count", points.length, { total })}
        </p>
        {map.tileUrl ? null : <p class="kern-body kern-body--small">{t("directory.map.noTiles")}</p>}
        {map.schematic ? <p class="kern-body kern-body--small">{t("directory.map.schematic")}</p> : null}
        <div
          id="directory-map"
          class="directory-map"
          hidden
          data-points={JSON.stringify(points)}
          data-tile-url={map.tileUrl ?? ""}
          data-attribution={map.attribution ?? ""}
          data-centre={JSON.stringify(map.centre)}
          data-outline-url={map.outlineUrl}
          data-label={t("directory.map.label")}
          data-profile-label={t("directory.map.openProfile")}
        />
        <Table
          caption={t("directory.map.tableCaption")}
          headers={[
            t("directory.field.name"),
            t("directory.field.kind"),
            t("directory.field.municipality"),
            t("directory.field.address"),
            t("directory.field.position"),
          ]}
          rows={items.map((o) => [
            <a class="kern-link" href={`/akteure/${o.slug}`} key="n">
              {o.name}
            </a>,
            o.kindLabel,
            o.municipality,
            addressLine(o) ?? "–",
            o.lat !== undefined && o.lon !== undefined ? `${o.lat.toFixed(4)}, ${o.lon.toFixed(4)}` : "–",
          ])}
        />
      </section>
    </div>
  );
}

function ContactCard({ c }: { c: ContactView }) {
  const { t } = usePage();
  return (
    <li class="directory-card">
      <p class="kern-body kern-body--bold">{c.name}</p>
      {c.function ? <p class="kern-body">{c.function}</p> : null}
      {c.email ? (
        <p class="kern-body">
          {t("directory.field.email")}:{" "}
          <a class="kern-link" href={`mailto:${c.email}`}>
            {c.email}
          </a>
        </p>
      ) : null}
      {c.phone ? (
        <p class="kern-body">
          {t("directory.field.phone")}: {c.phone}
        </p>
      ) : null}
      {c.publicConsent && c.consentDate ? null : (
        <p class="kern-body kern-body--small">
          <Badge kind="warning">{t("directory.contacts.internal")}</Badge>
        </p>
      )}
    </li>
  );
}

export function OfferSummary({ o, showOrganisation = false }: { o: OfferView; showOrganisation?: boolean }) {
  const { t } = usePage();
  return (
    <li class="directory-card">
      <h3 class="kern-heading kern-heading-small">
        <a class="kern-link" href={`/angebote/${o.id}`}>
          {o.title}
        </a>
      </h3>
      <p class="kern-body kern-body--small directory-card__meta">
        {o.kindLabel}
        {showOrganisation ? ` · ${o.organisationName} · ${o.municipality}` : ""}
        {o.targetGroup ? ` · ${t("directory.offer.for", { group: o.targetGroup })}` : ""}
      </p>
      {o.description ? <p class="kern-body">{truncate(o.description, 200)}</p> : null}
    </li>
  );
}

/** The profile page; `sections` are what other modules contribute to the "directory.profile" slot. */
export function ProfilePage({ profile, sections }: { profile: Profile; sections: VNode[] }) {
  const { t, locale } = usePage();
  const o = profile.organisation;
  const website = safeHref(o.website);
  const address = addressLine(o);
  const mapQuery = new URLSearchParams({ gemeinde: o.municipality });
  const details: [string, preact.ComponentChildren][] = [
    [t("directory.field.kind"), o.kindLabel],
    [t("directory.field.areas"), areaLabels(o.areas, locale).join(", ") || "–"],
    [t("directory.field.municipality"), o.municipality],
  ];
  if (o.carrierType || o.carrierName) {
    details.push([
      t("directory.field.carrier"),
      [o.carrierType ? labelOf(carrierTypes, o.carrierType, locale) : null, o.carrierName].filter(Boolean).join(": "),
    ]);
  }
  if (address) details.push([t("directory.field.address"), address]);
  if (o.lat !== undefined && o.lon !== undefined) {
    details.push([
      t("directory.field.position"),
      <span key="pos">
        <a class="kern-link" href={`${withQuery("/akteure/karte", mapQuery)}#akteur-${o.slug}`}>
          {t("directory.profile.onMap")}
        </a>{" "}
        (<a class="kern-link" href={`geo:${o.lat},${o.lon}`}>{`${o.lat.toFixed(4)}, ${o.lon.toFixed(4)}`}</a>)
      </span>,
    ]);
  }
  if (website)
    details.push([
      t("directory.field.website"),
      <ExternalLink href={website} key="w">
        {o.website}
      </ExternalLink>,
    ]);
  if (o.email) {
    details.push([
      t("directory.field.email"),
      <a class="kern-link" href={`mailto:${o.email}`} key="e">
        {o.email}
      </a>,
    ]);
  }
  if (o.phone) details.push([t("directory.field.phone"), o.phone]);
  if (o.targetGroups.length) details.push([t("directory.field.targetGroups"), o.targetGroups.join(", ")]);
  if (o.themes.length) details.push([t("directory.field.themes"), o.themes.join(", ")]);
  if (o.languages.length) details.push([t("directory.field.languages"), o.languages.join(", ")]);
  if (o.accessibility) details.push([t("directory.field.accessibility"), o.accessibility]);

  return (
    <div class="stack">
      <p class="kern-body kern-body--small">
        <a class="kern-link" href="/akteure">
          {t("directory.profile.back")}
        </a>
      </p>
      <Heading>{o.name}</Heading>
      {o.status !== "published" ? (
        <p class="kern-body">
          <Badge kind="warning">{t(`directory.status.${o.status}`)}</Badge>
        </p>
      ) : null}
      <Tags items={[o.kindLabel, ...areaLabels(o.areas, locale)]} label={t("directory.field.areas")} />
      {o.description ? <p class="kern-body kern-body--large directory-description">{o.description}</p> : null}
      {profile.canKeep ? (
        <nav class="button-row" aria-label={t("directory.profile.keepNav")}>
          <LinkButton href={`/akteure/${o.slug}/bearbeiten`}>{t("directory.profile.edit")}</LinkButton>
          <LinkButton href={`/akteure/${o.slug}/angebote/neu`}>{t("directory.profile.addOffer")}</LinkButton>
          <LinkButton href={`/akteure/${o.slug}/kontakte`}>{t("directory.profile.contacts")}</LinkButton>
          {profile.canLinkMembers ? (
            <LinkButton href={`/verwaltung/akteure/${o.slug}/mitglieder`}>{t("directory.profile.members")}</LinkButton>
          ) : null}
        </nav>
      ) : null}
      <section class="stack" aria-labelledby="details-heading">
        <h2 class="kern-heading kern-heading-large" id="details-heading">
          {t("directory.profile.details")}
        </h2>
        <DescriptionList items={details} />
      </section>
      <section class="stack" aria-labelledby="offers-heading">
        <h2 class="kern-heading kern-heading-large" id="offers-heading">
          {t("directory.profile.offers")}
        </h2>
        {profile.offers.length > 0 ? (
          <ul class="directory-list">
            {profile.offers.map((offer) => (
              <OfferSummary key={offer.id} o={offer} />
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t("directory.profile.noOffers")}</p>
        )}
      </section>
      <section class="stack" aria-labelledby="contacts-heading">
        <h2 class="kern-heading kern-heading-large" id="contacts-heading">
          {t("directory.profile.contactPersons")}
        </h2>
        {profile.contacts.length > 0 ? (
          <ul class="directory-list">
            {profile.contacts.map((c) => (
              <ContactCard key={c.id} c={c} />
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t("directory.profile.noContacts")}</p>
        )}
      </section>
      {sections}
      <p class="kern-body kern-body--small">
        {t("directory.profile.updated", { date: o.updatedAt.slice(0, 10).split("-").reverse().join(".") })}
      </p>
    </div>
  );
}

/** A hidden form used only to pass the CSRF token where a page needs a post button. */
export function PostButton({
  action,
  label,
  name,
  value,
}: {
  action: string;
  label: string;
  name?: string;
  value?: string;
}) {
  return (
    <Form action={action} class="inline-form">
      <button class="kern-btn kern-btn--secondary kern-btn--small" type="submit" name={name} value={value}>
        <span class="kern-label">{label}</span>
      </button>
    </Form>
  );
}
