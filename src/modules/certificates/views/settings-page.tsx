import type { FormState } from "../../../platform/http/forms.js";
import { formatDate, formatShortDate, formatTime } from "../../../platform/i18n/i18n.js";
import {
  Alert,
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  postedText,
  Table,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { CertificatesOverview } from "../certificates.service.js";

export const certificatesBase = (eventId: string) => `/verwaltung/fachtage/${eventId}/bescheinigungen`;

function SignatureField({ error }: { error: string | undefined }) {
  const { t } = usePage();
  const id = fieldId("signature");
  return (
    <div class={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
      <label class="kern-label" for={id}>
        {t("certificates.page.signature")}
        <span class="kern-label__optional"> – {t("form.optional")}</span>
      </label>
      <div class="kern-hint" id={`${id}-hint`}>
        {t("certificates.page.signatureHint")}
      </div>
      {error ? (
        <p class="kern-error" id={`${id}-error`} role="alert">
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
      <input
        class="kern-form-input__input"
        type="file"
        id={id}
        name="signature"
        accept="image/png,image/jpeg,.png,.jpg,.jpeg"
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}

/** /verwaltung/fachtage/<id>/bescheinigungen — the organiser's certificates of one Fachtag. */
export function SettingsPage({ o, form }: { o: CertificatesOverview; form: FormState }) {
  const { t, locale } = usePage();
  const base = certificatesBase(o.event.id);
  const v = form.values;
  const e = form.errors;
  const pending = o.present - o.sent;
  return (
    <div class="stack">
      <Heading>{t("certificates.page.heading")}</Heading>
      <p class="kern-body kern-body--large">
        <strong>{o.event.title}</strong> · {formatDate(o.event.startsAt, locale)}
      </p>
      <p class="kern-body">
        <a class="kern-link" href={`/verwaltung/fachtage/${o.event.id}/anmeldungen`}>
          {t("certificates.page.back")}
        </a>
      </p>
      <p class="kern-body">{t("certificates.page.intro")}</p>
      <p class="kern-body kern-body--large" role="status">
        {t("certificates.page.counts", { present: o.present, sent: o.sent })}
      </p>

      <section class="stack" aria-labelledby="versand">
        <h2 class="kern-heading kern-heading-large" id="versand">
          {t("certificates.page.sendHeading")}
        </h2>
        {!o.over ? <Alert kind="info" title={t("certificates.page.notOver")} /> : null}
        {o.present > 0 && pending === 0 ? (
          <p class="kern-body">{t("certificates.page.allSent")}</p>
        ) : (
          <p class="kern-body">
            {!o.autoSendAt
              ? t("certificates.page.autoOff")
              : o.autoSendDue
                ? t("certificates.page.autoDue")
                : t("certificates.page.autoAt", {
                    date: formatDate(o.autoSendAt, locale),
                    time: formatTime(o.autoSendAt, locale),
                  })}
          </p>
        )}
        {o.over && pending > 0 ? (
          <Form action={`${base}/senden`}>
            <Button>{t("certificates.page.send")}</Button>
          </Form>
        ) : null}
        {o.present > 0 ? (
          <p class="kern-body">
            <a class="kern-link" href={`${base}/alle.pdf`} download>
              {t("certificates.page.downloadAll")}
            </a>
            <br />
            <a class="kern-link" href={`${base}/alle.zip`} download>
              {t("certificates.page.downloadZip")}
            </a>
          </p>
        ) : null}
      </section>

      <section class="stack" aria-labelledby="einstellungen">
        <h2 class="kern-heading kern-heading-large" id="einstellungen">
          {t("certificates.page.settingsHeading")}
        </h2>
        <ErrorSummary errors={e} />
        <Form action={base} enctype="multipart/form-data" ariaLabel={t("certificates.page.settingsHeading")}>
          <div class="stack">
            <TextField
              name="signerName"
              label={t("certificates.page.signerName")}
              autocomplete="off"
              value={postedText(v.signerName) ?? o.settings.signerName ?? ""}
              error={e.signerName}
            />
            <TextField
              name="signerFunction"
              label={t("certificates.page.signerFunction")}
              hint={t("certificates.page.signerFunctionHint")}
              autocomplete="off"
              value={postedText(v.signerFunction) ?? o.settings.signerFunction ?? ""}
              error={e.signerFunction}
            />
            <SignatureField error={e.signature} />
            {o.settings.hasSignature ? (
              <Checkbox
                name="removeSignature"
                label={t("certificates.page.removeSignature")}
                hint={t("certificates.page.hasSignature")}
              />
            ) : null}
            <TextField
              type="number"
              name="autoSendDays"
              label={t("certificates.page.autoSendDays")}
              hint={t("certificates.page.autoSendDaysHint")}
              required
              min={0}
              max={60}
              step={1}
              inputMode="numeric"
              value={postedText(v.autoSendDays) ?? String(o.settings.autoSendDays)}
              error={e.autoSendDays}
            />
            <div>
              <Button variant="secondary">{t("certificates.page.save")}</Button>
            </div>
          </div>
        </Form>
      </section>

      <section class="stack" aria-labelledby="anwesende">
        <h2 class="kern-heading kern-heading-large" id="anwesende">
          {t("certificates.page.peopleHeading")}
        </h2>
        {o.people.length ? (
          <Table
            cards
            captionHidden
            caption={t("certificates.page.peopleHeading")}
            headers={[
              t("certificates.page.name"),
              t("certificates.page.organisation"),
              t("certificates.page.code"),
              t("certificates.page.mailed"),
              t("certificates.page.download"),
            ]}
            rows={o.people.map((p) => [
              p.name,
              p.organisation ?? "",
              p.code ? <code>{p.code}</code> : t("certificates.page.notIssued"),
              p.mailedAt
                ? t("certificates.page.mailedAt", { date: formatShortDate(p.mailedAt, locale) })
                : t("certificates.page.notMailed"),
              <a class="kern-link" href={`${base}/${p.registrationId}.pdf`} download key={p.registrationId}>
                {t("certificates.page.downloadOne", { name: p.name })}
              </a>,
            ])}
          />
        ) : (
          <p class="kern-body">{t("certificates.page.none")}</p>
        )}
      </section>
    </div>
  );
}
