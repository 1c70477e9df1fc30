// npm run bench:load: the HTTP API under concurrent load, on a real PostgreSQL server, beside a
// floor: a bare node:http + postgres.js endpoint doing the same work without the framework.
//
// 1. Lookup: whoIsInvolved(bsn) through POST /graphql at 50 connections, by professionals with
//    their own active signal on the person (every answer has rows), over 6 persons and 6 callers.
// 2. Floor: the same lookup on a bare endpoint in this process: verify the token (jsonwebtoken,
//    as src/auth/tokens.ts), load the caller (loadCaller's SQL), the lookup (whoIsInvolved's
//    SQL), one plain INSERT of a log row into a table of the benchmark's own, the same JSON.
// 3. Plan query: a partner's front-end asks for its families with their plans' parts, at 50
//    connections, on a server that writes the access log and on one whose recorder writes nothing.
// 4. Errors: lookup and plan query mixed at 200 connections for 30 s: non-2xx answers + timeouts.
//
// Every variant is driven by the same autocannon, in a worker thread of its own. The servers
// run in this process on 127.0.0.1; PostgreSQL is a throwaway server (as .ci/run starts one) or
// the one BENCH_DATABASE_URL names, in a fresh database dropped afterwards.
//
// The last line is `lookup-floor-ratio=<x> plan-log-ratio=<y> errors=<n>`.
import "reflect-metadata";
import { createHmac, createSecretKey, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { and, eq } from "drizzle-orm";
import jwt from "jsonwebtoken";
import postgres from "postgres";
import { signToken } from "../src/auth/tokens.js";
import { loadConfig, type Config } from "../src/config.js";
import type { RequestContext } from "../src/context.js";
import { isoDate, addMonths } from "../src/dates.js";
import { connectServer, type Database } from "../src/db/database.js";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { partners, professionals, regions } from "../src/organisations/tables.js";
import { signals } from "../src/reference-index/tables.js";
import { startServer } from "../src/server/app.js";
import { createLogger } from "../src/server/logger.js";
import type { LoadJob, LoadSummary, WorkerReply, WorkerRequest } from "./support/load-job.js";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./support/throwaway-postgres.js";
import { PLAN_SELECTION } from "./support/plan-selection.js";

const CONNECTIONS = 50;
const ERROR_CONNECTIONS = 200;
const ERROR_SECONDS = 30;
const TIMEOUT_SECONDS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
// A ratio compares two variants measured back to back, each after a warm-up of its own: in
// every round the pair (API and floor; plan query with and without the log) runs once, in
// alternating order. A ratio is the MEDIAN of its per-round ratios, so a noisy moment on a
// shared machine (which hits both halves of a pair alike, or one round only) decides none. A
// variant's req/s in the table is the median of its rounds, its latencies those of that round.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
// The whole run is bounded: past this the benchmark stops, cleans up and fails.
const DEADLINE_MS = 30 * 60_000;
const PG_MAX_CONNECTIONS = 300;

const REGION = "groningen";
const LOOKUP_PERSONS = 6;
const SIGNALS_PER_PERSON = 3;
// Groningen's covenant opens every plan's sections to all partners: this housing corporation's
// professional sees the plan parts of several families.
const PLAN_CALLER = "lefier@groningen.demo";

const LOOKUP_QUERY = `query Lookup($bsn: String!) { whoIsInvolved(bsn: $bsn) { organisation sector professional phone email since } }`;
// A partner's front-end: its families, each with every part of the plan (scripts/bench.ts PLAN_QUERY).
// Ten to a page: a page's fields count once per family in the cost limit, and twenty plans in
// full are over it (docs/decisions/0016); the demo region holds eleven families.
const PLAN_QUERY = `query PartnerFamilies {
  families(first: 10) {
    nodes {
      id name
      ${PLAN_SELECTION}
    }
  }
}`;

// ---------------------------------------------------------------------------------------------
// Clean-up on every exit: normal end, error, SIGINT/SIGTERM, the deadline.
// ---------------------------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = [];
let throwaway: ThrowawayPostgres | null = null;
let shuttingDown = false;
// Synchronous, so it runs even on process.exit: the throwaway server never outlives the run.
process.on("exit", () => throwaway?.stop());

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]).catch(() => {});
  }
  throwaway?.stop();
}

