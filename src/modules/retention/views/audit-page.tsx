import { formatDateTime } from "../../../platform/i18n/i18n.js";
import { Pagination, Table } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { AuditLogPage } from "../audit.service.js";

/** The details of an entry as "registrations: 150, internalFiles: 2" in the reader's words. */
function Details({ details }: { details: Record<string, unknown> }) {
  const { t, locale } = usePage();
  const parts = Object.entries(details).map(([key, value]) => {
    const label = t(`retention.audit.detail.${key}`);
    const shown =
      typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatDateTime(value, locale) : String(value);
    return `${label.startsWith("retention.audit.detail.") ? key : label}: ${shown}`;
  });
  return <>{parts.join(", ")}</>;
}

export function AuditPage({ log, page, pageCount }: { log: AuditLogPage; page: number; pageCount: number }) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <h1 class="kern-heading kern-heading-x-large">{t("retention.audit.title")}</h1>
      <p class="kern-body">{t("retention.audit.intro")}</p>
      {log.entries.length === 0 ? (
        <p class="kern-body">{t("retention.audit.empty")}</p>
      ) : (
        <Table
          caption={t("retention.audit.caption", { total: log.total })}
          cards
          headers={[
            t("retention.audit.col.at"),
            t("retention.audit.col.action"),
            t("retention.audit.col.subject"),
            t("retention.audit.col.details"),
            t("retention.audit.col.actor"),
          ]}
          rows={log.entries.map((e) => [
            formatDateTime(e.at, locale),
            t(`retention.audit.action.${e.action}`),
            e.subjectType === "event" && e.subjectTitle ? (
              <a class="kern-link" href={`/verwaltung/fachtage/${e.subjectId}`}>
                {e.subjectTitle}
              </a>
            ) : (
              `${e.subjectType} ${e.subjectId}`
            ),
            <Details details={e.details} />,
            e.actor === "system" ? t("retention.audit.system") : e.actor,
          ])}
        />
      )}
      <Pagination page={page} pageCount={pageCount} baseQuery={new URLSearchParams()} path="/verwaltung/protokoll" />
    </div>
  );
}
