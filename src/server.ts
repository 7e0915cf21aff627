import { modules } from "./modules/index.js";
import { createPlatform, isEmptyDatabase, seedDemo, startJobs } from "./platform/bootstrap.js";
import { type Config, ConfigError, loadConfig } from "./platform/config.js";
import { buildApp } from "./platform/http/app.js";

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}

const platform = await createPlatform(config, modules, { backgroundCheckpoints: true }).catch((error: Error) => {
  console.error(`Datenbank nicht erreichbar oder Migration fehlgeschlagen (DATABASE_URL): ${error.message}`);
  process.exit(69); // EX_UNAVAILABLE
});

if (config.seedDemo && (await isEmptyDatabase(platform))) {
  const lines: string[] = [];
  await seedDemo(platform, modules, (line) => lines.push(line));
  if (!config.isProduction && lines.length) {
    console.log(
      ["", "Demo-Daten geladen. Demo-Zugänge (nur zum Ausprobieren):", ...lines.map((l) => `  ${l}`), ""].join("\n"),
    );
  }
}

const app = await buildApp({ platform, modules });
const stopJobs = startJobs(platform, modules);

try {
  await app.listen({ port: config.port, host: config.host });
  console.log(`Bildungsnetz läuft auf ${config.baseUrl}`);
} catch (error) {
  console.error(`Server konnte nicht starten (PORT=${config.port}, HOST=${config.host}): ${(error as Error).message}`);
  process.exit(1);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    stopJobs();
    await app.close();
    await platform.db.close();
    process.exit(0);
  });
}
