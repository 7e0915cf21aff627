import pino from "pino";
import type { Config } from "./config.js";

/**
 * Request logs carry method, path (without query string: it may hold tokens)
 * and status. No IP addresses, no headers, no bodies: no personal data.
 */
export function createLogger(config: Pick<Config, "logLevel" | "isProduction">) {
  return pino({
    level: config.logLevel,
    base: undefined,
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url?.split("?")[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    redact: { paths: ["req.headers", "email", "password", "token"], remove: true },
  });
}
