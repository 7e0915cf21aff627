import type { FormState } from "../../../platform/http/forms.js";
import { formatDateTime } from "../../../platform/i18n/i18n.js";
import {
  Badge,
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  Heading,
  LinkButton,
  Pagination,
  Select,
  Table,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { ImportPreview } from "../import-csv.js";
import type { ChangeView, ContactView, MemberView, OrganisationView, SearchResult } from "../view-models.js";
import { PostButton } from "./directory.js";
import { text } from "./forms.js";
import { areaLabels, countText } from "./shared.js";

export function AdminListPage({
  result,
  q,
  status,
  openProposals,
}: {
  result: SearchResult<OrganisationView>;
  q: string | undefined;
  status: string | undefined;
  openProposals: number;
}) {
  const { t, locale } = usePage();
  const query = new URLSearchParams();
  if (q) query.set("q", q);
  if (status) query.set("status", status);
  return (
    <div class="stack">
      <Heading>{t("directory.admin.title")}</Heading>
      <ul class="kern-list kern-list--horizontal directory-links">
        <li>
          <a class="kern-link" href="/verwaltung/akteure/neu">
            {t("directory.admin.new")}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/akteure/vorschlaege">
            {t("directory.admin.proposals", { count: openProposals })}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/akteure/aenderungen">
            {t("directory.admin.changes")}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/akteure/import">
            {t("directory.admin.import")}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/verwaltung/akteure/arten">
            {t("directory.admin.kinds")}
          </a>
        </li>
      </ul>
      <form
        method="get"
        action="/verwaltung/akteure"
        class="directory-filter"
        aria-label={t("directory.filter.heading")}
      >
        <div class="directory-filter__grid">
          <TextField type="search" name="q" label={t("directory.filter.q")} value={q} />
          <Select
            name="status"
            label={t("directory.admin.status")}
            options={(["published", "proposed", "rejected"] as const).map((s) => ({
              value: s,
              label: t(`directory.status.${s}`),
            }))}
            value={status}
            placeholder={t("directory.filter.any")}
          />
        </div>
        <Button>{t("directory.filter.submit")}</Button>
      </form>
      <Table
        caption={t("directory.admin.tableCaption", { count: result.total })}
        headers={[
          t("directory.field.name"),
          t("directory.field.kind"),
          t("directory.field.areas"),
          t("directory.field.municipality"),
          t("directory.admin.status"),
          t("directory.admin.actions"),
        ]}
        rows={result.items.map((o) => [
          <a class="kern-link" href={`/akteure/${o.slug}`} key="n">
            {o.name}
          </a>,
          o.kindLabel,
          areaLabels(o.areas, locale).join(", "),
          o.municipality,
          t(`directory.status.${o.status}`),
          <span class="button-row" key="a">
            <a class="kern-link" href={`/akteure/${o.slug}/bearbeiten`}>
              {t("directory.admin.edit")}
              <span class="visually-hidden">: {o.name}</span>
            </a>
            <a class="kern-link" href={`/verwaltung/akteure/${o.slug}/mitglieder`}>
              {t("directory.profile.members")}
              <span class="visually-hidden">: {o.name}</span>
            </a>
          </span>,
        ])}
      />
      <Pagination page={result.page} pageCount={result.pageCount} baseQuery={query} path="/verwaltung/akteure" />
    </div>
  );
}

export function ProposalsPage({ proposals }: { proposals: OrganisationView[] }) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("directory.proposals.title")}</Heading>
      <p class="kern-body">{t("directory.proposals.intro")}</p>
      {proposals.length === 0 ? <p class="kern-body">{t("directory.proposals.empty")}</p> : null}
      {proposals.map((p) => (
        <section class="directory-card stack" key={p.id} aria-labelledby={`p-${p.id}`}>
          <h2 class="kern-heading kern-heading-medium" id={`p-${p.id}`}>
            <a class="kern-link" href={`/akteure/${p.slug}`}>
              {p.name}
            </a>
          </h2>
          <p class="kern-body">
            {p.kindLabel} · {p.municipality} · {areaLabels(p.areas, locale).join(", ")}
          </p>
          {p.description ? <p class="kern-body">{p.description}</p> : null}
          <p class="kern-body kern-body--small">
            {t("directory.proposals.by", {
              name: p.proposerName ?? "–",
              email: p.proposerEmail ?? "–",
              date: formatDateTime(p.createdAt, locale),
            })}
          </p>
          {p.proposalNote ? <p class="kern-body kern-body--small">{p.proposalNote}</p> : null}
          <div class="button-row">
            <PostButton
              action={`/verwaltung/akteure/vorschlaege/${p.id}`}
              name="decision"
              value="approve"
              label={t("directory.proposals.approve", { name: p.name })}
            />
            <PostButton
              action={`/verwaltung/akteure/vorschlaege/${p.id}`}
              name="decision"
              value="reject"
              label={t("directory.proposals.reject", { name: p.name })}
            />
            <a class="kern-link" href={`/akteure/${p.slug}/bearbeiten`}>
              {t("directory.proposals.editFirst")}
            </a>
          </div>
        </section>
      ))}
    </div>
  );
}