function abort(code: number, reason: string): void {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(`bench:load: ${reason}; cleaning up`);
  void cleanUp().finally(() => process.exit(code));
}
process.on("SIGINT", () => abort(130, "interrupted"));
process.on("SIGTERM", () => abort(143, "terminated"));
setTimeout(() => abort(1, `deadline of ${DEADLINE_MS / 60_000} minutes passed`), DEADLINE_MS).unref();

// ---------------------------------------------------------------------------------------------
// The database: a fresh one, migrated and seeded.
// ---------------------------------------------------------------------------------------------

/** BSNs that pass the 11-proof, from a counter (as scripts/bench.ts makes them). */
function bsnNumber(seed: number): string {
  for (let base = seed; ; base++) {
    const digits = String(base % 100_000_000).padStart(8, "0");
    const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (9 - index), 0);
    if (sum % 11 < 10) return `${digits}${sum % 11}`;
  }
}

async function freshDatabaseUrl(): Promise<{ url: string; source: string }> {
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let source = "BENCH_DATABASE_URL";
  if (!serverUrl) {
    throwaway = await startThrowawayPostgres({ maxConnections: PG_MAX_CONNECTIONS });
    serverUrl = throwaway.url;
    source = `throwaway PostgreSQL ${throwaway.version}`;
  }
  const name = `bench_load_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  if (!throwaway) {
    // The throwaway server goes with all its databases; on a server of one's own, drop this one.
    cleanups.push(async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), source };
}

interface LookupCase {
  bsn: string;
  professionalId: string;
}

/**
 * Signals for the lookup, on persons of their own (BSNs no family of the demo has, so the plan
 * query's families stay as the demo made them): each of LOOKUP_PERSONS persons is signalled by
 * SIGNALS_PER_PERSON partner professionals of different organisations, and each of them asks
 * who else is involved: SIGNALS_PER_PERSON - 1 rows per answer.
 */
async function seedLookupSignals(database: Database, now: Date): Promise<LookupCase[]> {
  const { db } = database;
  const [region] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, REGION));
  const staff = await db
    .select({ id: professionals.id, partnerId: professionals.partnerId, email: professionals.email, roles: professionals.roles })
    .from(professionals)
    .innerJoin(partners, eq(partners.id, professionals.partnerId))
    .where(and(eq(professionals.regionId, region!.id), eq(professionals.active, true)))
    .orderBy(professionals.email);
  const callers: typeof staff = [];
  for (const professional of staff) {
    if (!professional.roles.includes("PARTNER_PROFESSIONAL") || professional.email === PLAN_CALLER) continue;
    if (callers.some((caller) => caller.partnerId === professional.partnerId)) continue;
    callers.push(professional);
  }
  if (callers.length < LOOKUP_PERSONS) throw new Error(`the demo has ${callers.length} partner professionals of different organisations; the lookup needs ${LOOKUP_PERSONS}`);
  const signalledOn = addMonths(isoDate(now), -1);
  const cases: LookupCase[] = [];
  const rows = [];
  for (let person = 0; person < LOOKUP_PERSONS; person++) {
    const bsn = bsnNumber(70_000_000 + person * 1_000);
    for (let k = 0; k < SIGNALS_PER_PERSON; k++) {
      const caller = callers[(person + k) % LOOKUP_PERSONS]!;
      cases.push({ bsn, professionalId: caller.id });
      rows.push({
        regionId: region!.id,
        bsn,
        birthDate: "2012-04-01",
        partnerId: caller.partnerId,
        professionalId: caller.id,
        contactPhone: "06-12345678",
        contactEmail: caller.email,
        signalledOn,
        activeUntil: addMonths(signalledOn, 24),
        discussedWithFamily: true,
        createdAt: now,
      });
    }
  }
  await db.insert(signals).values(rows);
  return cases;
}

// ---------------------------------------------------------------------------------------------
// The floor: the lookup's work on a bare node:http + postgres.js endpoint.
// ---------------------------------------------------------------------------------------------

interface Floor {
  url: string;
  server: Server;
  statements(): number;
  close(): Promise<void>;
}

const CARE_ROLES = new Set(["COACH", "PARTNER_PROFESSIONAL"]);
const DUTCH_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" });

async function startFloor(databaseUrl: string, config: Config): Promise<Floor> {
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30 });
  // Dates as the database spells them, as drizzle's postgres.js driver reads them.
  for (const type of [1082, 1114, 1184]) {
    sql.options.parsers[type] = (value: string) => value;
    sql.options.serializers[type] = (value: unknown) => value;
  }
  // A row shaped like an access-log entry, without the log's design (no chain, no lock).
  await sql`
    create table bench_floor_log (
      seq bigserial primary key, occurred_at timestamptz not null, request_id text, region_id uuid,
      actor_kind text not null, actor_id uuid, partner_id uuid, roles text[] not null, action text not null,
      operation text, family_id uuid, person_ids uuid[] not null, subject_digest text, data text[] not null,
      basis jsonb not null, emergency boolean not null)`;
  const digestKey = randomBytes(32);
  let statements = 0;
  // As src/auth/tokens.ts does: the key object made once.
  const key = createSecretKey(Buffer.from(config.JWT_SECRET!, "utf8"));

  /** The professional id of a valid professional's token, checked as src/auth/tokens.ts checks it. */
  const verify = (header: string | undefined): string | null => {
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? "");
    if (!match) return null;
    try {
      const payload = jwt.verify(match[1]!, key, { algorithms: ["HS256"], issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
      if (typeof payload !== "object" || payload === null) return null;
      const { exp, iat, sub } = payload;
      if (typeof exp !== "number" || typeof iat !== "number" || exp - iat > config.JWT_MAX_LIFETIME_HOURS * 3600) return null;
      if (iat > Date.now() / 1000 + 60 || (payload as { typ?: unknown }).typ !== undefined) return null;
      return typeof sub === "string" && /^[0-9a-f-]{36}$/i.test(sub) ? sub.toLowerCase() : null;
    } catch {
      return null;
    }
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  const refuse = (res: ServerResponse, status: number, code: string) => answer(res, status, { errors: [{ message: code, extensions: { code } }] });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || req.url !== "/graphql") return refuse(res, 404, "NOT_FOUND");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { variables?: { bsn?: unknown } };
    const bsn = body.variables?.bsn;
    if (typeof bsn !== "string" || !/^\d{9}$/.test(bsn)) return refuse(res, 400, "BAD_USER_INPUT");
    const professionalId = verify(req.headers.authorization);
    if (!professionalId) return refuse(res, 401, "UNAUTHENTICATED");
    // loadCaller (src/auth/caller.ts), as drizzle writes it.
    statements++;
    const [caller] = await sql`select "professionals"."id", "professionals"."name", "professionals"."partner_id", "partners"."name", "professionals"."region_id", "professionals"."roles" from "professionals" inner join "partners" on "partners"."id" = "professionals"."partner_id" inner join "regions" on "regions"."id" = "professionals"."region_id" where ("professionals"."id" = ${professionalId} and "professionals"."active" = ${true}) limit ${1}`.values();
    if (!caller) return refuse(res, 401, "UNAUTHENTICATED");
    const [, , partnerId, , regionId, roles] = caller as [string, string, string, string, string, string[]];
    if (!roles.some((role) => CARE_ROLES.has(role))) return refuse(res, 403, "FORBIDDEN");
    const day = DUTCH_DAY.format(new Date());
    // whoIsInvolved (src/reference-index/service.ts), as drizzle writes it.
    statements++;
    const rows = await sql`select "partners"."name", "partners"."sector", "professionals"."name", "signals"."contact_phone", "signals"."contact_email", "signals"."signalled_on" from "signals" inner join "partners" on "partners"."id" = "signals"."partner_id" inner join "professionals" on "professionals"."id" = "signals"."professional_id" where ("signals"."region_id" = ${regionId} and "signals"."bsn" = ${bsn} and "signals"."partner_id" <> ${partnerId} and ("signals"."withdrawn_at" is null and "signals"."active_until" > ${day}) and exists ((select 1 from "signals" "own" where ("own"."region_id" = ${regionId} and "own"."bsn" = ${bsn} and "own"."partner_id" = ${partnerId} and ("own"."withdrawn_at" is null and "own"."active_until" > ${day}))))) order by "signals"."signalled_on", "partners"."name"`.values();
    // One plain INSERT of the request's log row.
    statements++;
    const digest = createHmac("sha256", digestKey).update(`${regionId}:${bsn}`).digest("hex");
    await sql`insert into bench_floor_log (occurred_at, request_id, region_id, actor_kind, actor_id, partner_id, roles, action, operation, family_id, person_ids, subject_digest, data, basis, emergency)
      values (${new Date().toISOString()}, ${randomUUID()}, ${regionId}, 'PROFESSIONAL', ${professionalId}, ${partnerId}, ${[...roles].sort()}, 'LOOKUP', null, null, '{}', ${digest}, ${["INVOLVEMENT"]}, ${sql.json({ rules: ["reference-index"] })}, false)`;
    answer(res, 200, {
      data: {
        whoIsInvolved: rows.map(([organisation, sector, professional, phone, email, since]) => ({ organisation, sector, professional, phone, email, since })),
      },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, "INTERNAL_SERVER_ERROR");
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    statements: () => statements,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.end({ timeout: 5 });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The load generator, in its own thread.
// ---------------------------------------------------------------------------------------------

function startLoadWorker() {
  const worker = new Worker(new URL("./support/load-worker.mjs", import.meta.url));
  const pending = new Map<number, { resolve: (summary: LoadSummary) => void; reject: (error: Error) => void }>();
  let next = 0;
  worker.on("message", (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ("error" in reply) waiting?.reject(new Error(`load generator: ${reply.error}`));
    else waiting?.resolve(reply.summary);
  });
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(failure);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`load generator: the worker exited (${code})`)));
  cleanups.push(async () => {
    worker.postMessage({ kind: "stop" } satisfies WorkerRequest);
    await worker.terminate();
  });
  return (job: LoadJob): Promise<LoadSummary> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ kind: "run", id, job } satisfies WorkerRequest);
    });
}

// ---------------------------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------------------------

interface Variant {
  name: string;
  url: string;
  requests: LoadJob["requests"];
  expect: string[];
  /** SQL statements one request costs, counted alone (no load running) after a few warm ones. */
  statements: () => Promise<number>;
  rounds: (LoadSummary & { cpuMs: number | null })[];
}

/**
 * Waits until the servers are idle: no request open, and no SQL statement for a while (a request
 * whose client gave up still runs). autocannon stops when its time is up, but the server works
 * off what is in flight: without this, a warm-up's backlog would be measured with the next run.
 */
function idleness(servers: Server[], databases: { statements(): number }[]) {
  let open = 0;
  let answered = 0;
  for (const server of servers) {
    server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
      open++;
      res.once("finish", () => answered++);
      res.once("close", () => open--);
    });
  }
  const statements = () => databases.reduce((total, database) => total + database.statements(), 0);
  return { settled, answered: () => answered };
  async function settled(): Promise<void> {
    const deadline = Date.now() + 60_000;
    let last = statements();
    let quietSince = Date.now();
    while (open > 0 || Date.now() - quietSince < 300) {
      if (Date.now() > deadline) throw new Error(`the servers did not settle within 60 s (${open} requests open)`);
      await new Promise((resolve) => setTimeout(resolve, 25));
      const now = statements();
      if (now !== last || open > 0) {
        last = now;
        quietSince = Date.now();
      }
    }
  }
}

/**
 * CPU time of this process's main thread in ms, or null off Linux. The servers (HTTP, GraphQL,
 * postgres.js) run on it and the load generator does not: per answered request, it is the
 * Node CPU a request costs.
 */
function mainThreadCpuMs(): number | null {
  try {
    // The first field of schedstat: nanoseconds the thread spent on a CPU.
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return null;
  }
}

const cpu = (ms: number | null) => (ms === null ? "-" : ms.toFixed(2));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
/** The round whose req/s is the median (the lower middle one for an even count). */
const medianRound = <T extends LoadSummary>(rounds: T[]) => [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor((rounds.length - 1) / 2)]!;

async function post(url: string, request: { body: string; authorization: string }): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: request.authorization },
    body: request.body,
  });
  return { status: response.status, body: await response.json() };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { url: databaseUrl, source } = await freshDatabaseUrl();
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl });
  const log = createLogger("silent");
  const now = new Date();

  // One pool per server (10 connections each, as connectServer makes it), so each counts its own statements.
  const logged = connectServer(databaseUrl);
  cleanups.push(() => logged.close());
  await logged.migrate();
  await seedDemo(logged.db, now);
  const lookups = await seedLookupSignals(logged, now);
  const plain = connectServer(databaseUrl);
  cleanups.push(() => plain.close());

  const loggedServer = await startServer({ config, database: logged, log }, 0, "127.0.0.1");
  cleanups.push(() => loggedServer.close());
  // "Without logging": a recorder that writes nothing, but still empties the request's reads.
  const plainServer = await startServer(
    {
      config,
      database: plain,
      log,
      recordReads: async (ctx: RequestContext) => {
        ctx.access.take();
      },
    },
    0,
    "127.0.0.1",
  );
  cleanups.push(() => plainServer.close());
  const floor = await startFloor(databaseUrl, config);
  cleanups.push(() => floor.close());
  const generate = startLoadWorker();
  const { settled, answered } = idleness([loggedServer.server, plainServer.server, floor.server], [logged, plain, floor]);
  /** One load run, from idle servers to idle servers, with the main thread's CPU per answered request. */
  const load = async (job: LoadJob): Promise<LoadSummary & { cpuMs: number | null }> => {
    await settled();
    const [cpuBefore, answeredBefore] = [mainThreadCpuMs(), answered()];
    const summary = await generate(job);
    const [cpuAfter, answeredAfter] = [mainThreadCpuMs(), answered()];
    await settled();
    const cpuMs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(1, answeredAfter - answeredBefore);
    return { ...summary, cpuMs };
  };

  const lookupRequests = lookups.map(({ bsn, professionalId }) => ({
    body: JSON.stringify({ query: LOOKUP_QUERY, variables: { bsn } }),
    authorization: `Bearer ${signToken(config, professionalId)}`,
  }));
  const planRequests = [{ body: JSON.stringify({ query: PLAN_QUERY }), authorization: `Bearer ${signToken(config, demoProfessionalId(PLAN_CALLER))}` }];

  // The answers are real: every lookup has rows and the floor answers exactly as the API; the
  // plan query comes back whole, without errors, the same with and without the access log.
  for (const request of lookupRequests) {
    const api = await post(loggedServer.url, request);
    const bare = await post(floor.url, request);
    const rows = (api.body as { data?: { whoIsInvolved?: unknown[] } }).data?.whoIsInvolved;
    if (api.status !== 200 || rows?.length !== SIGNALS_PER_PERSON - 1) throw new Error(`the lookup did not find the other signals: ${JSON.stringify(api.body)}`);
    if (bare.status !== 200 || JSON.stringify(bare.body) !== JSON.stringify(api.body)) {
      throw new Error(`the floor answers differently from the API:\n${JSON.stringify(bare.body)}\n${JSON.stringify(api.body)}`);
    }
  }
  const planAnswer = await post(loggedServer.url, planRequests[0]!);
  const planPlain = await post(plainServer.url, planRequests[0]!);
  const planFamilies = (planAnswer.body as { data?: { families?: { nodes: { plan: unknown }[] } } }).data?.families?.nodes ?? [];
  const withParts = planFamilies.filter((family) => JSON.stringify(family.plan ?? null).includes('"content":{')).length;
  if (planAnswer.status !== 200 || "errors" in (planAnswer.body as object) || withParts < 2) {
    throw new Error(`the plan query did not come back with plan parts of several families: ${JSON.stringify(planAnswer.body).slice(0, 500)}`);
  }
  if (JSON.stringify(planPlain.body) !== JSON.stringify(planAnswer.body)) throw new Error("the plan query answers differently without the access log");
  const planBytes = JSON.stringify(planAnswer.body).length;

  const counted = (database: { statements(): number }, url: string, request: { body: string; authorization: string }) => async () => {
    for (let warm = 0; warm < 3; warm++) await post(url, request);
    const before = database.statements();
    await post(url, request);
    return database.statements() - before;
  };
  const variants: Variant[] = [
    {
      name: "API lookup (whoIsInvolved)",
      url: loggedServer.url,
      requests: lookupRequests,
      expect: ['"organisation":'],
      statements: counted(logged, loggedServer.url, lookupRequests[0]!),
      rounds: [],
    },
    {
      name: "floor lookup (node:http + postgres.js)",
      url: floor.url,
      requests: lookupRequests,
      expect: ['"organisation":'],
      statements: counted(floor, floor.url, lookupRequests[0]!),
      rounds: [],
    },
    {
      name: "plan query, access log written",
      url: loggedServer.url,
      requests: planRequests,
      expect: ['"goals":['],
      statements: counted(logged, loggedServer.url, planRequests[0]!),
      rounds: [],
    },
    {
      name: "plan query, recorder writes nothing",
      url: plainServer.url,
      requests: planRequests,
      expect: ['"goals":['],
      statements: counted(plain, plainServer.url, planRequests[0]!),
      rounds: [],
    },
  ];
  const [apiLookup, floorLookup, planLogged, planPlainVariant] = variants as [Variant, Variant, Variant, Variant];
  // Counted now, while nothing else runs: under load, requests still in flight would count too.
  const statementsPerRequest = new Map<Variant, number>();
  for (const variant of variants) statementsPerRequest.set(variant, await variant.statements());

  console.log(
    `bench:load on ${source}; node ${process.version}, ${cpus().length} cores (shared: expect noise); ` +
      `${ROUNDS} rounds × ${variants.length} variants × (${WARMUP_SECONDS} s warm-up + ${SECONDS} s) at ${CONNECTIONS} connections, then ${ERROR_SECONDS} s at ${ERROR_CONNECTIONS}`,
  );
  console.log(
    `lookup: ${lookups.length} (person, caller) pairs over ${LOOKUP_PERSONS} persons, ${SIGNALS_PER_PERSON - 1} rows per answer; ` +
      `plan query: ${PLAN_CALLER}, ${planFamilies.length} families, plan parts in ${withParts}, ${planBytes} bytes per answer`,
  );

  const job = (variant: Variant, seconds: number): LoadJob => ({
    url: variant.url,
    connections: CONNECTIONS,
    seconds,
    timeoutSeconds: TIMEOUT_SECONDS,
    requests: variant.requests,
    expect: variant.expect,
  });
  const pairs: [Variant, Variant][] = [
    [apiLookup, floorLookup],
    [planLogged, planPlainVariant],
  ];
  const roundRatios = new Map<Variant, number[]>(pairs.map(([first]) => [first, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Alternated, so neither half of a pair always runs first.
    const order = pairs.flatMap(([a, b]) => (round % 2 === 0 ? [a, b] : [b, a]));
    for (const variant of order) {
      await load(job(variant, WARMUP_SECONDS));
      const summary = await load(job(variant, SECONDS));
      variant.rounds.push(summary);
      console.log(
        `  round ${round + 1} ${variant.name}: ${summary.perSecond.toFixed(0)} req/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms, ` +
          `main-thread CPU ${cpu(summary.cpuMs)} ms/request` +
          (summary.non2xx + summary.timeouts + summary.errors + summary.mismatches > 0
            ? `, non-2xx ${summary.non2xx}, timeouts ${summary.timeouts}, errors ${summary.errors}, bad answers ${summary.mismatches}`
            : ""),
      );
    }
    for (const [a, b] of pairs) roundRatios.get(a)!.push(a.rounds.at(-1)!.perSecond / b.rounds.at(-1)!.perSecond);
    console.log(`  round ${round + 1} ratios: ${pairs.map(([a]) => roundRatios.get(a)!.at(-1)!.toFixed(2)).join(", ")}`);
  }

  // Errors under overload: lookups and plan queries mixed, on the server that writes the log.
  const mixed = lookupRequests.flatMap((request) => [request, planRequests[0]!]);
  const overload = await load({
    url: loggedServer.url,
    connections: ERROR_CONNECTIONS,
    seconds: ERROR_SECONDS,
    timeoutSeconds: TIMEOUT_SECONDS,
    requests: mixed,
    expect: ['"organisation":', '"goals":['],
  });
  const errors = overload.non2xx + overload.timeouts;

  const rate = (variant: Variant) => median(variant.rounds.map((summary) => summary.perSecond));
  const rows = variants.map((variant) => {
    const chosen = medianRound(variant.rounds);
    return [
      variant.name,
      String(CONNECTIONS),
      rate(variant).toFixed(0),
      variant.rounds.map((summary) => summary.perSecond.toFixed(0)).join(" / "),
      String(chosen.p50),
      String(chosen.p99),
      cpu(variant.rounds.some((summary) => summary.cpuMs === null) ? null : median(variant.rounds.map((summary) => summary.cpuMs!))),
      String(statementsPerRequest.get(variant)),
      String(variant.rounds.reduce((total, summary) => total + summary.non2xx + summary.timeouts, 0)),
      String(variant.rounds.reduce((total, summary) => total + summary.mismatches, 0)),
    ];
  });
  rows.push([
    "lookup + plan mixed, access log written",
    String(ERROR_CONNECTIONS),
    overload.perSecond.toFixed(0),
    `${ERROR_SECONDS} s`,
    String(overload.p50),
    String(overload.p99),
    cpu(overload.cpuMs),
    "",
    String(errors),
    String(overload.mismatches),
  ]);
  const header = ["variant", "conns", "req/s", "rounds", "p50 ms", "p99 ms", "cpu ms/req", "sql/req", "non-2xx+timeouts", "bad answers"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  console.log("");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `(req/s: the median of the rounds, p50/p99 of that round; cpu ms/req: the main thread's CPU (servers, not the load generator) per answered request, median of the rounds; sql/req: Database.statements() for one request, the floor its own 3; ` +
      `bad answers: 2xx answers with GraphQL errors or without the data; at ${ERROR_CONNECTIONS} connections: ` +
      `status codes ${JSON.stringify(overload.statusCodes)}, connection errors ${overload.errors})`,
  );

  const lookupFloorRatio = median(roundRatios.get(apiLookup)!);
  const planLogRatio = median(roundRatios.get(planLogged)!);
  console.log(
    `per-round ratios: lookup/floor ${roundRatios.get(apiLookup)!.map((ratio) => ratio.toFixed(2)).join(" / ")}, ` +
      `plan with/without log ${roundRatios.get(planLogged)!.map((ratio) => ratio.toFixed(2)).join(" / ")} (the last line takes the median of each)`,
  );
  console.log(
    `targets: lookup-floor-ratio >= 0.50 ${lookupFloorRatio >= 0.5 ? "met" : "NOT met"}, plan-log-ratio >= 0.80 ${planLogRatio >= 0.8 ? "met" : "NOT met"}, ` +
      `errors = 0 ${errors === 0 ? "met" : "NOT met"}; took ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  shuttingDown = true;
  await cleanUp();
  console.log(`lookup-floor-ratio=${lookupFloorRatio.toFixed(2)} plan-log-ratio=${planLogRatio.toFixed(2)} errors=${errors}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // Once interrupted, the load generator's end is no news.
    if (!shuttingDown) console.error(error);
    abort(1, "failed");
  },
);
