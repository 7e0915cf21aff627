import type { FormState } from "../../../platform/http/forms.js";
import { formatDate } from "../../../platform/i18n/i18n.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  postedText,
  TextArea,
  useFieldLabel,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { type Question, SCALE, TEXT_MAX } from "../questionnaire.js";
import { fieldName, type OpenSurvey } from "../survey.service.js";

export const answerPath = "/umfrage";

const posted = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

/**
 * Radio buttons in a fieldset, like the platform's RadioGroup, except that the FIRST radio
 * carries the field's id: the error summary's link then puts the focus on it (a fieldset
 * cannot take the focus).
 */
function Radios({
  name,
  legend,
  hint,
  options,
  value,
  error,
  required,
}: {
  name: string;
  legend: string;
  required: boolean;
  hint?: string;
  options: { value: string; label: string }[];
  value: string | undefined;
  error: string | undefined;
}) {
  const { t } = usePage();
  const id = fieldId(name);
  useFieldLabel(name, legend);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset class={`kern-fieldset${error ? " kern-fieldset--error" : ""}`} aria-describedby={described}>
      <legend class="kern-label">
        {legend}
        {required ? null : <span class="kern-label__optional"> – {t("form.optional")}</span>}
      </legend>
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
      <div class="kern-fieldset__body">
        {options.map((o, i) => (
          <div class="kern-form-check" key={o.value}>
            <input
              class="kern-form-check__radio"
              type="radio"
              id={i === 0 ? id : `${id}-${i}`}
              name={name}
              value={o.value}
              checked={o.value === value}
            />
            <label class="kern-label" for={i === 0 ? id : `${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function CheckboxGroup({ q, values, error }: { q: Question; values: string[]; error: string | undefined }) {
  const { t } = usePage();
  const name = fieldName(q);
  const id = fieldId(name);
  useFieldLabel(name, q.text);
  return (
    <fieldset class={`kern-fieldset${error ? " kern-fieldset--error" : ""}`}>
      <legend class="kern-label">
        {q.text}
        {q.required ? null : <span class="kern-label__optional"> – {t("form.optional")}</span>}
      </legend>
      <div class="kern-hint">{t("feedback.answer.multipleHint")}</div>
      {error ? (
        <p class="kern-error" role="alert">
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
      <div class="kern-fieldset__body">
        {q.options.map((option, i) => (
          <Checkbox
            key={option}
            id={i === 0 ? id : `${id}-${i}`}
            name={name}
            value={String(i)}
            label={option}
            checked={values.includes(String(i))}
          />
        ))}
      </div>
    </fieldset>
  );
}

function QuestionField({ q, survey, form }: { q: Question; survey: OpenSurvey; form: FormState }) {
  const { t } = usePage();
  const name = fieldName(q);
  const error = form.errors[name];
  const value = postedText(form.values[name]);
  const legend = q.text;
  switch (q.kind) {
    case "scale":
      return (
        <Radios
          name={name}
          legend={legend}
          required={q.required}
          hint={t("feedback.answer.scaleHint", { low: q.low, high: q.high })}
          options={SCALE.map((n) => ({
            value: String(n),
            label: n === 1 ? `1 – ${q.low}` : n === 5 ? `5 – ${q.high}` : String(n),
          }))}
          value={value}
          error={error}
        />
      );
    case "single":
      return (
        <Radios
          name={name}
          legend={legend}
          required={q.required}
          options={q.options.map((label, i) => ({ value: String(i), label }))}
          value={value}
          error={error}
        />
      );
    case "workshop":
      return (
        <Radios
          name={name}
          legend={legend}
          required={q.required}
          options={survey.workshops.map((w) => ({ value: w.id, label: w.title }))}
          value={value}
          error={error}
        />
      );
    case "multiple":
      return <CheckboxGroup q={q} values={posted(form.values[name])} error={error} />;
    case "text":
      return (
        <TextArea
          name={name}
          label={q.text}
          hint={t("feedback.answer.textHint", { max: TEXT_MAX })}
          rows={4}
          value={value}
          error={error}
          required={q.required}
        />
      );
  }
}

/** /umfrage?t=… — the anonymous answer form; works without JavaScript. */
export function AnswerPage({ survey, token, form }: { survey: OpenSurvey; token: string; form: FormState }) {
  const { t, locale } = usePage();
  const questions = survey.questions.filter((q) => q.kind !== "workshop" || survey.workshops.length > 0);
  return (
    <div class="stack">
      <Heading>{t("feedback.answer.heading")}</Heading>
      <p class="kern-body kern-body--large">
        <strong>{survey.eventTitle}</strong> · {formatDate(survey.eventStartsAt, locale)}
      </p>
      <p class="kern-body">{t("feedback.answer.intro")}</p>
      <ErrorSummary errors={form.errors} />
      <Form action={answerPath} ariaLabel={t("feedback.answer.heading")}>
        <input type="hidden" name="t" value={token} />
        <div class="stack">
          {questions.map((q) => (
            <QuestionField key={q.id} q={q} survey={survey} form={form} />
          ))}
          <div>
            <Button>{t("feedback.answer.submit")}</Button>
          </div>
        </div>
      </Form>
    </div>
  );
}

export function ThanksPage() {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("feedback.thanks.heading")}</Heading>
      <p class="kern-body">{t("feedback.thanks.text")}</p>
    </div>
  );
}
