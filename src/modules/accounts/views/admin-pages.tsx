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
      <div>
        <Badge kind="warning">{t("accounts.users.deactivated")}</Badge>
        <span class="kern-body kern-body--small users-table__note">
          {t("accounts.users.deactivatedSince", { date: formatShortDate(user.deactivatedAt, locale) })}
          {user.deactivationReason ? `: ${user.deactivationReason}` : null}
        </span>
      </div>
    );
  }
  return (
    <Badge kind={user.verified ? "success" : "info"}>
      {user.verified ? t("accounts.users.verified") : t("accounts.users.invited")}
    </Badge>
  );
}

/**
 * The list of accounts. On wide screens a table whose last column holds the controls; on a
 * phone each account becomes a card whose cells name their column (public/accounts.css).
 */
function UserTable({ users }: { users: UserView[] }) {
  const { t } = usePage();
  const roleOptions = roles.map((r) => ({ value: r, label: t(`accounts.role.${r}`) }));
  const columns = {
    name: t("accounts.users.colName"),
    email: t("accounts.users.colEmail"),
    role: t("accounts.users.colRole"),
    status: t("accounts.users.colStatus"),
    actions: t("accounts.users.colActions"),
  };
  const smallButton = (label: string, name: string) => (
    <button class="kern-btn kern-btn--secondary" type="submit">
      <span class="kern-label">{label}</span>
      <span class="kern-sr-only">: {name}</span>
    </button>
  );
  return (
    <div class="kern-table-responsive">
      <table class="kern-table users-table">
        <caption class="kern-title">{t("accounts.users.list", { count: users.length })}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {Object.values(columns).map((h) => (
              <th key={h} scope="col" class="kern-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {users.map((user) => (
            <tr class="kern-table__row" key={user.id}>
              <td class="kern-table__cell" data-label={columns.name}>
                {user.name} {user.isSelf ? t("accounts.users.you") : null}
              </td>
              <td class="kern-table__cell users-table__email" data-label={columns.email}>
                {user.email}
              </td>
              <td class="kern-table__cell" data-label={columns.role}>
                {t(`accounts.role.${user.role}`)}
              </td>
              <td class="kern-table__cell" data-label={columns.status}>
                <AccountStatus user={user} />
              </td>
              <td class="kern-table__cell users-table__actions" data-label={columns.actions}>
                {user.isSelf ? (
                  "–"
                ) : (
                  <div>
                    <Form action={`/verwaltung/benutzer/${user.id}/rolle`} class="users-table__role">
                      <label class="kern-sr-only" for={fieldId(`role-${user.id}`)}>
                        {t("accounts.users.newRole", { name: user.name })}
                      </label>
                      <div class="kern-form-input__select-wrapper">
                        <select class="kern-form-input__select" id={fieldId(`role-${user.id}`)} name="role">
                          {roleOptions.map((o) => (
                            <option key={o.value} value={o.value} selected={o.value === user.role}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      </div>
                      {smallButton(t("accounts.users.changeRole"), user.name)}
                    </Form>
                    <div class="button-row">
                      {user.verified || user.deactivatedAt ? null : (
                        <Form action={`/verwaltung/benutzer/${user.id}/einladung`}>
                          {smallButton(t("accounts.users.resendInvite"), user.name)}
                        </Form>
                      )}
                      {user.deactivatedAt ? (
                        <Form action={`/verwaltung/benutzer/${user.id}/aktivieren`}>
                          {smallButton(t("accounts.users.reactivate"), user.name)}
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
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
      <UserTable users={users} />

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
          hint={t("accounts.users.roleHint")}
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
