import type { Sql, TransactionSql } from "postgres";

/**
 * The postgres.js client drizzle is given, such that every query with parameters runs as a
 * named prepared statement on its connection. drizzle prepares only a query given a name
 * (`.prepare(name)`) and sends every other one unnamed, which postgres.js 4 describes before it
 * runs it: two round trips, and PostgreSQL parses and plans it afresh each time. Prepared, a
 * query is one round trip and is parsed once per connection. That took a third of the database's
 * work off a reference-index lookup (its access-log insert) and off every plan query.
 *
 * Bounded: postgres.js keeps at most 1000 statements per connection (the least recently used
 * go) and a connection lives at most an hour. A query without parameters (the migrations'
 * statements, `select 1`) keeps the simple protocol, which allows several statements in one.
 */
export function preparingStatements<Client extends Sql | TransactionSql>(client: Client): Client {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === "unsafe") {
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(query, params as never, params?.length ? { ...options, prepare: true } : options);
      }
      // A transaction's (and a savepoint's) client prepares as the pool does.
      if (key === "begin" || key === "savepoint") {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const body = args[last] as (sql: TransactionSql) => unknown;
          args[last] = (sql: TransactionSql) => body(preparingStatements(sql));
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}
