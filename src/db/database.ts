import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { preparingStatements } from "./prepared-statements.js";
import * as tables from "./tables.js";

export type Tables = typeof tables;
// The pool or an open transaction: services never know or care which.
export type Db = PgDatabase<PgQueryResultHKT, Tables>;

export interface Database {
  db: Db;
  /** SQL statements sent so far: the benchmark and tests read it to prove a constant count. */
  statements(): number;
  kind: "embedded" | "server";
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /**
   * Calls onPayload with each NOTIFY on channel, on one connection of its own outside the pool
   * (postgres.js listens again after a reconnect). Resolves to a function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/**
 * While the server is away a request gets its answer (503) within two seconds, and the pool is
 * back soon after the server is. postgres.js 4 never queues a query on a connection that is
 * still connecting: it waits in the pool's queue, which is emptied with the error as soon as an
 * attempt to connect fails, and until the next attempt is due new queries fail at once. So:
 * - connect_timeout: an attempt the server does not answer, or connections that keep closing
 *   before they are ready (a pooler in front of a database that is down), count as failed after
 *   a second (the default is 30 s);
 * - backoff: the next attempt is at most half a second away (the default grows to 20 s).
 * No queue_timeout: under a burst of ordinary load it would refuse requests waiting their turn.
 * The errors carry codes isDatabaseUnavailable (server/database-errors.ts) knows.
 */
const OUTAGE_LIMITS = {
  connect_timeout: 1,
  backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5),
};
/** A ping gives up after this, even on a connection that never answers: /readyz stays within 2 s. */
const PING_DEADLINE_MS = 1500;

/** A real PostgreSQL server through postgres.js; the pool reconnects by itself after an outage. */
export function connectServer(url: string): Database {
  const client = postgres(url, { max: 10, onnotice: () => {}, idle_timeout: 30, ...OUTAGE_LIMITS });
  const counter = statementCounter();
  const db = drizzlePostgres(preparingStatements(client), { schema: tables, logger: counter }) as unknown as Db;
  return {
    db,
    statements: counter.count,
    kind: "server",
    migrate: () => migratePostgres(drizzlePostgres(client), { migrationsFolder }),
    ping: () => withDeadline(db.execute(sql`select 1`), PING_DEADLINE_MS),
    listen: async (channel, onPayload) => {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Whether an embedded database was ever made in dataDir: opening one there makes it. */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return existsSync(join(dataDir, "PG_VERSION"));
}

/** Embedded PostgreSQL (PGlite): in memory when dataDir is null, else kept on disk. */
export async function connectEmbedded(dataDir: string | null): Promise<Database> {
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {};
  const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const counter = statementCounter();
  const db = drizzlePglite(client, { schema: tables, logger: counter }) as unknown as Db;
  return {
    db,
    statements: counter.count,
    kind: "embedded",
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

function withDeadline(query: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: "PING_TIMEOUT" })), ms);
  });
  return Promise.race([query.then(() => undefined), deadline]).finally(() => clearTimeout(timer));
}

/** A drizzle logger that only counts: queries and their parameters are never written anywhere. */
function statementCounter() {
  let statements = 0;
  return {
    logQuery: () => {
      statements++;
    },
    count: () => statements,
  };
}

/**
 * PGlite is a single-process database: a second process on the same files corrupts them. A pid
 * file makes the second one stop with a clear message instead.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir.replace(/\/+$/, "")}.pid`;
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid} (the running server?). Stop it first, or use DATABASE_URL.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
