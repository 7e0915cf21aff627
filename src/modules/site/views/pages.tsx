import type { VNode } from "preact";
import type { FormState } from "../../../platform/http/forms.js";
import { formatDate, formatTime } from "../../../platform/i18n/i18n.js";
import {
  Button,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  Table,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { EventView } from "../../events/index.js";

export function HomePage({ upcoming = [], sections = [] }: { upcoming?: EventView[]; sections?: VNode[] }) {
  const { t, district, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("home.title")}</Heading>
      <p class="kern-body kern-body--large">{t("home.intro", { district: district.name })}</p>
      <h2 class="kern-heading kern-heading-large">{t("home.upcoming")}</h2>
      {upcoming.length ? (
        <ul class="kern-list">
          {upcoming.map((e) => (
            <li key={e.id}>
              <a class="kern-link" href={e.url}>
                {e.title}
              </a>{" "}
              – <time dateTime={e.startsAt}>{formatDate(e.startsAt, locale)}</time>, {formatTime(e.startsAt, locale)},{" "}
              {e.venue.name}
            </li>
          ))}
        </ul>
      ) : (
        <p class="kern-body">{t("home.noUpcoming")}</p>
      )}
      {sections}
      <h2 class="kern-heading kern-heading-large">{t("home.pillars")}</h2>
      <ul class="card-grid">
        <li>
          <h3 class="kern-heading kern-heading-medium">
            <a class="kern-link" href="/akteure">
              {t("home.card.directory")}
            </a>
          </h3>
          <p class="kern-body">{t("home.card.directoryText")}</p>
        </li>
        <li>
          <h3 class="kern-heading kern-heading-medium">
            <a class="kern-link" href="/netzwerk">
              {t("home.card.network")}
            </a>
          </h3>
          <p class="kern-body">{t("home.card.networkText")}</p>
        </li>
        <li>
          <h3 class="kern-heading kern-heading-medium">
            <a class="kern-link" href="/fachtage">
              {t("home.card.events")}
            </a>
          </h3>
          <p class="kern-body">{t("home.card.eventsText")}</p>
        </li>
      </ul>
    </div>
  );
}

export function ImpressumPage() {
  const { t, district } = usePage();
  return (
    <div class="stack">
      <Heading>{t("impressum.title")}</Heading>
      <h2 class="kern-heading kern-heading-large">{t("impressum.provider")}</h2>
      <p class="kern-body">
        {district.name}
        <br />
        {district.office}
        <br />
        {district.address}
      </p>
      <p class="kern-body">{t("impressum.represented")}</p>
      <h2 class="kern-heading kern-heading-large">{t("impressum.contact")}</h2>
      <p class="kern-body">
        {t("impressum.phone")}: {district.phone}
        <br />
        {t("impressum.email")}:{" "}
        <a class="kern-link" href={`mailto:${district.email}`}>
          {district.email}
        </a>
      </p>
      <h2 class="kern-heading kern-heading-large">{t("impressum.responsible")}</h2>
      <p class="kern-body">{district.office}</p>
      <h2 class="kern-heading kern-heading-large">{t("impressum.software")}</h2>
      <p class="kern-body">{t("impressum.softwareText")}</p>
    </div>
  );
}

export function PrivacyPage() {
  const { t, district } = usePage();
  const sections: [string, string][] = [
    ["privacy.cookies", "privacy.cookiesText"],
    ["privacy.logs", "privacy.logsText"],
    ["privacy.registration", "privacy.registrationText"],
    ["privacy.accounts", "privacy.accountsText"],
    ["privacy.rights", "privacy.rightsText"],
  ];
  return (
    <div class="stack">
      <Heading>{t("privacy.title")}</Heading>
      <p class="kern-body">{t("privacy.intro")}</p>
      <h2 class="kern-heading kern-heading-large">{t("privacy.controller")}</h2>
      <p class="kern-body">
        {district.name}, {district.office}, {district.address},{" "}
        <a class="kern-link" href={`mailto:${district.email}`}>
          {district.email}
        </a>
      </p>
      {sections.map(([heading, text]) => (
        <section key={heading} class="stack">
          <h2 class="kern-heading kern-heading-large">{t(heading)}</h2>
          <p class="kern-body">{t(text)}</p>
        </section>
      ))}
    </div>
  );
}

