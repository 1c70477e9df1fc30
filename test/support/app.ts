import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { expect } from "vitest";
import { signToken } from "../../src/auth/tokens.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";
import { startServer, type RunningServer } from "../../src/server/app.js";
import { createLogger } from "../../src/server/logger.js";
import { freshDatabase } from "./database.js";

/** A clock the tests move; the server reads it through ctx.now. */
export class TestClock {
  constructor(private current = new Date("2026-11-23T10:00:00+01:00")) {}
  now = () => new Date(this.current);
  set(moment: string | Date) {
    this.current = new Date(moment);
  }
  today(): string {
    return this.current.toISOString().slice(0, 10);
  }
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: GraphQLResponseError[] };
  text: string;
}

export interface GraphQLResponseError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; rule?: string; required?: string; yours?: string; paths?: (string | number)[][]; count?: number };
}

/**
 * The answer's errors, a folded refusal (docs/decisions/0017) once at each path it lists; fails
 * when one lists fewer paths than it counts, so a test never misses a refusal past the cap.
 */
export function unfolded(response: GraphQLResponse): GraphQLResponseError[] {
  return (response.body.errors ?? []).flatMap((error) => {
    const paths = error.extensions?.paths;
    if (!paths) return [error];
    expect(paths.length, `a folded refusal at ${error.path?.join(".")} lists fewer paths than it counts`).toBe(error.extensions!.count);
    return paths.map((path) => ({ ...error, path }));
  });
}

export interface TestApp {
  url: string;
  config: Config;
  database: Database;
  clock: TestClock;
  server: RunningServer;
  /** Every log line the server wrote, as JSON text. */
  logs: string[];
  /** POST /graphql as the professional named, or anonymously. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: string | null): Promise<GraphQLResponse<T>>;
  /** POST /graphql with a raw Authorization header (or none). */
  gqlWithHeader<T = Record<string, unknown>>(query: string, authorization: string | null, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  tokenFor(professionalId: string, expiresInSeconds?: number): string;
  close(): Promise<void>;
}

/** The real server on a random port, over a fresh database. */
export async function startTestApp(
  overrides: Partial<Record<string, string>> = {},
  options: { database?: Database; schema?: GraphQLSchema } = {},
): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...overrides });
  const database = options.database ?? (await freshDatabase());
  const clock = new TestClock();
  // The server logs as in production, into memory, so tests can read what it would have written.
  const logs: string[] = [];
  const log = createLogger("info", { write: (line: string) => void logs.push(line) });
  const server = await startServer({ config, database, log, now: clock.now, schema: options.schema }, 0, "127.0.0.1");
  const tokenFor = (professionalId: string, expiresInSeconds?: number) => signToken(config, professionalId, expiresInSeconds);

  async function post<T>(query: string, authorization: string | null, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: GraphQLResponse<T>["body"];
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    return { status: response.status, body, text };
  }

  return {
    url: server.url,
    config,
    database,
    clock,
    server,
    logs,
    gql: (query, variables, as) => post(query, as ? `Bearer ${tokenFor(as)}` : null, variables),
    gqlWithHeader: (query, authorization, variables) => post(query, authorization, variables),
    tokenFor,
    close: async () => {
      await server.close();
      await database.close();
    },
  };
}

/** The error codes of a response, in order. */
export const codes = (response: GraphQLResponse) => (response.body.errors ?? []).map((error) => error.extensions?.code);

/** The data of an answer that must carry no error at all. */
export function data<T>(response: GraphQLResponse<T>): T {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data!;
}

/** A refusal: exactly one error with this code, never a 500; bad input names its field. Returns its message. */
export function refused(response: GraphQLResponse, code: string, field?: string): string {
  expect(response.status, response.text).toBe(200);
  expect(codes(response), response.text).toEqual([code]);
  const error = response.body.errors![0]!;
  if (field !== undefined) {
    expect(error.extensions?.field, error.message).toBe(field);
    expect(error.message.startsWith(`${field}: `), error.message).toBe(true);
  }
  return error.message;
}
