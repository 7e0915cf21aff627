import type { FormState } from "../../../platform/http/forms.js";
import {
  Button,
  CheckboxGroup,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  RadioGroup,
  Select,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { educationAreas, municipalityOptions } from "../../directory/index.js";
import { postKinds, practiceFields } from "../kinds.js";
import type { PostView } from "../posts.service.js";
import { TITLE_MAX } from "../schema.js";

// Writing and changing a post, and reporting one ("Melden"). Plain HTML forms: they
// work without JavaScript; the practice example's and the offer's fields are always
// there and say which kind they belong to.

const listOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? [v] : [];

/** The form's values for an existing post. */
export function postFormValues(post: PostView): Record<string, unknown> {
  return {
    kind: post.kind,
    title: post.title,
    body: post.body,
    areas: post.areas,
    themes: post.themes.join(", "),
    targetGroups: post.targetGroups.join(", "),
    municipality: post.municipality ?? "",
    organisationId: post.organisationId ?? "",
    validUntil: post.validUntil ?? "",
    status: post.status,
    ...(post.practice ?? {}),
  };
}

export function PostFormPage({
  form,
  action,
  organisations,
  post,
  moderating,
}: {
  form: FormState;
  action: string;
  organisations: { id: string; name: string }[];
  post?: PostView | undefined;
  moderating: boolean;
}) {
  const { t, locale } = usePage();
  const v = form.values;
  const e = form.errors;
  const statuses = post ? ["draft", "published", "archived", "done"] : ["draft", "published"];
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href={post ? post.url : "/austausch"}>
          {t("exchange.back")}
        </a>
      </p>
      <Heading>{post ? t("exchange.form.editTitle", { title: post.title }) : t("exchange.form.newTitle")}</Heading>
      <ErrorSummary errors={e} />
      <Form action={action} class="form-stack">
        <RadioGroup
          name="kind"
          legend={t("exchange.field.kind")}
          required
          value={postedText(v.kind)}
          error={e.kind}
          options={postKinds.map((k) => ({ value: k, label: t(`exchange.kind.${k}`) }))}
        />
        <TextField
          name="title"
          label={t("exchange.field.title")}
          hint={t("exchange.field.titleHint", { max: TITLE_MAX })}
          required
          value={postedText(v.title)}
          error={e.title}
        />
        <TextArea
          name="body"
          label={t("exchange.field.body")}
          hint={t("exchange.field.markdownHint")}
          required
          rows={10}
          value={postedText(v.body)}
          error={e.body}
        />
        {organisations.length > 0 ? (
          <Select
            name="organisationId"
            label={t("exchange.field.organisation")}
            hint={t("exchange.field.organisationHint")}
            required
            value={postedText(v.organisationId)}
            error={e.organisationId}
            placeholder={t("exchange.field.organisationChoose")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : null}
        <CheckboxGroup
          name="areas"
          legend={t("exchange.field.areas")}
          options={educationAreas.map((a) => ({ value: a.id, label: a[locale] }))}
          checked={listOf(v.areas)}
          error={e.areas}
        />
        <TextField
          name="themes"
          label={t("exchange.field.themes")}
          hint={t("exchange.field.wordsHint")}
          value={postedText(v.themes)}
          error={e.themes}
        />
        <TextField
          name="targetGroups"
          label={t("exchange.field.targetGroups")}
          hint={t("exchange.field.wordsHint")}
          value={postedText(v.targetGroups)}
          error={e.targetGroups}
        />
        <Select
          name="municipality"
          label={t("exchange.field.municipality")}
          value={postedText(v.municipality)}
          error={e.municipality}
          placeholder={t("exchange.field.municipalityNone")}
          options={municipalityOptions()}
        />
        <TextField
          type="date"
          name="validUntil"
          label={t("exchange.field.validUntil")}
          hint={t("exchange.field.validUntilHint")}
          value={postedText(v.validUntil)}
          error={e.validUntil}
        />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t("exchange.practice.legend")}</legend>
          <div class="kern-fieldset__body stack">
            {practiceFields.map((f) => (
              <TextArea
                key={f}
                name={f}
                label={t(`exchange.practice.${f}`)}
                rows={3}
                value={postedText(v[f])}
                error={e[f]}
              />
            ))}
          </div>
        </fieldset>
        <RadioGroup
          name="status"
          legend={t("exchange.field.status")}
          required
          value={postedText(v.status) ?? "published"}
          error={e.status}
          options={statuses.map((s) => ({ value: s, label: t(`exchange.status.${s}`) }))}
        />
        {moderating ? (
          <TextArea
            name="reason"
            label={t("exchange.field.reason")}
            hint={t("exchange.field.reasonHint")}
            required
            rows={3}
            value={postedText(v.reason)}
            error={e.reason}
          />
        ) : null}
        <p>
          <Button variant="primary">{post ? t("exchange.form.save") : t("exchange.form.submit")}</Button>
        </p>
      </Form>
    </div>
  );
}

export function ReportPage({
  post,
  commentId,
  form,
}: {
  post: PostView;
  commentId?: string | undefined;
  form: FormState;
}) {
  const { t } = usePage();
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href={post.url}>
          {t("exchange.back.post")}
        </a>
      </p>
      <Heading>{commentId ? t("exchange.report.commentTitle") : t("exchange.report.title")}</Heading>
      <p class="kern-body">{t("exchange.report.intro", { title: post.title })}</p>
      <ErrorSummary errors={form.errors} />
      <Form action={`/austausch/${post.id}/melden`} class="form-stack">
        {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
        <TextArea
          name="reason"
          label={t("exchange.report.reason")}
          hint={t("exchange.report.reasonHint")}
          required
          rows={4}
          value={postedText(form.values.reason)}
          error={form.errors.reason}
        />
        <p>
          <Button variant="primary">{t("exchange.report.submit")}</Button>
        </p>
      </Form>
    </div>
  );
}
