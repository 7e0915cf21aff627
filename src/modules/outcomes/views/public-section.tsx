import type { ComponentChildren } from "preact";
import { Badge, Heading } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { AgreementView, ProfileAgreement } from "../outcomes.service.js";
import { cooperationState, dueDate, OrganisationLinks, Paragraphs } from "./labels.js";

// What everybody reads: on the Fachtag's page (results, agreements with their status) and
// on an organisation's profile (the agreements it is part of).

const statusKind = { open: "info", in_progress: "warning", done: "success" } as const;

function AgreementItem({ agreement: a, children }: { agreement: AgreementView; children?: ComponentChildren }) {
  const { t, locale } = usePage();
  const due = dueDate(a.dueOn, locale);
  const confirmed = a.cooperation !== null && a.cooperation.confirmed === a.cooperation.partners;
  return (
    <li class="outcomes-agreement">
      <p class="kern-body kern-body--bold">{a.title}</p>
      {children}
      <p class="kern-body">
        {t("outcomes.profile.with")}: <OrganisationLinks organisations={a.organisations} />
      </p>
      <p class="kern-body kern-body--small">
        <Badge kind={statusKind[a.status]}>
          {t("outcomes.public.status", { status: t(`outcomes.status.${a.status}`) })}
        </Badge>
        {due ? ` ${t("outcomes.public.due", { date: due })}` : ""}
      </p>
      {a.cooperation ? (
        <p class="kern-body kern-body--small">
          {t("outcomes.public.cooperation", { state: cooperationState(t, a) })}
          {confirmed ? (
            <>
              {" – "}
              <a class="kern-link" href={a.cooperation.url}>
                {t("outcomes.cooperation.link")}
                <span class="visually-hidden">: {a.title}</span>
              </a>
            </>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}

export function EventOutcomesSection({ results, agreements }: { results: string | null; agreements: AgreementView[] }) {
  const { t } = usePage();
  return (
    <>
      {results ? (
        <section class="stack" aria-labelledby="ergebnisse">
          <Heading level={2} id="ergebnisse">
            {t("outcomes.public.results")}
          </Heading>
          <Paragraphs text={results} />
        </section>
      ) : null}
      {agreements.length ? (
        <section class="stack" aria-labelledby="vereinbarungen">
          <Heading level={2} id="vereinbarungen">
            {t("outcomes.public.agreements")}
          </Heading>
          <ul class="kern-list outcomes-agreements">
            {agreements.map((a) => (
              <AgreementItem key={a.id} agreement={a} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ProfileAgreementsSection({ agreements }: { agreements: ProfileAgreement[] }) {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="vereinbarungen-fachtage">
      <h2 class="kern-heading kern-heading-large" id="vereinbarungen-fachtage">
        {t("outcomes.profile.heading")}
      </h2>
      <ul class="kern-list outcomes-agreements">
        {agreements.map((a) => (
          <AgreementItem key={a.id} agreement={a}>
            <p class="kern-body kern-body--small">
              {t("outcomes.profile.from")}:{" "}
              <a class="kern-link" href={a.event.url}>
                {a.event.title}
              </a>
            </p>
          </AgreementItem>
        ))}
      </ul>
    </section>
  );
}
