import { directorySource } from "./directory.js";
import { eventsSource } from "./events.js";
import { exchangeSource } from "./exchange.js";
import type { SearchSource } from "./source.js";

/** Every source of the site search, by name. A new source adds one line here. */
export const sources = {
  directory: directorySource,
  events: eventsSource,
  exchange: exchangeSource,
} satisfies Record<string, SearchSource>;

export type SourceName = keyof typeof sources;
