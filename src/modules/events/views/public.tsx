import type { ComponentChildren, VNode } from "preact";
import { berlinDay, shownEnd } from "../../../lib/berlin-time.js";
import { Alert, Badge, DescriptionList, Heading, LinkButton } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { EventView, SessionView } from "../event-views.js";
import type { EventAvailability, EventDownload } from "../hooks.js";
import { timetable } from "../slots.js";
import { formatTime, longDate, shortDate, timeRange } from "./format.js";

export function StatusBadge({ event }: { event: EventView }) {
  const { t } = usePage();
  if (event.status === "cancelled") return <Badge kind="danger">{t("events.status.cancelled")}</Badge>;
  if (event.status === "draft") return <Badge kind="warning">{t("events.status.draft")}</Badge>;
  if (event.registrationOpen) return <Badge kind="success">{t("events.reason.open")}</Badge>;
  return null;
}

/** Download links (the documents module's answer to "events.downloads"): title, then kind, format, size. */
function Downloads({ downloads, label }: { downloads: EventDownload[]; label: string }) {
  if (!downloads.length) return null;
  return (
    <ul class="kern-list events-downloads" aria-label={label}>
      {downloads.map((d) => (
        <li key={d.href} class="kern-body kern-body--small">
          <a class="kern-link" href={d.href}>
            {d.title}
          </a>{" "}
          – {d.details}
        </li>
      ))}
    </ul>
  );
}

/** One event in a list: date first (people scan calendars by date), then title and place. */
function EventCard({
  event,
  headingLevel = 3,
  canCopy = false,
  downloads = [],
  archive,
}: {
  event: EventView;
  headingLevel?: 2 | 3;
  canCopy?: boolean;
  downloads?: EventDownload[];
  /** In the archive: topics, how many took part and the first lines of the results. */
  archive?: { participants: { count: number; registered: number } | undefined; result: string | undefined } | undefined;
}) {
  const { t, locale } = usePage();
  const H = `h${headingLevel}` as "h2" | "h3";
  return (
    <li class="events-card">
      <p class="events-card__date kern-body">
        <time dateTime={event.startsAt}>{longDate(event.startsAt, locale)}</time>,{" "}
        {timeRange(event.startsAt, event.endsAt, locale)}
      </p>
      <H class="kern-heading kern-heading-medium">
        <a class="kern-link" href={event.url}>
          {event.title}
        </a>
      </H>
      {event.subtitle ? <p class="kern-body">{event.subtitle}</p> : null}
      <p class="kern-body kern-body--small">
        {event.venue.name}
        {event.venue.room ? `, ${event.venue.room}` : ""}
      </p>
      <StatusBadge event={event} />
      {archive && event.themes.length ? (
        <p class="kern-body kern-body--small">{t("events.archive.themes", { themes: event.themes.join(", ") })}</p>
      ) : null}
      {archive?.participants?.count ? (
        <p class="kern-body kern-body--small">
          {archive.participants.count === archive.participants.registered
            ? t("events.archive.participants", { count: archive.participants.count })
            : t("events.archive.participantsOf", archive.participants)}
        </p>
      ) : null}
      {archive?.result ? (
        <p class="kern-body">
          <strong>{t("events.archive.result")}</strong> {archive.result}
        </p>
      ) : null}
      <Downloads downloads={downloads} label={t("events.archive.downloads", { title: event.title })} />
      {canCopy ? (
        <p class="kern-body kern-body--small">
          <a class="kern-link" href={`/verwaltung/fachtage/${event.id}/kopieren`}>
            {t("events.admin.copyButton")}
            <span class="visually-hidden">: {event.title}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

function EventList({
  events,
  headingLevel = 2,
  canCopy = false,
  downloads = [],
  participants,
  results,
}: {
  events: EventView[];
  headingLevel?: 2 | 3;
  canCopy?: boolean;
  downloads?: EventDownload[];
  /** In the archive: how many took part and the first lines of the results, by event id. */
  participants?: Record<string, { count: number; registered: number }>;
  results?: Record<string, string>;
}) {
  return (
    <ul class="events-list">
      {events.map((e) => (
        <EventCard
          key={e.id}
          event={e}
          headingLevel={headingLevel}
          canCopy={canCopy}
          downloads={downloads.filter((d) => d.eventId === e.id && d.sessionId === null)}
          archive={
            participants || results ? { participants: participants?.[e.id], result: results?.[e.id] } : undefined
          }
        />
      ))}
    </ul>
  );
}

export function CalendarPage({ events }: { events: EventView[] }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("events.list.title")}</Heading>
      <p class="kern-body kern-body--large">{t("events.list.intro")}</p>
      {events.length ? <EventList events={events} /> : <p class="kern-body">{t("events.list.none")}</p>}
      <ul class="kern-list events-links">
        <li>
          <a class="kern-link" href="/fachtage/archiv">
            {t("events.list.archiveLink")}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/fachtage/kalender.ics">
            {t("events.list.feed")}
          </a>
        </li>
        <li>
          <a class="kern-link" href="/fachtage/einbetten">
            {t("events.list.embed")}
          </a>
        </li>
      </ul>
    </div>
  );
}

/** Past Fachtage by calendar year (Berlin), latest year first, keeping the order within a year. */
function byYear(events: EventView[]): [string, EventView[]][] {
  const years = new Map<string, EventView[]>();
  for (const e of events) {
    const year = berlinDay(e.startsAt).slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), e]);
  }
  return [...years];
}

