import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

/** Raised when the environment holds a value the server cannot start with. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Ungültige Konfiguration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
  }
}

const bool = (variable: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ["true", "false", "1", "0", "yes", "no", "ja", "nein", "on", "off"].includes(v), {
      message: `${variable} muss true oder false sein`,
    })
    .transform((v) => ["true", "1", "yes", "ja", "on"].includes(v));

const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      message: "erlaubt sind development, production oder test",
    })
    .default("development"),
  PORT: z.coerce
    .number({ message: "muss eine Zahl sein" })
    .int("muss eine ganze Zahl sein")
    .min(1, "erlaubt sind 1 bis 65535")
    .max(65535, "erlaubt sind 1 bis 65535")
    .default(3000),
  HOST: z.string().min(1, "darf nicht leer sein").default("localhost"),
  BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/.*)?$/, "muss eine http(s)-Adresse sein, z. B. https://bildung.example.de")
    .optional(),
  DATA_DIR: z.string().min(1, "darf nicht leer sein").default("./data"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(postgres(ql)?:\/\/.+|sqlite:.+)$/,
      "erlaubt sind postgres://BENUTZER@HOST:PORT/DATENBANK oder sqlite:PFAD/ZUR/DATEI.db",
    )
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "muss mit smtp:// oder smtps:// beginnen")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Bildungsnetz <noreply@bildungsnetz.invalid>"),
  SESSION_SECRET: z.string().min(32, "muss mindestens 32 Zeichen lang sein").optional(),
  SEED_DEMO: bool("SEED_DEMO").default(true),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "erlaubt sind fatal, error, warn, info, debug, trace oder silent",
    })
    .optional(),
  TRUST_PROXY: bool("TRUST_PROXY").default(false),
  RATE_LIMIT: z.enum(["on", "off"], { message: "erlaubt sind on oder off" }).default("on"),
  /** Several app instances: rate limits are counted in this Redis, so all instances share them. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, "muss mit redis:// oder rediss:// beginnen, z. B. redis://127.0.0.1:6379")
    .optional(),
  /** Where uploaded files live: a folder in DATA_DIR (one machine) or the database (several instances). */
  FILE_STORAGE: z.enum(["local", "database"], { message: "erlaubt sind local oder database" }).default("local"),
  UPLOAD_MAX_MB: z.coerce
    .number({ message: "muss eine Zahl sein" })
    .positive("muss größer als 0 sein")
    .max(500, "höchstens 500")
    .default(20),
  MAP_TILE_URL: z
    .string()
    .regex(/^https:\/\/.+\{z\}.+\{x\}.+\{y\}.*/, "muss eine https-Kachel-Adresse mit {z}, {x} und {y} sein")
    .optional(),
  MAP_ATTRIBUTION: z.string().optional(),
  /** A GeoJSON file (WGS 84) drawn behind the map's points instead of the shipped schematic outline. */
  MAP_OUTLINE_FILE: z.string().min(1).optional(),
  /** A Nominatim-compatible geocoder the operator runs; unset means no address is ever sent anywhere. */
  GEOCODER_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/.*)?$/, "muss eine http(s)-Adresse sein, z. B. http://127.0.0.1:8080")
    .optional(),
  DISTRICT_NAME: z.string().min(2).default("Landkreis Celle"),
  DISTRICT_OFFICE: z.string().min(2).default("Bildungsbüro – Team Bildungskommunen"),
  DISTRICT_ADDRESS: z.string().min(2).default("Trift 26, 29221 Celle"),
  DISTRICT_EMAIL: z.string().email("muss eine E-Mail-Adresse sein").default("bildungsbuero@example.org"),
  DISTRICT_PHONE: z.string().default("05141 000-0000"),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  isProduction: boolean;
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  seedDemo: boolean;
  logLevel: NonNullable<Env["LOG_LEVEL"]>;
  rateLimit: boolean;
  /** Where rate limits are counted when several instances share them; undefined: in this process. */
  redisUrl: string | undefined;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (for rate limits). */
  trustProxy: boolean;
  uploadMaxBytes: number;
  /** local: DATA_DIR/files; database: the file_blobs table, shared by all instances. */
  fileStorage: "local" | "database";
  map: {
    tileUrl: string | undefined;
    attribution: string | undefined;
    /** Absolute path of the operator's outline file; undefined: the shipped schematic one. */
    outlineFile?: string | undefined;
    /** Base address of the geocoder (…/search is appended); undefined: off. */
    geocoderUrl?: string | undefined;
  };
  district: { name: string; office: string; address: string; email: string; phone: string };
}

/**
 * Reads and validates the configuration. Throws a ConfigError naming every
 * bad variable; the caller prints it and exits non-zero.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as "not set", as shells and .env files often leave them.
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "?"),
        message: `${issue.message} (erhalten: ${JSON.stringify(raw[String(issue.path[0])] ?? "")})`,
      })),
    );
  }
  const env = parsed.data;
  const dataDir = resolve(env.DATA_DIR);
  const isProduction = env.NODE_ENV === "production";
  if (isProduction && !env.SESSION_SECRET) {
    throw new ConfigError([
      { variable: "SESSION_SECRET", message: "ist in production Pflicht (mindestens 32 Zeichen)" },
    ]);
  }
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    dataDir,
    databaseUrl: env.DATABASE_URL ?? `sqlite:${join(dataDir, "bildungsnetz.db")}`,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    sessionSecret: env.SESSION_SECRET ?? persistentSecret(dataDir),
    seedDemo: env.SEED_DEMO,
    // In production one line per request (info); the demo on a laptop stays quiet (warn).
    logLevel: env.LOG_LEVEL ?? (isProduction ? "info" : "warn"),
    rateLimit: env.RATE_LIMIT === "on",
    redisUrl: env.REDIS_URL,
    trustProxy: env.TRUST_PROXY,
    uploadMaxBytes: Math.round(env.UPLOAD_MAX_MB * 1024 * 1024),
    fileStorage: env.FILE_STORAGE,
    map: {
      tileUrl: env.MAP_TILE_URL,
      attribution: env.MAP_ATTRIBUTION,
      outlineFile: env.MAP_OUTLINE_FILE ? resolve(env.MAP_OUTLINE_FILE) : undefined,
      geocoderUrl: env.GEOCODER_URL?.replace(/\/$/, ""),
    },
    district: {
      name: env.DISTRICT_NAME,
      office: env.DISTRICT_OFFICE,
      address: env.DISTRICT_ADDRESS,
      email: env.DISTRICT_EMAIL,
      phone: env.DISTRICT_PHONE,
    },
  };
}

/** Outside production a missing secret is generated once and kept beside the data. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
