import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLog } from "../src/accountability/access-log/tables.js";
import { verifyAccessLog } from "../src/accountability/access-log/verify.js";
import { signToken } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import type { Database } from "../src/db/database.js";
import { rowsOf } from "../src/db/rows.js";
import { demoLogins } from "../src/demo/seed.js";
import { scriptDatabase, type ScriptDatabase } from "./support/database.js";

/** One server process as `npm start` runs it, on the shared database. */
interface Replica {
  child: ChildProcess;
  url: string;
  /** Its JSON log lines, as parsed objects. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, NODE_ENV: "test", PORT: "0", LOG_LEVEL: "info", DEMO_DATA: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffered = "";
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith("{")) logs.push(JSON.parse(line) as Record<string, unknown>);
        const url = /GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(line)?.[1];
        if (url) resolve({ child, url, logs, exited });
      }
    });
    void exited.then((code) => reject(new Error(`the server exited with ${code} before it was ready: ${stderr}`)));
  });
}

const onServer = Boolean(process.env.DATABASE_URL);

/**
 * Two server processes on one PostgreSQL database, as replicas behind a load balancer: they
 * start together (migrations and demo data once), answer alike, run each background job once,
 * share one access-log chain, and one of them restarts without losing a request or an entry.
 */
describe.skipIf(!onServer)("two server processes on one database (a PostgreSQL server: the embedded database belongs to one process)", () => {
  let target: ScriptDatabase;
  let database: Database;
  let replicas: Replica[];
  let token: string;

  const ask = async (replica: Replica, requestId: string) => {
    const response = await fetch(`${replica.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": requestId },
      body: JSON.stringify({ query: "{ families { nodes { id name phase } } }" }),
    });
    return { status: response.status, body: (await response.json()) as { data?: { families: { nodes: { id: string }[] } }; errors?: unknown[] } };
  };

  beforeAll(async () => {
    target = await scriptDatabase();
    replicas = await Promise.all([startReplica(target.env), startReplica(target.env)]);
    database = await target.open();
    const coach = demoLogins().find((login) => login.roles.includes("COACH"))!;
    const [row] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from professionals where email = ${coach.email}`));
    token = signToken(loadConfig({ NODE_ENV: "test" }), row!.id);
  }, 120_000);

  afterAll(async () => {
    for (const replica of replicas ?? []) replica.child.kill("SIGKILL");
    await database?.close();
    await target?.dispose();
  });

  it("answers alike, runs each job once, and seals both replicas' entries into one chain", async () => {
    const [first, second] = await Promise.all(replicas.map((replica) => ask(replica, randomUUID())));
    expect(first!.status).toBe(200);
    expect(first!.body.data!.families.nodes.length).toBeGreaterThan(0);
    expect(second).toEqual(first);

    // Seeded once: the demo data is there once, though both started on an empty database.
    const [families] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from families where name = 'Gezin Bakker'`));
    expect(families!.n).toBe(1);
    const said = (message: string) => replicas.flatMap((replica) => replica.logs).filter((line) => line.msg === message).length;
    expect(said("demo data loaded")).toBe(1);
    // The jobs' first runs go on beside the first requests: wait until each ran, then count the runs.
    for (const job of ["retention done", "deadlines done"]) await expect.poll(() => said(job), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(said("retention done")).toBe(1);
    expect(said("deadlines done")).toBe(1);

    await expect.poll(async () => (await verifyAccessLog(database.db)).pending.entries, { timeout: 10_000 }).toBe(0);
    const verification = await verifyAccessLog(database.db);
    expect(verification.firstBad).toBeNull();
    expect(verification.verified).toBeGreaterThanOrEqual(2);
  });

  it("drains on SIGTERM for a rolling restart: every request is answered (by the other replica once this one stopped accepting), and each is logged", async () => {
    const [leaving, staying] = replicas as [Replica, Replica];
    const answered: { id: string; status: number }[] = [];
    let stop = false;
    // A load balancer's client: 4 callers in a loop; a refused connection goes to the other replica.
    const caller = async () => {
      while (!stop) {
        const id = randomUUID();
        const status = await ask(leaving, id).then(
          (response) => response.status,
          () => ask(staying, id).then((response) => response.status),
        );
        answered.push({ id, status });
      }
    };
    const callers = [1, 2, 3, 4].map(() => caller());
    await new Promise((resolve) => setTimeout(resolve, 500));
    leaving.child.kill("SIGTERM");
    expect(await leaving.exited).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(callers);

    expect(answered.length).toBeGreaterThan(8);
    expect(answered.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(leaving.logs.some((line) => line.msg === "shut down")).toBe(true);
    // Nothing lost: every answered request has its entry in the log, sealed by the leaving replica or the staying one.
    await expect.poll(async () => (await verifyAccessLog(database.db)).pending.entries, { timeout: 10_000 }).toBe(0);
    const logged = await database.db.select({ requestId: accessLog.requestId }).from(accessLog);
    const ids = new Set(logged.map((row) => row.requestId));
    expect(answered.filter((answer) => !ids.has(answer.id))).toEqual([]);
    expect((await verifyAccessLog(database.db)).firstBad).toBeNull();
  });
});
