import { section } from "../../platform/module.js";
import { LinkButton } from "../../platform/views/components.js";
import { usePage } from "../../platform/views/page-context.js";
import { offersDownload } from "./certificates.service.js";

function CertificateSection({ token }: { token: string }) {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="bescheinigung">
      <h2 class="kern-heading kern-heading-large" id="bescheinigung">
        {t("certificates.section.title")}
      </h2>
      <p class="kern-body">{t("certificates.section.intro")}</p>
      <p>
        <LinkButton href={`/anmeldung/${encodeURIComponent(token)}/bescheinigung.pdf`} variant="primary" download>
          {t("certificates.section.download")}
        </LinkButton>
      </p>
    </section>
  );
}

/** The certificate on the participant's own page, once they were present and the Fachtag is over. */
export const manageSection = section({
  slot: "registrations.manage",
  order: 6,
  render: ({ event, registration, token }) =>
    registration.status === "confirmed" && offersDownload(event, registration.checkedInAt) ? (
      <CertificateSection token={token} />
    ) : null,
});
