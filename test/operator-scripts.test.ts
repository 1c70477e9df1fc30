import { execFile } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyEmbeddedDatabase, serverDatabase } from "./support/database.js";

/*
 * npm run audit:verify, retention, deadlines and token, each in a process of its own, on any
 * database state: none yet (a fresh clone), one without its schema, one in use, a server that
 * does not answer. Each failure is one line on stderr that says what to do, with exit code 1,
 * never a stack trace; and none of them leaves a database behind where there was none.
 */

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: string, env: Record<string, string>, args: string[] = []): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", LOG_LEVEL: "info", ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], { env: childEnv }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Exit code 1 and one line on stderr, matching `says`, without a stack trace. */
function expectOneLine(result: Run, says: RegExp): void {
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.code, result.stderr).toBe(1);
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const DATABASE_SCRIPTS = ["audit:verify", "retention", "deadlines"] as const;
const file = (script: string) => script.replace(":", "-");

// The embedded database is the same whichever database the suite runs on: tested in the embedded run.
describe.skipIf(!!process.env.DATABASE_URL)("the operator scripts on the embedded database", () => {
  let dir: string;
  let dataDir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ofop-operator-"));
    dataDir = join(dir, "pglite");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("say on a fresh clone that `npm start` makes the database, and make none themselves; the token needs none", async () => {
    const env = { PGLITE_DIR: dataDir };
    const results = await Promise.all(DATABASE_SCRIPTS.map((script) => run(file(script), env)));
    for (const [index, result] of results.entries()) {
      expectOneLine(result, new RegExp(`^npm run ${DATABASE_SCRIPTS[index]}: there is no database in .*pglite yet: \`npm start\` makes it`));
    }
    const token = await run("token", env, ["coach1@groningen.demo"]);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(JWT);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(`${dataDir}.pid`)).toBe(false);
  }, 120_000);

  it("refuse to verify a database without its schema, naming what to run; retention migrates it first", async () => {
    await emptyEmbeddedDatabase(dataDir);
    const env = { PGLITE_DIR: dataDir };
    expectOneLine(await run("audit-verify", env), /^npm run audit:verify: the database in .*pglite has no schema yet \(no access_log table\): run `npm start` once/);
    const retention = await run("retention", env);
    expect(retention.code, retention.stderr).toBe(0);
    expect(retention.stdout).toContain('"msg":"retention done"');
  }, 120_000);

  it("say in one line that the database is in use by another process", async () => {
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "PG_VERSION"), "17\n");
    // The process running this test is alive, and not the script's: as the server would be.
    writeFileSync(`${dataDir}.pid`, String(process.pid));
    expectOneLine(await run("retention", { PGLITE_DIR: dataDir }), new RegExp(`^npm run retention failed: .* is in use by process ${process.pid} \\(the running server\\?\\)`));
  }, 120_000);

  it("say in one line what is wrong with the configuration", async () => {
    const results = await Promise.all(
      ["audit:verify", "token"].map((script) => run(file(script), { PGLITE_DIR: dataDir, JWT_MAX_LIFETIME_HOURS: "a day" }, ["coach1@groningen.demo"])),
    );
    for (const result of results) expectOneLine(result, /failed: Invalid configuration: JWT_MAX_LIFETIME_HOURS/);
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);
});

describe("the operator scripts with a database server", () => {
  it("say in one line that the server is not reachable, naming it without its password; the token needs none", async () => {
    // A port nothing listens on: taken, then given back.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const env = { DATABASE_URL: `postgres://operator:s3cret@127.0.0.1:${port}/ofop`, PGLITE_DIR: join(tmpdir(), `ofop-never-${port}`) };
    const results = await Promise.all(DATABASE_SCRIPTS.map((script) => run(file(script), env)));
    for (const [index, result] of results.entries()) {
      expectOneLine(
        result,
        new RegExp(`^npm run ${DATABASE_SCRIPTS[index]}: the database server at 127\\.0\\.0\\.1:${port}/ofop is not reachable \\(ECONNREFUSED\\): is it running`),
      );
      expect(result.stderr).not.toContain("s3cret");
    }
    const token = await run("token", env, ["coach1@groningen.demo"]);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(JWT);
    expect(existsSync(env.PGLITE_DIR)).toBe(false);
  }, 120_000);

  it.skipIf(!process.env.DATABASE_URL)(
    "refuse to verify a database without its schema, naming what to run; retention and deadlines migrate it first",
    async () => {
      const { url, drop } = await serverDatabase(process.env.DATABASE_URL!);
      try {
        const env = { DATABASE_URL: url.toString() };
        expectOneLine(await run("audit-verify", env), /^npm run audit:verify: the database at .* has no schema yet \(no access_log table\): run `npm start` once/);

        const deadlines = await run("deadlines", env);
        expect(deadlines.code, deadlines.stderr).toBe(0);
        expect(deadlines.stdout).toContain('"msg":"deadlines done"');
        const retention = await run("retention", env);
        expect(retention.code, retention.stderr).toBe(0);
        expect(retention.stdout).toContain('"msg":"retention done"');
        const verified = await run("audit-verify", env);
        expect(verified.code, verified.stderr).toBe(0);
        expect(verified.stdout.trim().split("\n").at(-1)).toMatch(/^verified \d+ entries$/);
      } finally {
        await drop();
      }
    },
    120_000,
  );
});