export function ChangesPage({
  result,
  openOnly,
  membersOnly,
}: {
  result: SearchResult<ChangeView>;
  openOnly: boolean;
  membersOnly: boolean;
}) {
  const { t, locale } = usePage();
  // Only when something open is listed: with every change reviewed the button would do nothing.
  const canReviewAll = result.items.some((c) => !c.reviewed);
  const query = new URLSearchParams();
  if (openOnly) query.set("offen", "1");
  if (membersOnly) query.set("mitglieder", "1");
  return (
    <div class="stack">
      <Heading>{t("directory.changes.title")}</Heading>
      <p class="kern-body">{t("directory.changes.intro")}</p>
      <form
        method="get"
        action="/verwaltung/akteure/aenderungen"
        aria-label={t("directory.filter.heading")}
        class="directory-filter"
      >
        <Checkbox name="offen" value="1" label={t("directory.changes.openOnly")} checked={openOnly} />
        <Checkbox name="mitglieder" value="1" label={t("directory.changes.membersOnly")} checked={membersOnly} />
        <Button>{t("directory.filter.submit")}</Button>
      </form>
      <p class="kern-body" role="status">
        {countText(t, "directory.changes.count", result.total)}
      </p>
      {canReviewAll ? (
        <Form
          action="/verwaltung/akteure/aenderungen/alle-gesehen"
          class="button-row"
          ariaLabel={t(membersOnly ? "directory.changes.markAllMembers" : "directory.changes.markAll")}
        >
          {membersOnly ? <input type="hidden" name="mitglieder" value="1" /> : null}
          <Button variant="secondary">
            {t(membersOnly ? "directory.changes.markAllMembers" : "directory.changes.markAll")}
          </Button>
        </Form>
      ) : null}
      <Table
        caption={t("directory.changes.caption")}
        headers={[
          t("directory.changes.when"),
          t("directory.changes.who"),
          t("directory.changes.what"),
          t("directory.changes.diff"),
          t("directory.changes.review"),
        ]}
        rows={result.items.map((c) => [
          formatDateTime(c.changedAt, locale),
          `${c.userName ?? t("directory.changes.public")}${c.userRole ? ` (${t(`role.${c.userRole}`)})` : ""}`,
          <span key="w">
            {t(`directory.changes.entity.${c.entity}`)} · {t(`directory.changes.action.${c.action}`)}
            <br />
            {c.organisationSlug ? (
              <a class="kern-link" href={`/akteure/${c.organisationSlug}`}>
                {c.organisationName}
              </a>
            ) : (
              (c.organisationName ?? "–")
            )}
          </span>,
          <ul class="kern-list directory-diff" key="d">
            {c.changes.map((d) => (
              <li key={d.field}>
                <strong>{t(`directory.diff.${d.field}`)}</strong>: <del>{d.from}</del> → <ins>{d.to}</ins>
              </li>
            ))}
          </ul>,
          c.reviewed ? (
            <Badge kind="success" key="r">
              {t("directory.changes.reviewed")}
            </Badge>
          ) : (
            <PostButton
              key="r"
              action={`/verwaltung/akteure/aenderungen/${c.id}/gesehen`}
              label={t("directory.changes.markReviewed")}
            />
          ),
        ])}
      />
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        baseQuery={query}
        path="/verwaltung/akteure/aenderungen"
      />
    </div>
  );
}

