import autocannon from "autocannon";
import { percentile } from "./closed-loop.js";

export { percentile };

/** Milliseconds to one decimal, for the tables. */
export const ms = (v: number) => Math.round(v * 10) / 10;

export interface Latency {
  /** Responses measured. */
  n: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  non2xx: number;
}

/**
 * Every response's latency of `connections` parallel clients asking `url` for `duration`
 * seconds (autocannon): exact percentiles from the single times, not autocannon's histogram.
 */
export async function measureLatency(url: string, connections: number, duration: number): Promise<Latency> {
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration, headers: { accept: "text/html,application/json" } });
  instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    n: times.length,
    p50: ms(percentile(times, 50)),
    p95: ms(percentile(times, 95)),
    p99: ms(percentile(times, 99)),
    rps: Math.round(result.requests.average),
    non2xx: result.non2xx,
  };
}
