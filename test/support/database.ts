import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { connectEmbedded, connectServer, type Database } from "../../src/db/database.js";

/**
 * A fresh database for one test file, with the migrations applied: in-memory PGlite by default,
 * or a new database on the server DATABASE_URL names (dropped again afterwards).
 */
export async function freshDatabase(options: { viaPort?: number } = {}): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await connectEmbedded(null);
    await database.migrate();
    return database;
  }
  const { url, drop } = await serverDatabase(serverUrl);
  // A test that cuts the connection talks to the server through a proxy on this port.
  if (options.viaPort) url.port = String(options.viaPort);
  const database = connectServer(url.toString());
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A new, empty database on the server, and how to drop it again. */
export async function serverDatabase(serverUrl: string): Promise<{ url: URL; drop: () => Promise<void> }> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
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
    const dir = await mkdtemp(join(tmpdir(), "ofop-script-"));
    return {
      open: async () => {
        const database = await connectEmbedded(dir);
        await database.migrate();
        return database;
      },
      env: { PGLITE_DIR: dir },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }
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
