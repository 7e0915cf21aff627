import type { VNode } from "preact";
import type { FormState } from "../../../platform/http/forms.js";
import { formatDate, formatTime } from "../../../platform/i18n/i18n.js";
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  DescriptionList,
  ErrorSummary,
  Form,
  Heading,
  LinkButton,
  postedText,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { EventView } from "../../events/index.js";
import type { OrganisationField } from "../register.service.js";
import type { Confirmation } from "../self-service.service.js";
import type { RegistrationStatus } from "../tables.js";
import type { Availability, QuestionView, RegistrationView, SlotView } from "../view-models.js";
import { collectsWishes, wishesFinal } from "../wishes.js";
import { RegistrationSection, untilText, WishSlot, WorkshopSlot } from "./registration-section.js";

const statusKind: Record<RegistrationStatus, "info" | "success" | "warning" | "danger"> = {
  pending: "warning",
  confirmed: "success",
  waitlisted: "info",
  cancelled: "danger",
  expired: "danger",
};

export function StatusBadge({ status }: { status: RegistrationStatus }) {
  const { t } = usePage();
  return <Badge kind={statusKind[status]}>{t(`registrations.status.${status}`)}</Badge>;
}

function EventLine({ event }: { event: EventView }) {
  const { t, locale } = usePage();
  return (
    <p class="kern-body kern-body--large">
      {t("registrations.mail.when", {
        date: formatDate(event.startsAt, locale),
        from: formatTime(event.startsAt, locale),
        to: formatTime(event.endsAt, locale),
      })}
      <br />
      {t("registrations.mail.where", {
        venue: [event.venue.name, event.venue.room, event.venue.address].filter(Boolean).join(", "),
      })}
    </p>
  );
}

/** GET /fachtage/<slug>/anmeldung: the form alone (also the re-render with errors). */
export function RegistrationFormPage({
  event,
  slots,
  questions,
  availability,
  form,
  organisationField,
}: {
  event: EventView;
  slots: SlotView[];
  questions: QuestionView[];
  availability: Availability;
  form: FormState;
  organisationField?: OrganisationField | undefined;
}) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("registrations.page.title", { event: event.title })}</Heading>
      <EventLine event={event} />
      <p>
        <a class="kern-link" href={`/fachtage/${event.slug}`}>
          {t("registrations.page.back")}
        </a>
      </p>
      <RegistrationSection
        event={event}
        slots={slots}
        availability={availability}
        questions={questions}
        form={form}
        organisationField={organisationField}
      />
    </div>
  );
}

/** After submitting: the flash message says what happened; this page says what comes next. */
export function ThanksPage({ event }: { event: EventView }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("registrations.thanks.title")}</Heading>
      <EventLine event={event} />
      <p>
        <a class="kern-link" href={`/fachtage/${event.slug}`}>
          {t("registrations.page.back")}
        </a>
      </p>
    </div>
  );
}

/**
 * The e-mailed confirmation link. Before: a button that confirms by POST (opening the link
 * changes nothing, mail scanners open links). After: what is confirmed, the manage link
 * and the calendar file. "Anmeldung bestätigt" is said once, in the heading.
 */