export function KindsPage({
  kinds,
  form,
}: {
  kinds: { id: string; labelDe: string; labelEn: string; base: boolean }[];
  form: FormState;
}) {
  const { t } = usePage();
  const v = (n: string) => text(form.values, n);
  return (
    <div class="stack">
      <Heading>{t("directory.kinds.title")}</Heading>
      <p class="kern-body">{t("directory.kinds.intro")}</p>
      <Table
        caption={t("directory.kinds.caption")}
        headers={[
          t("directory.kinds.id"),
          t("directory.kinds.labelDe"),
          t("directory.kinds.labelEn"),
          t("directory.kinds.origin"),
        ]}
        rows={kinds.map((k) => [
          <code key="i">{k.id}</code>,
          k.labelDe,
          k.labelEn,
          k.base ? t("directory.kinds.base") : t("directory.kinds.added"),
        ])}
      />
      <h2 class="kern-heading kern-heading-large" id="neu">
        {t("directory.kinds.add")}
      </h2>
      <ErrorSummary errors={form.errors} />
      <Form action="/verwaltung/akteure/arten" class="form-stack" ariaLabel={t("directory.kinds.add")}>
        <TextField
          name="id"
          label={t("directory.kinds.id")}
          hint={t("directory.kinds.idHint")}
          value={v("id")}
          error={form.errors.id}
          required
        />
        <TextField
          name="labelDe"
          label={t("directory.kinds.labelDe")}
          value={v("labelDe")}
          error={form.errors.labelDe}
          required
        />
        <TextField
          name="labelEn"
          label={t("directory.kinds.labelEn")}
          value={v("labelEn")}
          error={form.errors.labelEn}
          required
        />
        <Button>{t("directory.kinds.submit")}</Button>
      </Form>
    </div>
  );
}

export function MembersPage({
  organisation,
  members,
  form,
  inviteForm,
}: {
  organisation: OrganisationView;
  members: MemberView[];
  form: FormState;
  inviteForm: FormState;
}) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("directory.members.title", { name: organisation.name })}</Heading>
      <p class="kern-body">{t("directory.members.intro")}</p>
      {members.length > 0 ? (
        <Table
          caption={t("directory.members.caption")}
          headers={[
            t("directory.members.name"),
            t("directory.members.email"),
            t("directory.members.since"),
            t("directory.admin.actions"),
          ]}
          rows={members.map((m) => [
            m.name,
            m.email,
            formatDateTime(m.since, locale),
            <PostButton
              key="x"
              action={`/verwaltung/akteure/${organisation.slug}/mitglieder/${m.userId}/entfernen`}
              label={t("directory.members.remove", { name: m.name })}
            />,
          ])}
        />
      ) : (
        <p class="kern-body">{t("directory.members.none")}</p>
      )}
      <h2 class="kern-heading kern-heading-large">{t("directory.members.add")}</h2>
      <ErrorSummary errors={form.errors} />
      <Form
        action={`/verwaltung/akteure/${organisation.slug}/mitglieder`}
        class="form-stack"
        ariaLabel={t("directory.members.add")}
      >
        <TextField
          name="email"
          type="email"
          label={t("directory.members.email")}
          hint={t("directory.members.emailHint")}
          value={text(form.values, "email")}
          error={form.errors.email}
          required
        />
        <Button>{t("directory.members.submit")}</Button>
      </Form>
      <h2 class="kern-heading kern-heading-large" id="neues-konto">
        {t("directory.members.invite")}
      </h2>
      <p class="kern-body">{t("directory.members.inviteIntro", { name: organisation.name })}</p>
      <ErrorSummary errors={inviteForm.errors} />
      <Form
        action={`/verwaltung/akteure/${organisation.slug}/mitglieder/neu`}
        class="form-stack"
        ariaLabel={t("directory.members.invite")}
      >
        <TextField
          name="inviteName"
          label={t("directory.members.inviteName")}
          value={text(inviteForm.values, "inviteName")}
          error={inviteForm.errors.inviteName}
          autocomplete="off"
          required
        />
        <TextField
          name="inviteEmail"
          type="email"
          label={t("directory.members.inviteEmail")}
          value={text(inviteForm.values, "inviteEmail")}
          error={inviteForm.errors.inviteEmail}
          autocomplete="off"
          required
        />
        <Button>{t("directory.members.inviteSubmit")}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={`/akteure/${organisation.slug}`}>
          {t("directory.members.back", { name: organisation.name })}
        </a>
      </p>
    </div>
  );
}

