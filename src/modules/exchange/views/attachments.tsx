import type { FormState } from "../../../platform/http/forms.js";
import {
  Button,
  ErrorSummary,
  Form,
  fieldId,
  Heading,
  postedText,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { AttachmentView } from "../attachments.service.js";

// A post's pictures and files: shown on its page, uploaded and removed on its edit page.

const size = (bytes: number, locale: "de" | "en") =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString(locale === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function AttachmentsSection({ attachments }: { attachments: AttachmentView[] }) {
  const { t, locale } = usePage();
  if (!attachments.length) return null;
  const images = attachments.filter((a) => a.isImage);
  const files = attachments.filter((a) => !a.isImage);
  return (
    <section class="stack" aria-labelledby="anhaenge">
      <Heading level={2} id="anhaenge">
        {t("exchange.attachment.title")}
      </Heading>
      {images.length ? (
        <ul class="card-grid">
          {images.map((a) => (
            <li key={a.id}>
              <figure class="stack">
                <img src={a.url} alt={a.altText ?? ""} loading="lazy" width="320" />
                <figcaption class="kern-body kern-body--small">{a.title}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      ) : null}
      {files.length ? (
        <ul class="kern-list">
          {files.map((a) => (
            <li key={a.id}>
              <a class="kern-link" href={a.url}>
                {a.title}
              </a>{" "}
              <span class="kern-body kern-body--small">
                ({a.filename.split(".").pop()?.toUpperCase()}, {size(a.size, locale)})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function AttachmentsForm({
  postId,
  attachments,
  form,
  maxMb,
}: {
  postId: string;
  attachments: AttachmentView[];
  form: FormState;
  maxMb: number;
}) {
  const { t } = usePage();
  const e = form.errors;
  const id = fieldId("file");
  return (
    <section class="stack" aria-labelledby="anhaenge">
      <Heading level={2} id="anhaenge">
        {t("exchange.attachment.title")}
      </Heading>
      {attachments.length ? (
        <ul class="kern-list stack">
          {attachments.map((a) => (
            <li key={a.id}>
              <Form action={`/austausch/${postId}/anhaenge/${a.id}/loeschen`} class="button-row">
                <a class="kern-link" href={a.url}>
                  {a.title}
                </a>
                <Button variant="tertiary">
                  {t("exchange.attachment.delete")}
                  <span class="visually-hidden">: {a.title}</span>
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="kern-body">{t("exchange.attachment.none")}</p>
      )}
      <ErrorSummary errors={e} />
      <Form action={`/austausch/${postId}/anhaenge`} enctype="multipart/form-data" class="form-stack">
        <div class={`kern-form-input${e.file ? " kern-form-input--error" : ""}`}>
          <label class="kern-label" for={id}>
            {t("exchange.attachment.file")}
          </label>
          <div class="kern-hint" id={`${id}-hint`}>
            {t("exchange.attachment.fileHint", { maxMb })}
          </div>
          {e.file ? (
            <p class="kern-error" id={`${id}-error`} role="alert">
              <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
              <span class="kern-body">{e.file}</span>
            </p>
          ) : null}
          <input
            class="kern-form-input__input"
            type="file"
            id={id}
            name="file"
            required
            aria-invalid={e.file ? "true" : undefined}
            aria-describedby={e.file ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
        </div>
        <TextField
          name="attachmentTitle"
          label={t("exchange.attachment.name")}
          required
          value={postedText(form.values.attachmentTitle)}
          error={e.attachmentTitle}
        />
        <TextField
          name="altText"
          label={t("exchange.attachment.altText")}
          hint={t("exchange.attachment.altTextHint")}
          value={postedText(form.values.altText)}
          error={e.altText}
        />
        <p>
          <Button variant="secondary">{t("exchange.attachment.upload")}</Button>
        </p>
      </Form>
    </section>
  );
}