export function ConfirmationPage({ token, confirmation: c }: { token: string; confirmation: Confirmation }) {
  const { t } = usePage();
  const { event, registration } = c;
  const name = `${registration.firstName} ${registration.lastName}`;
  if (!c.confirmed) {
    return (
      <div class="stack">
        <Heading>{t("registrations.confirm.askTitle")}</Heading>
        <p class="kern-body kern-body--large">{t("registrations.confirm.askText", { name, event: event.title })}</p>
        <EventLine event={event} />
        <Form action={`/anmeldung/bestaetigen/${token}`}>
          <Button>{t("registrations.confirm.button")}</Button>
        </Form>
      </div>
    );
  }
  return (
    <div class="stack">
      <Heading>{t("registrations.confirm.title")}</Heading>
      <Alert kind="success" title={t("registrations.confirm.done")} role="status">
        <p class="kern-body">{t("registrations.confirm.text", { name, event: event.title })}</p>
      </Alert>
      <EventLine event={event} />
      {registration.workshops.length ? (
        <>
          <h2 class="kern-heading kern-heading-large">{t("registrations.manage.workshops")}</h2>
          <ul class="kern-list">
            {registration.workshops.map((w) => (
              <li key={w.id}>{w.title}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 class="kern-heading kern-heading-large">{t("registrations.confirm.next")}</h2>
      <p class="button-row">
        <LinkButton href={`/anmeldung/${c.manageToken}`} variant="primary">
          {t("registrations.confirm.manage")}
        </LinkButton>{" "}
        <LinkButton href={`/fachtage/${event.slug}.ics`} download>
          {t("registrations.confirm.ics")}
        </LinkButton>
      </p>
      <p class="kern-body kern-body--small">{t("registrations.confirm.manageHint")}</p>
      <p>
        <a class="kern-link" href={`/fachtage/${event.slug}`}>
          {t("registrations.page.back")}
        </a>
      </p>
    </div>
  );
}

/** GET /anmeldung/<token>: see, change workshops, cancel. */
export function ManagePage({
  token,
  event,
  registration: r,
  slots,
  availability,
  form,
  sections = [],
}: {
  token: string;
  event: EventView;
  registration: RegistrationView;
  slots: SlotView[];
  availability: Availability;
  form: FormState;
  /** What other modules add to this page ("registrations.manage"): the ticket, the allocation's result. */
  sections?: VNode[];
}) {
  const { t, locale } = usePage();
  const active = r.status === "pending" || r.status === "confirmed" || r.status === "waitlisted";
  // From the first minute of the Fachtag the link changes nothing the day depends on (the service refuses too).
  const started = Date.parse(event.startsAt) <= Date.now();
  const detail = (name: string, fallback: string | null) =>
    name in form.values ? postedText(form.values[name]) : (fallback ?? undefined);
  const chosen = (slotKey: string) =>
    typeof form.values[`workshop_${slots.find((s) => s.key === slotKey)?.index}`] === "string"
      ? (form.values[`workshop_${slots.find((s) => s.key === slotKey)?.index}`] as string)
      : r.workshops.find((w) => w.slot === slotKey)?.id;
  return (
    <div class="stack">
      <Heading>{t("registrations.manage.title")}</Heading>
      <p class="kern-body">{t("registrations.manage.intro", { event: event.title })}</p>
      {event.status === "cancelled" ? <Alert kind="danger" title={t("registrations.manage.eventCancelled")} /> : null}
      <ErrorSummary errors={form.errors} />
      <DescriptionList
        items={[
          [
            t("registrations.manage.status"),
            <>
              <StatusBadge status={r.status} />
              {r.waitlistPosition ? ` ${t("registrations.manage.position", { position: r.waitlistPosition })}` : ""}
            </>,
          ],
          [t("registrations.manage.name"), `${r.firstName} ${r.lastName}`],
          [t("registrations.manage.email"), r.email],
          [t("registrations.manage.organisation"), r.organisation ?? "–"],
          [t("registrations.manage.dietaryNeeds"), r.dietaryNeeds ?? "–"],
          [t("registrations.manage.accessibilityNeeds"), r.accessibilityNeeds ?? "–"],
          [
            t("registrations.manage.when"),
            `${formatDate(event.startsAt, locale)}, ${formatTime(event.startsAt, locale)}–${formatTime(event.endsAt, locale)}`,
          ],
          [
            t("registrations.manage.workshops"),
            r.workshops.length
              ? r.workshops.map((w) => w.title).join(", ")
              : t(collectsWishes(event) ? "registrations.manage.workshopsLater" : "registrations.manage.noWorkshops"),
          ],
        ]}
      />
      {r.status === "pending" && r.holdUntil ? (
        <Alert kind="warning" title={t("registrations.status.pending")}>
          <p class="kern-body">{t("registrations.manage.pendingHint", { until: untilText(r.holdUntil, locale, t) })}</p>
        </Alert>
      ) : null}
      {sections}
      {slots.length && (collectsWishes(event) || wishesFinal(event)) ? (
        <section class="stack" aria-labelledby="wuensche">
          <h2 class="kern-heading kern-heading-large" id="wuensche">
            {t("registrations.manage.wishes")}
          </h2>
          {collectsWishes(event) && active && !started && event.status !== "cancelled" ? (
            <>
              <p class="kern-body">{t("registrations.manage.wishesIntro")}</p>
              <Form action={`/anmeldung/${token}/wuensche`} class="form-stack">
                {slots.map((slot) => (
                  <WishSlot
                    key={slot.key}
                    slot={slot}
                    maxChoices={event.maxChoices}
                    form={form}
                    stored={r.preferences[slot.index] ?? []}
                  />
                ))}
                <Button>{t("registrations.manage.saveWishes")}</Button>
              </Form>
            </>
          ) : (
            <>
              {wishesFinal(event) ? <p class="kern-body">{t("registrations.manage.wishesFinal")}</p> : null}
              <WishSummary slots={slots} preferences={r.preferences} />
            </>
          )}
        </section>
      ) : null}
      {active && started && event.status !== "cancelled" ? (
        <p class="kern-body">{t("registrations.manage.started")}</p>
      ) : null}
      {active && !started && slots.length && event.status !== "cancelled" && !collectsWishes(event) ? (
        <section class="stack" aria-labelledby="workshops-aendern">
          <h2 class="kern-heading kern-heading-large" id="workshops-aendern">
            {t("registrations.manage.changeWorkshops")}
          </h2>
          <Form action={`/anmeldung/${token}/workshops`} class="form-stack">
            {slots.map((slot) => (
              <WorkshopSlot
                key={slot.key}
                slot={slot}
                availability={availability}
                value={chosen(slot.key)}
                held={r.workshops.map((w) => w.id)}
                error={form.errors[`workshop_${slot.index}`]}
              />
            ))}
            <Button>{t("registrations.manage.saveWorkshops")}</Button>
          </Form>
        </section>
      ) : null}
      {active ? (
        <section class="stack" aria-labelledby="angaben">
          <h2 class="kern-heading kern-heading-large" id="angaben">
            {t("registrations.manage.details")}
          </h2>
          <p class="kern-body">{t("registrations.manage.detailsHint")}</p>
          <Form action={`/anmeldung/${token}/angaben`} class="form-stack">
            <TextField
              name="firstName"
              label={t("registrations.form.firstName")}
              value={detail("firstName", r.firstName)}
              error={form.errors.firstName}
              autocomplete="given-name"
              required
            />
            <TextField
              name="lastName"
              label={t("registrations.form.lastName")}
              value={detail("lastName", r.lastName)}
              error={form.errors.lastName}
              autocomplete="family-name"
              required
            />
            <TextField
              name="organisation"
              label={t("registrations.form.organisation")}
              value={detail("organisation", r.organisation)}
              error={form.errors.organisation}
              autocomplete="organization"
            />
            <TextField
              name="dietaryNeeds"
              label={t("registrations.form.dietaryNeeds")}
              hint={t("registrations.form.dietaryNeedsHint")}
              value={detail("dietaryNeeds", r.dietaryNeeds)}
              error={form.errors.dietaryNeeds}
            />
            <TextArea
              name="accessibilityNeeds"
              rows={3}
              label={t("registrations.form.accessibilityNeeds")}
              hint={t("registrations.form.accessibilityNeedsHint")}
              value={detail("accessibilityNeeds", r.accessibilityNeeds)}
              error={form.errors.accessibilityNeeds}
            />
            <Button variant="secondary">{t("registrations.manage.saveDetails")}</Button>
          </Form>
        </section>
      ) : null}
      {active && !started ? (
        <section class="stack" aria-labelledby="absagen">
          <h2 class="kern-heading kern-heading-large" id="absagen">
            {t("registrations.manage.cancelTitle")}
          </h2>
          <p class="kern-body">{t("registrations.manage.cancelText")}</p>
          <Form action={`/anmeldung/${token}/abmelden`} class="form-stack">
            <Checkbox
              name="confirm"
              label={t("registrations.manage.cancelConfirm")}
              error={form.errors.confirm}
              required
            />
            <Button variant="secondary">{t("registrations.manage.cancelButton")}</Button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

/** The wishes as text, per slot: "09:00 bis 10:30 Uhr: 1. Wunsch …, 2. Wunsch …". */
function WishSummary({ slots, preferences }: { slots: SlotView[]; preferences: string[][] }) {
  const { t, locale } = usePage();
  const title = new Map(slots.flatMap((s) => s.workshops.map((w) => [w.id, w.title] as const)));
  return (
    <DescriptionList
      items={slots.map((slot) => {
        const list = preferences[slot.index] ?? [];
        return [
          t("registrations.form.slot", {
            from: formatTime(slot.startsAt, locale),
            to: formatTime(slot.endsAt, locale),
          }),
          list.length ? (
            <ul class="kern-list">
              {list.map((id, i) => (
                <li key={id}>
                  {t("registrations.form.wishRank", { rank: i + 1 })}: {title.get(id) ?? ""}
                </li>
              ))}
            </ul>
          ) : (
            t("registrations.manage.noWishes")
          ),
        ];
      })}
    />
  );
}

export function CancelledPage() {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("registrations.manage.cancelledTitle")}</Heading>
      <p class="kern-body">{t("registrations.mail.cancelled.again")}</p>
      <LinkButton href="/fachtage">{t("registrations.page.back")}</LinkButton>
    </div>
  );
}

/** /anmeldung/link: the manage link again, for whoever lost the mail. */
export function ResendPage({ form }: { form: FormState }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("registrations.resend.title")}</Heading>
      <p class="kern-body">{t("registrations.resend.intro")}</p>
      <ErrorSummary errors={form.errors} />
      <Form action="/anmeldung/link" class="form-stack">
        <TextField
          name="email"
          type="email"
          label={t("registrations.resend.email")}
          value={postedText(form.values.email)}
          error={form.errors.email}
          autocomplete="email"
          required
        />
        <Button>{t("registrations.resend.submit")}</Button>
      </Form>
    </div>
  );
}