export function ContactsPage({
  organisation,
  contacts,
  form,
  editing,
}: {
  organisation: OrganisationView;
  contacts: ContactView[];
  form: FormState;
  editing?: ContactView | undefined;
}) {
  const { t } = usePage();
  const v = (n: string) => text(form.values, n);
  const consent = form.values.publicConsent === true || form.values.publicConsent === "on";
  const action = editing
    ? `/akteure/${organisation.slug}/kontakte/${editing.id}`
    : `/akteure/${organisation.slug}/kontakte`;
  const formTitle = editing ? t("directory.contacts.edit", { name: editing.name }) : t("directory.contacts.add");
  return (
    <div class="stack">
      <Heading>{t("directory.contacts.title", { name: organisation.name })}</Heading>
      <p class="kern-body">{t("directory.contacts.intro")}</p>
      {contacts.length > 0 ? (
        <Table
          caption={t("directory.contacts.caption")}
          headers={[
            t("directory.contacts.name"),
            t("directory.contacts.function"),
            t("directory.field.email"),
            t("directory.field.phone"),
            t("directory.contacts.visibility"),
            t("directory.admin.actions"),
          ]}
          rows={contacts.map((c) => [
            c.name,
            c.function ?? "–",
            c.email ?? "–",
            c.phone ?? "–",
            c.publicConsent && c.consentDate
              ? t("directory.contacts.public", { date: c.consentDate.split("-").reverse().join(".") })
              : t("directory.contacts.internal"),
            <div class="button-row" key="a">
              <a class="kern-link" href={`/akteure/${organisation.slug}/kontakte/${c.id}`}>
                {t("directory.admin.edit")}
                <span class="visually-hidden">: {c.name}</span>
              </a>
              <PostButton
                action={`/akteure/${organisation.slug}/kontakte/${c.id}/loeschen`}
                label={t("directory.contacts.remove", { name: c.name })}
              />
            </div>,
          ])}
        />
      ) : (
        <p class="kern-body">{t("directory.profile.noContacts")}</p>
      )}
      <h2 class="kern-heading kern-heading-large" id="formular">
        {formTitle}
      </h2>
      <ErrorSummary errors={form.errors} />
      <Form action={action} class="form-stack" ariaLabel={formTitle}>
        <TextField
          name="name"
          label={t("directory.contacts.name")}
          value={v("name")}
          error={form.errors.name}
          required
        />
        <TextField
          name="function"
          label={t("directory.contacts.function")}
          value={v("function")}
          error={form.errors.function}
        />
        <TextField
          name="email"
          type="email"
          label={t("directory.field.email")}
          value={v("email")}
          error={form.errors.email}
        />
        <TextField
          name="phone"
          type="tel"
          label={t("directory.field.phone")}
          value={v("phone")}
          error={form.errors.phone}
        />
        <Checkbox
          name="publicConsent"
          label={t("directory.contacts.consent")}
          hint={t("directory.contacts.consentHint")}
          checked={consent}
          error={form.errors.publicConsent}
        />
        <TextField
          name="consentDate"
          type="date"
          label={t("directory.contacts.consentDate")}
          value={v("consentDate")}
          error={form.errors.consentDate}
        />
        <div class="button-row">
          <Button>{t("form.save")}</Button>
          {editing ? (
            <a class="kern-link" href={`/akteure/${organisation.slug}/kontakte`}>
              {t("form.cancel")}
            </a>
          ) : null}
        </div>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={`/akteure/${organisation.slug}`}>
          {t("directory.members.back", { name: organisation.name })}
        </a>
      </p>
    </div>
  );
}

