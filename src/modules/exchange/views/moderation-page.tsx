import { formatDateTime } from "../../../platform/i18n/i18n.js";
import { Button, Form, Heading, Table } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { ReportView } from "../moderation.service.js";
import type { PostView } from "../posts.service.js";

// /verwaltung/austausch: the reports queue, oldest first, and the hidden posts.

export function ModerationPage({ reports, hidden }: { reports: ReportView[]; hidden: PostView[] }) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("exchange.admin.title")}</Heading>
      <p class="kern-body">{t("exchange.admin.intro")}</p>
      <section class="stack" aria-labelledby="meldungen">
        <Heading level={2} id="meldungen">
          {t("exchange.admin.reports", { count: reports.length })}
        </Heading>
        {reports.length ? (
          <Table
            caption={t("exchange.admin.reports", { count: reports.length })}
            captionHidden
            cards
            headers={[
              t("exchange.admin.col.what"),
              t("exchange.admin.col.reason"),
              t("exchange.admin.col.when"),
              t("exchange.admin.col.actions"),
            ]}
            rows={reports.map((r) => [
              <>
                <a
                  class="kern-link"
                  href={r.commentId ? `/austausch/${r.postId}#kommentar-${r.commentId}` : `/austausch/${r.postId}`}
                >
                  {r.postTitle}
                </a>
                {r.commentId ? (
                  <span class="kern-body kern-body--small">
                    {" "}
                    {t("exchange.admin.comment", { text: (r.commentBody ?? "").slice(0, 120) })}
                  </span>
                ) : null}
              </>,
              r.reason,
              formatDateTime(r.createdAt, locale),
              <Form key="c" action={`/verwaltung/austausch/meldungen/${r.id}/erledigt`}>
                <Button variant="tertiary">
                  {t("exchange.admin.close")}
                  <span class="visually-hidden">: {r.postTitle}</span>
                </Button>
              </Form>,
            ])}
          />
        ) : (
          <p class="kern-body">{t("exchange.admin.noReports")}</p>
        )}
      </section>
      <section class="stack" aria-labelledby="ausgeblendet">
        <Heading level={2} id="ausgeblendet">
          {t("exchange.admin.hidden")}
        </Heading>
        {hidden.length ? (
          <ul class="kern-list">
            {hidden.map((p) => (
              <li key={p.id}>
                <a class="kern-link" href={p.url}>
                  {p.title}
                </a>
                {p.hiddenReason ? ` – ${p.hiddenReason}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t("exchange.admin.noHidden")}</p>
        )}
      </section>
    </div>
  );
}
