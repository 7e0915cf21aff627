import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";

/**
 * Where the rate limits are counted. One process: in its memory (@fastify/rate-limit's
 * default). Several instances behind a proxy: in the Redis of REDIS_URL, so a client
 * cannot multiply its budget by the number of instances.
 *
 * The connection fails fast (no offline queue, one retry per command): a request never
 * waits for an unreachable Redis. While Redis is away the limits are not enforced
 * (`skipOnError` in app.ts) and a warning is logged — a login or a registration must
 * not fail because a counter is out of reach; /readyz says that Redis is down.
 */
export function rateLimitRedis(url: string, logger: FastifyBaseLogger): Redis {
  const redis = new Redis(url, {
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let reported = false;
  redis.on("error", (error) => {
    if (!reported) logger.warn({ err: error }, "Redis für Rate-Limits nicht erreichbar – Limits ausgesetzt");
    reported = true;
  });
  redis.on("ready", () => {
    reported = false;
  });
  return redis;
}

/** At start: give the connection a moment, so the first requests are counted already. */
export async function redisConnected(redis: Redis, waitMs = 5000): Promise<void> {
  if (redis.status === "ready") return;
  const ac = new AbortController();
  await Promise.race([
    once(redis, "ready", { signal: ac.signal }),
    sleep(waitMs, undefined, { signal: ac.signal }),
  ]).catch(() => undefined);
  ac.abort();
}
