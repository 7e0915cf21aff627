import { formatDate, formatTime, translator } from "../../platform/i18n/i18n.js";
import type { OutgoingMail } from "../../platform/mail/outbox.js";
import type { Platform } from "../../platform/platform.js";
import type { EventView, SessionView } from "../events/index.js";
import { manageUrl, type PlaceHolder } from "../registrations/index.js";

// The e-mail each participant of a published allocation gets: the workshops placed,
// and for a slot without a place, that the organisers are looking for one. German:
// the participants of a district's Fachtag are addressed in German.

const t = translator("de");
const span = (from: string, to: string) => `${formatTime(from, "de")}–${formatTime(to, "de")} Uhr`;

export function allocationMail(
  platform: Platform,
  event: EventView,
  person: Pick<PlaceHolder, "id" | "firstName" | "lastName" | "email">,
  content: {
    placed: SessionView[];
    unplaced: { startsAt: string; endsAt: string }[];
    /** The run (or the hand placement) this mail is about: one mail per person and occasion. */
    occasion: string;
    kind?: "published" | "byHand";
  },
): OutgoingMail {
  const params = { event: event.title, date: formatDate(event.startsAt, "de") };
  const kind = content.kind ?? "published";
  const subject =
    kind === "byHand"
      ? t("allocation.mail.byHand.subject", params)
      : content.placed.length
        ? t("allocation.mail.placed.subject", params)
        : t("allocation.mail.unplaced.subject", params);
  const placed = content.placed.length
    ? [
        t(kind === "byHand" ? "allocation.mail.byHand.intro" : "allocation.mail.placed.intro", params),
        "",
        ...content.placed.map((w) =>
          [`– ${span(w.startsAt, w.endsAt)}: ${w.title}`, w.room ? t("allocation.mail.room", { room: w.room }) : ""]
            .filter(Boolean)
            .join(", "),
        ),
        "",
      ]
    : [];
  const unplaced = content.unplaced.length
    ? [
        t(content.placed.length ? "allocation.mail.unplaced.partly" : "allocation.mail.unplaced.intro", params),
        "",
        ...content.unplaced.map((s) => `– ${span(s.startsAt, s.endsAt)}`),
        "",
        t("allocation.mail.unplaced.next"),
        "",
      ]
    : [];
  const text = [
    t("allocation.mail.greeting", { name: `${person.firstName} ${person.lastName}` }),
    "",
    ...placed,
    ...unplaced,
    t("allocation.mail.manageLink"),
    manageUrl(platform, person.id),
    "",
    t("allocation.mail.regards"),
    platform.config.district.office,
    platform.config.district.name,
  ].join("\n");
  return {
    to: person.email,
    subject,
    text,
    idempotencyKey: `allocation:${kind}:${person.id}:${content.occasion}`,
  };
}
