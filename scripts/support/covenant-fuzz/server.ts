import "reflect-metadata";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { signClientToken, signToken } from "../../../src/auth/tokens.js";
import { loadConfig } from "../../../src/config.js";
import { connectEmbedded, connectServer, type Database } from "../../../src/db/database.js";
import { startServer, type RunningServer } from "../../../src/server/app.js";
import { createLogger } from "../../../src/server/logger.js";

/*
 * The real server for a fuzz run, in this process, over real HTTP: on embedded PGlite (in
 * memory), or in a fresh database it creates on the server DATABASE_URL names and drops again.
 * Its clock is ours, so the run can move time (an emergency window runs out).
 */

export interface GraphQLAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; paths?: (string | number)[][]; count?: number } }[];
  };
  text: string;
}

/** Who asks: a professional, a client (family member's login), or nobody. */
export type Who = { kind: "professional"; id: string } | { kind: "client"; id: string } | { kind: "anonymous" };

export interface FuzzServer {
  database: Database;
  url: string;
  clock: { now(): Date; set(moment: Date | string): void };
  ask(who: Who, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  close(): Promise<void>;
}

export async function startFuzzServer(startAt: string, serverUrl = process.env.DATABASE_URL): Promise<FuzzServer> {
  let dropDatabase = async () => {};
  let database: Database;
  if (serverUrl) {
    // A database of our own on the server, dropped at the end: the run never touches another.
    const name = `covenant_fuzz_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = connectServer(url.toString());
    dropDatabase = async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  } else {
    database = await connectEmbedded(null);
  }
  await database.migrate();
  let current = new Date(startAt);
  const clock = { now: () => new Date(current), set: (moment: Date | string) => void (current = new Date(moment)) };
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });
  const running: RunningServer = await startServer({ config, database, log: createLogger("silent"), now: clock.now }, 0, "127.0.0.1");
  // Tokens are signed here and sent, never printed.
  const tokens = new Map<string, string>();
  const tokenOf = (who: Who): string | null => {
    if (who.kind === "anonymous") return null;
    const key = `${who.kind}:${who.id}`;
    let token = tokens.get(key);
    if (!token) tokens.set(key, (token = who.kind === "client" ? signClientToken(config, who.id) : signToken(config, who.id)));
    return token;
  };

  async function ask(who: Who, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> {
    const token = tokenOf(who);
    const response = await fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: GraphQLAnswer["body"];
    try {
      body = JSON.parse(text) as GraphQLAnswer["body"];
    } catch {
      body = {};
    }
    return { status: response.status, body, text };
  }

  return {
    database,
    url: running.url,
    clock,
    ask,
    close: async () => {
      await running.close();
      await database.close();
      await dropDatabase();
    },
  };
}
