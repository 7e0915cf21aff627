import type { FormState } from "../../../platform/http/forms.js";
import { formatDateTime } from "../../../platform/i18n/i18n.js";
import {
  Badge,
  Button,
  DescriptionList,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  LinkButton,
  postedText,
  RadioGroup,
  Select,
  Table,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { OrganisationChoice } from "../choices.service.js";
import { networkVisibilities } from "../constants.js";
import type { NetworkPage, NetworkView } from "../networks.service.js";

const orgLink = (o: { name: string; slug: string }) => (
  <a class="kern-link" href={`/akteure/${o.slug}`}>
    {o.name}
  </a>
);

export function NetworkListPage({ networks, canCreate }: { networks: NetworkView[]; canCreate: boolean }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("network.nw.listTitle")}</Heading>
      <p class="kern-body">{t("network.nw.listIntro")}</p>
      {canCreate ? (
        <div class="button-row">
          <LinkButton href="/netzwerke/neu" variant="primary">
            {t("network.nw.new")}
          </LinkButton>
        </div>
      ) : null}
      {networks.length === 0 ? (
        <p class="kern-body">{t("network.nw.none")}</p>
      ) : (
        <ul class="card-grid">
          {networks.map((n) => (
            <li key={n.id}>
              <h2 class="kern-heading kern-heading-medium">
                <a class="kern-link" href={`/netzwerke/${n.slug}`}>
                  {n.name}
                </a>
              </h2>
              {n.visibility === "internal" ? <Badge kind="warning">{t("network.nw.internal")}</Badge> : null}
              {n.purpose ? <p class="kern-body">{n.purpose}</p> : null}
              <p class="kern-body kern-body--small">
                {t("network.nw.memberCount", { count: n.members.length })}
                {n.coordinator ? ` · ${t("network.nw.coordinator")}: ${n.coordinator.name}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function NetworkDetailPage({
  page: { network, meetings, canEdit, canAddMeeting },
  meetingForm,
}: {
  page: NetworkPage;
  meetingForm: FormState;
}) {
  const { t, locale } = usePage();
  const v = meetingForm.values;
  const e = meetingForm.errors;
  const str = postedText;
  return (
    <div class="stack">
      <Heading>{network.name}</Heading>
      {network.visibility === "internal" ? <Badge kind="warning">{t("network.nw.internal")}</Badge> : null}
      {network.purpose ? <p class="kern-body">{network.purpose}</p> : null}
      <DescriptionList
        items={[
          [t("network.nw.coordinator"), network.coordinator ? orgLink(network.coordinator) : "–"],
          [t("network.nw.field.visibility"), t(`network.visibility.${network.visibility}`)],
        ]}
      />
      {canEdit ? (
        <div class="button-row">
          <LinkButton href={`/netzwerke/${network.slug}/bearbeiten`}>{t("network.nw.edit")}</LinkButton>
        </div>
      ) : null}
      <h2 class="kern-heading kern-heading-large">
        {t("network.nw.members")} ({network.members.length})
      </h2>
      <ul class="kern-list network-columns">
        {network.members.map((m) => (
          <li key={m.id}>{orgLink(m)}</li>
        ))}
      </ul>
      <h2 class="kern-heading kern-heading-large">{t("network.nw.meetings")}</h2>
      {meetings.length === 0 ? (
        <p class="kern-body">{t("network.nw.meetingsNone")}</p>
      ) : (
        <Table
          caption={t("network.nw.meetings")}
          headers={[
            t("network.nw.col.date"),
            t("network.nw.col.place"),
            t("network.nw.col.agenda"),
            t("network.nw.col.minutes"),
          ]}
          rows={meetings.map((m) => [
            formatDateTime(m.startsAt, locale),
            m.place ?? "",
            m.agenda ?? "",
            m.minutes ? (
              <a key="m" class="kern-link" href={m.minutes.url}>
                {t("network.nw.minutesLink")}
                <span class="kern-sr-only">: {m.minutes.name}</span>
              </a>
            ) : (
              t("network.nw.noMinutes")
            ),
          ])}
        />
      )}
      {canAddMeeting ? (
        <section class="stack" aria-labelledby="treffen-neu">
          <h2 class="kern-heading kern-heading-large" id="treffen-neu">
            {t("network.nw.addMeeting")}
          </h2>
          <ErrorSummary errors={e} />
          <Form
            action={`/netzwerke/${network.slug}/treffen`}
            enctype="multipart/form-data"
            class="form-stack"
            ariaLabel={t("network.nw.addMeeting")}
          >
            <TextField
              name="startsAt"
              type="datetime-local"
              label={t("network.nw.field.startsAt")}
              value={str(v.startsAt)}
              error={e.startsAt}
              required
            />
            <TextField name="place" label={t("network.nw.field.place")} value={str(v.place)} error={e.place} />
            <TextArea name="agenda" label={t("network.nw.field.agenda")} value={str(v.agenda)} error={e.agenda} />
            <div class={`kern-form-input${e.minutes ? " kern-form-input--error" : ""}`}>
              <label class="kern-label" for={fieldId("minutes")}>
                {t("network.nw.field.minutes")}
                <span class="kern-label__optional"> – {t("form.optional")}</span>
              </label>
              {e.minutes ? (
                <p class="kern-error" id={`${fieldId("minutes")}-error`} role="alert">
                  <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                  <span class="kern-body">{e.minutes}</span>
                </p>
              ) : null}
              <input
                class="kern-form-input__input"
                type="file"
                id={fieldId("minutes")}
                name="minutes"
                accept=".pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text"
                aria-invalid={e.minutes ? "true" : undefined}
                aria-describedby={e.minutes ? `${fieldId("minutes")}-error` : undefined}
              />
            </div>
            <Button>{t("network.coop.save")}</Button>
          </Form>
        </section>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href="/netzwerke">
          {t("network.graph.toNetworks")}
        </a>
      </p>
    </div>
  );
}

export function NetworkFormPage({
  form,
  action,
  title,
  organisations,
}: {
  form: FormState;
  action: string;
  title: string;
  organisations: OrganisationChoice[];
}) {
  const { t } = usePage();
  const v = form.values;
  const e = form.errors;
  const str = postedText;
  const selected = Array.isArray(v.memberIds)
    ? v.memberIds.map(String)
    : typeof v.memberIds === "string"
      ? [v.memberIds]
      : [];
  const id = fieldId("memberIds");
  return (
    <div class="stack">
      <Heading>{title}</Heading>
      <ErrorSummary errors={e} />
      <Form action={action} class="form-stack" ariaLabel={title}>
        <TextField name="name" label={t("network.nw.field.name")} value={str(v.name)} error={e.name} required />
        <TextArea name="purpose" label={t("network.nw.field.purpose")} value={str(v.purpose)} error={e.purpose} />
        <Select
          name="coordinatorId"
          label={t("network.nw.field.coordinator")}
          placeholder={t("network.nw.field.noCoordinator")}
          value={str(v.coordinatorId)}
          error={e.coordinatorId}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <div class={`kern-form-input${e.memberIds ? " kern-form-input--error" : ""}`}>
          <label class="kern-label" for={id}>
            {t("network.nw.field.members")}
          </label>
          <div class="kern-hint" id={`${id}-hint`}>
            {t("network.coop.field.organisationsHint")}
          </div>
          {e.memberIds ? (
            <p class="kern-error" id={`${id}-error`} role="alert">
              <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
              <span class="kern-body">{e.memberIds}</span>
            </p>
          ) : null}
          <select
            class="kern-form-input__select network-multiselect"
            id={id}
            name="memberIds"
            multiple
            size={10}
            aria-describedby={`${id}-hint${e.memberIds ? ` ${id}-error` : ""}`}
          >
            {organisations.map((o) => (
              <option key={o.id} value={o.id} selected={selected.includes(o.id)}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <RadioGroup
          name="visibility"
          legend={t("network.nw.field.visibility")}
          value={str(v.visibility) ?? "public"}
          error={e.visibility}
          options={networkVisibilities.map((x) => ({ value: x, label: t(`network.visibility.${x}`) }))}
        />
        <Button>{t("network.coop.save")}</Button>
      </Form>
    </div>
  );
}
