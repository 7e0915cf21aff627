// Quick profile of the registration service without HTTP: sequential calls, time per call.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { register } from "../src/modules/registrations/service.js";
import { createFachtag } from "../src/modules/registrations/test-fixtures.js";
import { anonymous } from "../src/platform/auth/actor.js";
import { createPlatform } from "../src/platform/bootstrap.js";
import { loadConfig } from "../src/platform/config.js";

const config = loadConfig({
  DATA_DIR: mkdtempSync(join(tmpdir(), "bn-prof-")),
  SEED_DEMO: "false",
  LOG_LEVEL: "silent",
  SESSION_SECRET: "x".repeat(40),
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const platform = await createPlatform(config, { logger: pino({ level: "silent" }) });
const ev = await createFachtag(platform, {
  capacity: 150,
  workshops: Array.from({ length: 8 }, (_, i) => ({ title: `W${i}`, capacity: 20 })),
});
const N = Number(process.env.N ?? 1000);
let t0 = performance.now();
for (let i = 0; i < N; i++) {
  if (i === 150) {
    console.log(`first 150 (places): ${((performance.now() - t0) / 150).toFixed(2)} ms/registration`);
    t0 = performance.now();
  }
  await register(
    platform,
    anonymous,
    ev.id,
    {
      firstName: "A",
      lastName: `B${i}`,
      email: `p${i}@example.org`,
      workshopIds: [ev.workshops[i % 8] as string],
      consents: { privacy: true, photos: false, participantList: false },
      answers: {},
    },
    "api",
  ).catch(() => undefined);
}
console.log(`rest (waitlist): ${((performance.now() - t0) / (N - 150)).toFixed(2)} ms/registration`);
await platform.db.close();
