import { execSync } from "node:child_process";
import { cpus, freemem, totalmem } from "node:os";

/** The machine a figure came from, for docs/performance.md. */
export function describeMachine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  let load = "";
  try {
    load = execSync("cat /proc/loadavg", { encoding: "utf8" }).split(" ").slice(0, 3).join(" ");
  } catch {
    load = "?";
  }
  return `${cpus().length} × ${cpu}, RAM ${gib(totalmem())} (${gib(freemem())} frei), Node ${process.version}, Load ${load}`;
}