/**
 * The archive by year: date, title, topics, how many took part, the first lines of the
 * results and the downloads; organisers see "Als Vorlage kopieren" on each past Fachtag.
 */
export function ArchivePage({
  events,
  canCopy = false,
  downloads = [],
  participants = {},
  results = {},
}: {
  events: EventView[];
  canCopy?: boolean;
  /** Public downloads of the Fachtage (those of the Fachtag as a whole are listed). */
  downloads?: EventDownload[];
  participants?: Record<string, { count: number; registered: number }>;
  results?: Record<string, string>;
}) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("events.archive.title")}</Heading>
      <p class="kern-body">{t("events.archive.intro")}</p>
      {events.length ? (
        byYear(events).map(([year, list]) => (
          <section class="stack" aria-labelledby={`jahr-${year}`} key={year}>
            <Heading level={2} id={`jahr-${year}`}>
              {t("events.archive.year", { year })}
            </Heading>
            <EventList
              events={list}
              headingLevel={3}
              canCopy={canCopy}
              downloads={downloads}
              participants={participants}
              results={results}
            />
          </section>
        ))
      ) : (
        <p class="kern-body">{t("events.archive.none")}</p>
      )}
      <p class="kern-body">
        <a class="kern-link" href="/fachtage">
          {t("events.archive.upcomingLink")}
        </a>
      </p>
    </div>
  );
}

function Speakers({ session }: { session: SessionView }) {
  const { t } = usePage();
  if (!session.speakers.length) return null;
  return (
    <p class="kern-body kern-body--small events-speakers">
      <span class="visually-hidden">{t("events.detail.speakers")}: </span>
      {session.speakers.map((s, i) => (
        <span key={`${s.name}-${i}`}>
          {i > 0 ? "; " : ""}
          <strong>{s.name}</strong>
          {[s.role, s.organisation].filter(Boolean).length
            ? `, ${[s.role, s.organisation].filter(Boolean).join(", ")}`
            : ""}
        </span>
      ))}
    </p>
  );
}

function WorkshopPlaces({ session, availability }: { session: SessionView; availability: EventAvailability | null }) {
  const { t } = usePage();
  if (session.capacity === null) return null;
  const a = availability?.workshops[session.id];
  if (a && a.free !== null) {
    return (
      <p class="kern-body kern-body--small">
        {a.free > 0
          ? t("events.detail.workshopFree", { free: a.free, capacity: session.capacity })
          : t("events.detail.workshopFull")}
      </p>
    );
  }
  return <p class="kern-body kern-body--small">{t("events.detail.workshopPlaces", { capacity: session.capacity })}</p>;
}

