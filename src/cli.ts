// Bildungsnetz command line: `npm run cli -- --help` lists the commands.
// Same configuration (environment variables) as the server.
import { processIo, runCli } from "./cli/main.js";

const code = await runCli(process.argv.slice(2), processIo);
process.exit(code);
