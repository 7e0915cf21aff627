import type { FormState } from "../../../platform/http/forms.js";
import { formatDate, formatTime } from "../../../platform/i18n/i18n.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  Heading,
  postedText,
  Select,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { Entrance, EntranceListItem, ExpectedPerson } from "../checkin.service.js";

export const entranceBase = (eventId: string) => `/verwaltung/fachtage/${eventId}/einlass`;
export const checkinStyles = ["/assets/checkin.css?v=2"];
export const checkinScripts = ["/assets/checkin.js?v=1"];

/** The texts the page's script shows (it has no catalogue of its own). */
const scriptTexts = [
  "checkin.page.count",
  "checkin.page.pending",
  "checkin.page.pendingOne",
  "checkin.page.offline",
  "checkin.page.checkIn",
  "checkin.page.undo",
  "checkin.page.checkedInAt",
  "checkin.page.noWorkshops",
  "checkin.page.results",
  "checkin.page.noResults",
  "checkin.page.scanStop",
  "checkin.page.scan",
  "checkin.page.scanFailed",
  "checkin.flash.checkedIn",
  "checkin.flash.already",
  "checkin.flash.refused",
  "checkin.error.unknownTicket",
] as const;

/** One person in the search results: who, from where, their workshops, and the button. */
function PersonCard({
  person,
  base,
  q,
  canUndo,
}: {
  person: ExpectedPerson;
  base: string;
  q: string;
  canUndo: boolean;
}) {
  const { t, locale } = usePage();
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <li class="checkin-person" data-registration-id={person.registrationId}>
      <p class="checkin-person__name">{name}</p>
      {person.organisation ? <p class="checkin-person__org">{person.organisation}</p> : null}
      <p class="checkin-person__workshops">
        {person.workshops.length ? person.workshops.join(" · ") : t("checkin.page.noWorkshops")}
      </p>
      {person.checkedInAt ? (
        <>
          <p class="checkin-person__done">
            <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true" />{" "}
            {t("checkin.page.checkedInAt", { time: formatTime(person.checkedInAt, locale) })}
          </p>
          {canUndo ? (
            <Form action={`${base}/${person.registrationId}/rueckgaengig`} class="checkin-person__undo">
              <input type="hidden" name="q" value={q} />
              <button class="kern-btn kern-btn--tertiary" type="submit">
                <span class="kern-label">
                  {t("checkin.page.undo")}
                  <span class="visually-hidden">: {name}</span>
                </span>
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <Form action={`${base}/${person.registrationId}`} class="checkin-person__action">
          <input type="hidden" name="q" value={q} />
          <button class="kern-btn kern-btn--primary checkin-big" type="submit">
            <span class="kern-label">
              {t("checkin.page.checkIn")}
              <span class="visually-hidden">: {name}</span>
            </span>
          </button>
        </Form>
      )}
    </li>
  );
}

/** /verwaltung/fachtage/<id>/einlass — the entrance on a phone: count, code, name search, walk-ins. */
export function EntrancePage({
  e,
  q,
  results,
  codeForm,
  walkInForm,
}: {
  e: Entrance;
  q: string;
  results: ExpectedPerson[] | undefined;
  codeForm: FormState;
  walkInForm: FormState;
}) {
  const { t, locale, csrfToken } = usePage();
  const base = entranceBase(e.event.id);
  const texts = Object.fromEntries(scriptTexts.map((k) => [k, t(k)]));
  const wv = (name: string) => postedText(walkInForm.values[name]);
  return (
    <div
      class="stack checkin"
      id="einlass"
      data-base={base}
      data-csrf={csrfToken}
      data-can-undo={e.canUndo ? "1" : "0"}
      data-texts={JSON.stringify(texts)}
    >
      <div>
        <Heading>{t("checkin.page.heading")}</Heading>
        <p class="kern-body checkin-event">
          {e.event.title} · {formatDate(e.event.startsAt, locale)}
        </p>
      </div>
      <p class="checkin-count" id="checkin-count" data-expected={e.counts.expected} data-present={e.counts.present}>
        {t("checkin.page.count", { present: e.counts.present, expected: e.counts.expected })}
      </p>
      <p class="checkin-pending" id="checkin-pending" hidden />
      <div class="checkin-live" id="checkin-live" role="status" aria-live="polite" />

      <section class="stack checkin-section" aria-labelledby="code-heading">
        <h2 class="kern-heading kern-heading-medium" id="code-heading">
          {t("checkin.page.codeHeading")}
        </h2>
        <div class="checkin-scan" id="checkin-scan" hidden>
          <button class="kern-btn kern-btn--secondary checkin-big" type="button" id="checkin-scan-button">
            <span class="kern-label">{t("checkin.page.scan")}</span>
          </button>
          <p class="kern-hint" id="checkin-scan-hint" hidden>
            {t("checkin.page.scanHint")}
          </p>
          <video class="checkin-video" id="checkin-video" muted playsInline hidden />
        </div>
        <ErrorSummary errors={codeForm.errors} />
        <Form action={`${base}/code`} class="checkin-code" id="checkin-code-form">
          <TextField
            name="code"
            label={t("checkin.page.code")}
            hint={t("checkin.page.codeHint")}
            value={postedText(codeForm.values.code)}
            error={codeForm.errors.code}
            autocomplete="off"
            required
          />
          <Button>{t("checkin.page.codeSubmit")}</Button>
        </Form>
      </section>

      <section class="stack checkin-section" aria-labelledby="search-heading">
        <h2 class="kern-heading kern-heading-medium" id="search-heading">
          {t("checkin.page.searchHeading")}
        </h2>
        <form action={base} method="get" class="checkin-search" id="checkin-search-form">
          <TextField name="q" type="search" label={t("checkin.page.search")} value={q} autocomplete="off" required />
          <Button variant="secondary">{t("checkin.page.searchSubmit")}</Button>
        </form>
        <div id="checkin-results">
          {results ? (
            <>
              <p class="kern-body" id="checkin-results-count">
                {results.length
                  ? t("checkin.page.results", { count: results.length, q })
                  : t("checkin.page.noResults", { q })}
              </p>
              <ul class="checkin-people" aria-labelledby="checkin-results-count">
                {results.map((p) => (
                  <PersonCard key={p.registrationId} person={p} base={base} q={q} canUndo={e.canUndo} />
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </section>

      <details class="checkin-section checkin-walkin" open={Object.keys(walkInForm.errors).length > 0}>
        <summary class="kern-heading kern-heading-medium">{t("checkin.page.walkInHeading")}</summary>
        <div class="stack">
          <p class="kern-body">{t("checkin.page.walkInIntro")}</p>
          {e.free > 0 ? (
            <>
              <p class="kern-body">{t("checkin.page.walkInFree", { free: e.free })}</p>
              <ErrorSummary errors={walkInForm.errors} />
              <Form action={`${base}/vor-ort`} class="form-stack" id="vor-ort">
                <TextField
                  name="firstName"
                  label={t("checkin.page.firstName")}
                  value={wv("firstName")}
                  error={walkInForm.errors.firstName}
                  autocomplete="off"
                  required
                />
                <TextField
                  name="lastName"
                  label={t("checkin.page.lastName")}
                  value={wv("lastName")}
                  error={walkInForm.errors.lastName}
                  autocomplete="off"
                  required
                />
                <TextField
                  name="email"
                  type="email"
                  label={t("checkin.page.email")}
                  hint={t("checkin.page.emailHint")}
                  value={wv("email")}
                  error={walkInForm.errors.email}
                  autocomplete="off"
                  required
                />
                <TextField
                  name="organisation"
                  label={t("checkin.page.organisation")}
                  value={wv("organisation")}
                  error={walkInForm.errors.organisation}
                  autocomplete="off"
                />
                {e.slots.map((slot) => (
                  <Select
                    key={slot.startsAt}
                    name={`workshop_${slot.index}`}
                    label={t("checkin.page.workshop", {
                      from: formatTime(slot.startsAt, locale),
                      to: formatTime(slot.endsAt, locale),
                    })}
                    options={[
                      { value: "", label: t("checkin.page.noWorkshop") },
                      ...slot.workshops.map((w) => ({ value: w.id, label: w.title })),
                    ]}
                    value={wv(`workshop_${slot.index}`)}
                    error={walkInForm.errors[`workshop_${slot.index}`]}
                  />
                ))}
                <Checkbox
                  name="privacy"
                  label={t("checkin.page.privacy")}
                  checked={wv("privacy") === "on"}
                  error={walkInForm.errors.privacy}
                  required
                />
                <Button>{t("checkin.page.walkInSubmit")}</Button>
              </Form>
            </>
          ) : (
            <p class="kern-body">{t("checkin.page.walkInFull")}</p>
          )}
        </div>
      </details>

      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/einlass">
          {t("checkin.page.back")}
        </a>
      </p>
    </div>
  );
}

/** /verwaltung/einlass — the Fachtage a helper or organiser can open the entrance of. */
export function EntranceListPage({ items }: { items: EntranceListItem[] }) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("checkin.list.title")}</Heading>
      <p class="kern-body">{t("checkin.list.intro")}</p>
      {items.length === 0 ? (
        <p class="kern-body">{t("checkin.list.empty")}</p>
      ) : (
        <ul class="checkin-events">
          {items.map((item) => (
            <li key={item.id} class="checkin-events__item">
              <h2 class="kern-heading kern-heading-small">{item.title}</h2>
              <p class="kern-body">
                {formatDate(item.startsAt, locale)}, {formatTime(item.startsAt, locale)} · {item.venue}
              </p>
              <p class="kern-body">{t("checkin.list.count", { ...item.counts })}</p>
              <a class="kern-btn kern-btn--primary" href={entranceBase(item.slug)}>
                <span class="kern-label">
                  {t("checkin.list.open")}
                  <span class="visually-hidden">: {item.title}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
