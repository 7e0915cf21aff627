import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";

const require = createRequire(import.meta.url);
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
// In dist/ the compiled file sits one level deeper; public/ stays at the project root.
const publicDir = projectRoot.endsWith("dist") ? join(projectRoot, "..", "public") : join(projectRoot, "public");

/** A file under public/, found the same from src/ (tsx, tests) and from the built dist/. */
export const publicFile = (relativePath: string): string => join(publicDir, relativePath);

const types: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
};

interface Asset {
  type: string;
  etag: string;
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
}

const cache = new Map<string, Asset>();

/**
 * Static assets are few and small, so they are read once, compressed once
 * (brotli and gzip) and served from memory with long-lived caching: the first
 * visit of a page stays far below the 120 KB budget although KERN's CSS is 340 KB raw.
 */
function load(file: string): Asset | undefined {
  const hit = cache.get(file);
  if (hit) return hit;
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return undefined;
  }
  const asset: Asset = {
    type: types[extname(file)] ?? "application/octet-stream",
    etag: `"${createHash("sha1").update(raw).digest("base64url")}"`,
    raw,
    gzip: gzipSync(raw, { level: 9 }),
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
  cache.set(file, asset);
  return asset;
}

/** Folders served under /assets/<prefix>/; modules may add their own (e.g. leaflet). */
const mounts = new Map<string, string>([
  ["", publicDir],
  ["kern", join(dirname(require.resolve("@kern-ux/native/package.json")), "dist")],
]);

export function mountAssets(prefix: string, folder: string): void {
  mounts.set(prefix, folder);
}

export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function resolveAsset(path: string): string | undefined {
  if (path.includes("..") || path.includes("\0")) return undefined;
  const slash = path.indexOf("/");
  const prefix = slash > 0 ? path.slice(0, slash) : "";
  const folder = mounts.get(prefix);
  if (folder && slash > 0 && prefix !== "") return join(folder, path.slice(slash + 1));
  return join(publicDir, path);
}

export function registerAssets(app: FastifyInstance): void {
  app.get<{ Params: { "*": string } }>("/assets/*", { config: { rateLimit: false } }, async (request, reply) => {
    const file = resolveAsset(request.params["*"]);
    const asset = file && extname(file) in types ? load(file) : undefined;
    if (!asset) return reply.callNotFound();
    reply
      .header("content-type", asset.type)
      .header("etag", asset.etag)
      .header("vary", "accept-encoding")
      .header(
        "cache-control",
        request.query && "v" in (request.query as object)
          ? "public, max-age=31536000, immutable"
          : "public, max-age=3600",
      );
    if (request.headers["if-none-match"] === asset.etag) return reply.code(304).send();
    const accept = String(request.headers["accept-encoding"] ?? "");
    if (/\bbr\b/.test(accept)) return reply.header("content-encoding", "br").send(asset.br);
    if (/\bgzip\b/.test(accept)) return reply.header("content-encoding", "gzip").send(asset.gzip);
    return reply.send(asset.raw);
  });
}
