import { type AuditKind, auditKinds } from "../../../platform/audit.js";
import { formatDateTime } from "../../../platform/i18n/i18n.js";
import { Button, Pagination, Select, Table } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { AuditLogPage } from "../audit.service.js";

/** The details of an entry as "registrations: 150, internalFiles: 2" in the reader's words. */
function Details({ details }: { details: Record<string, unknown> }) {
  const { t, locale } = usePage();
  const parts = Object.entries(details).map(([key, value]) => {
    const label = t(`retention.audit.detail.${key}`);
    const named = t(`retention.audit.value.${key}.${String(value)}`);
    const shown =
      typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)
        ? formatDateTime(value, locale)
        : named.startsWith("retention.audit.value.")
          ? String(value)
          : named;
    return `${label.startsWith("retention.audit.detail.") ? key : label}: ${shown}`;
  });
  return <>{parts.join(", ")}</>;
}

export function AuditPage({
  log,
  page,
  pageCount,
  kind,
}: {
  log: AuditLogPage;
  page: number;
  pageCount: number;
  kind?: AuditKind | undefined;
}) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <h1 class="kern-heading kern-heading-x-large">{t("retention.audit.title")}</h1>
      <p class="kern-body">{t("retention.audit.intro")}</p>
      <form action="/verwaltung/protokoll" method="get" class="stack">
        <Select
          name="art"
          label={t("retention.audit.filter.label")}
          required
          value={kind ?? ""}
          options={[
            { value: "", label: t("retention.audit.filter.all") },
            ...auditKinds.map((k) => ({ value: k, label: t(`retention.audit.filter.${k}`) })),
          ]}
        />
        <Button variant="secondary">{t("retention.audit.filter.submit")}</Button>
      </form>
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
            ) : e.subjectType === "person" ? (
              t("retention.audit.subject.person")
            ) : (
              `${e.subjectType} ${e.subjectId}`
            ),
            <Details details={e.details} />,
            e.actor === "system"
              ? t("retention.audit.system")
              : e.actor === "cli"
                ? t("retention.audit.cli")
                : (e.actorName ?? e.actor),
          ])}
        />
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        baseQuery={new URLSearchParams(kind ? { art: kind } : {})}
        path="/verwaltung/protokoll"
      />
    </div>
  );
}