/**
 * The programme as an ordered list of time rows. Parallel workshops form one row
 * whose inner list becomes a grid on wide screens (events.css) and stays a list
 * on phones; headings keep the order h2 → h3 → h4 for screen-reader navigation.
 */
function Timetable({
  sessions,
  availability,
  downloads,
}: {
  sessions: SessionView[];
  availability: EventAvailability | null;
  downloads: EventDownload[];
}) {
  const { t, locale } = usePage();
  const downloadsOf = (s: SessionView) => (
    <Downloads
      downloads={downloads.filter((d) => d.sessionId === s.id)}
      label={t("events.detail.sessionDownloads", { title: s.title })}
    />
  );
  const rows = timetable(sessions);
  if (!rows.length) return <p class="kern-body">{t("events.detail.noProgramme")}</p>;
  return (
    <ol class="events-timetable">
      {rows.map((row) =>
        row.type === "item" ? (
          <li class={`events-timetable__row events-timetable__row--${row.session.kind}`} key={row.session.id}>
            <p class="events-timetable__time kern-body">
              <time dateTime={row.session.startsAt}>{formatTime(row.session.startsAt, locale)}</time> –{" "}
              <time dateTime={row.session.endsAt}>{formatTime(row.session.endsAt, locale)}</time>
            </p>
            <div class="events-timetable__body">
              <p class="kern-body kern-body--small events-kind">{t(`events.kind.${row.session.kind}`)}</p>
              <h3 class="kern-heading kern-heading-small">{row.session.title}</h3>
              <Speakers session={row.session} />
              {row.session.room ? (
                <p class="kern-body kern-body--small">
                  {t("events.detail.room")}: {row.session.room}
                </p>
              ) : null}
              {row.session.abstract ? <p class="kern-body">{row.session.abstract}</p> : null}
              {downloadsOf(row.session)}
            </div>
          </li>
        ) : (
          <li class="events-timetable__row events-timetable__row--slot" key={`slot-${row.slot.index}`}>
            <p class="events-timetable__time kern-body">
              <time dateTime={row.slot.startsAt}>{formatTime(row.slot.startsAt, locale)}</time> –{" "}
              <time dateTime={row.slot.endsAt}>{formatTime(row.slot.endsAt, locale)}</time>
            </p>
            <div class="events-timetable__body">
              <h3 class="kern-heading kern-heading-small">
                {t("events.detail.slot")} ({row.slot.sessions.length})
              </h3>
              <p class="kern-body kern-body--small">{t("events.detail.slotHint")}</p>
              <ul class="events-slot">
                {row.slot.sessions.map((w) => (
                  <li class="events-slot__item" key={w.id}>
                    <h4 class="kern-heading kern-heading-small">{w.title}</h4>
                    <Speakers session={w} />
                    {w.room ? (
                      <p class="kern-body kern-body--small">
                        {t("events.detail.room")}: {w.room}
                      </p>
                    ) : null}
                    {w.startsAt !== row.slot.startsAt || w.endsAt !== row.slot.endsAt ? (
                      <p class="kern-body kern-body--small">{timeRange(w.startsAt, w.endsAt, locale)}</p>
                    ) : null}
                    <WorkshopPlaces session={w} availability={availability} />
                    {w.abstract ? <p class="kern-body">{w.abstract}</p> : null}
                    {downloadsOf(w)}
                  </li>
                ))}
              </ul>
            </div>
          </li>
        ),
      )}
    </ol>
  );
}

function placesText(t: (k: string, p?: Record<string, string | number>) => string, a: EventAvailability): string {
  if (a.free > 1) return t("events.detail.freePlaces", { free: a.free });
  if (a.free === 1) return t("events.detail.freePlace");
  return t("events.detail.full");
}

