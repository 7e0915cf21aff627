import type { FormState } from "../../../platform/http/forms.js";
import { formatDate, formatTime } from "../../../platform/i18n/i18n.js";
import {
  Alert,
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  Heading,
  LinkButton,
  postedText,
  Select,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { type Question, questionKinds } from "../questionnaire.js";
import type { SurveyOverview } from "../survey.service.js";

export const surveyBase = (eventId: string) => `/verwaltung/fachtage/${eventId}/umfrage`;

function QuestionItem({ q, o, index }: { q: Question; o: SurveyOverview; index: number }) {
  const { t } = usePage();
  const base = surveyBase(o.event.id);
  const details =
    q.kind === "scale"
      ? t("feedback.editor.scaleDetails", { low: q.low, high: q.high })
      : q.kind === "workshop"
        ? o.workshops.map((w) => w.title).join(" · ") || t("feedback.editor.noWorkshops")
        : q.options.join(" · ");
  return (
    <li class="stack survey-question">
      <p class="kern-body">
        <strong>{q.text}</strong>
        <br />
        <span class="kern-body kern-body--small">
          {t(`feedback.kind.${q.kind}`)}
          {q.required ? ` · ${t("feedback.editor.required")}` : ""}
          {details ? ` · ${details}` : ""}
        </span>
      </p>
      {o.locked ? null : (
        <div class="button-row">
          {index > 0 ? (
            <Form action={`${base}/fragen/${q.id}/hoch`} class="form-inline">
              <Button variant="tertiary">{t("feedback.editor.up", { n: index + 1 })}</Button>
            </Form>
          ) : null}
          {index < o.questions.length - 1 ? (
            <Form action={`${base}/fragen/${q.id}/runter`} class="form-inline">
              <Button variant="tertiary">{t("feedback.editor.down", { n: index + 1 })}</Button>
            </Form>
          ) : null}
          <a class="kern-link" href={`${base}/fragen/${q.id}`}>
            {t("feedback.editor.edit", { n: index + 1 })}
          </a>
          <Form action={`${base}/fragen/${q.id}/loeschen`} class="form-inline">
            <Button variant="tertiary">{t("feedback.editor.remove", { n: index + 1 })}</Button>
          </Form>
        </div>
      )}
    </li>
  );
}

/** The fields of one question, empty to add one or filled to change it. */
function QuestionForm({
  action,
  form,
  submit,
  question,
}: {
  action: string;
  form: FormState;
  submit: string;
  question?: Question;
}) {
  const { t } = usePage();
  const v = form.values;
  const e = form.errors;
  return (
    <Form action={action} ariaLabel={submit}>
      <div class="stack">
        <Select
          name="kind"
          label={t("feedback.editor.kind")}
          required
          placeholder={t("feedback.editor.choose")}
          options={questionKinds.map((k) => ({ value: k, label: t(`feedback.kind.${k}`) }))}
          value={postedText(v.kind) ?? question?.kind ?? "scale"}
          error={e.kind}
        />
        <TextField
          name="text"
          label={t("feedback.editor.text")}
          required
          autocomplete="off"
          value={postedText(v.text) ?? question?.text ?? ""}
          error={e.text}
        />
        <TextArea
          name="options"
          label={t("feedback.editor.options")}
          hint={t("feedback.editor.optionsHint")}
          rows={4}
          value={postedText(v.options) ?? question?.options.join("\n") ?? ""}
          error={e.options}
        />
        <TextField
          name="low"
          label={t("feedback.editor.low")}
          hint={t("feedback.editor.lowHint")}
          autocomplete="off"
          value={postedText(v.low) ?? question?.low ?? ""}
          error={e.low}
        />
        <TextField
          name="high"
          label={t("feedback.editor.high")}
          autocomplete="off"
          value={postedText(v.high) ?? question?.high ?? ""}
          error={e.high}
        />
        <Checkbox
          name="required"
          label={t("feedback.editor.requiredBox")}
          checked={Object.keys(v).length ? v.required === "on" : (question?.required ?? false)}
        />
        <div>
          <Button variant="secondary">{submit}</Button>
        </div>
      </div>
    </Form>
  );
}

/** /verwaltung/fachtage/<id>/umfrage/fragen/<questionId> — one question changed. */
export function QuestionPage({ o, question, form }: { o: SurveyOverview; question: Question; form: FormState }) {
  const { t } = usePage();
  const base = surveyBase(o.event.id);
  return (
    <div class="stack">
      <Heading>{t("feedback.editor.editHeading")}</Heading>
      <p class="kern-body kern-body--large">
        <strong>{o.event.title}</strong>
      </p>
      <p class="kern-body">
        <a class="kern-link" href={base}>
          {t("feedback.results.back")}
        </a>
      </p>
      <ErrorSummary errors={form.errors} />
      <QuestionForm
        action={`${base}/fragen/${question.id}`}
        form={form}
        question={question}
        submit={t("feedback.editor.save")}
      />
    </div>
  );
}

/** /verwaltung/fachtage/<id>/umfrage — the questionnaire and the sending of the links. */
export function SurveyPage({ o, form }: { o: SurveyOverview; form: FormState }) {
  const { t, locale } = usePage();
  const base = surveyBase(o.event.id);
  // One page, two forms: the sending setting's error stays beside its field, the rest
  // belongs to the new question.
  const { autoSendDays: autoError, ...e } = form.errors;
  const autoErrors: Record<string, string> = autoError ? { autoSendDays: autoError } : {};
  const pending = o.present - o.invited;
  return (
    <div class="stack">
      <Heading>{t("feedback.page.heading")}</Heading>
      <p class="kern-body kern-body--large">
        <strong>{o.event.title}</strong> · {formatDate(o.event.startsAt, locale)}
      </p>
      <p class="kern-body">
        <a class="kern-link" href={`/verwaltung/fachtage/${o.event.id}/anmeldungen`}>
          {t("feedback.page.back")}
        </a>
      </p>
      <p class="kern-body">{t("feedback.page.intro")}</p>
      <p class="kern-body kern-body--large" role="status">
        {t("feedback.page.counts", { present: o.present, invited: o.invited, answers: o.answers })}
      </p>
      <p class="button-row">
        <LinkButton href={`${base}/ergebnisse`} variant="primary">
          {t("feedback.page.results")}
        </LinkButton>
      </p>

      <section class="stack" aria-labelledby="versand">
        <h2 class="kern-heading kern-heading-large" id="versand">
          {t("feedback.page.sendHeading")}
        </h2>
        {!o.over ? <Alert kind="info" title={t("feedback.page.notOver")} /> : null}
        {o.present === 0 ? <p class="kern-body">{t("feedback.page.nobodyPresent")}</p> : null}
        {o.present > 0 && pending === 0 ? <p class="kern-body">{t("feedback.page.allSent")}</p> : null}
        {o.over && pending > 0 ? (
          <>
            <p class="kern-body">{t("feedback.page.sendHint", { count: pending })}</p>
            <Form action={`${base}/senden`}>
              <Button>{t("feedback.page.send")}</Button>
            </Form>
          </>
        ) : null}
        <p class="kern-body">
          {o.autoSendAt
            ? t("feedback.page.autoSendAt", {
                date: formatDate(o.autoSendAt, locale),
                time: formatTime(o.autoSendAt, locale),
              })
            : t("feedback.page.autoSendOff")}
        </p>
        <ErrorSummary errors={autoErrors} />
        <Form action={`${base}/automatisch`} ariaLabel={t("feedback.page.autoSave")}>
          <div class="stack">
            <TextField
              type="number"
              name="autoSendDays"
              label={t("feedback.page.autoSendDays")}
              hint={t("feedback.page.autoSendDaysHint")}
              required
              min={0}
              max={60}
              step={1}
              inputMode="numeric"
              value={postedText(form.values.autoSendDays) ?? String(o.autoSendDays)}
              error={autoError}
            />
            <div>
              <Button variant="secondary">{t("feedback.page.autoSave")}</Button>
            </div>
          </div>
        </Form>
      </section>

      <section class="stack" aria-labelledby="fragebogen">
        <h2 class="kern-heading kern-heading-large" id="fragebogen">
          {t("feedback.editor.heading")}
        </h2>
        {o.locked ? (
          <Alert kind="info" title={t("feedback.editor.locked")} />
        ) : (
          <p class="kern-body">{t(o.isDefault ? "feedback.editor.isDefault" : "feedback.editor.changed")}</p>
        )}
        <ol class="kern-list stack survey-questions">
          {o.questions.map((q, i) => (
            <QuestionItem key={q.id} q={q} o={o} index={i} />
          ))}
        </ol>
        {o.locked || o.isDefault ? null : (
          <Form action={`${base}/standard`}>
            <Button variant="secondary">{t("feedback.editor.reset")}</Button>
          </Form>
        )}
      </section>

      {o.locked ? null : (
        <section class="stack" aria-labelledby="neue-frage">
          <h2 class="kern-heading kern-heading-large" id="neue-frage">
            {t("feedback.editor.addHeading")}
          </h2>
          <ErrorSummary errors={e} />
          <QuestionForm action={`${base}/fragen`} form={form} submit={t("feedback.editor.add")} />
        </section>
      )}
    </div>
  );
}
