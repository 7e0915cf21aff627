import type { FormState } from "../../../platform/http/forms.js";
import {
  Alert,
  Button,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";

const str = (form: FormState, name: string) => postedText(form.values[name]);

export function LoginPage({ form, back, notice }: { form: FormState; back?: string; notice?: string }) {
  const { t } = usePage();
  const action = back ? `/anmelden?zurueck=${encodeURIComponent(back)}` : "/anmelden";
  return (
    <div class="stack">
      <Heading>{t("accounts.login.title")}</Heading>
      <p class="kern-body">{t("accounts.login.intro")}</p>
      {notice ? <Alert kind="danger" title={notice} role="alert" /> : null}
      <ErrorSummary errors={form.errors} />
      <Form action={action} class="form-stack" ariaLabel={t("accounts.login.title")}>
        <TextField
          name="email"
          type="email"
          label={t("accounts.login.email")}
          value={str(form, "email")}
          error={form.errors.email}
          autocomplete="username"
          required
        />
        <TextField
          name="password"
          type="password"
          label={t("accounts.login.password")}
          error={form.errors.password}
          autocomplete="current-password"
          required
        />
        <div class="button-row">
          <Button>{t("accounts.login.submit")}</Button>
          <a class="kern-link" href="/passwort-vergessen">
            {t("accounts.login.forgot")}
          </a>
        </div>
      </Form>
      <p class="kern-body kern-body--small">{t("accounts.login.noAccount")}</p>
    </div>
  );
}

export function ForgotPasswordPage({ form }: { form: FormState }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("accounts.forgot.title")}</Heading>
      <p class="kern-body">{t("accounts.forgot.intro")}</p>
      <ErrorSummary errors={form.errors} />
      <Form action="/passwort-vergessen" class="form-stack" ariaLabel={t("accounts.forgot.title")}>
        <TextField
          name="email"
          type="email"
          label={t("accounts.login.email")}
          value={str(form, "email")}
          error={form.errors.email}
          autocomplete="email"
          required
        />
        <Button>{t("accounts.forgot.submit")}</Button>
      </Form>
    </div>
  );
}

export function ResetPasswordPage({ token, form, invalid }: { token: string; form: FormState; invalid?: boolean }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("accounts.reset.title")}</Heading>
      {invalid ? (
        <>
          <Alert kind="danger" title={t("accounts.reset.invalid")} role="alert" />
          <p class="kern-body">
            <a class="kern-link" href="/passwort-vergessen">
              {t("accounts.login.forgot")}
            </a>
          </p>
        </>
      ) : (
        <>
          <p class="kern-body">{t("accounts.reset.intro")}</p>
          <ErrorSummary errors={form.errors} />
          <Form action="/passwort-zuruecksetzen" class="form-stack" ariaLabel={t("accounts.reset.title")}>
            <input type="hidden" name="token" value={token} />
            <TextField
              name="password"
              type="password"
              label={t("accounts.reset.password")}
              hint={t("accounts.password.hint")}
              error={form.errors.password}
              autocomplete="new-password"
              required
            />
            <TextField
              name="confirm"
              type="password"
              label={t("accounts.reset.confirm")}
              error={form.errors.confirm}
              autocomplete="new-password"
              required
            />
            <Button>{t("accounts.reset.submit")}</Button>
          </Form>
        </>
      )}
    </div>
  );
}

export function VerifyFailedPage() {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("accounts.verify.title")}</Heading>
      <Alert kind="danger" title={t("accounts.verify.invalid")} role="alert" />
      <p class="kern-body">
        <a class="kern-link" href="/anmelden">
          {t("accounts.login.title")}
        </a>
      </p>
    </div>
  );
}
