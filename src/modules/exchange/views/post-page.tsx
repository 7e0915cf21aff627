import type { VNode } from "preact";
import type { FormState } from "../../../platform/http/forms.js";
import { formatDateTime } from "../../../platform/i18n/i18n.js";
import {
  Button,
  DescriptionList,
  ErrorSummary,
  Form,
  Heading,
  LinkButton,
  postedText,
  TextArea,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import { practiceFields } from "../kinds.js";
import type { PostPage as PostPageModel } from "../moderation.service.js";
import { AttachmentsSection } from "./attachments.js";
import { areaLabel, dayText, PostBadges, StoredHtml } from "./parts.js";

// One post: its text, details, comments, the "Melden" link, and for moderators the
// controls (hide, show, delete with a reason) and the edit history.

function ModerationControls({ postId, hidden, form }: { postId: string; hidden: boolean; form: FormState }) {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="moderation">
      <Heading level={2} id="moderation">
        {t("exchange.moderation.title")}
      </Heading>
      <ErrorSummary errors={form.errors} />
      <Form action={`/austausch/${postId}/moderation`} class="form-stack">
        <TextArea
          name="reason"
          label={t("exchange.field.reason")}
          hint={t("exchange.field.reasonHint")}
          required
          rows={3}
          value={postedText(form.values.reason)}
          error={form.errors.reason}
        />
        <p class="button-row">
          {hidden ? (
            <Button variant="secondary" name="action" value="show">
              {t("exchange.moderation.show")}
            </Button>
          ) : (
            <Button variant="secondary" name="action" value="hide">
              {t("exchange.moderation.hide")}
            </Button>
          )}
          <Button variant="secondary" name="action" value="delete">
            {t("exchange.moderation.delete")}
          </Button>
        </p>
      </Form>
    </section>
  );
}

