import type { Actor } from "../../platform/auth/actor.js";
import { formatTime, translator } from "../../platform/i18n/i18n.js";
import type { Platform } from "../../platform/platform.js";
import {
  getTicketById,
  getTicketByManageToken,
  listTicketHolders,
  type Ticket,
  type TicketHolderList,
} from "../registrations/index.js";
import { ticketsAccess } from "./access.js";
import { BADGE_STOCK, BADGES_PER_SHEET, badgesPdf } from "./badges-pdf.js";
import { TicketNotAvailableError, UnknownWorkshopError } from "./errors.js";
import { type SignatureGroup, signaturePages, signaturesPdf } from "./signatures-pdf.js";
import { ticketPdf } from "./ticket-pdf.js";

// The tickets module's services: one's own ticket (the manage token is the proof,
// registrations checks it), and the organiser's print files (badges, signature
// lists), which check this module's permission on the Fachtag before any PDF is drawn.

export interface PdfFile {
  filename: string;
  pdf: Buffer;
}

const t = translator("de");

function issuable(ticket: Ticket): Ticket {
  if (ticket.event.status === "cancelled") throw new TicketNotAvailableError("eventCancelled");
  if (ticket.holder.status !== "confirmed") throw new TicketNotAvailableError("notConfirmed");
  return ticket;
}

const ticketFile = async (platform: Platform, ticket: Ticket): Promise<PdfFile> => ({
  filename: `ticket-${ticket.event.slug}.pdf`,
  pdf: await ticketPdf(ticket, platform.config.district),
});

/** GET /anmeldung/<token>/ticket.pdf: 404 for a wrong token, 409 while the place is not confirmed. */
export async function ownTicketPdf(platform: Platform, actor: Actor, token: string): Promise<PdfFile> {
  return ticketFile(platform, issuable(await getTicketByManageToken(platform, actor, token)));
}

/** The API's ticket by registration id: the Fachtag's organisers, or with the manage token. */
export async function ticketPdfById(
  platform: Platform,
  actor: Actor,
  registrationId: string,
  token?: string,
): Promise<PdfFile> {
  return ticketFile(platform, issuable(await getTicketById(platform, actor, registrationId, token)));
}

/** The confirmed participants, once the actor is known to be the Fachtag's organiser. */
async function printable(platform: Platform, actor: Actor, eventId: string, workshopId?: string) {
  const list = await listTicketHolders(platform, actor, eventId, { sessionId: workshopId });
  ticketsAccess.requireAccess(actor, "tickets.print", list.event);
  const workshop = workshopId ? list.slots.flatMap((s) => s.workshops).find((w) => w.id === workshopId) : undefined;
  if (workshopId && !workshop) throw new UnknownWorkshopError();
  return { list, workshop };
}

const slotText = (w: { startsAt: string; endsAt: string }) =>
  t("tickets.pdf.slot", { from: formatTime(w.startsAt, "de"), to: formatTime(w.endsAt, "de") });

const detailOf = (w: { startsAt: string; endsAt: string; room: string | null }) =>
  [slotText(w), w.room ? w.room : undefined].filter(Boolean).join(" · ");

/** Name badges of every confirmed participant, or of one workshop's. */
export async function badgeSheets(
  platform: Platform,
  actor: Actor,
  eventId: string,
  workshopId?: string,
): Promise<PdfFile> {
  const { list, workshop } = await printable(platform, actor, eventId, workshopId);
  const suffix = workshop ? `-workshop-${workshop.slotIndex + 1}-${workshop.id.slice(0, 8)}` : "";
  return {
    filename: `namensschilder-${list.event.slug}${suffix}.pdf`,
    pdf: await badgesPdf(list.holders, list.event, platform.config.district, workshop?.title),
  };
}

/**
 * Signature lists: of one workshop, of the whole Fachtag (no workshop), or `"all"`:
 * every workshop's list in one file, each counting its own pages.
 */
export async function signatureLists(
  platform: Platform,
  actor: Actor,
  eventId: string,
  workshop?: string,
): Promise<PdfFile> {
  const one = workshop && workshop !== "all" ? workshop : undefined;
  const { list, workshop: w } = await printable(platform, actor, eventId, one);
  let groups: SignatureGroup[];
  let suffix = "";
  if (w) {
    groups = [{ heading: w.title, detail: detailOf(w), holders: list.holders }];
    suffix = `-workshop-${w.slotIndex + 1}-${w.id.slice(0, 8)}`;
  } else if (workshop === "all") {
    groups = list.slots.flatMap((s) =>
      s.workshops.map((ws) => ({
        heading: ws.title,
        detail: detailOf(ws),
        holders: list.holders.filter((h) => h.workshops.some((hw) => hw.id === ws.id)),
      })),
    );
    if (groups.length === 0) throw new UnknownWorkshopError();
    suffix = "-workshops";
  } else {
    groups = [{ heading: t("tickets.pdf.wholeEvent"), detail: undefined, holders: list.holders }];
  }
  return {
    filename: `unterschriften-${list.event.slug}${suffix}.pdf`,
    pdf: await signaturesPdf(groups, list.event, platform.config.district),
  };
}

export interface PrintRow {
  id: string;
  title: string;
  time: string;
  room: string | null;
  people: number;
  badgePages: number;
  signaturePages: number;
}

export interface PrintOverview {
  event: TicketHolderList["event"];
  stock: string;
  people: number;
  badgePages: number;
  signaturePages: number;
  workshops: PrintRow[];
}

const badgePages = (people: number) => Math.max(1, Math.ceil(people / BADGES_PER_SHEET));

/** /verwaltung/fachtage/<id>/drucken: what can be printed, with the number of people and pages. */
export async function printOverview(platform: Platform, actor: Actor, eventId: string): Promise<PrintOverview> {
  const { list } = await printable(platform, actor, eventId);
  const workshops = list.slots.flatMap((s) =>
    s.workshops.map((w) => {
      const people = list.holders.filter((h) => h.workshops.some((hw) => hw.id === w.id)).length;
      return {
        id: w.id,
        title: w.title,
        time: slotText(w),
        room: w.room,
        people,
        badgePages: badgePages(people),
        signaturePages: signaturePages(people),
      };
    }),
  );
  return {
    event: list.event,
    stock: BADGE_STOCK.label,
    people: list.holders.length,
    badgePages: badgePages(list.holders.length),
    signaturePages: signaturePages(list.holders.length),
    workshops,
  };
}
