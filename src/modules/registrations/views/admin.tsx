import type { FormState } from "../../../platform/http/forms.js";
import { formatDateTime, formatTime } from "../../../platform/i18n/i18n.js";
import {
  Button,
  Checkbox,
  DescriptionList,
  ErrorSummary,
  Form,
  Heading,
  LinkButton,
  Select,
  Table,
  TextArea,
  TextField,
} from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { ManagedEventSummary, OrganiserOverview } from "../organiser-desk.service.js";
import type { OrganisationField } from "../register.service.js";
import type { SlotView } from "../view-models.js";
import { rankedTitles } from "../wishes.js";
import { StatusBadge } from "./pages.js";
import { RegistrationSection } from "./registration-section.js";

const statuses = ["confirmed", "pending", "waitlisted", "cancelled", "expired"] as const;

export const adminBase = (eventId: string) => `/verwaltung/fachtage/${eventId}/anmeldungen`;

function filterQuery(filter: OrganiserOverview["filter"]): string {
  const q = new URLSearchParams();
  if (filter.status) q.set("status", filter.status);
  if (filter.sessionId) q.set("workshop", filter.sessionId);
  if (filter.search) q.set("q", filter.search);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The desk's style sheet: tables become one card per row on a phone. */
export const deskStyles = ["/assets/registrations.css?v=2"];

const slotLabel = (slot: SlotView, locale: "de" | "en") =>
  `${formatTime(slot.startsAt, locale)}–${formatTime(slot.endsAt, locale)}`;

/** /verwaltung/fachtage/<id>/anmeldungen — the organiser's whole registration desk. */
export function OrganiserPage({ o, form }: { o: OrganiserOverview; form: FormState }) {
  const { t, locale } = usePage();
  const base = adminBase(o.event.id);
  const e = form.errors;
  const v = (name: string, fallback?: string) =>
    typeof form.values[name] === "string" ? (form.values[name] as string) : fallback;
  const workshops = o.slots.flatMap((s) => s.workshops.map((w) => ({ ...w, slotLabel: slotLabel(s, locale) })));
  const active = (s: string) => s === "pending" || s === "confirmed" || s === "waitlisted";
  return (
    <div class="stack">
      <Heading>{t("registrations.admin.title", { event: o.event.title })}</Heading>
      {o.event.workshopChoice === "preferences" ? (
        <p>
          <a class="kern-link" href={`/verwaltung/fachtage/${o.event.id}/zuteilung`}>
            {t("registrations.admin.allocationLink")}
          </a>
        </p>
      ) : null}
      <ErrorSummary errors={e} />
      <section class="stack" aria-labelledby="uebersicht">
        <h2 class="kern-heading kern-heading-large" id="uebersicht">
          {t("registrations.admin.counts")}
        </h2>
        <p class="kern-body kern-body--large">
          {t("registrations.admin.capacityLine", {
            taken: o.availability.taken,
            capacity: o.availability.capacity,
            free: o.availability.free,
          })}
        </p>
        <DescriptionList items={statuses.map((s) => [t(`registrations.status.${s}`), String(o.counts[s])])} />
        {workshops.length ? (
          <Table
            cards
            caption={t("registrations.admin.workshopCounts")}
            headers={[
              t("registrations.admin.workshop"),
              t("registrations.admin.time"),
              t("registrations.admin.taken"),
              t("registrations.admin.capacity"),
            ]}
            numeric={[2, 3]}
            rows={workshops.map((w) => {
              const a = o.availability.workshops[w.id];
              return [
                w.title,
                w.slotLabel,
                String(a?.taken ?? 0),
                w.capacity === null ? t("registrations.admin.unlimited") : String(w.capacity),
              ];
            })}
          />
        ) : null}
      </section>

      <section class="stack" aria-labelledby="filter">
        <h2 class="kern-heading kern-heading-large" id="filter">
          {t("registrations.admin.filter")}
        </h2>
        <form action={base} method="get" class="form-inline">
          <TextField
            name="q"
            type="search"
            label={t("registrations.admin.search")}
            hint={t("registrations.admin.searchHint")}
            value={o.filter.search}
          />
          <Select
            name="status"
            label={t("registrations.admin.filterStatus")}
            placeholder={t("registrations.admin.all")}
            options={statuses.map((s) => ({ value: s, label: t(`registrations.status.${s}`) }))}
            value={o.filter.status}
          />
          {workshops.length ? (
            <Select
              name="workshop"
              label={t("registrations.admin.filterWorkshop")}
              placeholder={t("registrations.admin.all")}
              options={workshops.map((w) => ({ value: w.id, label: `${w.slotLabel} ${w.title}` }))}
              value={o.filter.sessionId}
            />
          ) : null}
          <Button variant="secondary">{t("registrations.admin.apply")}</Button>
        </form>
        <p class="button-row">
          <LinkButton href={`${base}/export.csv${filterQuery(o.filter)}`}>
            {t("registrations.admin.exportCsv")}
          </LinkButton>{" "}
          <LinkButton href={`${base}/export.xlsx${filterQuery(o.filter)}`}>
            {t("registrations.admin.exportXlsx")}
          </LinkButton>{" "}
          <LinkButton href={`${base}/neu`} variant="primary">
            {t("registrations.admin.add")}
          </LinkButton>{" "}
          {/* Badges and signature lists (the tickets module's page). */}
          <LinkButton href={`/verwaltung/fachtage/${o.event.id}/drucken`}>{t("registrations.admin.print")}</LinkButton>{" "}
          {/* Attendance certificates (the certificates module's page). */}
          <LinkButton href={`/verwaltung/fachtage/${o.event.id}/bescheinigungen`}>
            {t("registrations.admin.certificates")}
          </LinkButton>
          {/* The anonymous feedback survey (the feedback module's page). */}{" "}
          <LinkButton href={`/verwaltung/fachtage/${o.event.id}/umfrage`}>{t("registrations.admin.survey")}</LinkButton>
        </p>
      </section>

      <section class="stack" aria-labelledby="liste">
        <h2 class="kern-heading kern-heading-large" id="liste">
          {t("registrations.admin.list", { count: o.registrations.length })}
        </h2>
        {o.registrations.length === 0 ? (
          <p class="kern-body">{t("registrations.admin.empty")}</p>
        ) : (
          <Table
            cards
            captionHidden
            caption={t("registrations.admin.list", { count: o.registrations.length })}
            headers={[
              t("registrations.col.name"),
              t("registrations.col.organisation"),
              t("registrations.col.status"),
              t("registrations.col.workshops"),
              t("registrations.col.createdAt"),
              t("registrations.col.actions"),
            ]}
            rows={o.registrations.map((r) => {
              const name = `${r.firstName} ${r.lastName}`;
              return [
                <>
                  {name}
                  <br />
                  <span class="kern-body kern-body--small">{r.email}</span>
                </>,
                r.organisationId && o.organisationPaths[r.organisationId] ? (
                  <a class="kern-link" href={o.organisationPaths[r.organisationId]}>
                    {r.organisation}
                  </a>
                ) : (
                  (r.organisation ?? "–")
                ),
                <>
                  <StatusBadge status={r.status} />
                  {r.waitlistPosition ? ` ${r.waitlistPosition}.` : ""}
                </>,
                <>
                  {r.preferences.length ? <WishesLine slots={o.slots} preferences={r.preferences} /> : null}
                  {active(r.status) && o.slots.length ? (
                    <div class="stack">
                      {o.slots.map((slot) => (
                        <Form key={slot.key} action={`${base}/${r.id}/workshop`} class="form-inline">
                          <input type="hidden" name="slot" value={slot.key} />
                          <MoveSelect
                            id={`move-${r.id}-${slot.index}`}
                            label={t("registrations.admin.moveSlot", { slot: slotLabel(slot, locale) })}
                            fullLabel={t("registrations.admin.moveFor", { name, slot: slotLabel(slot, locale) })}
                            none={t("registrations.form.noWorkshop")}
                            options={slot.workshops.map((w) => ({ value: w.id, label: w.title }))}
                            value={r.workshops.find((w) => w.slot === slot.key)?.id}
                          />
                          <Button variant="tertiary">{t("registrations.admin.move")}</Button>
                        </Form>
                      ))}
                    </div>
                  ) : (
                    r.workshops.map((w) => w.title).join(", ") || "–"
                  )}
                </>,
                formatDateTime(r.createdAt, locale),
                active(r.status) ? (
                  <Form action={`${base}/${r.id}/absagen`} ariaLabel={t("registrations.admin.cancelFor", { name })}>
                    <button
                      class="kern-btn kern-btn--secondary kern-btn--small"
                      type="submit"
                      aria-label={t("registrations.admin.cancelFor", { name })}
                    >
                      <span class="kern-label">{t("registrations.admin.cancel")}</span>
                    </button>
                  </Form>
                ) : (
                  ""
                ),
              ];
            })}
          />
        )}
      </section>

      <section class="stack" aria-labelledby="kapazitaet">
        <h2 class="kern-heading kern-heading-large" id="kapazitaet">
          {t("registrations.admin.capacityTitle")}
        </h2>
        <p class="kern-body">{t("registrations.admin.capacityHint")}</p>
        <Form action={`${base}/kapazitaet`} class="form-stack">
          <TextField
            name="capacity"
            type="number"
            inputMode="numeric"
            min={0}
            label={t("registrations.admin.eventCapacity")}
            value={v("capacity", String(o.event.capacity))}
            error={e.capacity}
            required
          />
          {workshops.map((w) => (
            <TextField
              key={w.id}
              name={`ws_${w.id}`}
              type="number"
              inputMode="numeric"
              min={0}
              label={t("registrations.admin.workshopCapacity", { title: w.title })}
              value={v(`ws_${w.id}`, w.capacity === null ? "" : String(w.capacity))}
              error={e[`ws_${w.id}`]}
            />
          ))}
          <Button variant="secondary">{t("form.save")}</Button>
        </Form>
      </section>

      <section class="stack" aria-labelledby="nachricht">
        <h2 class="kern-heading kern-heading-large" id="nachricht">
          {t("registrations.admin.mailTitle")}
        </h2>
        <p class="kern-body">{t("registrations.admin.mailHint")}</p>
        <Form action={`${base}/nachricht${filterQuery(o.filter)}`} class="form-stack">
          <TextField
            name="subject"
            label={t("registrations.admin.mailSubject")}
            value={v("subject")}
            error={e.subject}
            required
          />
          <TextArea name="text" label={t("registrations.admin.mailText")} value={v("text")} error={e.text} required />
          <Button variant="secondary">{t("registrations.admin.mailSend")}</Button>
        </Form>
      </section>

      <section class="stack" aria-labelledby="fragen">
        <h2 class="kern-heading kern-heading-large" id="fragen">
          {t("registrations.admin.questions")}
        </h2>
        <p class="kern-body">{t("registrations.admin.questionsHint")}</p>
        {o.questions.length === 0 ? (
          <p class="kern-body">{t("registrations.admin.noQuestions")}</p>
        ) : (
          <ul class="kern-list">
            {o.questions.map((q) => (
              <li key={q.id}>
                {q.label} ({t(`registrations.admin.kind.${q.kind}`)}
                {q.required ? `, ${t("registrations.admin.required")}` : ""}
                {q.options.length ? `: ${q.options.join(" / ")}` : ""})
                <Form action={`${base}/fragen/${q.id}/loeschen`} class="form-inline">
                  <button class="kern-btn kern-btn--tertiary kern-btn--small" type="submit">
                    <span class="kern-label">{t("registrations.admin.questionDelete", { label: q.label })}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form action={`${base}/fragen`} class="form-stack">
          <TextField
            name="label"
            label={t("registrations.admin.questionLabel")}
            value={v("label")}
            error={e.label}
            required
          />
          <Select
            name="kind"
            label={t("registrations.admin.questionKind")}
            options={(["text", "choice", "yesno"] as const).map((k) => ({
              value: k,
              label: t(`registrations.admin.kind.${k}`),
            }))}
            value={v("kind", "text")}
            error={e.kind}
          />
          <TextArea
            name="options"
            rows={3}
            label={t("registrations.admin.questionOptions")}
            value={v("options")}
            error={e.options}
          />
          <Checkbox name="required" label={t("registrations.admin.questionRequired")} />
          <Button variant="secondary">{t("registrations.admin.questionAdd")}</Button>
        </Form>
      </section>
    </div>
  );
}

/** /verwaltung/fachtage/<id>/anmeldungen/neu — a registration taken by phone. */
export function ManualRegistrationPage({
  o,
  form,
  organisationField,
}: {
  o: OrganiserOverview;
  form: FormState;
  organisationField?: OrganisationField | undefined;
}) {
  const { t } = usePage();
  const base = adminBase(o.event.id);
  return (
    <div class="stack">
      <Heading>{t("registrations.admin.add")}</Heading>
      <p class="kern-body">{t("registrations.admin.addHint")}</p>
      <p>
        <a class="kern-link" href={base}>
          {t("registrations.admin.back")}
        </a>
      </p>
      <ManualForm o={o} form={form} action={`${base}/neu`} organisationField={organisationField} />
    </div>
  );
}

/** A person's ranked wishes on the desk, per slot: "Wünsche: 1. …, 2. …". */
function WishesLine({ slots, preferences }: { slots: OrganiserOverview["slots"]; preferences: string[][] }) {
  const { t } = usePage();
  const title = new Map(slots.flatMap((s) => s.workshops.map((w) => [w.id, w.title] as const)));
  return (
    <p class="kern-body kern-body--small">
      {t("registrations.admin.wishes")}{" "}
      {preferences
        .filter((list) => list.length)
        .map((list) => rankedTitles(list, title))
        .join(" · ")}
    </p>
  );
}

/** The public form's fields, posting to the organiser route, with the organiser's consent wording. */
function ManualForm({
  o,
  form,
  action,
  organisationField,
}: {
  o: OrganiserOverview;
  form: FormState;
  action: string;
  organisationField?: OrganisationField | undefined;
}) {
  const { t } = usePage();
  // The public section is reused for its fields; its own heading and action are replaced below.
  const section = (
    <RegistrationSection
      event={{
        slug: o.event.slug,
        registrationOpen: true,
        confirmByEmail: false,
        holdHours: o.event.holdHours,
        workshopChoice: o.event.workshopChoice,
        maxChoices: o.event.maxChoices,
        allocationPublishedAt: o.event.allocationPublishedAt,
      }}
      slots={o.slots}
      availability={o.availability}
      questions={o.questions}
      form={form}
      action={action}
      privacyLabel={t("registrations.admin.addConsent")}
      headingLevel={2}
      organisationField={organisationField}
    />
  );
  return section;
}

/** /verwaltung/anmeldungen — the way in from the back office: one line per Fachtag. */
export function ManagedEventsPage({ events }: { events: ManagedEventSummary[] }) {
  const { t, locale } = usePage();
  return (
    <div class="stack">
      <Heading>{t("registrations.admin.nav")}</Heading>
      {events.length === 0 ? (
        <p class="kern-body">{t("registrations.admin.noEvents")}</p>
      ) : (
        <Table
          cards
          caption={t("registrations.admin.eventsCaption")}
          headers={[
            t("registrations.admin.event"),
            t("registrations.manage.when"),
            t("registrations.status.confirmed"),
            t("registrations.status.pending"),
            t("registrations.status.waitlisted"),
            t("registrations.admin.capacity"),
          ]}
          numeric={[2, 3, 4, 5]}
          rows={events.map((e) => [
            <a class="kern-link" href={adminBase(e.id)} key={e.id}>
              {e.title}
            </a>,
            formatDateTime(e.startsAt, locale),
            String(e.counts.confirmed),
            String(e.counts.pending),
            String(e.counts.waitlisted),
            String(e.capacity),
          ])}
        />
      )}
    </div>
  );
}

/** A workshop select per row and slot: many on one page, so each needs its own id. */
function MoveSelect({
  id,
  label,
  fullLabel,
  none,
  options,
  value,
}: {
  id: string;
  /** What is seen: the time slot (the row already names the person). */
  label: string;
  /** What a screen reader hears, which contains the visible label: person and slot. */
  fullLabel: string;
  none: string;
  options: { value: string; label: string }[];
  value: string | undefined;
}) {
  return (
    <div class="kern-form-input">
      <label class="kern-label" for={id}>
        {label}
      </label>
      <div class="kern-form-input__select-wrapper">
        <select class="kern-form-input__select" id={id} name="sessionId" aria-label={fullLabel}>
          <option value="">{none}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
