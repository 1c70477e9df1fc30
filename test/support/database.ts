import { randomBytes } from "node:crypto";
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
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // A test that cuts the connection talks to the server through a proxy on this port.
  if (options.viaPort) url.port = String(options.viaPort);
  const database = connectServer(url.toString());
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
