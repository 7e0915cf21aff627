import { type Role, roles } from "../../../platform/auth/actor.js";
import type { FormState } from "../../../platform/http/forms.js";
import { formatShortDate } from "../../../platform/i18n/i18n.js";
import {
  Alert,
  Badge,
  Button,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  postedText,
  Select,
  Table,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { type NavItem, usePage } from "../../../platform/views/page-context.js";

/** One account in the user list and on the delete confirmation. */
export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** False until the address is confirmed; an invited person confirms it by setting a password. */
  verified: boolean;
  createdAt: string;
  /** When the account was switched off (ISO); null while it is active. */
  deactivatedAt: string | null;
  deactivationReason: string | null;
  /** The admin looking at the list: no role change or deletion offered for oneself. */
  isSelf: boolean;
}

export function DashboardPage({ links, role }: { links: NavItem[]; role: Role }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("accounts.dashboard.title")}</Heading>
      <p class="kern-body">{t("accounts.dashboard.intro", { role: t(`accounts.role.${role}`) })}</p>
      {links.length === 0 ? <p class="kern-body">{t("accounts.dashboard.empty")}</p> : null}
      <ul class="card-grid">
        {links.map((link) => (
          <li key={link.href}>
            <a class="kern-link" href={link.href}>
              {t(link.label)}
            </a>
          </li>
        ))}
        <li>
          <a class="kern-link" href="/konto">
            {t("accounts.dashboard.account")}
          </a>
        </li>
      </ul>
    </div>
  );
}

/** Confirmed, invited or deactivated; a deactivated account shows since when and why. */
function AccountStatus({ user }: { user: UserView }) {
  const { t, locale } = usePage();
  if (user.deactivatedAt) {
    return (
      <>
        <Badge kind="warning">{t("accounts.users.deactivated")}</Badge>
        <br />
        <span class="kern-body kern-body--small">
          {t("accounts.users.deactivatedSince", { date: formatShortDate(user.deactivatedAt, locale) })}
          {user.deactivationReason ? `: ${user.deactivationReason}` : null}
        </span>
      </>
    );
  }
  return (
    <Badge kind={user.verified ? "success" : "info"}>
      {user.verified ? t("accounts.users.verified") : t("accounts.users.invited")}
    </Badge>
  );
}

