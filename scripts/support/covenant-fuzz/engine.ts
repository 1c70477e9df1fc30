import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { AnswerChecker, bump, newStats, type Leak, type Stats } from "./checker.js";
import { loadWorld } from "./load-world.js";
import { Oracle } from "./oracle.js";
import { printSels, QueryGenerator, type Pools, type Sel } from "./queries.js";
import { createRandom } from "./random.js";
import type { FuzzServer, GraphQLAnswer, Who } from "./server.js";
import type { World } from "./world.js";

/*
 * The fuzz engine: random queries from the schema by every kind of caller, several in flight,
 * each answer judged by an oracle computed once from the database (and again after the
 * changes made halfway). Operations are generated per phase before the phase runs, so a seed
 * replays the same queries whatever order the answers come back in.
 */

/** What the engine needs of a server: to ask it, its database (for the oracle) and its clock. */
export type FuzzTarget = Pick<FuzzServer, "ask" | "database" | "clock">;

export interface Operation { query: string; variables: Record<string, unknown>; roots: Sel[] }
export interface FuzzOptions {
  queries: number;
  seed: number;
  concurrency?: number;
  /** Ask every caller once for everything that can reach a family, before the random queries. */
  sweep?: boolean;
  /** Made halfway, through the API; returns what it did. */
  halfway?: () => Promise<string[]>;
  log?: (line: string) => void;
}
export interface FuzzResult {
  queries: number;
  leaks: number;
  failures: string[];
  reports: string[];
  stats: Stats;
  callers: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REPORTS = 10;

export async function runFuzz(server: FuzzTarget, options: FuzzOptions): Promise<FuzzResult> {
  const log = options.log ?? (() => {});
  const random = createRandom(options.seed);
  const stats = newStats();
  let oracle = new Oracle(await loadWorld(server.database), server.clock.now());
  const callers = callersOf(oracle.world);
  const introspector = callers.find((who) => who.kind === "professional")!;
  const introspection = await server.ask(introspector, getIntrospectionQuery());
  const schema: GraphQLSchema = buildClientSchema(introspection.body.data as unknown as IntrospectionQuery);
  const generator = new QueryGenerator(schema, random, poolsOf(oracle.world, random));
  const baseIds = [...generator.pools.ids];
  const harvested = new Set<string>();
  const failures: string[] = [];
  const reports: string[] = [];
  const seenKinds = new Set<string>();
  let leaks = 0;
  let asked = 0;
  let judgeMs = 0;

  const judge = async (who: Who, operation: Operation, answer: GraphQLAnswer) => {
    stats.queries += 1;
    const allowedCodes = new Set(who.kind === "anonymous" ? ["UNAUTHENTICATED"] : ["FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT"]);
    const refused = new Set<string>();
    for (const error of answer.body.errors ?? []) {
      const code = error.extensions?.code ?? "NONE";
      bump(stats.errors, code);
      for (const path of refusedPaths(error)) refused.add(path);
      if (!allowedCodes.has(code)) failures.push(`error ${code} for ${label(oracle.world, who)}: ${error.message} at ${error.path?.join(".") ?? "-"}\n  query: ${operation.query} ${JSON.stringify(operation.variables)}`);
    }
    // A server error, or a refusal without a GraphQL error to say why.
    if (answer.status >= 500 || (answer.status !== 200 && (answer.body.errors ?? []).length === 0)) {
      failures.push(`HTTP ${answer.status} for ${label(oracle.world, who)}: ${answer.text.slice(0, 200)}\n  query: ${operation.query}`);
    }
    harvest(answer.body.data, harvested, oracle.world);
    const found = check(oracle, who, operation, answer, stats, refused);
    leaks += found.length;
    for (const leak of found) {
      const kind = `${leak.why.replace(/[0-9a-f-]{36}/g, "<id>").replace(/MK\d+/g, "MK")}|${leak.path.replace(/\.\d+/g, "")}`;
      if (seenKinds.has(kind) || reports.length >= MAX_REPORTS) continue;
      seenKinds.add(kind);
      reports.push(await reproduce(server, oracle, who, operation, leak));
    }
  };

  const started = Date.now();
  const step = Math.max(1000, Math.floor(options.queries / 10));
  const runPhase = async (operations: { who: Who; operation: Operation }[]) => {
    let next = 0;
    const worker = async () => {
      while (next < operations.length) {
        const { who, operation } = operations[next++]!;
        const answer = await server.ask(who, operation.query, operation.variables);
        const began = performance.now();
        await judge(who, operation, answer);
        judgeMs += performance.now() - began;
        if (stats.queries % step === 0) log(`${stats.queries} queries, ${leaks} leaks, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    asked += operations.length;
  };
  const randomPhase = (count: number) => {
    // Harvested ids in a fixed order, so the phase's queries depend on the seed alone.
    generator.pools.ids = [...baseIds, ...[...harvested].sort().slice(0, 5000)];
    return Array.from({ length: Math.max(0, count) }, () => ({ who: random.chance(0.03) ? ({ kind: "anonymous" } as Who) : random.pick(callers), operation: generator.generate() }));
  };

  if (options.sweep) {
    const sweep = generator.sweep();
    await runPhase([...callers, { kind: "anonymous" } as Who].flatMap((who) => sweep.map((operation) => ({ who, operation }))).slice(0, options.queries));
    log(`sweep: ${asked} queries, ${leaks} leaks`);
  }
  // The changes come halfway through the queries, or after the sweep when that took more.
  const half = Math.max(asked, Math.floor(options.queries / 2));
  // A short first round harvests ids from every caller's answers; the rest draws on them too.
  await runPhase(randomPhase(Math.min(half - asked, Math.max(50, Math.floor(options.queries / 50)))));
  await runPhase(randomPhase(half - asked));
  log(`first half: ${asked} queries, ${leaks} leaks`);
  if (options.halfway) {
    for (const change of await options.halfway()) log(`halfway: ${change}`);
    oracle = new Oracle(await loadWorld(server.database), server.clock.now());
  }
  await runPhase(randomPhase(options.queries - asked));
  log(`judging took ${(judgeMs / 1000).toFixed(1)} s`);
  return { queries: asked, leaks, failures, reports, stats, callers: callers.length };
}

/** Judges one answer: every root field's value. */
/**
 * The paths an error stands for: its own, or a folded refusal's listed paths (docs/decisions/0017);
 * when it counts more than it lists, the field's path with every index a wildcard (refusedPattern).
 */
function refusedPaths(error: NonNullable<GraphQLAnswer["body"]["errors"]>[number]): string[] {
  if (!error.path) return [];
  const { paths, count } = error.extensions ?? {};
  if (!paths) return [error.path.join(".")];
  const listed = paths.map((path) => path.join("."));
  return count !== undefined && count > paths.length ? [...listed, refusedPattern(error.path.join("."))] : listed;
}

/** A path with every list index a wildcard: how a folded refusal past its listed paths is found. */
export const refusedPattern = (path: string) => path.replace(/(^|\.)\d+(?=\.|$)/g, "$1*");

export function check(oracle: Oracle, who: Who, operation: Operation, answer: GraphQLAnswer, stats: Stats, refused = new Set<string>()): Leak[] {
  const checker = new AnswerChecker(oracle, who, stats, refused);
  const data = answer.body.data ?? {};
  for (const root of operation.roots) checker.walkRoot(root, data[root.alias ?? root.field]);
  return checker.leaks;
}

/** A leak's report: caller, the smallest query that still leaks (asked again to be sure), what leaked and why. */
async function reproduce(server: FuzzTarget, oracle: Oracle, who: Who, operation: Operation, leak: Leak): Promise<string> {
  const narrowed = narrowRoots(operation.roots, leak.path);
  const minimal = narrowed ? `{ ${printSels(narrowed)} }` : "";
  let query = `${operation.query} ${JSON.stringify(operation.variables)}`;
  if (narrowed) {
    const again = await server.ask(who, minimal.replace(/\$(\w+)/g, (_, name: string) => JSON.stringify(operation.variables[name])));
    const still = check(oracle, who, { query: minimal, variables: {}, roots: narrowed }, again, newStats());
    if (still.length > 0) query = minimal.replace(/\$(\w+)/g, (_, name: string) => JSON.stringify(operation.variables[name]));
  }
  return [`LEAK to ${label(oracle.world, who)}`, `  query: ${query}`, `  at ${leak.path}: ${leak.value}`, `  why not: ${leak.why}`].join("\n");
}

/** The roots of the minimal query, aliases dropped, for re-checking its answer. */
function narrowRoots(roots: Sel[], path: string): Sel[] | null {
  const keys = path.split(".").filter((key) => !/^\d+$/.test(key));
  const narrow = (sels: Sel[], rest: string[]): Sel[] => {
    const sel = sels.find((candidate) => (candidate.alias ?? candidate.field) === rest[0]);
    if (!sel) return [];
    const forced = (sel.children ?? []).filter((child) => ["id", "goalId"].includes(child.field) && child.field !== rest[1]);
    // The leaking object itself keeps its leaves; every object above it only the path and its id.
    const below = rest.length === 1 ? (sel.children ?? []).filter((child) => !child.children && !forced.includes(child)) : narrow(sel.children ?? [], rest.slice(1));
    const children = sel.children ? [...forced, ...below].map((child) => ({ ...child, alias: undefined })) : null;
    return [{ ...sel, alias: undefined, children }];
  };
  const narrowed = narrow(roots, keys);
  return narrowed.length > 0 ? narrowed : null;
}

/** Every caller: each active professional of both regions, each client with an account. */
export function callersOf(world: World): Who[] {
  const pros = [...world.pros.values()].filter((p) => p.active).map((p): Who => ({ kind: "professional", id: p.id }));
  const clients = [...world.clients.values()].filter((c) => c.active).map((c): Who => ({ kind: "client", id: c.id }));
  return [...pros, ...clients];
}

export function label(world: World, who: Who): string {
  if (who.kind === "anonymous") return "anonymous";
  if (who.kind === "client") {
    const person = world.persons.get(world.clients.get(who.id)?.person ?? "");
    return `client account ${who.id} (BSN ${person?.bsn ?? "?"})`;
  }
  const p = world.pros.get(who.id);
  if (!p) return `professional ${who.id}`;
  return `${p.email} (${p.roles.join("+")} at ${world.partners.get(p.partner)?.name ?? "?"}, region ${world.regions.get(p.region)?.name ?? "?"})`;
}

function poolsOf(world: World, random: ReturnType<typeof createRandom>): Pools {
  const families = [...world.fams.keys()];
  const persons = [...world.persons.values()];
  return {
    families: [...families, ...families, ...families.map((id) => id.toUpperCase()), random.uuid(), random.uuid(), "not-a-uuid", ""],
    professionals: [...world.pros.keys(), random.uuid(), "12"],
    partners: [...world.partners.keys(), random.uuid(), "x"],
    bsns: [...persons.map((p) => p.bsn), ...world.signals.map((s) => s.bsn), "999999990", "123456789", "abc"],
    persons: [...persons.map((p) => p.id), random.uuid(), "not-a-person"],
    ids: [...world.tasks.keys(), ...world.parts.keys(), ...world.escalations.keys(), ...world.advices.keys(), ...world.concerns.keys(),
      ...world.consents.map((c) => c.id), ...world.signals.map((s) => s.id), ...world.clients.keys(), random.uuid(), "bad-id"],
  };
}

/** Ids seen in answers join the pools: a caller's answer may hand another caller an id to try. */
function harvest(value: unknown, harvested: Set<string>, world: World) {
  if (Array.isArray(value)) return value.forEach((item) => harvest(item, harvested, world));
  if (value === null || typeof value !== "object") return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string" && (key === "id" || key.endsWith("Id")) && UUID.test(item)) {
      if (!world.fams.has(item)) harvested.add(item);
    } else if (item !== null && typeof item === "object") harvest(item, harvested, world);
  }
}
