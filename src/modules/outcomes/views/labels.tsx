import { formatShortDate } from "../../../platform/i18n/i18n.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { AgreementOrganisation, AgreementView } from "../outcomes.service.js";

// Pieces the organiser's page, the Fachtag's page and the profile section share.

/** "30.06.2026", or null without a date ("YYYY-MM-DD", a Berlin calendar day). */
export const dueDate = (dueOn: string | null, locale: "de" | "en") =>
  dueOn ? formatShortDate(`${dueOn}T12:00:00Z`, locale) : null;

/** The cooperation's state as a short text: none, confirmed by all, or how far confirmed. */
export function cooperationState(
  t: (key: string, params?: Record<string, string | number>) => string,
  a: AgreementView,
) {
  if (!a.cooperation) return t("outcomes.cooperation.none");
  if (a.cooperation.confirmed === a.cooperation.partners) return t("outcomes.cooperation.confirmed");
  return t("outcomes.cooperation.pending", a.cooperation);
}

/** The organisations as links to their profiles, comma-separated. */
export function OrganisationLinks({ organisations }: { organisations: AgreementOrganisation[] }) {
  const { t } = usePage();
  if (!organisations.length) return <>{t("outcomes.agreements.noOrganisations")}</>;
  return (
    <>
      {organisations.map((o, i) => (
        // The comma follows its link: a line breaks after it, never before.
        <span key={o.id}>
          <a class="kern-link" href={o.url}>
            {o.name}
          </a>
          {i < organisations.length - 1 ? ", " : ""}
        </span>
      ))}
    </>
  );
}

/** Paragraphs of a plain text: blank lines separate them, single line breaks stay. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p class="kern-body" key={`${i}-${p.slice(0, 20)}`}>
            {p.split("\n").map((line, j) => (
              <span key={`${j}-${line.slice(0, 10)}`}>
                {j > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </p>
        ))}
    </>
  );
}