export function UsersPage({ users, form, problem }: { users: UserView[]; form: FormState; problem?: string }) {
  const { t } = usePage();
  const roleOptions = roles.map((r) => ({ value: r, label: t(`accounts.role.${r}`) }));
  const v = (name: string) => postedText(form.values[name]);
  return (
    <div class="stack">
      <Heading>{t("accounts.users.title")}</Heading>
      <p class="kern-body">{t("accounts.users.intro")}</p>
      {problem ? <Alert kind="danger" title={problem} role="alert" /> : null}
      <Table
        caption={t("accounts.users.list", { count: users.length })}
        headers={[
          t("accounts.users.colName"),
          t("accounts.users.colEmail"),
          t("accounts.users.colRole"),
          t("accounts.users.colStatus"),
          t("accounts.users.colActions"),
        ]}
        rows={users.map((user) => [
          <>
            {user.name} {user.isSelf ? t("accounts.users.you") : null}
          </>,
          user.email,
          t(`accounts.role.${user.role}`),
          <AccountStatus key="s" user={user} />,
          user.isSelf ? (
            "–"
          ) : (
            <div class="button-row" key="a">
              <Form action={`/verwaltung/benutzer/${user.id}/rolle`} class="button-row">
                <label class="kern-sr-only" for={fieldId(`role-${user.id}`)}>
                  {t("accounts.users.newRole", { name: user.name })}
                </label>
                <select class="kern-form-input__select" id={fieldId(`role-${user.id}`)} name="role">
                  {roleOptions.map((o) => (
                    <option key={o.value} value={o.value} selected={o.value === user.role}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <button class="kern-btn kern-btn--secondary kern-btn--small" type="submit">
                  <span class="kern-label">{t("accounts.users.changeRole")}</span>
                  <span class="kern-sr-only">: {user.name}</span>
                </button>
              </Form>
              {user.verified || user.deactivatedAt ? null : (
                <Form action={`/verwaltung/benutzer/${user.id}/einladung`} class="button-row">
                  <button class="kern-btn kern-btn--secondary kern-btn--small" type="submit">
                    <span class="kern-label">{t("accounts.users.resendInvite")}</span>
                    <span class="kern-sr-only">: {user.name}</span>
                  </button>
                </Form>
              )}
              {user.deactivatedAt ? (
                <Form action={`/verwaltung/benutzer/${user.id}/aktivieren`} class="button-row">
                  <button class="kern-btn kern-btn--secondary kern-btn--small" type="submit">
                    <span class="kern-label">{t("accounts.users.reactivate")}</span>
                    <span class="kern-sr-only">: {user.name}</span>
                  </button>
                </Form>
              ) : (
                <a class="kern-link" href={`/verwaltung/benutzer/${user.id}/deaktivieren`}>
                  {t("accounts.users.deactivate")}
                  <span class="kern-sr-only">: {user.name}</span>
                </a>
              )}
              <a class="kern-link" href={`/verwaltung/benutzer/${user.id}/loeschen`}>
                {t("accounts.users.delete")}
                <span class="kern-sr-only">: {user.name}</span>
              </a>
            </div>
          ),
        ])}
      />

      <Heading level={2} id="neu">
        {t("accounts.users.create")}
      </Heading>
      <ErrorSummary errors={form.errors} />
      <Form action="/verwaltung/benutzer#neu" class="form-stack" ariaLabel={t("accounts.users.create")}>
        <TextField
          name="name"
          label={t("accounts.users.name")}
          value={v("name")}
          error={form.errors.name}
          autocomplete="off"
          required
        />
        <TextField
          name="email"
          type="email"
          label={t("accounts.users.email")}
          value={v("email")}
          error={form.errors.email}
          autocomplete="off"
          required
        />
        <Select
          name="role"
          label={t("accounts.users.role")}
          options={roleOptions}
          value={v("role") ?? "member"}
          placeholder={t("accounts.users.chooseRole")}
          error={form.errors.role}
          required
        />
        <Button>{t("accounts.users.createSubmit")}</Button>
      </Form>
    </div>
  );
}

export function DeleteUserPage({ user }: { user: UserView }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("accounts.users.deleteTitle", { name: user.name })}</Heading>
      <p class="kern-body">{t("accounts.users.deleteText", { name: user.name, email: user.email })}</p>
      <Form action={`/verwaltung/benutzer/${user.id}/loeschen`} class="button-row">
        <Button>{t("accounts.users.deleteConfirm")}</Button>
        <a class="kern-link" href="/verwaltung/benutzer">
          {t("form.cancel")}
        </a>
      </Form>
    </div>
  );
}

/** Asks before switching an account off, with an optional note why. */
export function DeactivateUserPage({ user, form }: { user: UserView; form: FormState }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("accounts.users.deactivateTitle", { name: user.name })}</Heading>
      <p class="kern-body">{t("accounts.users.deactivateText", { name: user.name, email: user.email })}</p>
      <ErrorSummary errors={form.errors} />
      <Form
        action={`/verwaltung/benutzer/${user.id}/deaktivieren`}
        class="form-stack"
        ariaLabel={t("accounts.users.deactivateTitle", { name: user.name })}
      >
        <TextArea
          name="reason"
          label={t("accounts.users.deactivateReason")}
          hint={t("accounts.users.deactivateReasonHint")}
          value={postedText(form.values.reason)}
          error={form.errors.reason}
          rows={3}
        />
        <div class="button-row">
          <Button>{t("accounts.users.deactivateConfirm")}</Button>
          <a class="kern-link" href="/verwaltung/benutzer">
            {t("form.cancel")}
          </a>
        </div>
      </Form>
    </div>
  );
}
