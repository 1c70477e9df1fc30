import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { connectEmbedded, connectServer, type Database } from "../../src/db/database.js";
import { copyDirectory } from "./copy-directory.js";

/**
 * A fresh database for one test file, with the migrations applied: a copy of the run's migrated
 * template (migrated-template.ts), on disk in a temporary directory by default, or a new database
 * on the server DATABASE_URL names. Closing it removes it.
 */
export async function freshDatabase(options: { viaPort?: number } = {}): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await embeddedCopy();
    const database = await connectEmbedded(dataDir);
    return {
      ...database,
      close: async () => {
        await database.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await serverDatabase(serverUrl, { migrated: true });
  // A test that cuts the connection talks to the server through a proxy on this port.
  if (options.viaPort) url.port = String(options.viaPort);
  const database = connectServer(url.toString());
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A new database on the server, empty or a copy of the run's migrated template, and how to drop it again. */
export async function serverDatabase(serverUrl: string, options: { migrated?: boolean } = {}): Promise<{ url: URL; drop: () => Promise<void> }> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(options.migrated ? `create database ${name} template ${serverTemplate()}` : `create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url,
    drop: async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A database a script run in its own process can open too: on disk (embedded) or on the server. */
export interface ScriptDatabase {
  /** Opens it (migrated); on the embedded database, close it before a script opens it. */
  open(): Promise<Database>;
  /** The environment that points a script at it. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function scriptDatabase(): Promise<ScriptDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = await embeddedCopy();
    return {
      open: () => connectEmbedded(dir),
      env: { PGLITE_DIR: dir },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
  // Empty until opened: server processes started on it first find no schema (replicas.test.ts).
  const { url, drop } = await serverDatabase(serverUrl);
  return {
    open: async () => {
      const database = connectServer(url.toString());
      await database.migrate();
      return database;
    },
    env: { DATABASE_URL: url.toString() },
    dispose: drop,
  };
}

/**
 * An embedded database in dataDir, made but without schema (as the first `connectEmbedded` makes
 * it): a copy of the run's, since PGlite's initdb takes seconds.
 */
export async function emptyEmbeddedDatabase(dataDir: string): Promise<void> {
  await copyDirectory(inject("emptyEmbeddedDataDir"), dataDir);
}

/** A copy of the run's migrated embedded database, in a directory of its own. */
async function embeddedCopy(): Promise<string> {
  const template = inject("migratedTemplate");
  if (template.kind !== "embedded") throw new Error("The run's migrated template is on a server, yet DATABASE_URL is unset");
  const dir = await mkdtemp(join(tmpdir(), "ofop-test-"));
  await copyDirectory(template.dataDir, dir);
  return dir;
}

function serverTemplate(): string {
  const template = inject("migratedTemplate");
  if (template.kind !== "server") throw new Error("The run's migrated template is embedded, yet DATABASE_URL is set");
  return template.name;
}
