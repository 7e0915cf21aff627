import type { FormState } from "../../../platform/http/forms.js";
import {
  Button,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  Select,
  Table,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { EventView } from "../../events/index.js";
import { type PartnerPicker, PartnerPickerField } from "../../network/index.js";
import type { AgreementView } from "../outcomes.service.js";
import { agreementStatuses } from "../schema.js";
import { cooperationState, dueDate, OrganisationLinks } from "./labels.js";

// The organiser's page of a Fachtag's results and agreements, and the agreement's edit form.

export const outcomesBase = (eventId: string) => `/verwaltung/fachtage/${eventId}/ergebnisse`;
// The partner picker's look (search row, spacing) comes from the network's style sheet.
export const outcomesStyles = ["/assets/network.css?v=2"];

function AgreementFields({ form, picker }: { form: FormState; picker: PartnerPicker }) {
  const { t } = usePage();
  const v = form.values;
  const e = form.errors;
  return (
    <>
      <TextField
        name="title"
        label={t("outcomes.field.title")}
        hint={t("outcomes.field.titleHint")}
        required
        value={postedText(v.title)}
        error={e.title}
      />
      <PartnerPickerField
        picker={picker}
        legend={t("outcomes.field.organisations")}
        hint={t("outcomes.field.organisationsHint")}
        error={e.organisationIds}
      />
      <TextField
        name="dueOn"
        type="date"
        label={t("outcomes.field.dueOn")}
        hint={t("outcomes.field.dueOnHint")}
        value={postedText(v.dueOn)}
        error={e.dueOn}
      />
      <Select
        name="status"
        label={t("outcomes.field.status")}
        value={postedText(v.status) ?? "open"}
        error={e.status}
        options={agreementStatuses.map((s) => ({ value: s, label: t(`outcomes.status.${s}`) }))}
      />
    </>
  );
}

export function OutcomesPage({
  event,
  agreements,
  picker,
  resultsForm,
  agreementForm,
}: {
  event: EventView;
  agreements: AgreementView[];
  picker: PartnerPicker;
  resultsForm: FormState;
  agreementForm: FormState;
}) {
  const { t, locale } = usePage();
  const base = outcomesBase(event.id);
  const errors = { ...resultsForm.errors, ...agreementForm.errors };
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href={`/verwaltung/fachtage/${event.id}`}>
          {t("outcomes.page.back")}
        </a>
      </p>
      <Heading>{t("outcomes.page.title", { title: event.title })}</Heading>
      <p class="kern-body">{t("outcomes.page.intro")}</p>
      <p class="kern-body">
        <a class="kern-link" href={event.url}>
          {t("outcomes.page.publicLink")}
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <section class="stack" aria-labelledby="ergebnisse">
        <Heading level={2} id="ergebnisse">
          {t("outcomes.results.heading")}
        </Heading>
        <Form action={base} class="form-stack" ariaLabel={t("outcomes.results.heading")}>
          <TextArea
            name="results"
            rows={8}
            label={t("outcomes.results.field")}
            hint={t("outcomes.results.hint")}
            value={postedText(resultsForm.values.results)}
            error={resultsForm.errors.results}
          />
          <p class="button-row">
            <Button>{t("outcomes.results.save")}</Button>
          </p>
        </Form>
      </section>
      <section class="stack" aria-labelledby="vereinbarungen">
        <Heading level={2} id="vereinbarungen">
          {t("outcomes.agreements.heading")}
        </Heading>
        {agreements.length ? (
          <Table
            caption={t("outcomes.agreements.heading")}
            captionHidden
            cards
            headers={[
              t("outcomes.agreements.col.what"),
              t("outcomes.agreements.col.who"),
              t("outcomes.agreements.col.due"),
              t("outcomes.agreements.col.status"),
              t("outcomes.agreements.col.cooperation"),
              t("outcomes.agreements.col.actions"),
            ]}
            rows={agreements.map((a) => [
              a.title,
              <OrganisationLinks key="o" organisations={a.organisations} />,
              dueDate(a.dueOn, locale) ?? t("outcomes.agreements.noDue"),
              t(`outcomes.status.${a.status}`),
              a.cooperation ? (
                <a key="c" class="kern-link" href={a.cooperation.url}>
                  {cooperationState(t, a)}
                </a>
              ) : (
                cooperationState(t, a)
              ),
              <div key="x" class="button-row">
                <a class="kern-link" href={`${base}/${a.id}`}>
                  {t("outcomes.agreements.edit")}
                  <span class="visually-hidden">: {a.title}</span>
                </a>
                <Form action={`${base}/${a.id}/loeschen`} ariaLabel={`${t("outcomes.agreements.delete")}: ${a.title}`}>
                  <button class="kern-btn kern-btn--tertiary" type="submit">
                    <span class="kern-label">
                      {t("outcomes.agreements.delete")}
                      <span class="visually-hidden">: {a.title}</span>
                    </span>
                  </button>
                </Form>
              </div>,
            ])}
          />
        ) : (
          <p class="kern-body">{t("outcomes.agreements.none")}</p>
        )}
        <Heading level={3} id="neue-vereinbarung">
          {t("outcomes.agreements.addHeading")}
        </Heading>
        <Form action={`${base}/vereinbarungen`} class="form-stack" ariaLabel={t("outcomes.agreements.addHeading")}>
          <AgreementFields form={agreementForm} picker={picker} />
          <p class="button-row">
            <Button>{t("outcomes.agreements.add")}</Button>
          </p>
        </Form>
      </section>
    </div>
  );
}

export const agreementFormValues = (a: AgreementView): FormState["values"] => ({
  title: a.title,
  dueOn: a.dueOn ?? "",
  status: a.status,
});

export function AgreementEditPage({
  event,
  agreement,
  picker,
  form,
}: {
  event: EventView;
  agreement: AgreementView;
  picker: PartnerPicker;
  form: FormState;
}) {
  const { t } = usePage();
  const base = outcomesBase(event.id);
  const locked = agreement.cooperation !== null && agreement.cooperation.confirmed > 0;
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href={base}>
          {t("outcomes.edit.cancel")}
        </a>
      </p>
      <Heading>{t("outcomes.edit.title")}</Heading>
      <p class="kern-body">{event.title}</p>
      {locked ? <p class="kern-body">{t("outcomes.edit.confirmedNote")}</p> : null}
      <ErrorSummary errors={form.errors} />
      <Form action={`${base}/${agreement.id}`} class="form-stack" ariaLabel={t("outcomes.edit.title")}>
        <AgreementFields form={form} picker={picker} />
        <p class="button-row">
          <Button>{t("outcomes.edit.save")}</Button>
        </p>
      </Form>
    </div>
  );
}