function RegistrationArea({
  event,
  availability,
  sections,
}: {
  event: EventView;
  availability: EventAvailability | null;
  sections: VNode[];
}) {
  const { t, locale } = usePage();
  // A contributed section (registrations) brings its own heading, free places and form.
  if (sections.length) return <>{sections}</>;
  let body: ComponentChildren;
  if (!event.registrationOpen) {
    const reason = event.registrationClosedReason ?? "closed";
    const opens = event.registrationOpensAt;
    body = (
      <p class="kern-body">
        {t(`events.reason.${reason}`, opens ? { date: shortDate(opens, locale), time: formatTime(opens, locale) } : {})}
      </p>
    );
  } else {
    body = <p class="kern-body">{t("events.detail.registrationUnavailable")}</p>;
  }
  return (
    <section class="stack events-registration" aria-labelledby="anmeldung-titel">
      <Heading level={2} id="anmeldung-titel">
        {t("events.detail.registration")}
      </Heading>
      {availability && event.registrationOpen ? (
        <p class="kern-body kern-body--large events-places">
          <strong>{placesText(t, availability)}</strong>
          {availability.free === 0 && availability.waitlist > 0
            ? ` · ${t("events.detail.waitlist", { count: availability.waitlist })}`
            : ""}
        </p>
      ) : null}
      {body}
    </section>
  );
}

