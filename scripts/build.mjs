// Compiles src/ to dist/src with the TypeScript CLI (TypeScript 7 has no JS API).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const result = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
process.exit(result.status ?? 1);
