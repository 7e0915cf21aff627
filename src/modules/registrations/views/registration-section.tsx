import { shownEnd } from "../../../lib/berlin-time.js";
import type { FormState } from "../../../platform/http/forms.js";
import { formatDate, formatTime, type Locale, type Translate } from "../../../platform/i18n/i18n.js";
import {
  Alert,
  Button,
  Checkbox,
  ErrorSummary,
  FieldError,
  Form,
  fieldId,
  postedText,
  Select,
  TextArea,
  TextField,
  useFieldLabel,
} from "../../../platform/views/components.js";
import { fieldSuggestScript } from "../../../platform/views/layout.js";
import { usePage } from "../../../platform/views/page-context.js";
import { municipalities } from "../../directory/index.js";
import { personalDataDueAt, type RegistrationClosedReason } from "../../events/index.js";
import { organisationKinds } from "../messages.js";
import type { OrganisationField } from "../register.service.js";
import type { Availability, QuestionView, SlotView } from "../view-models.js";
import { wishCount, wishField } from "../wishes.js";

/**
 * "Montag, 1. März 2027, 23:59 Uhr". A window that ends at midnight ends with the day
 * before (the organiser typed a date, meaning the whole of it), so it never reads "00:00".
 */
export function untilText(iso: string, locale: Locale, t: Translate): string {
  const shown = shownEnd(iso);
  return t("registrations.time.until", { date: formatDate(shown, locale), time: formatTime(shown, locale) });
}

/** What the section shows of a Fachtag (the events module's EventView fits). */
interface SectionEvent {
  slug: string;
  registrationOpen: boolean;
  registrationClosesAt?: string | null;
  registrationClosedReason?: RegistrationClosedReason | undefined;
  confirmByEmail: boolean;
  holdHours: number;
  workshopChoice?: "first_come" | "preferences";
  maxChoices?: number;
  allocationPublishedAt?: string | null;
  /** With the retention period, the privacy hint says when the data is deleted. */
  endsAt?: string;
  retentionMonths?: number;
}

/** The scripts a page with the section must load: the search behind a long organisation list. */
export const organisationFieldScripts = (field: OrganisationField | undefined): string[] =>
  field?.searchUrl ? [fieldSuggestScript] : [];

/**
 * The registration part of a Fachtag page: free places, the form (or the
 * "Anmeldung geschlossen" notice). Posts to /fachtage/<slug>/anmeldung and works
 * without JavaScript.
 */