export function AccessibilityPage({ form }: { form: FormState }) {
  const { t, district } = usePage();
  const v = (name: string) => postedText(form.values[name]);
  return (
    <div class="stack">
      <Heading>{t("a11y.title")}</Heading>
      <p class="kern-body">{t("a11y.intro", { district: district.name })}</p>
      <h2 class="kern-heading kern-heading-large">{t("a11y.status")}</h2>
      <p class="kern-body">{t("a11y.statusText")}</p>
      <h2 class="kern-heading kern-heading-large">{t("a11y.limits")}</h2>
      <p class="kern-body">{t("a11y.limitsText")}</p>
      <p class="kern-body kern-body--small">{t("a11y.date")}</p>
      <h2 class="kern-heading kern-heading-large" id="feedback">
        {t("a11y.feedback")}
      </h2>
      <p class="kern-body">{t("a11y.feedbackText")}</p>
      <ErrorSummary errors={form.errors} />
      <Form action="/barrierefreiheit#feedback" class="form-stack" ariaLabel={t("a11y.feedback")}>
        <TextField
          name="name"
          label={t("a11y.form.name")}
          value={v("name")}
          error={form.errors.name}
          autocomplete="name"
        />
        <TextField
          name="email"
          type="email"
          label={t("a11y.form.email")}
          value={v("email")}
          error={form.errors.email}
          autocomplete="email"
        />
        <TextField name="pageUrl" label={t("a11y.form.page")} value={v("pageUrl")} error={form.errors.pageUrl} />
        <TextArea
          name="message"
          label={t("a11y.form.message")}
          value={v("message")}
          error={form.errors.message}
          required
        />
        <p class="kern-body kern-body--small">{t("a11y.form.privacy")}</p>
        <Button>{t("a11y.form.submit")}</Button>
      </Form>
      <h2 class="kern-heading kern-heading-large">{t("a11y.enforcement")}</h2>
      <p class="kern-body">{t("a11y.enforcementText")}</p>
    </div>
  );
}

export function EasyLanguagePage() {
  const { t, district } = usePage();
  const sections: [string, string][] = [
    ["easy.what", "easy.whatText"],
    ["easy.actors", "easy.actorsText"],
    ["easy.events", "easy.eventsText"],
  ];
  return (
    <div class="stack easy-language">
      <Heading>{t("easy.title")}</Heading>
      <p class="kern-body kern-body--large">{t("easy.intro")}</p>
      {sections.map(([heading, text]) => (
        <section key={heading} class="stack">
          <h2 class="kern-heading kern-heading-large">{t(heading)}</h2>
          {t(text, { district: district.name })
            .split(/(?<=\.) /)
            .map((sentence) => (
              <p class="kern-body kern-body--large" key={sentence}>
                {sentence}
              </p>
            ))}
        </section>
      ))}
      <h2 class="kern-heading kern-heading-large">{t("easy.help")}</h2>
      <p class="kern-body kern-body--large">{t("easy.helpText", { phone: district.phone, email: district.email })}</p>
    </div>
  );
}

export interface EndpointRow {
  method: string;
  path: string;
  summary: string;
}

export function ApiDocsPage({ endpoints }: { endpoints: EndpointRow[] }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("api.title")}</Heading>
      <p class="kern-body">
        {t("api.intro")}{" "}
        <a class="kern-link" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <p class="kern-body">{t("api.auth")}</p>
      <p class="kern-body">{t("api.errors")}</p>
      <Table
        caption={t("api.endpoints")}
        headers={[t("api.method"), t("api.path"), t("api.summary")]}
        rows={endpoints.map((e) => [<code key="m">{e.method}</code>, <code key="p">{e.path}</code>, e.summary])}
      />
    </div>
  );
}
