import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints on a worker thread.
 *
 * better-sqlite3 is synchronous: when a commit crosses SQLite's auto-checkpoint mark
 * (1,000 pages), that commit copies the write-ahead log back into the database file and
 * fsyncs it while the event loop waits — a few milliseconds in which no request is
 * served, every few dozen registrations during a rush. Here a second connection on a
 * worker thread runs `PRAGMA wal_checkpoint(PASSIVE)` every `everyMs`; a passive
 * checkpoint never waits for, nor blocks, the app's connection. The app's own
 * auto-checkpoint stays on with a higher mark as a fallback, should this thread stop.
 *
 * Durability is unchanged: commits still go to the WAL exactly as before
 * (synchronous = NORMAL), only the copying back moves off the event loop.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

/** Pages the app's connection lets the WAL grow to before it checkpoints itself. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Plain CommonJS, evaluated in the worker: no TypeScript loader is needed there, so it
// runs the same under tsx, vitest and the built dist/.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or locked: the next round tries again; the app's fallback still holds.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(file: string, everyMs = 250): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(workerSource, { eval: true, workerData: { file, driver, everyMs } });
  // Never keeps the process alive by itself; a crash of the thread is not the app's crash.
  worker.unref();
  worker.on("error", () => undefined);
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
        // If the thread is already gone, 'exit' has fired; do not wait forever.
        setTimeout(() => void worker.terminate().then(() => resolve()), 2000).unref();
      });
      return stopped;
    },
  };
}
