import { Agent, request } from "node:http";

/**
 * A closed-loop load generator: `connections` workers, each on its own keep-alive
 * connection, send the next request as soon as their previous one is answered, until
 * `amount` requests are done. Every request's latency is recorded (send → full
 * response), so percentiles are exact rather than read off a histogram.
 */
export interface LoadOptions {
  url: string;
  connections: number;
  amount: number;
  /** Builds request i (0-based): method, path, headers, body. */
  build: (i: number) => { method: string; path: string; headers?: Record<string, string>; body?: string };
}

export interface LoadResult {
  seconds: number;
  latencies: number[];
  statusCounts: Record<string, number>;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export async function closedLoop(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const base = new URL(options.url);
  const send = (spec: ReturnType<LoadOptions["build"]>) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: spec.method,
          path: spec.path,
          headers: {
            ...(spec.headers ?? {}),
            ...(spec.body ? { "content-length": Buffer.byteLength(spec.body) } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(spec.body);
    });

  // Open every connection before the clock starts.
  await Promise.all(Array.from({ length: options.connections }, () => send({ method: "GET", path: "/healthz" })));

  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.amount) {
      const spec = options.build(next++);
      const t0 = performance.now();
      try {
        const status = await send(spec);
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { seconds, latencies, statusCounts, errors };
}
