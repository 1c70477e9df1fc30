const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row, so it is treated as an id that does not exist. */
export const isId = (value: string): boolean => UUID.test(value);

/**
 * An id as it came from a client, in the one spelling the database returns (lowercase), or null
 * for anything that is not a UUID. Every id argument goes through here: loaders, rules and
 * results compare ids as strings, so "A1B2…" must become "a1b2…" before any of them sees it.
 */
export function normalizeId(value: string): string | null {
  return isId(value) ? value.toLowerCase() : null;
}

/** A region id no row has: what a loader scopes to when there is no caller. */
export const NO_REGION = "00000000-0000-0000-0000-000000000000";
