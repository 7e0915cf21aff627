import { parse } from "node:querystring";

/**
 * Query strings and url-encoded forms: repeated keys become arrays
 * (checkbox groups), everything else stays a string. No nested objects.
 */
export const qs = {
  parse(input: string): Record<string, string | string[]> {
    return parse(input) as Record<string, string | string[]>;
  },
};
