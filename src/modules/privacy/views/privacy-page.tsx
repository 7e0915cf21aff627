import type { FormState } from "../../../platform/http/forms.js";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  Table,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { PersonOverview } from "../privacy.service.js";

export const privacyPath = "/verwaltung/datenschutz";

function LookupForm({ form }: { form: FormState }) {
  const { t } = usePage();
  return (
    <Form action={privacyPath} ariaLabel={t("dsr.lookup.legend")}>
      <TextField
        name="email"
        type="email"
        label={t("dsr.lookup.email")}
        hint={t("dsr.lookup.emailHint")}
        autocomplete="off"
        required
        value={postedText(form.values.email)}
        error={form.errors.email}
      />
      <Button>{t("dsr.lookup.submit")}</Button>
    </Form>
  );
}

function Found({ person, eraseForm }: { person: PersonOverview; eraseForm: FormState }) {
  const { t } = usePage();
  const rows = person.parts.flatMap((p) =>
    Object.entries(p.counts)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => [t(`dsr.part.${p.part}`), t(`dsr.count.${key}`), String(n)]),
  );
  return (
    <section class="stack" aria-labelledby="gefunden">
      <Heading level={2} id="gefunden">
        {t("dsr.found.title", { email: person.email })}
      </Heading>
      {person.total === 0 ? (
        <p class="kern-body">{t("dsr.found.nothing")}</p>
      ) : (
        <>
          <p class="kern-body">{t(person.hasAccount ? "dsr.found.account" : "dsr.found.noAccount")}</p>
          <Table
            caption={t("dsr.found.caption")}
            headers={[t("dsr.found.col.part"), t("dsr.found.col.what"), t("dsr.found.col.count")]}
            rows={rows}
            numeric={[2]}
            cards
          />
          <p class="kern-body">{t("dsr.anonymousSurvey")}</p>

          <Heading level={3}>{t("dsr.export.title")}</Heading>
          <p class="kern-body">{t("dsr.export.text")}</p>
          <Form action={`${privacyPath}/auskunft`} ariaLabel={t("dsr.export.title")}>
            <input type="hidden" name="email" value={person.email} />
            <Button variant="secondary">{t("dsr.export.submit")}</Button>
          </Form>

          <Heading level={3}>{t("dsr.erase.title")}</Heading>
          <WhatHappens />
          <Form action={`${privacyPath}/loeschen`} ariaLabel={t("dsr.erase.title")}>
            <ErrorSummary errors={eraseForm.errors} />
            <input type="hidden" name="email" value={person.email} />
            <TextArea
              name="reason"
              label={t("dsr.erase.reason")}
              hint={t("dsr.erase.reasonHint")}
              required
              rows={3}
              value={postedText(eraseForm.values.reason)}
              error={eraseForm.errors.reason}
            />
            <Button>{t("dsr.erase.next")}</Button>
          </Form>
        </>
      )}
    </section>
  );
}

/** What an erasure removes and what it keeps, in plain words (decision 0018). */
function WhatHappens() {
  const { t } = usePage();
  return (
    <>
      <p class="kern-body kern-body--bold">{t("dsr.erase.removedTitle")}</p>
      <ul class="kern-list kern-list--bullet">
        <li>{t("dsr.erase.removed.registrations")}</li>
        <li>{t("dsr.erase.removed.account")}</li>
        <li>{t("dsr.erase.removed.personal")}</li>
        <li>{t("dsr.erase.removed.mails")}</li>
      </ul>
      <p class="kern-body kern-body--bold">{t("dsr.erase.keptTitle")}</p>
      <ul class="kern-list kern-list--bullet">
        <li>{t("dsr.erase.kept.figures")}</li>
        <li>{t("dsr.erase.kept.certificates")}</li>
        <li>{t("dsr.erase.kept.posts")}</li>
        <li>{t("dsr.erase.kept.log")}</li>
      </ul>
    </>
  );
}

export function PrivacyPage({
  lookup,
  person,
  eraseForm,
}: {
  lookup: FormState;
  person?: PersonOverview | undefined;
  eraseForm: FormState;
}) {
  const { t } = usePage();
  return (
    <div class="stack">
      <h1 class="kern-heading kern-heading-x-large">{t("dsr.title")}</h1>
      <p class="kern-body">{t("dsr.intro")}</p>
      {person ? null : <ErrorSummary errors={lookup.errors} />}
      <LookupForm form={lookup} />
      {person ? <Found person={person} eraseForm={eraseForm} /> : null}
    </div>
  );
}

/** The second step: the admin sees once more what happens and confirms. */
export function ConfirmErasePage({ email, reason, form }: { email: string; reason: string; form: FormState }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <h1 class="kern-heading kern-heading-x-large">{t("dsr.confirm.title")}</h1>
      <ErrorSummary errors={form.errors} />
      <Alert kind="warning" title={t("dsr.erase.title")}>
        <p class="kern-body">{t("dsr.confirm.text", { email })}</p>
        <p class="kern-body">{t("dsr.confirm.reason", { reason })}</p>
      </Alert>
      <WhatHappens />
      <Form action={`${privacyPath}/loeschen`} ariaLabel={t("dsr.confirm.title")}>
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="reason" value={reason} />
        <input type="hidden" name="confirm" value="ja" />
        <div class="button-row">
          <Button>{t("dsr.confirm.submit")}</Button>
          <a class="kern-link" href={privacyPath}>
            {t("dsr.confirm.cancel")}
          </a>
        </div>
      </Form>
    </div>
  );
}
