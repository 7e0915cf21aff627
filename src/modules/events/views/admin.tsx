import { utcToBerlin } from "../../../lib/berlin-time.js";
import { parseLocalDate, parseLocalTime } from "../../../platform/http/dates.js";
import type { FormState } from "../../../platform/http/forms.js";
import {
  Button,
  Checkbox,
  ErrorSummary,
  Form,
  Heading,
  LinkButton,
  postedText,
  RadioGroup,
  Select,
  Table,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { EventView, SessionView } from "../event-views.js";
import { sessionKinds } from "../programme.service.js";
import { SPEAKER_ROWS } from "../schema.js";
import type { EventStatus } from "../tables.js";
import { formatTime, longDate, shortDate, timeRange } from "./format.js";

const str = (form: FormState) => (name: string) => postedText(form.values[name]);

/**
 * A date input with a posted value: "28.03.2025" typed by hand becomes "2025-03-28";
 * what is no usable day stays as typed in a text input (a date input cannot hold it,
 * and the person sees what they wrote beside the message).
 */
const dayInput = (value: string | undefined): { type: "date" | "text"; value: string } => {
  const parsed = parseLocalDate(value ?? "");
  return parsed.ok ? { type: "date", value: parsed.date } : { type: value ? "text" : "date", value: value ?? "" };
};
/** The same for a time input: "9:30" → "09:30", "9 Uhr" stays as typed. */
const clockInput = (value: string | undefined): { type: "time" | "text"; value: string } => {
  const time = parseLocalTime(value ?? "");
  return time ? { type: "time", value: time } : { type: value ? "text" : "time", value: value ?? "" };
};

export function AdminListPage({ events, all }: { events: EventView[]; all: boolean }) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("events.admin.title")}</Heading>
      <p class="kern-body">{t("events.admin.intro")}</p>
      <p class="button-row">
        <LinkButton href="/verwaltung/fachtage/neu" variant="primary">
          {t("events.admin.new")}
        </LinkButton>
      </p>
      {events.length ? (
        <Table
          caption={t(all ? "events.admin.captionAll" : "events.admin.captionOwn")}
          headers={[
            t("events.admin.col.date"),
            t("events.admin.col.title"),
            t("events.admin.col.status"),
            t("events.admin.col.actions"),
          ]}
          rows={events.map((e) => [
            <time key="d" dateTime={e.startsAt}>
              {shortDate(e.startsAt, locale)}
            </time>,
            <a key="t" class="kern-link" href={`/verwaltung/fachtage/${e.id}`}>
              {e.title}
            </a>,
            t(`events.status.${e.status}`),
            <ul key="a" class="kern-list events-actions">
              <li>
                <a class="kern-link" href={`/verwaltung/fachtage/${e.id}`}>
                  {t("events.admin.edit")}
                  <span class="visually-hidden">
                    : {e.title}, {shortDate(e.startsAt, locale)}
                  </span>
                </a>
              </li>
              <li>
                <a class="kern-link" href={`/verwaltung/fachtage/${e.id}/programm`}>
                  {t("events.admin.programme")}
                  <span class="visually-hidden">
                    : {e.title}, {shortDate(e.startsAt, locale)}
                  </span>
                </a>
              </li>
              <li>
                <a class="kern-link" href={`/verwaltung/fachtage/${e.id}/kopieren`}>
                  {t("events.admin.copy")}
                  <span class="visually-hidden">
                    : {e.title}, {shortDate(e.startsAt, locale)}
                  </span>
                </a>
              </li>
              <li>
                <a class="kern-link" href={e.url}>
                  {t("events.admin.view")}
                  <span class="visually-hidden">
                    : {e.title}, {shortDate(e.startsAt, locale)}
                  </span>
                </a>
              </li>
            </ul>,
          ])}
        />
      ) : (
        <p class="kern-body">{t("events.admin.none")}</p>
      )}
    </div>
  );
}

