import { z } from "zod";
import { UnknownWorkshopError } from "./errors.js";

// Query strings of the print files and the API's ticket.

const printQuery = z.object({ workshop: z.string().min(1).max(100).optional() }).strict();

/**
 * `?workshop=<id>` (or `all` for the signature lists): anything else than one such
 * value is a workshop this Fachtag does not have (404), never silently the whole list.
 */
export function workshopParam(query: unknown): string | undefined {
  const parsed = printQuery.safeParse(query ?? {});
  if (!parsed.success) throw new UnknownWorkshopError();
  return parsed.data.workshop;
}

export const apiTicketParams = z.object({ id: z.string().min(1).max(200) });
export const apiTicketQuery = z.object({ token: z.string().min(1).max(200).optional() });
