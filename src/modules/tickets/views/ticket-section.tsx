import { qrSvgPath } from "../../../lib/qr.js";
import { formatDate, formatTime } from "../../../platform/i18n/i18n.js";
import { LinkButton } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { ManagePageSlot } from "../../registrations/index.js";

/** Shown on the participant's own page once the place is confirmed: QR code, code, PDF. */
export function TicketSection({ registration, token }: Pick<ManagePageSlot, "registration" | "token">) {
  const { t, locale } = usePage();
  const { side, d } = qrSvgPath(registration.ticketCode);
  return (
    <section class="stack" aria-labelledby="ticket">
      <h2 class="kern-heading kern-heading-large" id="ticket">
        {t("tickets.section.title")}
      </h2>
      <p class="kern-body">{t("tickets.section.intro")}</p>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${side} ${side}`}
        width="232"
        height="232"
        role="img"
        aria-labelledby="ticket-qr-title"
        shape-rendering="crispEdges"
      >
        <title id="ticket-qr-title">{t("tickets.section.qrAlt")}</title>
        <rect width={side} height={side} fill="#fff" />
        <path fill="#000" d={d} />
      </svg>
      <p class="kern-body">
        {t("tickets.section.code")}:{" "}
        <strong>
          <code>{registration.ticketCode}</code>
        </strong>
        <br />
        <span class="kern-body kern-body--small">{t("tickets.section.codeHint")}</span>
      </p>
      {registration.checkedInAt ? (
        <p class="kern-body">
          {t("tickets.section.checkedIn", {
            date: formatDate(registration.checkedInAt, locale),
            time: formatTime(registration.checkedInAt, locale),
          })}
        </p>
      ) : null}
      <p class="button-row">
        <LinkButton href={`/anmeldung/${token}/ticket.pdf`} variant="primary" download>
          {t("tickets.section.download")}
        </LinkButton>
      </p>
    </section>
  );
}
