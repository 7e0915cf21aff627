import type { FormState } from "../../../platform/http/forms.js";
import {
  Badge,
  Button,
  DescriptionList,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  LinkButton,
  Pagination,
  postedText,
  RadioGroup,
  Select,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { EventChoice, OrganisationChoice, PartnerPicker } from "../choices.service.js";
import { cooperationKinds, cooperationStatuses } from "../constants.js";
import type { CooperationView } from "../cooperation-views.js";
import type { PendingConfirmation } from "../cooperations.service.js";
import { formatDay } from "./labels.js";

function Period({ c }: { c: CooperationView }) {
  const { t, locale } = usePage();
  return (
    <>
      {c.endsOn
        ? t("network.coop.fromTo", { from: formatDay(c.startsOn, locale), to: formatDay(c.endsOn, locale) })
        : t("network.coop.since", { date: formatDay(c.startsOn, locale) })}
    </>
  );
}

function Partners({ c, showState = false }: { c: CooperationView; showState?: boolean }) {
  const { t } = usePage();
  return (
    <ul class="kern-list">
      {c.partners.map((p) => (
        <li key={p.organisationId}>
          {p.slug ? (
            <a class="kern-link" href={`/akteure/${p.slug}`}>
              {p.name ?? p.organisationId}
            </a>
          ) : (
            (p.name ?? p.organisationId)
          )}
          {showState ? (
            <>
              {" "}
              <Badge kind={p.confirmed ? "success" : "warning"}>
                {p.confirmed ? t("network.coop.confirmed") : t("network.coop.pending")}
              </Badge>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const statusKind = (s: string) => (s === "active" ? "success" : s === "ended" ? "info" : "warning");

export function CooperationTable({ items, caption }: { items: CooperationView[]; caption: string }) {
  const { t } = usePage();
  return (
    <div class="kern-table-responsive">
      <table class="kern-table">
        <caption class="kern-title">{caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {["title", "kind", "partners", "period", "status"].map((c) => (
              <th scope="col" class="kern-table__header" key={c}>
                {t(`network.coop.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {items.map((c) => (
            <tr class="kern-table__row" key={c.id}>
              <th scope="row" class="kern-table__cell">
                <a class="kern-link" href={`/kooperationen/${c.id}`}>
                  {c.title}
                </a>
              </th>
              <td class="kern-table__cell">{t(`network.kind.${c.kind}`)}</td>
              <td class="kern-table__cell">{c.partners.map((p) => p.name ?? p.organisationId).join(", ")}</td>
              <td class="kern-table__cell">
                <Period c={c} />
              </td>
              <td class="kern-table__cell">
                <Badge kind={statusKind(c.status)}>{t(`network.status.${c.status}`)}</Badge>
                {c.confirmed ? null : (
                  <>
                    {" "}
                    <Badge kind="warning">{t("network.coop.pending")}</Badge>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CooperationListProps {
  items: CooperationView[];
  total: number;
  page: number;
  pageCount: number;
  filter: { art?: string | undefined; status?: string | undefined; organisation?: string | undefined };
  organisations: OrganisationChoice[];
  canCreate: boolean;
  path: string;
  admin?: boolean;
}

export function CooperationListPage(p: CooperationListProps) {
  const { t } = usePage();
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(p.filter)) if (v) query.set(k, v);
  const all = t("network.graph.all");
  return (
    <div class="stack">
      <Heading>{p.admin ? t("network.coop.adminTitle") : t("network.coop.listTitle")}</Heading>
      <p class="kern-body">{p.admin ? t("network.coop.adminIntro") : t("network.coop.listIntro")}</p>
      {p.canCreate ? (
        <div class="button-row">
          <LinkButton href="/kooperationen/neu" variant="primary">
            {t("network.coop.new")}
          </LinkButton>
        </div>
      ) : null}
      <form method="get" action={p.path} class="filter-form" aria-label={t("network.graph.filters")}>
        <div class="filter-form__fields">
          <Select
            name="art"
            label={t("network.graph.kind")}
            placeholder={all}
            value={p.filter.art}
            options={cooperationKinds.map((k) => ({ value: k, label: t(`network.kind.${k}`) }))}
          />
          <Select
            name="status"
            label={t("network.coop.filter.status")}
            placeholder={all}
            value={p.filter.status}
            options={cooperationStatuses.map((s) => ({ value: s, label: t(`network.status.${s}`) }))}
          />
          <Select
            name="organisation"
            label={t("network.coop.filter.organisation")}
            placeholder={all}
            value={p.filter.organisation}
            options={p.organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        </div>
        <div class="button-row">
          <Button>{t("network.graph.apply")}</Button>
          <a class="kern-link" href={p.path}>
            {t("network.graph.reset")}
          </a>
        </div>
      </form>
      <p class="kern-body" role="status">
        {t("network.coop.count", { count: p.total })}
      </p>
      {p.items.length === 0 ? (
        <p class="kern-body">{t("network.coop.none")}</p>
      ) : (
        <CooperationTable items={p.items} caption={t("network.coop.listTitle")} />
      )}
      <Pagination page={p.page} pageCount={p.pageCount} baseQuery={query} path={p.path} />
    </div>
  );
}

export function CooperationDetailPage({
  c,
  canEdit,
  canEnd,
}: {
  c: CooperationView;
  canEdit: boolean;
  canEnd: boolean;
}) {
  const { t } = usePage();
  const items: [string, preact.ComponentChildren][] = [
    [t("network.coop.field.kind"), t(`network.kind.${c.kind}`)],
    [t("network.coop.col.status"), t(`network.status.${c.status}`)],
    [t("network.coop.period"), <Period key="p" c={c} />],
  ];
  if (c.themes.length) items.push([t("network.coop.themes"), c.themes.join(", ")]);
  if (c.originEvent || c.origin) {
    items.push([
      t("network.coop.origin"),
      <>
        {c.originEvent ? (
          <a class="kern-link" href={c.originEvent.url}>
            {c.originEvent.title}
          </a>
        ) : null}
        {c.originEvent && c.origin ? " – " : null}
        {c.origin}
      </>,
    ]);
  }
  return (
    <div class="stack">
      <Heading>{c.title}</Heading>
      {c.confirmed ? null : <Badge kind="warning">{t("network.coop.notConfirmed")}</Badge>}
      {c.description ? <p class="kern-body">{c.description}</p> : null}
      <DescriptionList items={items} />
      <h2 class="kern-heading kern-heading-large">{t("network.coop.partners")}</h2>
      <Partners c={c} showState={!c.confirmed} />
      {canEdit || canEnd ? (
        <div class="stack">
          {canEdit ? (
            <div class="button-row">
              <LinkButton href={`/kooperationen/${c.id}/bearbeiten`}>{t("network.coop.edit")}</LinkButton>
            </div>
          ) : null}
          {canEnd ? (
            <Form action={`/kooperationen/${c.id}/beenden`} class="stack" ariaLabel={t("network.coop.end")}>
              <p class="kern-body kern-body--small">{t("network.coop.endHint")}</p>
              <Button variant="secondary">{t("network.coop.end")}</Button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href="/kooperationen">
          {t("network.graph.toCooperations")}
        </a>
      </p>
    </div>
  );
}

export interface CooperationFormProps {
  form: FormState;
  action: string;
  title: string;
  partners: PartnerPicker;
  events: EventChoice[];
  /** The actor's record is confirmed for every partner at once (changes the hint). */
  confirmsForAll: boolean;
}

/**
 * The partner picker: the chosen organisations (field `organisationIds`), the actor's own
 * and the matches of a search as checkboxes. Without JavaScript the search button sends
 * the whole form back and the page comes again with the matches, every value typed so far
 * kept; it must be the first button of the form, so Enter in the search field searches
 * instead of saving. Also used for a Fachtag's agreements (outcomes), through index.ts;
 * its look (search row, spacing) comes from /assets/network.css.
 */
export function PartnerPickerField({
  picker,
  legend,
  hint,
  error,
}: {
  picker: PartnerPicker;
  legend: string;
  hint: string;
  error?: string | undefined;
}) {
  const { t } = usePage();
  const id = fieldId("organisationIds");
  const box = (o: OrganisationChoice, checked: boolean, prefix: string) => (
    <div class="kern-form-check" key={`${prefix}-${o.id}`}>
      <input
        class="kern-form-check__checkbox"
        type="checkbox"
        id={`${id}-${prefix}-${o.id}`}
        name="organisationIds"
        value={o.id}
        checked={checked}
      />
      <label class="kern-label" for={`${id}-${prefix}-${o.id}`}>
        {o.municipality ? `${o.name} (${o.municipality})` : o.name}
      </label>
    </div>
  );
  return (
    <fieldset class={`kern-fieldset partner-picker${error ? " kern-fieldset--error" : ""}`} id={id}>
      <legend class="kern-label">{legend}</legend>
      <div class="kern-hint">{hint}</div>
      {error ? (
        <p class="kern-error" role="alert">
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
      <div class="kern-fieldset__body">
        {picker.chosen.length > 0 ? (
          <>
            <p class="kern-body kern-body--bold">{t("network.picker.chosen")}</p>
            {picker.chosen.map((o) => box(o, true, "c"))}
          </>
        ) : (
          <p class="kern-body">{t("network.picker.noneChosen")}</p>
        )}
        {picker.own.length > 0 ? (
          <>
            <p class="kern-body kern-body--bold">{t("network.picker.own")}</p>
            {picker.own.map((o) => box(o, false, "o"))}
          </>
        ) : null}
        <div class="kern-form-input partner-picker__search">
          <label class="kern-label" for="f-suche">
            {t("network.picker.search")}
          </label>
          <div class="kern-hint" id="f-suche-hint">
            {t("network.picker.searchHint")}
          </div>
          <div class="partner-picker__row">
            <input
              class="kern-form-input__input"
              type="search"
              id="f-suche"
              name="suche"
              value={picker.search}
              maxLength={100}
              aria-describedby="f-suche-hint"
            />
            <Button name="aktion" value="suchen" variant="secondary">
              {t("network.picker.searchButton")}
            </Button>
          </div>
        </div>
        {picker.search ? (
          <div aria-live="polite">
            <p class="kern-body kern-body--bold">
              {picker.matches.length === 0
                ? t("network.picker.noMatches", { search: picker.search })
                : t("network.picker.matches", { search: picker.search, count: picker.matches.length })}
            </p>
            {picker.matches.map((o) => box(o, false, "m"))}
            {picker.more ? <p class="kern-body kern-body--small">{t("network.picker.more")}</p> : null}
          </div>
        ) : null}
      </div>
    </fieldset>
  );
}

export function CooperationFormPage({ form, action, title, partners, events, confirmsForAll }: CooperationFormProps) {
  const { t, locale } = usePage();
  const v = form.values;
  const e = form.errors;
  return (
    <div class="stack">
      <Heading>{title}</Heading>
      <ErrorSummary errors={e} />
      <Form action={action} class="form-stack" ariaLabel={title}>
        <TextField name="title" label={t("network.coop.field.title")} value={str(v.title)} error={e.title} required />
        <Select
          name="kind"
          label={t("network.coop.field.kind")}
          required
          placeholder={t("network.coop.field.choose")}
          value={str(v.kind)}
          error={e.kind}
          options={cooperationKinds.map((k) => ({ value: k, label: t(`network.kind.${k}`) }))}
        />
        <PartnerPickerField
          picker={partners}
          legend={t("network.coop.field.organisations")}
          hint={`${t("network.coop.field.organisationsHint")} ${t(
            confirmsForAll ? "network.coop.field.organisationsHintAdmin" : "network.coop.field.organisationsHintMember",
          )}`}
          error={e.organisationIds}
        />
        <TextField
          name="startsOn"
          type="date"
          label={t("network.coop.field.startsOn")}
          value={str(v.startsOn)}
          error={e.startsOn}
          required
        />
        <TextField
          name="endsOn"
          type="date"
          label={t("network.coop.field.endsOn")}
          hint={t("network.coop.field.endsOnHint")}
          value={str(v.endsOn)}
          error={e.endsOn}
        />
        <RadioGroup
          name="status"
          legend={t("network.coop.field.status")}
          required
          value={str(v.status) ?? "active"}
          error={e.status}
          options={cooperationStatuses.map((s) => ({ value: s, label: t(`network.status.${s}`) }))}
        />
        <TextArea
          name="description"
          label={t("network.coop.field.description")}
          value={str(v.description)}
          error={e.description}
        />
        <TextField
          name="themes"
          label={t("network.coop.field.themes")}
          hint={t("network.coop.field.themesHint")}
          value={Array.isArray(v.themes) ? v.themes.join(", ") : str(v.themes)}
          error={e.themes}
        />
        <Select
          name="originEventId"
          label={t("network.coop.field.originEvent")}
          placeholder={t("network.coop.field.noEvent")}
          value={str(v.originEventId)}
          error={e.originEventId}
          options={events.map((ev) => ({
            value: ev.id,
            label: `${ev.title} (${formatDay(ev.startsAt.slice(0, 10), locale)})`,
          }))}
        />
        <TextField
          name="origin"
          label={t("network.coop.field.origin")}
          hint={t("network.coop.field.originHint")}
          value={str(v.origin)}
          error={e.origin}
        />
        <Button>{t("network.coop.save")}</Button>
      </Form>
    </div>
  );
}

const str = postedText;

export function ConfirmPage({ pending }: { pending: PendingConfirmation[] }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("network.coop.confirmTitle")}</Heading>
      <p class="kern-body">{t("network.coop.confirmIntro")}</p>
      {pending.length === 0 ? (
        <p class="kern-body">{t("network.coop.confirmNone")}</p>
      ) : (
        <ul class="card-grid">
          {pending.map((p) => (
            <li key={`${p.cooperation.id}-${p.organisationId}`}>
              <h2 class="kern-heading kern-heading-medium">
                <a class="kern-link" href={`/kooperationen/${p.cooperation.id}`}>
                  {p.cooperation.title}
                </a>
              </h2>
              <p class="kern-body">{t("network.coop.confirmFor", { organisation: p.organisationName })}</p>
              <p class="kern-body">
                {t(`network.kind.${p.cooperation.kind}`)} · <Period c={p.cooperation} />
              </p>
              <Partners c={p.cooperation} showState />
              <Form
                action="/verwaltung/kooperationen/bestaetigen"
                class="button-row"
                ariaLabel={`${p.cooperation.title}: ${p.organisationName}`}
              >
                <input type="hidden" name="cooperationId" value={p.cooperation.id} />
                <input type="hidden" name="organisationId" value={p.organisationId} />
                <Button name="action" value="confirm">
                  {t("network.coop.confirm")}
                </Button>
                <Button name="action" value="decline" variant="secondary">
                  {t("network.coop.decline")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