/** Form values of an existing event (Berlin wall time). */
export function eventFormValues(e: EventView): Record<string, string> {
  const start = utcToBerlin(e.startsAt);
  const opens = e.registrationOpensAt ? utcToBerlin(e.registrationOpensAt) : null;
  const closes = e.registrationClosesAt ? utcToBerlin(e.registrationClosesAt) : null;
  const values: Record<string, string> = {
    title: e.title,
    subtitle: e.subtitle ?? "",
    description: e.description ?? "",
    themes: e.themes.join("\n"),
    targetGroups: e.targetGroups.join("\n"),
    organisers: e.organisers.join("\n"),
    date: start.date,
    startTime: start.time,
    endTime: utcToBerlin(e.endsAt).time,
    venueName: e.venue.name,
    venueRoom: e.venue.room ?? "",
    venueAddress: e.venue.address ?? "",
    venueAccessibility: e.venue.accessibility ?? "",
    venueDirections: e.venue.directions ?? "",
    capacity: String(e.capacity),
    opensDate: opens?.date ?? "",
    opensTime: opens?.time ?? "",
    closesDate: closes?.date ?? "",
    closesTime: closes?.time ?? "",
    holdHours: String(e.holdHours),
    reminderDays: String(e.reminderDays),
    fee: e.fee ?? "",
    creditHours: e.creditHours === null ? "" : String(e.creditHours).replace(".", ","),
    contactName: e.contact.name ?? "",
    contactEmail: e.contact.email ?? "",
    contactPhone: e.contact.phone ?? "",
    workshopChoice: e.workshopChoice,
    maxChoices: String(e.maxChoices),
    retentionMonths: String(e.retentionMonths),
  };
  if (e.confirmByEmail) values.confirmByEmail = "on";
  return values;
}

export const newEventDefaults: Record<string, string> = {
  capacity: "100",
  holdHours: "24",
  reminderDays: "3",
  confirmByEmail: "on",
  startTime: "09:00",
  endTime: "16:00",
  workshopChoice: "first_come",
  maxChoices: "3",
  retentionMonths: "6",
};

/** Why the workshop mode can no longer change (events.service `choiceLock`), or null. */
type ChoiceLock = "published" | "registered" | null;

