/**
 * Where to send somebody back to after a language switch or a sign-in: only a path
 * on this site. The value is resolved against the site's own address the way a
 * browser would (which strips tabs and line breaks and reads "\" as "/"), and
 * anything that lands on another origin — "//evil.example", "/\evil.example",
 * "/%09/evil.example", "https://evil.example" — falls back to `fallback`.
 * The result is percent-encoded, so it is always safe in a Location header.
 */
export function safeReturnPath(value: unknown, baseUrl: string, fallback = "/"): string {
  if (typeof value !== "string" || value === "" || !value.startsWith("/")) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(baseUrl);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A path that a browser would read as protocol-relative after normalising.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
