import fc from "fast-check";

// Values nobody should send, and somebody will: what the fuzz tests put into fields.

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
const control = fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n));
const oddChar = fc.constantFrom(
  "\u0000",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u200b", // zero width space
  "\u200d", // zero width joiner
  "\u200e", // left-to-right mark
  "\u200f", // right-to-left mark
  "\u202e", // right-to-left override
  "\u2066",
  "\u061c", // Arabic letter mark
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffd",
  "\uffff",
  "e\u0301", // combining accent
  "🏳️‍🌈",
  "👩🏽‍🏫",
  "עברית",
  "العربية",
  "ß",
  "İ",
  "ǅ",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "１２３", // full-width digits
  "٣",
);

/** Strings with control characters, lone surrogates, bidi and zero-width characters, emoji, any code point. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({
    unit: fc.oneof(loneSurrogate, control, oddChar, fc.string({ minLength: 1, maxLength: 1 })),
    maxLength: 40,
  }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(
    "",
    " ",
    "\t\n\r",
    "\u0000",
    "a\u0000b",
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "-0",
    "0x1F",
    "1e309",
    "-1",
    "0",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "99999999999999999999999999999999",
    "1.5",
    "1,5",
    "null",
    "undefined",
    "true",
    "[object Object]",
    "__proto__",
    "constructor",
    "'; DROP TABLE users; --",
    '" OR 1=1 --',
    "%00",
    "%ff%fe",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "275760-09-13",
    "2026-06-01T25:61",
    "24:00",
    "99:99",
    "a@b",
    "@",
    `${"x".repeat(300)}@example.org`,
    "Müller@Straße.de",
  ),
  // Overlong: past every field's limit.
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => "ä".repeat(n)),
);

/** Numbers a JSON body can carry that break integer columns and arithmetic. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    -(2 ** 63),
    1e21,
    1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.EPSILON,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value in the wrong place: wrong types, deep nesting, hostile keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [""], { value: "x" }) },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(fc.string(), { minLength: 200, maxLength: 1_200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 2_000 }).map(deepArray) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"role":"admin"},"constructor":{"prototype":{}}}')) },
);

export function deepArray(depth: number): unknown {
  let value: unknown = "tief";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Raw bodies that are no JSON, or JSON a plain parser reads differently: for the API. */
export const rawJsonBodies: fc.Arbitrary<{ payload: string | Buffer; contentType: string }> = fc.oneof(
  fc.constantFrom(
    { payload: "", contentType: "application/json" },
    { payload: "{", contentType: "application/json" },
    { payload: "nul", contentType: "application/json" },
    { payload: "null", contentType: "application/json" },
    { payload: '"text"', contentType: "application/json" },
    { payload: "[]", contentType: "application/json" },
    { payload: "42", contentType: "application/json" },
    { payload: '{"title":1e999,"capacity":1e999}', contentType: "application/json" },
    { payload: '{"title":"a","title":{"x":1}}', contentType: "application/json" },
    { payload: '{"__proto__":{"role":"admin"}}', contentType: "application/json" },
    { payload: '{"constructor":{"prototype":{"role":"admin"}}}', contentType: "application/json" },
    { payload: '{"title":"\\ud800","name":"\\u0000"}', contentType: "application/json" },
    { payload: '{"title":"x"}', contentType: "text/plain" },
    { payload: "title=x", contentType: "application/x-www-form-urlencoded" },
    { payload: '{"title":"x"}', contentType: "multipart/form-data" },
    {
      payload: '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nab',
      contentType: "multipart/form-data; boundary=x",
    },
    { payload: "--y--\r\n", contentType: `multipart/form-data; boundary=${"y".repeat(300)}` },
    { payload: '{"title":"x"}', contentType: "application/json; charset=latin1" },
    { payload: '{"title":"x"}', contentType: "application/json; charset=utf-16" },
    { payload: '{"title":"x"}', contentType: "application/jsonx" },
    { payload: "<x/>", contentType: "application/xml" },
  ),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({
    payload: `${"[".repeat(n)}${"]".repeat(n)}`,
    contentType: "application/json",
  })),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({
    payload: `${'{"a":'.repeat(n)}1${"}".repeat(n)}`,
    contentType: "application/json",
  })),
  // Invalid UTF-8 inside a JSON string.
  fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bytes) => ({
    payload: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc3, ...bytes]), Buffer.from('"}')]),
    contentType: "application/json",
  })),
  // More than the body limit.
  fc.constant({ payload: `{"title":"${"x".repeat(1_100_000)}"}`, contentType: "application/json" }),
);
