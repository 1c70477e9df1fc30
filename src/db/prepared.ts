import type { Db } from "./database.js";

/**
 * A statement built once per database (pool or transaction) instead of once per request: for
 * the statements every request of a kind runs, where building the SQL cost more than sending it.
 */
export function preparedPerDatabase<Query>(build: (db: Db) => Query): (db: Db) => Query {
  const made = new WeakMap<Db, Query>();
  return (db) => {
    let query = made.get(db);
    if (!query) {
      query = build(db);
      made.set(db, query);
    }
    return query;
  };
}