export function ImportPage({ preview, error }: { preview?: ImportPreview | undefined; error?: string | undefined }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("directory.import.title")}</Heading>
      <p class="kern-body">{t("directory.import.intro")}</p>
      <p class="kern-body directory-import-columns">
        {t("directory.import.columns")}{" "}
        <code>Name;Art;Bildungsbereiche;Gemeinde;Straße;PLZ;Ort;Webseite;E-Mail;Telefon;Beschreibung;Themen</code>
      </p>
      {error ? (
        <div class="kern-alert kern-alert--danger error-summary" role="alert" id="fehler">
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true" />
            <h2 class="kern-title">{error}</h2>
          </div>
        </div>
      ) : null}
      {preview ? <ImportPreviewSection preview={preview} /> : null}
      <h2 class="kern-heading kern-heading-large">{t("directory.import.upload")}</h2>
      <Form
        action="/verwaltung/akteure/import"
        enctype="multipart/form-data"
        class="form-stack"
        ariaLabel={t("directory.import.upload")}
      >
        <div class="kern-form-input">
          <label class="kern-label" for="f-file">
            {t("directory.import.file")}
          </label>
          <div class="kern-hint" id="f-file-hint">
            {t("directory.import.fileHint")}
          </div>
          <input
            class="kern-form-input__input"
            id="f-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby="f-file-hint"
          />
        </div>
        <Button>{t("directory.import.check")}</Button>
      </Form>
    </div>
  );
}

