/**
 * All timestamps are stored as ISO-8601 UTC strings ("2025-03-28T08:00:00.000Z")
 * in both SQLite and PostgreSQL: they sort as text, compare the same way on both
 * databases and leave no time-zone conversion to a driver. See docs/decisions/0003.
 */
export function nowIso(): string {
  return new Date().toISOString();
}

export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

/** Booleans are stored as 0/1 integers on both databases. */
export const toDbBool = (value: boolean): number => (value ? 1 : 0);
export const fromDbBool = (value: number | boolean | null | undefined): boolean => Boolean(value);
