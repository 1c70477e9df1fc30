// What the operator scripts (npm run audit:verify, retention, deadlines, token) share: whatever
// state the database is in, a failure ends in one line on stderr that says what to do, and exit
// code 1; never a stack trace. And they never make a database: that is `npm start`'s to do.
import { sql } from "drizzle-orm";
import type { Config } from "../../src/config.js";
import { connectEmbedded, connectServer, embeddedDatabaseExists, type Database } from "../../src/db/database.js";
import { rowsOf } from "../../src/db/rows.js";
import { isDatabaseUnavailable } from "../../src/server/database-errors.js";

/** A failure the operator can act on: its message is the whole line. */
export class OperatorError extends Error {}

const opened: Database[] = [];

/**
 * Runs a script's main and exits with what it returns (0 when nothing): the databases it opened
 * are closed first, and an error becomes one line on stderr and exit code 1.
 */
export async function runOperator(script: string, main: () => Promise<number | void>): Promise<never> {
  let code = 1;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    process.stderr.write(`${describe(script, error)}\n`);
  } finally {
    for (const database of opened.splice(0)) await database.close().catch(() => {});
  }
  process.exit(code);
}

/**
 * The database the configuration names, reachable, with its schema: migrated first when
 * `migrate` (the scripts that write do, as the server does when it starts), else it must have
 * the tables `reads` names. An embedded database that does not exist yet is never made.
 */
export async function openDatabase(config: Config, schema: { migrate: true } | { reads: readonly string[] }): Promise<Database> {
  let database: Database;
  let where: string;
  if (config.DATABASE_URL) {
    where = `at ${serverName(config.DATABASE_URL)}`;
    database = connectServer(config.DATABASE_URL);
    opened.push(database);
    try {
      await database.ping();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      throw new OperatorError(`the database server ${where} is not reachable (${codeOf(error)}): is it running, and is DATABASE_URL right?`);
    }
  } else {
    where = `in ${config.PGLITE_DIR}`;
    if (!embeddedDatabaseExists(config.PGLITE_DIR)) {
      throw new OperatorError(`there is no database ${where} yet: \`npm start\` makes it (or set DATABASE_URL to use a PostgreSQL server).`);
    }
    database = await connectEmbedded(config.PGLITE_DIR);
    opened.push(database);
  }
  if ("migrate" in schema) {
    await database.migrate();
    return database;
  }
  for (const table of schema.reads) {
    const [found] = rowsOf<{ present: boolean }>(await database.db.execute(sql`select to_regclass(${table}) is not null as present`));
    if (!found?.present) {
      throw new OperatorError(`the database ${where} has no schema yet (no ${table} table): run \`npm start\` once, which migrates it, then this again.`);
    }
  }
  return database;
}

/** Host, port and database of a URL: never its user or password. */
function serverName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

function describe(script: string, error: unknown): string {
  if (error instanceof OperatorError) return `npm run ${script}: ${error.message}`;
  const inner = databaseError(error);
  const code = codeOf(inner);
  const message = inner instanceof Error ? inner.message.split("\n")[0]!.slice(0, 300) : String(inner);
  return `npm run ${script} failed: ${code ? `${code} ` : ""}${message}`;
}

/** drizzle wraps a database error in one whose message holds the SQL and its parameters: the database's own says what went wrong. */
function databaseError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause && ("params" in current || current.message.startsWith("Failed query")); depth++) {
    current = current.cause;
  }
  return current;
}

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
