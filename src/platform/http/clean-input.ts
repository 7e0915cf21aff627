// C0 controls except tab, line feed and carriage return; DEL and the C1 controls;
// the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
// which can make a name read backwards ("Trojan Source"); and lone UTF-16 surrogates,
// which are no characters at all and break exports and e-mails.
const UNWANTED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text with the characters above removed; everything else (umlauts, emoji, RTL script) stays. */
export const cleanText = (text: string): string => text.replace(UNWANTED, "");

const MAX_DEPTH = 32;

/**
 * `cleanText` applied to every string in a parsed body or query (objects and arrays,
 * keys too). Uploaded file streams and buffers are left alone. Deeper nesting than any
 * form or API body needs is cut off as it is, and refused later by the schemas.
 */
export function cleanInput(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return cleanText(value);
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => cleanInput(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const [key, v] of Object.entries(value)) out[cleanText(key)] = cleanInput(v, depth + 1);
  return out;
}
