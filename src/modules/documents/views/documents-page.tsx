import type { FormState } from "../../../platform/http/forms.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  postedText,
  Select,
  Table,
  TextField,
  useFieldLabel,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { EventView, SessionView } from "../../events/index.js";
import type { DocumentView } from "../documents.service.js";
import { acceptedTypes, documentKinds, formatSize } from "../kinds.js";

// The organiser's page of a Fachtag's documents: the list, the upload form, the edit form.

export const documentsBase = (eventId: string) => `/verwaltung/fachtage/${eventId}/dokumente`;

function FileField({ error, maxMb, again }: { error?: string | undefined; maxMb: number; again: boolean }) {
  const { t } = usePage();
  const id = fieldId("file");
  useFieldLabel("file", t("documents.field.file"));
  return (
    <div class={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
      <label class="kern-label" for={id}>
        {t("documents.field.file")}
      </label>
      <div class="kern-hint" id={`${id}-hint`}>
        {t("documents.field.fileHint", { maxMb })}
        {again ? ` ${t("documents.field.fileAgain")}` : ""}
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
        name="file"
        required
        accept={acceptedTypes.join(",")}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}

/** Kind, title, programme item, alt text and visibility: shared by upload and edit. */
function DocumentFields({ form, sessions }: { form: FormState; sessions: SessionView[] }) {
  const { t } = usePage();
  const v = form.values;
  const e = form.errors;
  return (
    <>
      <Select
        name="kind"
        label={t("documents.field.kind")}
        required
        value={postedText(v.kind)}
        error={e.kind}
        placeholder={t("documents.field.kindChoose")}
        options={documentKinds.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
      />
      <TextField
        name="title"
        label={t("documents.field.title")}
        hint={t("documents.field.titleHint")}
        required
        value={postedText(v.title)}
        error={e.title}
      />
      <Select
        name="sessionId"
        label={t("documents.field.session")}
        hint={t("documents.field.sessionHint")}
        value={postedText(v.sessionId)}
        error={e.sessionId}
        placeholder={t("documents.field.sessionNone")}
        options={sessions.filter((s) => s.kind !== "break").map((s) => ({ value: s.id, label: s.title }))}
      />
      <TextField
        name="altText"
        label={t("documents.field.altText")}
        hint={t("documents.field.altTextHint")}
        value={postedText(v.altText)}
        error={e.altText}
      />
      <Checkbox
        name="public"
        label={t("documents.field.public")}
        checked={v.public === "on" || v.public === true}
        error={e.public}
      />
    </>
  );
}

export function DocumentsPage({
  event,
  sessions,
  documents,
  form,
  maxMb,
}: {
  event: EventView;
  sessions: SessionView[];
  documents: DocumentView[];
  form: FormState;
  maxMb: number;
}) {
  const { t, locale } = usePage();
  const base = documentsBase(event.id);
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href={`/verwaltung/fachtage/${event.id}`}>
          {t("documents.page.back")}
        </a>
      </p>
      <Heading>{t("documents.page.title", { title: event.title })}</Heading>
      <p class="kern-body">{t("documents.page.intro")}</p>
      <section class="stack" aria-labelledby="dateien">
        <Heading level={2} id="dateien">
          {t("documents.page.list")}
        </Heading>
        {documents.length ? (
          <Table
            caption={t("documents.page.list")}
            captionHidden
            cards
            headers={[
              t("documents.col.title"),
              t("documents.col.kind"),
              t("documents.col.file"),
              t("documents.col.visibility"),
              t("documents.col.actions"),
            ]}
            rows={documents.map((d) => [
              <>
                {d.title}
                {d.sessionTitle ? (
                  <span class="kern-body kern-body--small documents-item">
                    {t("documents.forItem", { title: d.sessionTitle })}
                  </span>
                ) : null}
              </>,
              t(`documents.kind.${d.kind}`),
              <>
                <a class="kern-link documents-file" href={d.url}>
                  {d.filename}
                </a>
                <span class="kern-body kern-body--small documents-item">
                  {d.format}, {formatSize(d.size, locale)}
                </span>
              </>,
              d.public ? t("documents.visibility.public") : t("documents.visibility.internal"),
              <a key="e" class="kern-link" href={`${base}/${d.id}`}>
                {t("documents.action.edit")}
                <span class="visually-hidden">: {d.title}</span>
              </a>,
            ])}
          />
        ) : (
          <p class="kern-body">{t("documents.page.none")}</p>
        )}
      </section>
      <section class="stack" aria-labelledby="hochladen">
        <Heading level={2} id="hochladen">
          {t("documents.page.upload")}
        </Heading>
        <ErrorSummary errors={form.errors} />
        <Form action={base} enctype="multipart/form-data" class="stack">
          <FileField
            error={form.errors.file}
            maxMb={maxMb}
            // A browser never keeps a chosen file across a re-rendered form.
            again={Object.keys(form.errors).length > 0 && !form.errors.file}
          />
          <DocumentFields form={form} sessions={sessions} />
          <p>
            <Button variant="primary">{t("documents.submit.upload")}</Button>
          </p>
        </Form>
      </section>
    </div>
  );
}

export function DocumentEditPage({
  event,
  sessions,
  document: d,
  form,
}: {
  event: EventView;
  sessions: SessionView[];
  document: DocumentView;
  form: FormState;
}) {
  const { t, locale } = usePage();
  const base = documentsBase(event.id);
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href={base}>
          {t("documents.edit.back")}
        </a>
      </p>
      <Heading>{t("documents.edit.title", { title: d.title })}</Heading>
      <p class="kern-body">
        <a class="kern-link" href={d.url}>
          {d.filename}
        </a>{" "}
        ({d.format}, {formatSize(d.size, locale)})
      </p>
      <ErrorSummary errors={form.errors} />
      <Form action={`${base}/${d.id}`} class="stack">
        <DocumentFields form={form} sessions={sessions} />
        <p>
          <Button variant="primary">{t("documents.submit.save")}</Button>
        </p>
      </Form>
      <section class="stack" aria-labelledby="loeschen">
        <Heading level={2} id="loeschen">
          {t("documents.delete.title", { title: d.title })}
        </Heading>
        <p class="kern-body">{t("documents.delete.text")}</p>
        <Form action={`${base}/${d.id}/loeschen`}>
          <Button variant="secondary">{t("documents.delete.confirm")}</Button>
        </Form>
      </section>
    </div>
  );
}

/** The form values of a stored document. */
export const documentFormValues = (d: DocumentView): Record<string, unknown> => ({
  kind: d.kind,
  title: d.title,
  sessionId: d.sessionId ?? "",
  altText: d.altText ?? "",
  public: d.public,
});
