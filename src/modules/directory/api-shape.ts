import type { z } from "zod";
import type { apiOffer, apiOrganisation } from "./schema.js";

export type ApiOrganisation = z.output<typeof apiOrganisation>;
export type ApiOffer = z.output<typeof apiOffer>;
