import type { VNode } from "preact";
import type { Role } from "../../../platform/auth/actor.js";
import type { FormState } from "../../../platform/http/forms.js";
import { formatDate } from "../../../platform/i18n/i18n.js";
import {
  Alert,
  Badge,
  Button,
  DescriptionList,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  Table,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";

/** One API token in the list on "Mein Konto" (never the token itself: only its hash is stored). */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  active: boolean;
}

/** "Mein Konto": who is signed in, and their API tokens. */
export interface AccountView {
  name: string;
  email: string;
  role: Role;
  tokens: TokenView[];
}

/** A token just created, shown once on the page after the redirect. */
export interface NewTokenView {
  name: string;
  token: string;
}

export function AccountPage({
  account,
  newToken,
  passwordForm,
  tokenForm,
  sections = [],
}: {
  account: AccountView;
  /** What other modules add in the "accounts.page" slot (links to the notifications, the Merkliste). */
  sections?: VNode[];
  newToken?: NewTokenView | undefined;
  passwordForm: FormState;
  tokenForm: FormState;
}) {
  const { tokens } = account;
  const { t, locale } = usePage();
  const errors = { ...passwordForm.errors, ...tokenForm.errors };
  return (
    <div class="stack">
      <Heading>{t("accounts.account.title")}</Heading>
      <ErrorSummary errors={errors} />
      <DescriptionList
        items={[
          [t("accounts.account.name"), account.name],
          [t("accounts.account.email"), account.email],
          [t("accounts.account.role"), t(`accounts.role.${account.role}`)],
        ]}
      />
      {sections}

      <Heading level={2} id="passwort">
        {t("accounts.account.changePassword")}
      </Heading>
      <Form action="/konto/passwort" class="form-stack" ariaLabel={t("accounts.account.changePassword")}>
        <TextField
          name="current"
          type="password"
          label={t("accounts.account.currentPassword")}
          error={passwordForm.errors.current}
          autocomplete="current-password"
          required
        />
        <TextField
          name="password"
          type="password"
          label={t("accounts.account.newPassword")}
          hint={t("accounts.password.hint")}
          error={passwordForm.errors.password}
          autocomplete="new-password"
          required
        />
        <TextField
          name="confirm"
          type="password"
          label={t("accounts.account.confirmPassword")}
          error={passwordForm.errors.confirm}
          autocomplete="new-password"
          required
        />
        <Button variant="secondary">{t("accounts.account.savePassword")}</Button>
      </Form>

      <Heading level={2} id="tokens">
        {t("accounts.tokens.title")}
      </Heading>
      <p class="kern-body">{t("accounts.tokens.intro")}</p>
      {newToken ? (
        <Alert kind="success" title={t("accounts.tokens.created", { name: newToken.name })} role="status">
          <p class="kern-body">{t("accounts.tokens.createdText")}</p>
          <p class="kern-body">
            <span class="kern-sr-only">{t("accounts.tokens.value")}: </span>
            <code class="api-token">{newToken.token}</code>
          </p>
        </Alert>
      ) : null}
      <Form action="/konto/tokens" class="form-stack" ariaLabel={t("accounts.tokens.create")}>
        <TextField
          name="name"
          label={t("accounts.tokens.name")}
          hint={t("accounts.tokens.nameHint")}
          value={postedText(tokenForm.values.name)}
          error={tokenForm.errors.name}
          required
        />
        <Button variant="secondary">{t("accounts.tokens.create")}</Button>
      </Form>
      {tokens.length === 0 ? (
        <p class="kern-body">{t("accounts.tokens.none")}</p>
      ) : (
        <Table
          caption={t("accounts.tokens.list")}
          headers={[
            t("accounts.tokens.colName"),
            t("accounts.tokens.colPrefix"),
            t("accounts.tokens.colCreated"),
            t("accounts.tokens.colUsed"),
            t("accounts.tokens.colStatus"),
            t("accounts.tokens.colAction"),
          ]}
          rows={tokens.map((token) => [
            token.name,
            <code key="p">{token.prefix}…</code>,
            formatDate(token.createdAt, locale),
            token.lastUsedAt ? formatDate(token.lastUsedAt, locale) : t("accounts.tokens.never"),
            <Badge key="s" kind={token.active ? "success" : "warning"}>
              {token.active ? t("accounts.tokens.active") : t("accounts.tokens.revoked")}
            </Badge>,
            token.active ? (
              <Form key="a" action={`/konto/tokens/${token.id}/widerrufen`}>
                <button class="kern-btn kern-btn--tertiary kern-btn--small" type="submit">
                  <span class="kern-label">{t("accounts.tokens.revoke")}</span>
                  <span class="kern-sr-only">: {token.name}</span>
                </button>
              </Form>
            ) : (
              "–"
            ),
          ])}
        />
      )}
    </div>
  );
}