export function PostPage({
  page,
  commentForm,
  moderationForm,
  sections = [],
}: {
  page: PostPageModel;
  commentForm: FormState;
  moderationForm: FormState;
  /** Sections of other modules ("exchange.post"), shown below the details. */
  sections?: VNode[];
}) {
  const { t, locale } = usePage();
  const { post } = page;
  const details: [string, preact.ComponentChildren][] = [
    [t("exchange.field.kind"), t(`exchange.kind.${post.kind}`)],
    [
      t("exchange.field.organisation"),
      post.organisationSlug ? (
        <a class="kern-link" href={`/akteure/${post.organisationSlug}`}>
          {post.organisationName}
        </a>
      ) : (
        (post.organisationName ?? t("exchange.byOffice"))
      ),
    ],
  ];
  if (post.municipality) details.push([t("exchange.field.municipality"), post.municipality]);
  if (post.areas.length)
    details.push([t("exchange.field.areas"), post.areas.map((a) => areaLabel(a, locale)).join(", ")]);
  if (post.themes.length) details.push([t("exchange.field.themes"), post.themes.join(", ")]);
  if (post.targetGroups.length) details.push([t("exchange.field.targetGroups"), post.targetGroups.join(", ")]);
  if (post.validUntil) details.push([t("exchange.field.validUntil"), dayText(post.validUntil, locale)]);
  details.push([t("exchange.field.published"), formatDateTime(post.publishedAt ?? post.createdAt, locale)]);
  return (
    <div class="stack">
      <p class="kern-body">
        <a class="kern-link" href="/austausch">
          {t("exchange.back")}
        </a>
      </p>
      <Heading>{post.title}</Heading>
      <PostBadges post={post} />
      {post.hidden && post.hiddenReason ? (
        <p class="kern-body">{t("exchange.hiddenBecause", { reason: post.hiddenReason })}</p>
      ) : null}
      <StoredHtml html={post.bodyHtml} />
      <AttachmentsSection attachments={page.attachments} />
      {post.practice ? (
        <section class="stack" aria-labelledby="praxis">
          <Heading level={2} id="praxis">
            {t("exchange.practice.title")}
          </Heading>
          <DescriptionList
            items={practiceFields
              .filter((f) => post.practice?.[f])
              .map((f) => [t(`exchange.practice.${f}`), post.practice?.[f] ?? ""])}
          />
        </section>
      ) : null}
      <section class="stack" aria-labelledby="angaben">
        <Heading level={2} id="angaben">
          {t("exchange.details")}
        </Heading>
        <DescriptionList items={details} />
      </section>
      <p class="button-row">
        {page.canEdit ? <LinkButton href={`/austausch/${post.id}/bearbeiten`}>{t("exchange.edit")}</LinkButton> : null}
        <a class="kern-link" href={`/austausch/${post.id}/melden`}>
          {t("exchange.report.link")}
          <span class="visually-hidden">: {post.title}</span>
        </a>
      </p>
      {sections}
      <section class="stack" aria-labelledby="kommentare">
        <Heading level={2} id="kommentare">
          {t("exchange.comments.title", { count: page.comments.length })}
        </Heading>
        {page.comments.length ? (
          <ol class="kern-list stack">
            {page.comments.map((c) => (
              <li key={c.id} id={`kommentar-${c.id}`}>
                <article class="stack" aria-label={t("exchange.comments.by", { name: c.authorName })}>
                  <p class="kern-body kern-body--small">
                    <strong>{c.authorName}</strong> · {formatDateTime(c.createdAt, locale)}
                    {c.hidden ? ` · ${t("exchange.badge.hidden")}` : ""}
                  </p>
                  <StoredHtml html={c.bodyHtml} />
                  <p class="kern-body kern-body--small">
                    <a class="kern-link" href={`/austausch/${post.id}/melden?kommentar=${c.id}`}>
                      {t("exchange.report.commentLink")}
                      <span class="visually-hidden">: {c.authorName}</span>
                    </a>
                  </p>
                  {page.canModerate ? (
                    <details>
                      <summary class="kern-body kern-body--small">
                        {t("exchange.moderation.comment")}
                        <span class="visually-hidden">: {c.authorName}</span>
                      </summary>
                      <Form action={`/austausch/${post.id}/kommentare/${c.id}/moderation`} class="form-stack">
                        <div class="kern-form-input">
                          <label class="kern-label" for={`grund-${c.id}`}>
                            {t("exchange.field.reason")}
                          </label>
                          <div class="kern-hint" id={`grund-${c.id}-hint`}>
                            {t("exchange.field.reasonHint")}
                          </div>
                          <textarea
                            class="kern-form-input__input"
                            id={`grund-${c.id}`}
                            name="reason"
                            rows={2}
                            required
                            aria-describedby={`grund-${c.id}-hint`}
                          />
                        </div>
                        <p class="button-row">
                          <Button variant="secondary" name="action" value={c.hidden ? "show" : "hide"}>
                            {c.hidden ? t("exchange.moderation.show") : t("exchange.moderation.hide")}
                          </Button>
                          <Button variant="secondary" name="action" value="delete">
                            {t("exchange.moderation.delete")}
                          </Button>
                        </p>
                      </Form>
                    </details>
                  ) : null}
                </article>
              </li>
            ))}
          </ol>
        ) : (
          <p class="kern-body">{t("exchange.comments.none")}</p>
        )}
        {page.canComment ? (
          <Form action={`/austausch/${post.id}/kommentare`} class="form-stack">
            <ErrorSummary errors={commentForm.errors} />
            <TextArea
              name="body"
              label={t("exchange.comments.field")}
              hint={t("exchange.field.markdownHint")}
              required
              rows={4}
              value={postedText(commentForm.values.body)}
              error={commentForm.errors.body}
            />
            <p>
              <Button variant="primary">{t("exchange.comments.submit")}</Button>
            </p>
          </Form>
        ) : !page.signedIn ? (
          <p class="kern-body">
            <a class="kern-link" href={`/anmelden?zurueck=${encodeURIComponent(post.url)}`}>
              {t("exchange.comments.signIn")}
            </a>
          </p>
        ) : null}
      </section>
      {page.canModerate ? (
        <>
          <ModerationControls postId={post.id} hidden={post.hidden} form={moderationForm} />
          <section class="stack" aria-labelledby="verlauf">
            <Heading level={2} id="verlauf">
              {t("exchange.history.title")}
            </Heading>
            {page.revisions.length ? (
              <ol class="kern-list stack">
                {page.revisions.map((r) => (
                  <li key={r.id}>
                    <details>
                      <summary class="kern-body">
                        {t("exchange.history.entry", {
                          when: formatDateTime(r.createdAt, locale),
                          who: r.editorName ?? "–",
                        })}
                        {r.reason ? ` – ${r.reason}` : ""}
                      </summary>
                      <p class="kern-body">
                        <strong>{r.title}</strong>
                      </p>
                      <pre class="kern-body">{r.body}</pre>
                    </details>
                  </li>
                ))}
              </ol>
            ) : (
              <p class="kern-body">{t("exchange.history.none")}</p>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