function EventFields({ form, choiceLock = null }: { form: FormState; choiceLock?: ChoiceLock }) {
  const { t } = usePage();
  const v = str(form);
  const e = form.errors;
  return (
    <>
      <fieldset class="kern-fieldset">
        <legend class="kern-label events-legend">{t("events.form.basics")}</legend>
        <div class="kern-fieldset__body form-stack">
          <TextField name="title" label={t("events.form.title")} value={v("title")} error={e.title} required />
          <TextField name="subtitle" label={t("events.form.subtitle")} value={v("subtitle")} error={e.subtitle} />
          <TextArea
            name="description"
            label={t("events.form.description")}
            value={v("description")}
            error={e.description}
          />
          <TextArea
            name="organisers"
            rows={3}
            label={t("events.form.organisers")}
            hint={t("events.form.organisersHint")}
            value={v("organisers")}
            error={e.organisers}
          />
          <TextArea
            name="targetGroups"
            rows={3}
            label={t("events.form.targetGroups")}
            hint={t("events.form.targetGroupsHint")}
            value={v("targetGroups")}
            error={e.targetGroups}
          />
          <TextArea
            name="themes"
            rows={3}
            label={t("events.form.themes")}
            hint={t("events.form.themesHint")}
            value={v("themes")}
            error={e.themes}
          />
        </div>
      </fieldset>
      <fieldset class="kern-fieldset">
        <legend class="kern-label events-legend">{t("events.form.whenWhere")}</legend>
        <div class="kern-fieldset__body form-stack">
          <TextField name="date" {...dayInput(v("date"))} label={t("events.form.date")} error={e.date} required />
          <TextField
            name="startTime"
            {...clockInput(v("startTime"))}
            label={t("events.form.startTime")}
            hint={t("events.form.timeHint")}
            error={e.startTime}
            required
          />
          <TextField
            name="endTime"
            {...clockInput(v("endTime"))}
            label={t("events.form.endTime")}
            hint={t("events.form.timeHint")}
            error={e.endTime}
            required
          />
          <TextField
            name="venueName"
            label={t("events.form.venueName")}
            hint={t("events.form.venueNameHint")}
            value={v("venueName")}
            error={e.venueName}
            required
          />
          <TextField name="venueRoom" label={t("events.form.venueRoom")} value={v("venueRoom")} error={e.venueRoom} />
          <TextField
            name="venueAddress"
            label={t("events.form.venueAddress")}
            value={v("venueAddress")}
            error={e.venueAddress}
          />
          <TextArea
            name="venueAccessibility"
            rows={3}
            label={t("events.form.venueAccessibility")}
            value={v("venueAccessibility")}
            error={e.venueAccessibility}
          />
          <TextArea
            name="venueDirections"
            rows={3}
            label={t("events.form.venueDirections")}
            value={v("venueDirections")}
            error={e.venueDirections}
          />
        </div>
      </fieldset>
      <fieldset class="kern-fieldset">
        <legend class="kern-label events-legend">{t("events.form.registration")}</legend>
        <div class="kern-fieldset__body form-stack">
          <TextField
            name="capacity"
            type="number"
            inputMode="numeric"
            min={1}
            label={t("events.form.capacity")}
            value={v("capacity")}
            error={e.capacity}
            required
          />
          <p class="kern-hint">{t("events.form.windowHint")}</p>
          <TextField
            name="opensDate"
            {...dayInput(v("opensDate"))}
            label={t("events.form.opensDate")}
            error={e.opensDate}
          />
          <TextField
            name="opensTime"
            {...clockInput(v("opensTime"))}
            label={t("events.form.opensTime")}
            error={e.opensTime}
          />
          <TextField
            name="closesDate"
            {...dayInput(v("closesDate"))}
            label={t("events.form.closesDate")}
            error={e.closesDate}
          />
          <TextField
            name="closesTime"
            {...clockInput(v("closesTime"))}
            label={t("events.form.closesTime")}
            error={e.closesTime}
          />
          <Checkbox
            name="confirmByEmail"
            label={t("events.form.confirmByEmail")}
            checked={form.values.confirmByEmail === "on"}
          />
          <TextField
            name="holdHours"
            type="number"
            inputMode="numeric"
            min={1}
            label={t("events.form.holdHours")}
            value={v("holdHours")}
            error={e.holdHours}
            required
          />
          <TextField
            name="reminderDays"
            type="number"
            inputMode="numeric"
            min={0}
            label={t("events.form.reminderDays")}
            value={v("reminderDays")}
            error={e.reminderDays}
            required
          />
          <RadioGroup
            name="workshopChoice"
            legend={t("events.form.workshopChoice")}
            hint={
              choiceLock === "published"
                ? t("events.error.choicePublished")
                : choiceLock === "registered"
                  ? t("events.error.choiceRegisteredField")
                  : t("events.form.workshopChoiceHint")
            }
            options={[
              { value: "first_come", label: t("events.form.firstCome") },
              { value: "preferences", label: t("events.form.preferences") },
            ]}
            value={v("workshopChoice") ?? "first_come"}
            error={e.workshopChoice}
            required
          />
          <TextField
            name="maxChoices"
            type="number"
            inputMode="numeric"
            min={1}
            max={5}
            label={t("events.form.maxChoices")}
            hint={t("events.form.maxChoicesHint")}
            value={v("maxChoices")}
            error={e.maxChoices}
            required
          />
          <TextField
            name="retentionMonths"
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            label={t("events.form.retentionMonths")}
            hint={t("events.form.retentionMonthsHint")}
            value={v("retentionMonths")}
            error={e.retentionMonths}
            required
          />
        </div>
      </fieldset>
      <fieldset class="kern-fieldset">
        <legend class="kern-label events-legend">{t("events.form.contact")}</legend>
        <div class="kern-fieldset__body form-stack">
          <TextField
            name="fee"
            label={t("events.form.fee")}
            hint={t("events.form.feeHint")}
            value={v("fee")}
            error={e.fee}
          />
          <TextField
            name="creditHours"
            inputMode="decimal"
            label={t("events.form.creditHours")}
            hint={t("events.form.creditHoursHint")}
            value={v("creditHours")}
            error={e.creditHours}
          />
          <TextField
            name="contactName"
            label={t("events.form.contactName")}
            value={v("contactName")}
            error={e.contactName}
          />
          <TextField
            name="contactEmail"
            type="email"
            label={t("events.form.contactEmail")}
            value={v("contactEmail")}
            error={e.contactEmail}
          />
          <TextField
            name="contactPhone"
            type="tel"
            label={t("events.form.contactPhone")}
            value={v("contactPhone")}
            error={e.contactPhone}
          />
        </div>
      </fieldset>
    </>
  );
}