export function RegistrationSection({
  event,
  slots,
  availability,
  questions = [],
  form = { values: {}, errors: {} },
  headingLevel = 2,
  action,
  privacyLabel,
  organisationField,
}: {
  event: SectionEvent;
  slots: SlotView[];
  availability: Availability;
  questions?: QuestionView[];
  form?: FormState;
  headingLevel?: 2 | 1;
  /** Where the form posts; default the public route of the event. */
  action?: string;
  /** Replaces the consent wording (organisers registering someone by phone). */
  privacyLabel?: string;
  /** How the organisation field offers the Bildungsportal's organisations (getOrganisationField). */
  organisationField?: OrganisationField | undefined;
}) {
  const { t, locale } = usePage();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const headingClass = headingLevel === 1 ? "kern-heading kern-heading-x-large" : "kern-heading kern-heading-large";
  const full = availability.free <= 0;
  if (!event.registrationOpen) {
    const reason = event.registrationClosedReason ?? "closed";
    return (
      <section class="stack registration-section" aria-labelledby="anmeldung-titel">
        <Heading class={headingClass} id="anmeldung-titel">
          {t("registrations.section.title")}
        </Heading>
        <Alert kind="info" title={t("registrations.section.closedTitle")}>
          <p class="kern-body">{t(`registrations.error.closed.${reason}`)}</p>
        </Alert>
      </section>
    );
  }
  const v = (name: string) => postedText(form.values[name]);
  const maxChoices = wishCount(event);
  const checked = (name: string) => ["on", "true", "1"].includes(String(form.values[name] ?? ""));
  const e = form.errors;
  return (
    <section class="stack registration-section" aria-labelledby="anmeldung-titel">
      <Heading class={headingClass} id="anmeldung-titel">
        {t("registrations.section.title")}
      </Heading>
      {full ? (
        <Alert kind="warning" title={t("registrations.section.waitlistTitle")}>
          <p class="kern-body">{t("registrations.section.full", { waitlist: availability.waitlist })}</p>
        </Alert>
      ) : (
        <p class="kern-body kern-body--large">
          {t("registrations.section.free", { free: availability.free, capacity: availability.capacity })}
        </p>
      )}
      {event.registrationClosesAt ? (
        <p class="kern-body">
          <strong>
            {t("registrations.section.closes", { until: untilText(event.registrationClosesAt, locale, t) })}
          </strong>
        </p>
      ) : null}
      <p class="kern-body">{t("registrations.section.noAccount")}</p>
      {/* Only a free place is held while the address is confirmed: the waitlist promises nothing. */}
      {full ? (
        <p class="kern-body">{t("registrations.section.waitlistOptIn")}</p>
      ) : event.confirmByEmail ? (
        <p class="kern-body">{t("registrations.section.optIn", { hours: event.holdHours })}</p>
      ) : null}
      <p class="kern-body">
        {t("registrations.section.lostLink")}{" "}
        <a class="kern-link" href="/anmeldung/link">
          {t("registrations.resend.link")}
        </a>
      </p>
      <ErrorSummary errors={e} />
      <Form
        action={action ?? `/fachtage/${event.slug}/anmeldung`}
        class="form-stack"
        ariaLabel={t("registrations.section.title")}
      >
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t("registrations.form.person")}</legend>
          <div class="kern-fieldset__body form-stack">
            <TextField
              name="firstName"
              label={t("registrations.form.firstName")}
              value={v("firstName")}
              error={e.firstName}
              autocomplete="given-name"
              required
            />
            <TextField
              name="lastName"
              label={t("registrations.form.lastName")}
              value={v("lastName")}
              error={e.lastName}
              autocomplete="family-name"
              required
            />
            <TextField
              name="email"
              type="email"
              label={t("registrations.form.email")}
              hint={t("registrations.form.emailHint")}
              value={v("email")}
              error={e.email}
              autocomplete="email"
              required
            />
            <TextField
              name="organisation"
              label={t("registrations.form.organisation")}
              hint={t("registrations.form.organisationHint")}
              value={v("organisation")}
              error={e.organisation}
              autocomplete="organization"
              suggestions={organisationField?.choices}
              searchUrl={organisationField?.searchUrl}
            />
            <Select
              name="organisationKind"
              label={t("registrations.form.organisationKind")}
              placeholder={t("registrations.form.organisationKindPlaceholder")}
              options={organisationKinds.map((k) => ({ value: k, label: t(`registrations.orgKind.${k}`) }))}
              value={v("organisationKind")}
              error={e.organisationKind}
            />
            <TextField
              name="role"
              label={t("registrations.form.role")}
              hint={t("registrations.form.roleHint")}
              value={v("role")}
              error={e.role}
              autocomplete="organization-title"
            />
            <TextField
              name="municipality"
              label={t("registrations.form.municipality")}
              hint={t("registrations.form.municipalityHint")}
              value={v("municipality")}
              error={e.municipality}
              suggestions={municipalities}
            />
          </div>
        </fieldset>
        {slots.length && maxChoices !== undefined ? (
          <fieldset class="kern-fieldset">
            <legend class="kern-label">{t("registrations.form.wishes")}</legend>
            <div class="kern-hint">{t("registrations.form.wishesHint")}</div>
            <div class="kern-fieldset__body form-stack">
              {slots.map((slot) => (
                <WishSlot key={slot.index} slot={slot} maxChoices={maxChoices} form={form} />
              ))}
            </div>
          </fieldset>
        ) : slots.length ? (
          <fieldset class="kern-fieldset">
            <legend class="kern-label">{t("registrations.form.workshops")}</legend>
            <div class="kern-hint">{t("registrations.form.workshopsHint")}</div>
            <div class="kern-fieldset__body form-stack">
              {slots.map((slot) => (
                <WorkshopSlot
                  key={slot.index}
                  slot={slot}
                  availability={availability}
                  value={v(`workshop_${slot.index}`)}
                  error={e[`workshop_${slot.index}`]}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t("registrations.form.needs")}</legend>
          <div class="kern-hint">{t("registrations.form.needsHint")}</div>
          <div class="kern-fieldset__body form-stack">
            <TextField
              name="dietaryNeeds"
              label={t("registrations.form.dietaryNeeds")}
              hint={t("registrations.form.dietaryNeedsHint")}
              value={v("dietaryNeeds")}
              error={e.dietaryNeeds}
            />
            <TextArea
              name="accessibilityNeeds"
              rows={3}
              label={t("registrations.form.accessibilityNeeds")}
              hint={t("registrations.form.accessibilityNeedsHint")}
              value={v("accessibilityNeeds")}
              error={e.accessibilityNeeds}
            />
          </div>
        </fieldset>
        {questions.length ? (
          <fieldset class="kern-fieldset">
            <legend class="kern-label">{t("registrations.form.questions")}</legend>
            <div class="kern-fieldset__body form-stack">
              {questions.map((q) => (
                <QuestionField key={q.id} question={q} value={v(`q_${q.id}`)} error={e[`q_${q.id}`]} />
              ))}
            </div>
          </fieldset>
        ) : null}
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t("registrations.form.consents")}</legend>
          <div class="kern-fieldset__body form-stack">
            <Checkbox
              name="consentPrivacy"
              label={privacyLabel ?? t("registrations.form.consentPrivacy")}
              hint={
                event.endsAt && event.retentionMonths
                  ? t("registrations.form.consentPrivacyRetention", {
                      months: event.retentionMonths,
                      date: formatDate(personalDataDueAt(event.endsAt, event.retentionMonths), locale),
                    })
                  : t("registrations.form.consentPrivacyHint")
              }
              checked={checked("consentPrivacy")}
              error={e.consentPrivacy}
              required
            />
            <p class="kern-body kern-body--small">
              <a class="kern-link" href="/datenschutz">
                {t("registrations.form.privacyLink")}
              </a>
            </p>
            <Checkbox
              name="consentPhotos"
              label={t("registrations.form.consentPhotos")}
              hint={t("registrations.form.consentPhotosHint")}
              checked={checked("consentPhotos")}
            />
            <Checkbox
              name="consentParticipantList"
              label={t("registrations.form.consentParticipantList")}
              hint={t("registrations.form.consentParticipantListHint")}
              checked={checked("consentParticipantList")}
            />
          </div>
        </fieldset>
        <Button>{full ? t("registrations.form.submitWaitlist") : t("registrations.form.submit")}</Button>
      </Form>
    </section>
  );
}

/** The workshops of one time slot as radio buttons: the registration form and the manage page. */
export function WorkshopSlot({
  slot,
  availability,
  value,
  held = [],
  error,
}: {
  slot: {
    index: number;
    startsAt: string;
    endsAt: string;
    workshops: { id: string; title: string; room?: string | null }[];
  };
  availability: Availability;
  value: string | undefined;
  /** Workshops this person already holds: never shown as full to them. */
  held?: string[];
  error: string | undefined;
}) {
  const { t, locale } = usePage();
  const id = fieldId(`workshop_${slot.index}`);
  const name = `workshop_${slot.index}`;
  const legend = t("registrations.form.slot", {
    from: formatTime(slot.startsAt, locale),
    to: formatTime(slot.endsAt, locale),
  });
  useFieldLabel(name, legend);
  return (
    <fieldset class={`kern-fieldset${error ? " kern-fieldset--error" : ""}`} id={id}>
      <legend class="kern-label">{legend}</legend>
      <FieldError id={id} error={error} />
      <div class="kern-fieldset__body">
        <div class="kern-form-check">
          <input class="kern-form-check__radio" type="radio" id={`${id}-none`} name={name} value="" checked={!value} />
          <label class="kern-label" for={`${id}-none`}>
            {t("registrations.form.noWorkshop")}
          </label>
        </div>
        {slot.workshops.map((w) => {
          const a = availability.workshops[w.id];
          const full = a?.free === 0 && !held.includes(w.id);
          const note =
            a?.free === null || a === undefined
              ? ""
              : full
                ? t("registrations.form.workshopFull")
                : t("registrations.form.workshopFree", { free: a.free ?? 0 });
          return (
            <div class="kern-form-check" key={w.id}>
              <input
                class="kern-form-check__radio"
                type="radio"
                id={`${id}-${w.id}`}
                name={name}
                value={w.id}
                checked={value === w.id}
                disabled={full && value !== w.id}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              <label class="kern-label" for={`${id}-${w.id}`}>
                {w.title}
                {w.room ? ` (${w.room})` : ""}
                {/* On a line of its own: KERN keeps this span unbroken, which ran off a phone's edge. */}
                {note ? (
                  <>
                    <br />
                    <span class="kern-label__optional">{note}</span>
                  </>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * The ranked wishes of one time slot: one select per rank ("1. Wunsch", "2. Wunsch", …),
 * each with "– kein Wunsch –", grouped under the slot's time. Plain selects work without
 * JavaScript and with a screen reader; a repeated workshop is named beside its select.
 * `values` are the posted values, else the stored wishes (manage page).
 */
export function WishSlot({
  slot,
  maxChoices,
  form,
  stored = [],
}: {
  slot: SlotView;
  maxChoices: number;
  form: FormState;
  /** The wishes stored for this slot, in rank order (manage page). */
  stored?: string[];
}) {
  const { t, locale } = usePage();
  const legend = t("registrations.form.slot", {
    from: formatTime(slot.startsAt, locale),
    to: formatTime(slot.endsAt, locale),
  });
  const options = slot.workshops.map((w) => {
    const title = w.room ? `${w.title} (${w.room})` : w.title;
    return {
      value: w.id,
      label:
        w.capacity === null
          ? title
          : t(w.capacity === 1 ? "registrations.form.wishPlace" : "registrations.form.wishPlaces", {
              title,
              places: w.capacity,
            }),
    };
  });
  const posted = Object.keys(form.values).some((k) => k.startsWith("wish_"));
  const ranks = Array.from({ length: maxChoices }, (_, i) => i + 1);
  const errors = ranks.some((rank) => form.errors[wishField(slot.index, rank)]);
  return (
    <fieldset class={`kern-fieldset wish-slot${errors ? " kern-fieldset--error" : ""}`}>
      <legend class="kern-label">{legend}</legend>
      <div class="kern-fieldset__body form-stack">
        {ranks.map((rank) => {
          const name = wishField(slot.index, rank);
          return (
            <Select
              key={name}
              name={name}
              label={t("registrations.form.wishRank", { rank })}
              placeholder={t("registrations.form.noWish")}
              options={options}
              value={posted ? postedText(form.values[name]) : stored[rank - 1]}
              error={form.errors[name]}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

function QuestionField({
  question: q,
  value,
  error,
}: {
  question: QuestionView;
  value: string | undefined;
  error: string | undefined;
}) {
  const { t } = usePage();
  const name = `q_${q.id}`;
  useFieldLabel(name, q.label);
  if (q.kind === "text")
    return <TextField name={name} label={q.label} value={value} error={error} required={q.required} />;
  const options =
    q.kind === "yesno"
      ? [
          { value: "ja", label: t("registrations.form.yes") },
          { value: "nein", label: t("registrations.form.no") },
        ]
      : q.options.map((o) => ({ value: o, label: o }));
  const id = fieldId(name);
  return (
    <fieldset class={`kern-fieldset${error ? " kern-fieldset--error" : ""}`} id={id}>
      <legend class="kern-label">
        {q.label}
        {q.required ? null : <span class="kern-label__optional"> – {t("form.optional")}</span>}
      </legend>
      <FieldError id={id} error={error} />
      <div class="kern-fieldset__body">
        {options.map((o, i) => (
          <div class="kern-form-check" key={o.value}>
            <input
              class="kern-form-check__radio"
              type="radio"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              checked={value === o.value}
            />
            <label class="kern-label" for={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
