import { Heading, Table } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { PrintOverview } from "../print.service.js";

export const printBase = (eventId: string) => `/verwaltung/fachtage/${eventId}`;

function Size({ people, pages }: { people: number; pages: number }) {
  const { t } = usePage();
  const who = t(people === 1 ? "tickets.print.onePerson" : "tickets.print.people_", { people });
  const sheets = t(pages === 1 ? "tickets.print.onePage" : "tickets.print.pages", { pages });
  return <>{t("tickets.print.size", { who, sheets })}</>;
}

/** /verwaltung/fachtage/<id>/drucken — the organiser's print files of one Fachtag. */
export function PrintPage({ o }: { o: PrintOverview }) {
  const { t } = usePage();
  const base = printBase(o.event.id);
  return (
    <div class="stack">
      <Heading>{t("tickets.print.title", { event: o.event.title })}</Heading>
      <p class="kern-body">{t("tickets.print.intro")}</p>
      <p class="kern-body">
        <a class="kern-link" href={`${base}/anmeldungen`}>
          {t("tickets.print.back")}
        </a>
      </p>

      <section class="stack" aria-labelledby="ganzer-fachtag">
        <h2 class="kern-heading kern-heading-large" id="ganzer-fachtag">
          {t("tickets.print.wholeEvent")}
        </h2>
        <ul class="kern-list">
          <li>
            <a class="kern-link" href={`${base}/namensschilder.pdf`} download>
              {t("tickets.print.badges")}
            </a>{" "}
            – <Size people={o.people} pages={o.badgePages} />
            <br />
            <span class="kern-body kern-body--small">{t("tickets.print.badgesHint", { stock: o.stock })}</span>
          </li>
          <li>
            <a class="kern-link" href={`${base}/unterschriften.pdf`} download>
              {t("tickets.print.signatures")}
            </a>{" "}
            – <Size people={o.people} pages={o.signaturePages} />
          </li>
          {o.workshops.length ? (
            <li>
              <a class="kern-link" href={`${base}/unterschriften.pdf?workshop=all`} download>
                {t("tickets.print.allSignatures")}
              </a>{" "}
              –{" "}
              <Size
                people={o.workshops.reduce((n, w) => n + w.people, 0)}
                pages={o.workshops.reduce((n, w) => n + w.signaturePages, 0)}
              />
            </li>
          ) : null}
        </ul>
      </section>

      <section class="stack" aria-labelledby="je-workshop">
        <h2 class="kern-heading kern-heading-large" id="je-workshop">
          {t("tickets.print.perWorkshop")}
        </h2>
        {o.workshops.length ? (
          <Table
            cards
            captionHidden
            caption={t("tickets.print.perWorkshop")}
            headers={[
              t("tickets.print.workshop"),
              t("tickets.print.time"),
              t("tickets.print.room"),
              t("tickets.print.people"),
              t("tickets.print.downloads"),
            ]}
            numeric={[3]}
            rows={o.workshops.map((w) => [
              w.title,
              w.time,
              w.room ?? "–",
              String(w.people),
              // The names start with the visible text and say which workshop (two links per row).
              <ul class="kern-list" key={w.id}>
                <li>
                  <a
                    class="kern-link"
                    href={`${base}/unterschriften.pdf?workshop=${w.id}`}
                    aria-label={`${t("tickets.print.signatures")}: ${w.title}`}
                    download
                  >
                    {t("tickets.print.signatures")}
                  </a>
                </li>
                <li>
                  <a
                    class="kern-link"
                    href={`${base}/namensschilder.pdf?workshop=${w.id}`}
                    aria-label={`${t("tickets.print.badges")}: ${w.title}`}
                    download
                  >
                    {t("tickets.print.badges")}
                  </a>
                </li>
              </ul>,
            ])}
          />
        ) : (
          <p class="kern-body">{t("tickets.print.noWorkshops")}</p>
        )}
      </section>
    </div>
  );
}
