import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable.js";

// Which failures mean "the database is away, try again" (503) and which are bugs (500).
// The errors are shaped as node-postgres, Node's net module and better-sqlite3 throw them;
// tests/resilience/outage.pg.test.ts sees the real ones with PostgreSQL stopped.
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a database that is down, stopping, starting or out of connections", () => {
    expect(isDatabaseUnavailable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("the database system is starting up", "57P03"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("connection failure", "08006"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("sorry, too many clients already", "53300"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(
      isDatabaseUnavailable(new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "")),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode("database is locked", "SQLITE_BUSY"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: withCode("read ECONNRESET", "ECONNRESET") }))).toBe(
      true,
    );
  });

  it("leaves real errors to the 500 handler", () => {
    expect(isDatabaseUnavailable(withCode('relation "nope" does not exist', "42P01"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("duplicate key value violates unique constraint", "23505"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("no such table: nope", "SQLITE_ERROR"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
