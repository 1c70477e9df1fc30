import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
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
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** A real PostgreSQL server through postgres.js; the pool reconnects by itself after an outage. */
export function connectServer(url: string): Database {
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    // Fail fast while the server is away instead of queueing requests for minutes.
    connect_timeout: 5,
    idle_timeout: 30,
  });
  const counter = statementCounter();
  const db = drizzlePostgres(client, { schema: tables, logger: counter }) as unknown as Db;
  return {
    db,
    statements: counter.count,
    kind: "server",
    migrate: () => migratePostgres(drizzlePostgres(client), { migrationsFolder }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
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
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
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
