import { formatDate } from "../../../platform/i18n/i18n.js";
import { BarChart } from "../../../platform/views/bar-chart.js";
import { Heading, LinkButton, Table } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { MIN_GROUP, type QuestionResult, type SurveyResults } from "../results.service.js";
import { surveyBase } from "./survey-page.js";

function QuestionBlock({ r, index }: { r: QuestionResult; index: number }) {
  const { t, locale } = usePage();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const q = r.question;
  const id = `frage-${index + 1}`;
  const share = (count: number) => (r.answered ? percent.format(count / r.answered) : "–");
  const categories = r.counts.map((c) =>
    q.kind === "scale" && c.label === "1"
      ? `1 – ${q.low}`
      : q.kind === "scale" && c.label === "5"
        ? `5 – ${q.high}`
        : c.label,
  );
  return (
    <section class="stack survey-result" aria-labelledby={id}>
      <h2 class="kern-heading kern-heading-medium" id={id}>
        {index + 1}. {q.text}
      </h2>
      <p class="kern-body">
        {t("feedback.results.answered", { count: r.answered })}
        {r.mean !== null ? ` · ${t("feedback.results.mean", { mean: number.format(r.mean) })}` : ""}
      </p>
      {q.kind === "text" ? (
        r.texts.length ? (
          <ul class="kern-list survey-texts">
            {r.texts.map((text, i) => (
              <li key={i} class="kern-body">
                {text}
              </li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t("feedback.results.noTexts")}</p>
        )
      ) : (
        <div class="survey-chart">
          <BarChart
            id={`chart-${index + 1}`}
            title={q.text}
            description={t("feedback.results.chartDescription", { count: r.answered })}
            categories={categories}
            series={[{ name: t("feedback.results.count"), values: r.counts.map((c) => c.count) }]}
          />
          <Table
            caption={t("feedback.results.tableCaption", { question: q.text })}
            headers={[
              t(q.kind === "scale" ? "feedback.results.value" : "feedback.results.option"),
              t("feedback.results.count"),
              t("feedback.results.share"),
            ]}
            numeric={[1, 2]}
            rows={r.counts.map((c, i) => [categories[i], c.count, share(c.count)])}
          />
        </div>
      )}
      {r.byWorkshop.length ? (
        <Table
          cards
          caption={t("feedback.results.byWorkshop", { question: q.text })}
          headers={[t("feedback.results.workshop"), t("feedback.results.answers"), t("feedback.results.meanCol")]}
          numeric={[1, 2]}
          rows={r.byWorkshop.map((w) => [
            w.workshop,
            w.answered,
            w.mean === null ? t("feedback.results.tooFew", { min: MIN_GROUP }) : number.format(w.mean),
          ])}
        />
      ) : null}
    </section>
  );
}

/** /verwaltung/fachtage/<id>/umfrage/ergebnisse — charts with their numbers, free texts, export. */
export function ResultsPage({ results }: { results: SurveyResults }) {
  const { t, locale } = usePage();
  const base = surveyBase(results.event.id);
  return (
    <div class="stack">
      <Heading>{t("feedback.results.heading")}</Heading>
      <p class="kern-body kern-body--large">
        <strong>{results.event.title}</strong> · {formatDate(results.event.startsAt, locale)}
      </p>
      <p class="kern-body">
        <a class="kern-link" href={base}>
          {t("feedback.results.back")}
        </a>
      </p>
      <p class="kern-body kern-body--large" role="status">
        {t("feedback.results.total", { count: results.answers })}
      </p>
      {results.answers > 0 ? (
        <>
          <p class="button-row">
            <LinkButton href={`${base}/ergebnisse.csv`}>{t("feedback.results.csv")}</LinkButton>{" "}
            <LinkButton href={`${base}/ergebnisse.xlsx`}>{t("feedback.results.xlsx")}</LinkButton>
          </p>
          {results.questions.map((r, i) => (
            <QuestionBlock key={r.question.id} r={r} index={i} />
          ))}
        </>
      ) : (
        <p class="kern-body">{t("feedback.results.none")}</p>
      )}
    </div>
  );
}