export function EventCreatePage({ form }: { form: FormState }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("events.admin.createTitle")}</Heading>
      <ErrorSummary errors={form.errors} />
      <Form action="/verwaltung/fachtage/neu" class="form-stack">
        <EventFields form={form} />
        <p class="kern-hint">{t("events.form.questionsHint")}</p>
        <Button>{t("events.form.create")}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/fachtage">
          {t("events.admin.back")}
        </a>
      </p>
    </div>
  );
}

/**
 * The steps of setting up a Fachtag, on each of its back-office pages. The registration
 * questions belong to the registrations module; its page is linked, not imported.
 */
export function SetupSteps({ event, current }: { event: EventView; current: "details" | "programme" }) {
  const { t } = usePage();
  const base = `/verwaltung/fachtage/${event.id}`;
  const steps: [string, string, boolean][] = [
    [t("events.setup.details"), base, current === "details"],
    [t("events.setup.programme"), `${base}/programm`, current === "programme"],
    [t("events.setup.questions"), `${base}/anmeldungen#fragen`, false],
    [t("events.setup.status"), `${base}#status`, false],
  ];
  return (
    <nav aria-label={t("events.setup.label")}>
      <ol class="events-setup">
        {steps.map(([label, href, here]) => (
          <li key={href} class={here ? "events-setup__step events-setup__step--current" : "events-setup__step"}>
            <a class="kern-link" href={href} aria-current={here ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** One status step: the button and, beside it, what it does (the button is described by it). */
function StatusStep({ event, status, from }: { event: EventView; status: EventStatus; from: EventStatus }) {
  const { t } = usePage();
  const back = from === "documented" && status === "held";
  const label = back ? t("events.action.backToHeld") : t(`events.action.to.${status}`);
  const hint = t(back ? "events.action.hint.backToHeld" : `events.action.hint.${status}`);
  const hintId = `schritt-${status}`;
  return (
    <li class="events-step">
      {status === "cancelled" ? (
        <a
          class="kern-btn kern-btn--tertiary"
          href={`/verwaltung/fachtage/${event.id}/absagen`}
          aria-describedby={hintId}
        >
          <span class="kern-label">{label}</span>
        </a>
      ) : (
        <Form action={`/verwaltung/fachtage/${event.id}/status`} class="events-inline-form">
          <input type="hidden" name="status" value={status} />
          <button class="kern-btn kern-btn--secondary" type="submit" aria-describedby={hintId}>
            <span class="kern-label">{label}</span>
          </button>
        </Form>
      )}
      <p class="kern-hint events-step__hint" id={hintId}>
        {hint}
      </p>
    </li>
  );
}

export function EventEditPage({
  event,
  steps,
  form,
  choiceLock = null,
}: {
  event: EventView;
  steps: EventStatus[];
  form: FormState;
  choiceLock?: ChoiceLock;
}) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("events.admin.editTitle", { title: event.title })}</Heading>
      <SetupSteps event={event} current="details" />
      <p class="button-row">
        <LinkButton href={`/verwaltung/fachtage/${event.id}/programm`} variant="primary">
          {t("events.admin.programme")}
        </LinkButton>
        <LinkButton href={`/verwaltung/fachtage/${event.id}/anmeldungen`}>{t("events.admin.registrations")}</LinkButton>
        <LinkButton href={`/verwaltung/fachtage/${event.id}/dokumente`}>{t("events.admin.documents")}</LinkButton>
        <LinkButton href={`/verwaltung/fachtage/${event.id}/ergebnisse`}>{t("events.admin.outcomes")}</LinkButton>
        <LinkButton href={event.url}>{t("events.admin.view")}</LinkButton>
        <LinkButton href={`/verwaltung/fachtage/${event.id}/kopieren`}>{t("events.admin.copyButton")}</LinkButton>
      </p>
      <section class="stack" aria-labelledby="status">
        <Heading level={2} id="status">
          {t("events.admin.status")}
        </Heading>
        <p class="kern-body">{t("events.admin.statusNow", { status: t(`events.status.${event.status}`) })}</p>
        <p class="kern-body">
          {t("events.admin.registrationNow", {
            state: event.registrationOpen
              ? t("events.reason.open")
              : t(
                  `events.reason.${event.registrationClosedReason ?? "closed"}`,
                  event.registrationOpensAt
                    ? {
                        date: shortDate(event.registrationOpensAt, locale),
                        time: formatTime(event.registrationOpensAt, locale),
                      }
                    : {},
                ),
          })}
        </p>
        {steps.length || event.status === "draft" ? (
          <ul class="events-steps">
            {steps.map((status) => (
              <StatusStep key={status} event={event} status={status} from={event.status} />
            ))}
            {event.status === "draft" ? (
              <li class="events-step">
                <a
                  class="kern-btn kern-btn--tertiary"
                  href={`/verwaltung/fachtage/${event.id}/loeschen`}
                  aria-describedby="schritt-loeschen"
                >
                  <span class="kern-label">{t("events.action.delete")}</span>
                </a>
                <p class="kern-hint events-step__hint" id="schritt-loeschen">
                  {t("events.action.hint.delete")}
                </p>
              </li>
            ) : null}
          </ul>
        ) : (
          <p class="kern-body">{t("events.action.none")}</p>
        )}
      </section>
      <Heading level={2}>{t("events.admin.edit")}</Heading>
      <ErrorSummary errors={form.errors} />
      <Form action={`/verwaltung/fachtage/${event.id}`} class="form-stack">
        <EventFields form={form} choiceLock={choiceLock} />
        <Button>{t("events.form.save")}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/fachtage">
          {t("events.admin.back")}
        </a>
      </p>
    </div>
  );
}

/** Copy a Fachtag: the organiser names the new date (and may change the title); everything else comes along. */
export function CopyPage({ source, form }: { source: EventView; form: FormState }) {
  const { t, locale } = usePage();
  const v = str(form);
  return (
    <div class="stack">
      <Heading>{t("events.copy.title", { title: source.title })}</Heading>
      <p class="kern-body">
        {t("events.copy.source", { date: longDate(source.startsAt, locale), venue: source.venue.name })}
      </p>
      <p class="kern-body">{t("events.copy.intro")}</p>
      <ErrorSummary errors={form.errors} />
      <Form action={`/verwaltung/fachtage/${source.id}/kopieren`} class="form-stack">
        <TextField
          name="title"
          label={t("events.copy.newTitle")}
          value={v("title")}
          error={form.errors.title}
          required
        />
        <TextField
          name="date"
          {...dayInput(v("date"))}
          label={t("events.copy.newDate")}
          error={form.errors.date}
          required
        />
        <Button>{t("events.copy.submit")}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/fachtage">
          {t("events.admin.back")}
        </a>
      </p>
    </div>
  );
}

export function ConfirmPage({
  title,
  text,
  action,
  confirm,
  back,
}: {
  title: string;
  text: string;
  action: string;
  confirm: string;
  back: string;
}) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{title}</Heading>
      <p class="kern-body">{text}</p>
      <Form action={action} class="button-row">
        <Button>{confirm}</Button>
        <a class="kern-link" href={back}>
          {t("form.cancel")}
        </a>
      </Form>
    </div>
  );
}

export function sessionFormValues(s: SessionView): Record<string, string> {
  const values: Record<string, string> = {
    kind: s.kind,
    title: s.title,
    abstract: s.abstract ?? "",
    room: s.room ?? "",
    startTime: utcToBerlin(s.startsAt).time,
    endTime: utcToBerlin(s.endsAt).time,
    capacity: s.capacity === null ? "" : String(s.capacity),
  };
  s.speakers.slice(0, SPEAKER_ROWS).forEach((sp, i) => {
    values[`speaker${i + 1}Name`] = sp.name;
    values[`speaker${i + 1}Role`] = sp.role ?? "";
    values[`speaker${i + 1}Organisation`] = sp.organisation ?? "";
  });
  return values;
}

function SessionFields({ form }: { form: FormState }) {
  const { t } = usePage();
  const v = str(form);
  const e = form.errors;
  return (
    <>
      <Select
        name="kind"
        label={t("events.programme.kind")}
        placeholder={t("events.programme.kindPlaceholder")}
        options={sessionKinds.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
        value={v("kind")}
        error={e.kind}
        required
      />
      <TextField name="title" label={t("events.programme.itemTitle")} value={v("title")} error={e.title} required />
      <TextField
        name="startTime"
        {...clockInput(v("startTime"))}
        label={t("events.programme.startTime")}
        hint={t("events.form.timeHint")}
        error={e.startTime}
        required
      />
      <TextField
        name="endTime"
        {...clockInput(v("endTime"))}
        label={t("events.programme.endTime")}
        hint={t("events.form.timeHint")}
        error={e.endTime}
        required
      />
      <TextField name="room" label={t("events.programme.room")} value={v("room")} error={e.room} />
      <TextField
        name="capacity"
        type="number"
        inputMode="numeric"
        min={1}
        label={t("events.programme.capacity")}
        hint={t("events.programme.capacityHint")}
        value={v("capacity")}
        error={e.capacity}
      />
      <TextArea
        name="abstract"
        rows={4}
        label={t("events.programme.abstract")}
        value={v("abstract")}
        error={e.abstract}
      />
      <fieldset class="kern-fieldset">
        <legend class="kern-label events-legend">{t("events.programme.speakers")}</legend>
        <div class="kern-fieldset__body form-stack">
          <p class="kern-hint">{t("events.programme.speakersHint")}</p>
          {Array.from({ length: SPEAKER_ROWS }, (_, i) => i + 1).map((n) => (
            <fieldset class="kern-fieldset events-speaker-row" key={n}>
              <legend class="kern-label">{t("events.programme.speaker", { n })}</legend>
              <div class="kern-fieldset__body form-stack">
                <TextField
                  name={`speaker${n}Name`}
                  label={t("events.programme.speakerName")}
                  value={v(`speaker${n}Name`)}
                  error={e[`speaker${n}Name`]}
                />
                <TextField
                  name={`speaker${n}Role`}
                  label={t("events.programme.speakerRole")}
                  value={v(`speaker${n}Role`)}
                  error={e[`speaker${n}Role`]}
                />
                <TextField
                  name={`speaker${n}Organisation`}
                  label={t("events.programme.speakerOrganisation")}
                  value={v(`speaker${n}Organisation`)}
                  error={e[`speaker${n}Organisation`]}
                />
              </div>
            </fieldset>
          ))}
        </div>
      </fieldset>
    </>
  );
}

export function ProgrammePage({
  event,
  sessions,
  form,
  template,
}: {
  event: EventView;
  sessions: SessionView[];
  form: FormState;
  /** The item whose values the "add" form was filled with ("Kopieren"), if any. */
  template?: SessionView | undefined;
}) {
  const { t, locale } = usePage();
  const base = `/verwaltung/fachtage/${event.id}/programm`;
  return (
    <div class="stack">
      <Heading>{t("events.programme.title", { title: event.title })}</Heading>
      <SetupSteps event={event} current="programme" />
      <p class="kern-body">{t("events.programme.intro", { date: longDate(event.startsAt, locale) })}</p>
      {sessions.length ? (
        <Table
          caption={t("events.programme.caption")}
          headers={[
            t("events.programme.col.time"),
            t("events.programme.col.kind"),
            t("events.programme.col.title"),
            t("events.programme.col.room"),
            t("events.programme.col.capacity"),
            t("events.programme.col.actions"),
          ]}
          numeric={[4]}
          rows={sessions.map((s) => [
            timeRange(s.startsAt, s.endsAt, locale),
            <>
              {t(`events.kind.${s.kind}`)}
              {s.slotIndex !== null ? (
                <>
                  <br />
                  <span class="kern-body--small">{t("events.programme.slot", { n: s.slotIndex + 1 })}</span>
                </>
              ) : null}
            </>,
            s.title,
            s.room ?? "",
            s.capacity ?? "",
            <div key="a" class="button-row">
              <a
                class="kern-link"
                href={`${base}/${s.id}`}
                aria-label={t("events.programme.editLabel", { title: s.title })}
              >
                {t("events.programme.edit")}
              </a>
              <a
                class="kern-link"
                href={`${base}?vorlage=${s.id}#neu`}
                aria-label={t("events.programme.copyLabel", { title: s.title })}
              >
                {t("events.programme.copy")}
              </a>
              <Form action={`${base}/${s.id}/loeschen`} class="events-inline-form">
                <button
                  class="kern-btn kern-btn--tertiary kern-btn--x-small"
                  type="submit"
                  aria-label={t("events.programme.deleteLabel", { title: s.title })}
                >
                  <span class="kern-label">{t("events.programme.delete")}</span>
                </button>
              </Form>
            </div>,
          ])}
        />
      ) : (
        <p class="kern-body">{t("events.programme.none")}</p>
      )}
      <Heading level={2} id="neu">
        {t("events.programme.add")}
      </Heading>
      {template ? (
        <p class="kern-body">{t("events.programme.copyNotice", { title: template.title })}</p>
      ) : sessions.length ? (
        <p class="kern-hint">{t("events.programme.nextHint")}</p>
      ) : null}
      <ErrorSummary errors={form.errors} />
      <Form action={`${base}#neu`} class="form-stack">
        <SessionFields form={form} />
        <Button>{t("events.programme.add")}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={`/verwaltung/fachtage/${event.id}`}>
          {t("events.admin.edit")}: {event.title}
        </a>
        {" · "}
        <a class="kern-link" href="/verwaltung/fachtage">
          {t("events.admin.back")}
        </a>
      </p>
    </div>
  );
}

export function SessionEditPage({ event, session, form }: { event: EventView; session: SessionView; form: FormState }) {
  const { t, locale } = usePage();
  const base = `/verwaltung/fachtage/${event.id}/programm`;
  return (
    <div class="stack">
      <Heading>{t("events.programme.editTitle", { title: session.title })}</Heading>
      <p class="kern-body">
        {event.title} · {longDate(event.startsAt, locale)}
      </p>
      <ErrorSummary errors={form.errors} />
      <Form action={`${base}/${session.id}`} class="form-stack">
        <SessionFields form={form} />
        <Button>{t("events.programme.save")}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={base}>
          {t("events.programme.back")}
        </a>
      </p>
    </div>
  );
}