export function EventPage({
  event,
  sessions,
  availability,
  sections,
  documents = [],
  sessionDownloads = [],
  canManage,
}: {
  event: EventView;
  sessions: SessionView[];
  availability: EventAvailability | null;
  /** What other modules add in the "events.page" slot. */
  sections: VNode[];
  /** What other modules add in the "events.documents" slot (documentation, downloads). */
  documents?: VNode[];
  /** Public downloads that belong to programme items. */
  sessionDownloads?: EventDownload[];
  canManage: boolean;
}) {
  const { t, locale } = usePage();
  const v = event.venue;
  const facts: [string, ComponentChildren][] = [
    [
      t("events.detail.when"),
      <>
        <time dateTime={event.startsAt}>{longDate(event.startsAt, locale)}</time>,{" "}
        {t("events.detail.time", { start: formatTime(event.startsAt, locale), end: formatTime(event.endsAt, locale) })}
      </>,
    ],
    [t("events.detail.venue"), [v.name, v.room].filter(Boolean).join(", ")],
  ];
  if (event.organisers.length) facts.push([t("events.detail.organisers"), event.organisers.join(", ")]);
  if (event.targetGroups.length) facts.push([t("events.detail.targetGroups"), event.targetGroups.join(", ")]);
  if (event.themes.length) facts.push([t("events.detail.themes"), event.themes.join(", ")]);
  facts.push([t("events.detail.fee"), event.fee ?? t("events.detail.feeFree")]);
  if (event.creditHours !== null) {
    facts.push([
      t("events.detail.creditHours"),
      t("events.detail.creditHoursValue", {
        hours: event.creditHours.toLocaleString(locale === "de" ? "de-DE" : "en-GB"),
      }),
    ]);
  }
  facts.push([t("events.detail.places"), t("events.detail.capacity", { capacity: event.capacity })]);
  if (event.registrationOpensAt || event.registrationClosesAt) {
    facts.push([
      t("events.detail.registrationWindow"),
      [
        event.registrationOpensAt
          ? t("events.detail.windowFrom", {
              date: `${shortDate(event.registrationOpensAt, locale)}, ${formatTime(event.registrationOpensAt, locale)}`,
            })
          : "",
        event.registrationClosesAt
          ? t("events.detail.windowUntil", {
              date: `${shortDate(shownEnd(event.registrationClosesAt).toISOString(), locale)}, ${formatTime(shownEnd(event.registrationClosesAt), locale)}`,
            })
          : "",
      ]
        .filter(Boolean)
        .join(" "),
    ]);
  }
  const contact = event.contact;
  if (contact.name || contact.email || contact.phone) {
    facts.push([
      t("events.detail.contact"),
      <>
        {contact.name}
        {contact.email ? (
          <>
            {contact.name ? <br /> : null}
            <a class="kern-link" href={`mailto:${contact.email}`}>
              {contact.email}
            </a>
          </>
        ) : null}
        {contact.phone ? (
          <>
            <br />
            {contact.phone}
          </>
        ) : null}
      </>,
    ]);
  }
  const venueFacts: [string, ComponentChildren][] = [[t("events.detail.venue"), v.name]];
  if (v.room) venueFacts.push([t("events.detail.room"), v.room]);
  if (v.address) venueFacts.push([t("events.detail.address"), v.address]);
  if (v.accessibility) venueFacts.push([t("events.detail.accessibility"), v.accessibility]);
  if (v.directions) venueFacts.push([t("events.detail.directions"), v.directions]);

  return (
    <article class="stack events-page">
      <p class="kern-body">
        <a class="kern-link" href="/fachtage">
          {t("events.detail.back")}
        </a>
      </p>
      {event.status === "draft" ? <Alert kind="warning" title={t("events.detail.draftNotice")} /> : null}
      {event.status === "cancelled" ? <Alert kind="danger" title={t("events.detail.cancelledNotice")} /> : null}
      <Heading>{event.title}</Heading>
      {event.subtitle ? <p class="kern-body kern-body--large">{event.subtitle}</p> : null}
      {event.registrationOpen ? (
        // On a phone the form is far below the programme: one step to it, beside date and venue.
        <p class="events-to-registration">
          <a class="kern-btn kern-btn--primary" href="#anmeldung">
            <span class="kern-label">{t("events.detail.toRegistration")}</span>
          </a>
        </p>
      ) : null}
      {canManage ? (
        <p class="button-row">
          <LinkButton href={`/verwaltung/fachtage/${event.id}`}>{t("events.detail.manage")}</LinkButton>
        </p>
      ) : null}
      <section class="stack" aria-labelledby="eckdaten">
        <Heading level={2} id="eckdaten">
          {t("events.detail.facts")}
        </Heading>
        <DescriptionList items={facts} />
        <p class="kern-body">
          <a class="kern-link" href={`${event.url}.ics`} download>
            {t("events.detail.ics")}
          </a>
        </p>
      </section>
      {event.description ? (
        <div class="stack">
          {event.description.split(/\n{2,}/).map((p) => (
            <p class="kern-body" key={p}>
              {p}
            </p>
          ))}
        </div>
      ) : null}
      <section class="stack" aria-labelledby="programm">
        <Heading level={2} id="programm">
          {t("events.detail.programme")}
        </Heading>
        <Timetable sessions={sessions} availability={availability} downloads={sessionDownloads} />
      </section>
      {documents}
      <section class="stack" aria-labelledby="ort">
        <Heading level={2} id="ort">
          {t("events.detail.venue")}
        </Heading>
        <DescriptionList items={venueFacts} />
      </section>
      {event.registrationClosedReason === "past" ? null : (
        // The target of "Zur Anmeldung", whatever the contributed section renders inside.
        <div id="anmeldung" class="stack">
          <RegistrationArea event={event} availability={availability} sections={sections} />
        </div>
      )}
    </article>
  );
}

/** The list for other websites' iframes: no site frame, links open in the top window. */
export function EmbedList({ events, baseUrl }: { events: EventView[]; baseUrl: string }) {
  const { t, locale, district } = usePage();
  return (
    <div class="events-embed">
      <h1 class="events-embed__title">{t("events.embed.title", { district: district.name })}</h1>
      {events.length ? (
        <ul class="events-embed__list">
          {events.map((e) => (
            <li key={e.id}>
              <a href={new URL(e.url, baseUrl).href} target="_top">
                {e.title}
              </a>
              <br />
              <time dateTime={e.startsAt}>{longDate(e.startsAt, locale)}</time>,{" "}
              {timeRange(e.startsAt, e.endsAt, locale)} · {e.venue.name}
              {e.status === "cancelled" ? ` · ${t("events.status.cancelled")}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("events.list.none")}</p>
      )}
      <p>
        <a href={new URL("/fachtage", baseUrl).href} target="_top">
          {t("events.embed.more")}
        </a>
      </p>
    </div>
  );
}
