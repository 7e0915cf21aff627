import type { FormState } from "../../../platform/http/forms.js";
import { formatDate } from "../../../platform/i18n/i18n.js";
import {
  Alert,
  Button,
  DescriptionList,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { Verified } from "../certificates.service.js";

export const verifyPath = "/bescheinigung/pruefen";

/**
 * /bescheinigung/pruefen — anybody checks a certificate's code (a GET form, so the
 * address with ?code= is also what the PDF prints). A genuine code shows only the name,
 * the Fachtag and the date; anything else says so beside the field.
 */
export function VerifyPage({ form, result }: { form: FormState; result?: Verified | undefined }) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("certificates.verify.title")}</Heading>
      <ErrorSummary errors={form.errors} />
      {result ? (
        <div role="status">
          <Alert kind="success" title={t("certificates.verify.genuine")}>
            <p class="kern-body">{t("certificates.verify.genuineText", { code: result.code })}</p>
            <DescriptionList
              items={[
                [t("certificates.verify.name"), result.name],
                [t("certificates.verify.event"), result.eventTitle],
                [t("certificates.verify.date"), formatDate(result.date, locale)],
              ]}
            />
          </Alert>
        </div>
      ) : null}
      <p class="kern-body">{t("certificates.verify.intro")}</p>
      <Form action={verifyPath} method="get" ariaLabel={t("certificates.verify.title")}>
        <div class="stack">
          <TextField
            name="code"
            label={t("certificates.verify.code")}
            hint={t("certificates.verify.codeHint")}
            required
            autocomplete="off"
            value={postedText(form.values.code)}
            error={form.errors.code}
          />
          <div>
            <Button>{t("certificates.verify.submit")}</Button>
          </div>
        </div>
      </Form>
    </div>
  );
}