function ImportPreviewSection({ preview }: { preview: ImportPreview }) {
  const { t } = usePage();
  const fileOk = preview.fileErrors.length === 0 && preview.validCount > 0;
  const ok = fileOk && preview.errorCount === 0;
  const skipped = preview.rows.filter((r) => r.errors.length > 0).map((r) => r.line);
  return (
    <section class="stack" aria-labelledby="preview-heading">
      <h2 class="kern-heading kern-heading-large" id="preview-heading">
        {t("directory.import.preview")}
      </h2>
      <p class="kern-body" role="status">
        {t("directory.import.summary", {
          encoding: preview.encoding,
          separator: preview.separator,
          valid: countText(t, "directory.import.validRows", preview.validCount),
          errors: countText(t, "directory.import.errorRows", preview.errorCount),
        })}
      </p>
      {preview.duplicateCount > 0 ? (
        <p class="kern-body kern-body--bold">{countText(t, "directory.import.duplicates", preview.duplicateCount)}</p>
      ) : null}
      {preview.ignoredColumns.length > 0 ? (
        <p class="kern-body kern-body--small">
          {t("directory.import.ignored", { columns: preview.ignoredColumns.join(", ") })}
        </p>
      ) : null}
      {preview.fileErrors.length > 0 ? (
        <ul class="kern-list">
          {preview.fileErrors.map((e) => (
            <li key={e} class="kern-error">
              {e}
            </li>
          ))}
        </ul>
      ) : null}
      {preview.rows.length > 0 ? (
        // Scrolls sideways on a phone instead of widening the page; focusable for keyboards.
        <section class="directory-scroll" tabindex={0} aria-label={t("directory.import.tableCaption")}>
          <Table
            caption={t("directory.import.tableCaption")}
            headers={[
              t("directory.import.line"),
              t("directory.field.name"),
              // The check beside the name: on a phone it is what shows without scrolling.
              t("directory.import.result"),
              t("directory.field.kind"),
              t("directory.field.areas"),
              t("directory.field.municipality"),
            ]}
            numeric={[0]}
            rows={preview.rows.map((r) => [
              r.line,
              r.name || "–",
              <div class="directory-import-result" key="r">
                {r.errors.length === 0 ? (
                  <Badge kind="success">{t("directory.import.rowOk")}</Badge>
                ) : (
                  <ul class="kern-list">
                    {r.errors.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                )}
                {r.duplicate ? <DuplicateNote duplicate={r.duplicate} /> : null}
              </div>,
              r.kindLabel || "–",
              r.areas || "–",
              r.municipality || "–",
            ])}
          />
        </section>
      ) : null}
      {ok ? (
        <Form
          action="/verwaltung/akteure/import/bestaetigen"
          class="form-stack"
          ariaLabel={t("directory.import.confirm")}
        >
          <input type="hidden" name="content" value={preview.text} />
          <input type="hidden" name="encoding" value={preview.encoding} />
          <p class="kern-body">{countText(t, "directory.import.confirmText", preview.validCount)}</p>
          <Button>{t("directory.import.confirm")}</Button>
        </Form>
      ) : (
        <p class="kern-body kern-body--bold">{t("directory.import.fixFirst")}</p>
      )}
      {fileOk && !ok ? (
        <Form
          action="/verwaltung/akteure/import/bestaetigen"
          class="form-stack"
          ariaLabel={t("directory.import.onlyValid")}
        >
          <h3 class="kern-heading kern-heading-small">{t("directory.import.onlyValidHeading")}</h3>
          <input type="hidden" name="content" value={preview.text} />
          <input type="hidden" name="encoding" value={preview.encoding} />
          <input type="hidden" name="nurFehlerfreie" value="1" />
          <p class="kern-body">
            {countText(t, "directory.import.confirmText", preview.validCount)}{" "}
            {countText(t, "directory.import.skipped", skipped.length, { lines: skipped.join(", ") })}
          </p>
          <Button variant="secondary">{t("directory.import.onlyValid")}</Button>
        </Form>
      ) : null}
    </section>
  );
}

function DuplicateNote({ duplicate }: { duplicate: NonNullable<ImportPreview["rows"][number]["duplicate"]> }) {
  const { t } = usePage();
  return (
    <p class="kern-body kern-body--small">
      <Badge kind="warning">
        {duplicate.slug ? (
          <>
            {t("directory.import.duplicateOf")}{" "}
            <a class="kern-link" href={`/akteure/${duplicate.slug}`}>
              {duplicate.name}
            </a>
          </>
        ) : (
          t("directory.import.duplicateOfLine", { line: duplicate.line ?? "?" })
        )}
      </Badge>
    </p>
  );
}

export function MyOrganisationsPage({ organisations }: { organisations: OrganisationView[] }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("directory.mine.title")}</Heading>
      <p class="kern-body">{t("directory.mine.intro")}</p>
      {organisations.length === 0 ? <p class="kern-body">{t("directory.mine.empty")}</p> : null}
      <ul class="directory-list">
        {organisations.map((o) => (
          <li class="directory-card" key={o.id}>
            <h2 class="kern-heading kern-heading-small">
              <a class="kern-link" href={`/akteure/${o.slug}`}>
                {o.name}
              </a>
            </h2>
            <div class="button-row">
              <LinkButton href={`/akteure/${o.slug}/bearbeiten`}>{t("directory.profile.edit")}</LinkButton>
              <LinkButton href={`/akteure/${o.slug}/angebote/neu`}>{t("directory.profile.addOffer")}</LinkButton>
              <LinkButton href={`/akteure/${o.slug}/kontakte`}>{t("directory.profile.contacts")}</LinkButton>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
