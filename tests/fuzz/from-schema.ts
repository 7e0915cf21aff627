import fc from "fast-check";
import { z } from "zod";

// Plausible API bodies from a route's own zod schema (through its JSON Schema): the
// start from which one field at a time is made hostile, so the hostile value gets
// past the other fields' checks and reaches the service and the database.

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema | undefined {
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return undefined;
  }
}

const plainText = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz äöüß"),
  minLength: 1,
  maxLength: 30,
});

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case "email":
      return fc.constantFrom("fuzz@example.org", "a.b@schule.example");
    case "date":
      return fc.constantFrom("2027-03-15", "2026-12-31");
    case "date-time":
      return fc.constantFrom("2027-03-15T09:00:00.000Z");
    case "time":
      return fc.constantFrom("09:00", "14:30");
    case "uri":
    case "url":
      return fc.constantFrom("https://example.org/x");
    case "uuid":
      return fc.uuid();
  }
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern), { maxLength: 40 });
    } catch {
      // a pattern JavaScript cannot read: plain text
    }
  }
  const min = s.minLength ?? 1;
  const max = Math.max(min, Math.min(s.maxLength ?? 30, 30));
  return fc.string({
    unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
    minLength: min,
    maxLength: max,
  });
}

/** An arbitrary of values the schema would mostly accept. */
export function plausible(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return plainText;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) {
    const usable = alternatives.filter((a) => a.type !== "null");
    return fc.oneof(...(usable.length ? usable : alternatives).map((a) => plausible(a, depth + 1)));
  }
  if (s.allOf?.length) return plausible(s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== "null") ?? "null") : s.type;
  switch (type) {
    case "string":
      return stringOf(s);
    case "integer":
    case "number": {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : min + 100);
      return fc.integer({ min: Math.ceil(Math.max(min, -1e6)), max: Math.floor(Math.min(max, 1e6)) });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = s.minItems ?? 0;
      return fc.array(plausible(s.items, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)),
      });
    }
    case "object": {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) shape[key] = plausible(sub, depth + 1);
      return fc.record(shape, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
    }
    default:
      return plainText;
  }
}

/** Every property name of the schema, nested ones as dotted paths. */
export function fieldPaths(s: JsonSchema | undefined, prefix: string[] = [], depth = 0): string[][] {
  if (!s || depth > 4) return [];
  const alternatives = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alternatives) return alternatives.flatMap((a) => fieldPaths(a, prefix, depth + 1));
  const out: string[][] = [];
  for (const [key, sub] of Object.entries(s.properties ?? {})) {
    out.push([...prefix, key]);
    out.push(...fieldPaths(sub, [...prefix, key], depth + 1));
  }
  return out;
}
