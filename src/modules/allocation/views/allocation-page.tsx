import type { FormState } from "../../../platform/http/forms.js";
import { formatDateTime, formatTime } from "../../../platform/i18n/i18n.js";
import { BarChart } from "../../../platform/views/bar-chart.js";
import {
  Alert,
  Button,
  ErrorSummary,
  FieldError,
  Form,
  Heading,
  LinkButton,
  Pagination,
  Table,
  TextField,
  useFieldLabel,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { AllocationOverview, UnplacedPair } from "../allocation.service.js";

export const allocationBase = (eventId: string) => `/verwaltung/fachtage/${eventId}/zuteilung`;
export const deskPath = (eventId: string) => `/verwaltung/fachtage/${eventId}/anmeldungen`;

/** Layout of charts beside their tables, and the hand-placement forms on a phone. */
export const allocationStyles = ["/assets/allocation.css?v=2"];

export const RESULTS_PAGE_SIZE = 50;

const percent = (n: number, of: number, locale: "de" | "en") =>
  of === 0
    ? "–"
    : new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(
        n / of,
      );

/** The place field of one unplaced (person, slot) pair: its own id, so the error summary links to it. */
export const placeField = (registrationId: string, slotIndex: number) => `place-${registrationId}-${slotIndex}`;

/** /verwaltung/fachtage/<id>/zuteilung — run, review, place by hand, publish. */
export function AllocationPage({ o, form, page }: { o: AllocationOverview; form: FormState; page: number }) {
  const { t, locale } = usePage();
  const base = allocationBase(o.event.id);
  const slotLabel = (key: string) => {
    const s = o.slots.find((x) => x.key === key);
    return s ? `${formatTime(s.startsAt, locale)}–${formatTime(s.endsAt, locale)}` : key;
  };
  const run = o.run;
  return (
    <div class="stack">
      <Heading>{t("allocation.title", { event: o.event.title })}</Heading>
      <p>
        <a class="kern-link" href={deskPath(o.event.id)}>
          {t("allocation.back")}
        </a>
      </p>
      <ErrorSummary errors={form.errors} />

      <section class="stack" aria-labelledby="stand">
        <h2 class="kern-heading kern-heading-large" id="stand">
          {t("allocation.state.heading")}
        </h2>
        {o.refusal ? <Alert kind="info" title={t(o.refusal)} /> : null}
        {!run ? (
          <p>{t("allocation.state.none", { participants: o.participantsNow })}</p>
        ) : (
          <>
            <p>
              {run.publishedAt
                ? t("allocation.state.published", { at: formatDateTime(run.publishedAt, locale) })
                : t("allocation.state.draft", { at: formatDateTime(run.createdAt, locale) })}
            </p>
            <p class="seed">{t("allocation.seedShown", { seed: run.seed })}</p>
            {run.newSince > 0 ? (
              <Alert kind="warning" title={t("allocation.newSince", { count: run.newSince })} />
            ) : run.changed ? (
              <Alert kind="warning" title={t("allocation.changed")} />
            ) : null}
          </>
        )}
      </section>

      {o.canRun ? (
        <section class="stack" aria-labelledby="berechnen">
          <h2 class="kern-heading kern-heading-large" id="berechnen">
            {t("allocation.run.heading")}
          </h2>
          <p>{t("allocation.run.intro")}</p>
          <Form action={base} class="stack">
            <TextField
              name="seed"
              label={t("allocation.run.seed")}
              hint={t("allocation.run.seedHint")}
              inputMode="numeric"
              value={typeof form.values.seed === "string" ? form.values.seed : undefined}
              error={form.errors.seed}
            />
            <Button>{t("allocation.run.submit")}</Button>
          </Form>
        </section>
      ) : null}

      {run ? <Statistics run={run} slotLabel={slotLabel} /> : null}
      {run ? <Unplaced o={o} run={run} form={form} slotLabel={slotLabel} /> : null}
      {run ? <Results o={o} run={run} page={page} slotLabel={slotLabel} /> : null}

      {run && !run.publishedAt ? (
        <section class="stack" aria-labelledby="veroeffentlichen">
          <h2 class="kern-heading kern-heading-large" id="veroeffentlichen">
            {t("allocation.publish.heading")}
          </h2>
          <p>{t("allocation.publish.intro")}</p>
          <p>
            <LinkButton href={`${base}/veroeffentlichen`} variant="primary">
              {t("allocation.publish.link")}
            </LinkButton>
          </p>
        </section>
      ) : null}
    </div>
  );
}

type Run = NonNullable<AllocationOverview["run"]>;

function Statistics({ run, slotLabel }: { run: Run; slotLabel: (key: string) => string }) {
  const { t, locale } = usePage();
  const s = run.summary;
  const ranks = Object.keys(s.byRank)
    .map(Number)
    .sort((a, b) => a - b);
  const byHand = s.assigned - ranks.reduce((sum, r) => sum + (s.byRank[String(r)] ?? 0), 0);
  const pairs = s.assigned + s.unassigned;
  const rankRows: [string, number][] = [
    ...ranks.map((r): [string, number] => [t("allocation.stats.rank", { rank: r }), s.byRank[String(r)] ?? 0]),
    ...(byHand > 0 ? [[t("allocation.stats.byHand"), byHand] as [string, number]] : []),
    [t("allocation.stats.unplaced"), s.unassigned],
  ];
  return (
    <section class="stack" aria-labelledby="statistik">
      <h2 class="kern-heading kern-heading-large" id="statistik">
        {t("allocation.stats.heading")}
      </h2>
      <p>
        {t("allocation.stats.summary", {
          assigned: s.assigned,
          pairs,
          unassigned: s.unassigned,
          participants: run.participants,
        })}
      </p>
      <div class="chart-with-table">
        <Table
          caption={t("allocation.stats.ranks")}
          headers={[t("allocation.stats.ranks"), t("allocation.stats.count"), t("allocation.stats.share")]}
          numeric={[1, 2]}
          rows={rankRows.map(([label, n]) => [label, String(n), percent(n, pairs, locale)])}
        />
        <figure class="chart">
          <BarChart
            id="chart-ranks"
            title={t("allocation.rankChart.title")}
            description={t("allocation.rankChart.desc")}
            categories={rankRows.map(([label]) => label)}
            series={[{ name: t("allocation.stats.count"), values: rankRows.map(([, n]) => n) }]}
          />
        </figure>
      </div>
      {/* Six columns need the full width: the chart goes below this table, not beside it. */}
      <div class="stack">
        <Table
          cards
          caption={t("allocation.stats.workshops")}
          headers={[
            t("allocation.stats.workshop"),
            t("allocation.stats.slot"),
            t("allocation.stats.places"),
            t("allocation.stats.firstWish"),
            t("allocation.stats.anyWish"),
            t("allocation.stats.placed"),
          ]}
          numeric={[2, 3, 4, 5]}
          rows={run.workshops.map((w) => [
            w.title,
            slotLabel(w.slotKey),
            String(w.places),
            String(w.firstWish),
            String(w.anyWish),
            String(w.placed),
          ])}
        />
        <figure class="chart">
          <BarChart
            id="chart-workshops"
            title={t("allocation.chart.title")}
            description={t("allocation.chart.desc")}
            categories={run.workshops.map((w) => `${slotLabel(w.slotKey)} ${w.title}`)}
            series={[
              { name: t("allocation.stats.places"), values: run.workshops.map((w) => w.places) },
              { name: t("allocation.stats.firstWish"), values: run.workshops.map((w) => w.firstWish) },
              { name: t("allocation.stats.placed"), values: run.workshops.map((w) => w.placed) },
            ]}
          />
        </figure>
      </div>
    </section>
  );
}

function Unplaced({
  o,
  run,
  form,
  slotLabel,
}: {
  o: AllocationOverview;
  run: Run;
  form: FormState;
  slotLabel: (key: string) => string;
}) {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="ohne-platz">
      <h2 class="kern-heading kern-heading-large" id="ohne-platz">
        {t("allocation.unplaced.heading", { count: run.unplaced.length })}
      </h2>
      {run.unplaced.length === 0 ? (
        <p>{t("allocation.unplaced.none")}</p>
      ) : (
        <>
          <p>{t("allocation.unplaced.intro")}</p>
          <ul class="unplaced-list">
            {run.unplaced.map((u) => (
              <li key={`${u.registrationId}/${u.slotKey}`}>
                <PlaceForm o={o} u={u} form={form} slotLabel={slotLabel} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PlaceForm({
  o,
  u,
  form,
  slotLabel,
}: {
  o: AllocationOverview;
  u: UnplacedPair;
  form: FormState;
  slotLabel: (key: string) => string;
}) {
  const { t } = usePage();
  const slotIndex = o.slots.findIndex((s) => s.key === u.slotKey);
  const field = placeField(u.registrationId, slotIndex);
  const id = `f-${field}`;
  const error = form.errors[field];
  const label = t("allocation.unplaced.workshop", { name: u.name, slot: slotLabel(u.slotKey) });
  useFieldLabel(field, label);
  if (u.options.length === 0) {
    return (
      <p>
        <strong>{label}:</strong> {t("allocation.unplaced.noneFree")}
      </p>
    );
  }
  return (
    <Form action={`${allocationBase(o.event.id)}/platz`} class="place-form">
      <input type="hidden" name="registrationId" value={u.registrationId} />
      <input type="hidden" name="slot" value={u.slotKey} />
      <div class={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
        <label class="kern-label" for={id}>
          {label}
        </label>
        <FieldError id={id} error={error} />
        <div class="kern-form-input__select-wrapper">
          <select
            class={`kern-form-input__select${error ? " kern-form-input__select--error" : ""}`}
            id={id}
            name="sessionId"
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            <option value="">{t("allocation.unplaced.choose")}</option>
            {u.options.map((w) => (
              <option key={w.id} value={w.id}>
                {t("allocation.unplaced.free", { title: w.title, free: w.free })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Button variant="secondary">{t("allocation.unplaced.submit")}</Button>
    </Form>
  );
}

function Results({
  o,
  run,
  page,
  slotLabel,
}: {
  o: AllocationOverview;
  run: Run;
  page: number;
  slotLabel: (key: string) => string;
}) {
  const { t } = usePage();
  const pageCount = Math.max(1, Math.ceil(run.results.length / RESULTS_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const shown = run.results.slice((current - 1) * RESULTS_PAGE_SIZE, current * RESULTS_PAGE_SIZE);
  return (
    <section class="stack" aria-labelledby="ergebnis">
      <h2 class="kern-heading kern-heading-large" id="ergebnis">
        {t("allocation.results.heading", { count: run.results.length })}
      </h2>
      <Table
        cards
        captionHidden
        caption={t("allocation.results.heading", { count: run.results.length })}
        headers={[t("allocation.results.name"), ...o.slots.map((s) => slotLabel(s.key))]}
        rows={shown.map((r) => [
          r.name,
          ...o.slots.map((s) => {
            if (!(s.key in r.slots)) return t("allocation.results.noWish");
            const p = r.slots[s.key];
            if (!p) return <strong>{t("allocation.results.noPlace")}</strong>;
            if (p.byHand || p.rank === null) return t("allocation.results.byHand", { title: p.title });
            return t("allocation.results.withRank", { title: p.title, rank: p.rank });
          }),
        ])}
      />
      <Pagination
        page={current}
        pageCount={pageCount}
        baseQuery={new URLSearchParams()}
        path={allocationBase(o.event.id)}
      />
    </section>
  );
}

/** The confirm step before publishing (a page of its own, so a slip of the finger sends no mail). */
export function PublishConfirmPage({ o }: { o: AllocationOverview }) {
  const { t } = usePage();
  const run = o.run;
  return (
    <div class="stack">
      <Heading>{t("allocation.publish.confirmTitle")}</Heading>
      <p>{o.event.title}</p>
      {run && !run.outdated && run.changed ? <Alert kind="warning" title={t("allocation.changed")} /> : null}
      <p>
        {t("allocation.publish.confirmText", {
          participants: run?.results.length ?? 0,
          unassigned: run?.summary.unassigned ?? 0,
        })}
      </p>
      {run?.outdated ? (
        // Publishing would be refused: say why and lead back to the run form instead.
        <>
          <Alert
            kind="danger"
            title={t(run.outdated === 1 ? "allocation.error.outdatedOne" : "allocation.error.outdated", {
              count: run.outdated,
            })}
          />
          <p>
            <LinkButton href={`${allocationBase(o.event.id)}#berechnen`}>
              {t("allocation.publish.recompute")}
            </LinkButton>
          </p>
        </>
      ) : (
        <Form action={`${allocationBase(o.event.id)}/veroeffentlichen`} class="button-row">
          <Button>{t("allocation.publish.submit")}</Button>
          <LinkButton href={allocationBase(o.event.id)} variant="secondary">
            {t("allocation.publish.cancel")}
          </LinkButton>
        </Form>
      )}
    </div>
  );
}
