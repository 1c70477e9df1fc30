import {
  GraphQLError,
  execute,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  isRequiredArgument,
  parse,
  print,
  type GraphQLField,
  type ExecutionResult,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { rule } from "graphql-shield";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Entitlement } from "../src/covenant/decisions/entitlement.js";
import { enforce, entryGuards, permissions, type PermissionMap } from "../src/access/permissions.js";
import { decisionOf } from "../src/access/rules.js";
import { AccessRecorder } from "../src/accountability/access-log/recorder.js";
import { loadCaller, type Caller } from "../src/auth/caller.js";
import { loadClient } from "../src/auth/client.js";
import type { RequestContext } from "../src/context.js";
import type { Database } from "../src/db/database.js";
import { rowsOf } from "../src/db/rows.js";
import { seedDemo } from "../src/demo/seed.js";
import { buildBareSchema } from "../src/schema.js";
import { createLogger } from "../src/server/logger.js";
import { createRequestContext } from "../src/server/request-context.js";
import { sql } from "drizzle-orm";
import { freshDatabase } from "./support/database.js";

/*
 * The permission middleware's synchronous path (src/access/field-guard.ts) beside shield: the
 * same rules, the same decisions, the same errors and the same access-log records as when
 * shield wraps every field (`enforce(…, { synchronous: false })`, the middleware as it was),
 * without a promise where the decision is known.
 */

const shieldOnly = (bare: GraphQLSchema, rules: PermissionMap = permissions) => applyMiddleware(bare, enforce(rules, entryGuards, { synchronous: false }));
const synchronous = (bare: GraphQLSchema, rules: PermissionMap = permissions) => applyMiddleware(bare, enforce(rules, entryGuards));

const fieldOf = (schema: GraphQLSchema, type: string, field: string) => {
  const object = schema.getType(type);
  if (!isObjectType(object)) throw new Error(`no ${type}`);
  return object.getFields()[field]!;
};

// --- a request's context, made by hand, for one field at a time ---------------------------------

const FAMILY = "f0000000-0000-4000-8000-000000000001";
const caller: Caller = {
  professionalId: "p0000000-0000-4000-8000-000000000001",
  name: "Partner professional",
  partnerId: "a0000000-0000-4000-8000-000000000001",
  partnerName: "Housing",
  regionId: "r0000000-0000-4000-8000-000000000001",
  roles: ["PARTNER_PROFESSIONAL"],
};

const entitlementAt = (level: Entitlement["level"], grants: Entitlement["grants"] = []): Entitlement => ({
  familyId: FAMILY,
  level,
  causes: [],
  regisseur: level === "FULL",
  processLead: false,
  involved: true,
  grants,
  cover: new Map(),
  currentMemberIds: ["m1"],
  partnerId: caller.partnerId,
  ownGoalIds: new Set(),
});

interface Handmade {
  ctx: RequestContext;
  loads: string[];
  errors: string[];
}

/** A context whose entitlement is loaded already (`loaded`), or still to load (`later`), or fails to load. */
function handmade(options: { entitlement?: Entitlement; loading?: "loaded" | "later" | "fails"; as?: "professional" | "client" | "anonymous" } = {}): Handmade {
  const { entitlement = entitlementAt("FULL"), loading = "loaded", as = "professional" } = options;
  const loads: string[] = [];
  const errors: string[] = [];
  const ctx = {
    requestId: "test",
    caller: as === "professional" ? caller : null,
    client: as === "client" ? { accountId: "c1", personId: "m1", regionId: caller.regionId, name: "Client" } : null,
    log: { error: (_details: unknown, message: string) => void errors.push(message) },
    now: () => new Date("2026-11-23T10:00:00+01:00"),
    entitlements: {
      peek: (familyId: string) => {
        if (loading === "fails") throw new Error("the database is away");
        return loading === "loaded" && familyId === FAMILY ? entitlement : undefined;
      },
      load: (familyId: string) => {
        loads.push(familyId);
        return Promise.resolve(entitlement);
      },
    },
    access: new AccessRecorder(),
    writes: null,
  } as unknown as RequestContext;
  return { ctx, loads, errors };
}

const info = (type: string, field: string, key: string | number = 0): GraphQLResolveInfo =>
  ({
    fieldName: field,
    parentType: { name: type },
    fieldNodes: [{ kind: "Field", name: { kind: "Name", value: field } }],
    path: { prev: { prev: undefined, key, typename: undefined }, key: field, typename: type },
  }) as unknown as GraphQLResolveInfo;

const goal = (lifeDomain: string) => ({
  familyId: FAMILY,
  id: "g1",
  part: { kind: "GOAL", lifeDomain, memberIds: ["m1"] },
  content: { lifeDomain, memberIds: ["m1"], ownWords: "Calm at home", target: "", achievement: null, part: { kind: "GOAL", lifeDomain, memberIds: ["m1"] } },
});

/** What a field answers, settled, as a test compares it: the value, or the error's message, code and path. */
async function settled(answer: unknown): Promise<unknown> {
  const value = await answer;
  if (value instanceof GraphQLError) return { error: value.message, code: value.extensions.code, path: value.path };
  if (value instanceof Error) return { error: value.message };
  return value;
}

const recorded = (ctx: RequestContext) =>
  ctx.access.take().map((entry) => ({ familyId: entry.familyId, data: [...entry.data].sort(), rules: [...entry.rules].sort(), personIds: [...entry.personIds].sort() }));

describe("the synchronous path beside shield, field by field", () => {
  let bare: GraphQLSchema;
  let fast: GraphQLSchema;
  let slow: GraphQLSchema;
  beforeAll(async () => {
    bare = await buildBareSchema();
    fast = synchronous(bare);
    slow = shieldOnly(await buildBareSchema());
  });

  /** One field on both paths, each with a context of its own: the answers and what each recorded. */
  async function both(type: string, field: string, parent: unknown, options: Parameters<typeof handmade>[0] = {}) {
    const onFast = handmade(options);
    const onSlow = handmade(options);
    const fastAnswer = fieldOf(fast, type, field).resolve!(parent, {}, onFast.ctx, info(type, field));
    const slowAnswer = fieldOf(slow, type, field).resolve!(parent, {}, onSlow.ctx, info(type, field));
    const fastSettled = await settled(fastAnswer);
    expect(fastSettled).toEqual(await settled(slowAnswer));
    expect(recorded(onFast.ctx)).toEqual(recorded(onSlow.ctx));
    expect(onFast.loads).toEqual(onSlow.loads);
    expect(onFast.errors).toEqual(onSlow.errors);
    return { answer: fastAnswer, settled: fastSettled, recordedBy: onFast };
  }

  it("has the decision of every rule of the map for its synchronous path", () => {
    for (const [type, fields] of Object.entries(permissions)) {
      for (const [field, rule] of Object.entries(fields)) {
        if (rule.name === "guarded-at-entry") continue;
        expect(decisionOf(rule), `${type}.${field} under ${rule.name}`).toBeDefined();
      }
    }
  });

  it("leaves the root fields to shield: a promise even for a decision known at once", async () => {
    const anonymous = handmade({ as: "anonymous" }).ctx;
    const answer: unknown = fieldOf(fast, "Query", "lifeDomains").resolve!({}, {}, anonymous, info("Query", "lifeDomains"));
    expect(answer).toBeInstanceOf(Promise);
    expect(await settled(answer)).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("answers an allowed field without a promise, and records the read as shield does", async () => {
    const { answer, settled: value, recordedBy } = await both("Goal", "content", goal("HOUSING"));
    expect(answer).not.toBeInstanceOf(Promise);
    expect(value).toMatchObject({ ownWords: "Calm at home" });
    const again = handmade();
    fieldOf(fast, "Goal", "content").resolve!(goal("HOUSING"), {}, again.ctx, info("Goal", "content"));
    expect(recorded(again.ctx)).toEqual([{ familyId: FAMILY, data: ["Goal.content"], rules: ["plan-content"], personIds: ["m1"] }]);
    expect(recordedBy.loads).toEqual([]);
    // A directory field (no family) is allowed and records nothing.
    const { answer: name } = await both("Partner", "name", { id: "x", name: "Ymere" });
    expect(name).toBe("Ymere");
  });

  it("refuses with the rule's own FORBIDDEN at the field's path, at once, and records nothing", async () => {
    const closed = { entitlement: entitlementAt("SECTION", [{ partKind: null, lifeDomain: "HOUSING", needsCover: false }]) };
    const { answer, settled: refusal } = await both("Goal", "content", goal("DEBTS"), closed);
    expect(answer).toBeInstanceOf(GraphQLError);
    expect(refusal).toEqual({ error: "The covenant does not open this part of the plan to you.", code: "FORBIDDEN", path: [0, "content"] });
    expect((answer as GraphQLError).stack ?? "").not.toMatch(/at .*:\d+/);
    // The same partner reads the part the covenant opens.
    expect((await both("Goal", "content", goal("HOUSING"), closed)).settled).toMatchObject({ ownWords: "Calm at home" });
    // Below the level a rule asks for.
    expect((await both("Plan", "goals", { familyId: FAMILY }, { entitlement: entitlementAt("DAT") })).settled).toEqual({
      error: "This needs PROCESS access to the family; yours is DAT.",
      code: "FORBIDDEN",
      path: [0, "goals"],
    });
    // An object of no family under a family rule.
    expect((await both("Plan", "goals", {}, {})).settled).toMatchObject({ error: "You are not allowed to do this.", code: "FORBIDDEN" });
  });

  it("refuses a client and an anonymous caller as shield does", async () => {
    expect((await both("Goal", "content", goal("HOUSING"), { as: "client" })).settled).toMatchObject({ code: "FORBIDDEN" });
    expect((await both("Partner", "name", { name: "Ymere" }, { as: "client" })).settled).toMatchObject({ code: "FORBIDDEN" });
    expect((await both("Goal", "content", goal("HOUSING"), { as: "anonymous" })).settled).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await both("Professional", "name", { name: "Anna" }, { as: "anonymous" })).settled).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("waits for an entitlement still loading, and then decides as shield does", async () => {
    const open = await both("Goal", "content", goal("HOUSING"), { loading: "later" });
    expect(open.answer).toBeInstanceOf(Promise);
    expect(open.settled).toMatchObject({ ownWords: "Calm at home" });
    expect(open.recordedBy.loads).toEqual([FAMILY]);
    const closed = await both("Goal", "content", goal("DEBTS"), { loading: "later", entitlement: entitlementAt("PROCESS") });
    expect(closed.settled).toMatchObject({ code: "FORBIDDEN", path: [0, "content"] });
  });

  it("fails closed, logged, when a rule fails", async () => {
    const { settled: failure, recordedBy } = await both("Goal", "content", goal("HOUSING"), { loading: "fails" });
    expect(failure).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(recordedBy.errors).toEqual(["permission rule failed"]);
  });

  it("leaves a field whose rule shield made, and a field without a rule, to shield: FORBIDDEN", async () => {
    const theirs = rule("made-by-shield", { cache: "no_cache" })(() => false);
    const rules: PermissionMap = { ...permissions, Partner: { ...permissions.Partner!, name: theirs } };
    delete (rules.Partner as Record<string, unknown>).sector;
    const schema = synchronous(await buildBareSchema(), rules);
    for (const field of ["name", "sector"]) {
      const answer: unknown = fieldOf(schema, "Partner", field).resolve!({ name: "Ymere", sector: "HOUSING" }, {}, handmade().ctx, info("Partner", field));
      expect(answer).toBeInstanceOf(Promise);
      const refusal = await answer;
      expect(refusal).toBeInstanceOf(GraphQLError);
      expect((refusal as GraphQLError).extensions.code).toBe("FORBIDDEN");
    }
    expect(await settled(fieldOf(schema, "Partner", "id").resolve!({ id: "x" }, {}, handmade().ctx, info("Partner", "id")))).toBe("x");
  });

});

// --- every field the demo world answers, for every caller, on both paths ------------------------

/**
 * Every field reachable from each root field that needs no argument, each type once per path:
 * one query per root field, so that a refused root field (non-null, as `me` for a client) nulls
 * its own answer only.
 */
function sweep(schema: GraphQLSchema, maxDepth: number): string[] {
  /** A field with every field below it, or "" when nothing below it is left to ask. */
  const ask = (field: GraphQLField<unknown, unknown>, path: ReadonlySet<string>, depth: number): string => {
    if (field.args.some(isRequiredArgument)) return "";
    const named = getNamedType(field.type);
    if (isLeafType(named)) return field.name;
    if (depth >= maxDepth) return "";
    const targets = isAbstractType(named) ? schema.getPossibleTypes(named) : isObjectType(named) ? [named] : [];
    const parts = targets
      .filter((target) => !path.has(target.name))
      .map((target) => {
        const below = new Set([...path, target.name]);
        const inner = Object.values(target.getFields())
          .map((child) => ask(child, below, depth + 1))
          .filter(Boolean)
          .join(" ");
        return inner && isAbstractType(named) ? `... on ${target.name} { ${inner} }` : inner;
      })
      .filter(Boolean);
    return parts.length > 0 ? `${field.name} { ${parts.join(" ")} }` : "";
  };
  return Object.values(schema.getQueryType()!.getFields())
    .map((field) => ask(field, new Set(["Query"]), 0))
    .filter(Boolean)
    .map((selection) => `{ ${selection} }`);
}

interface Seen {
  data: unknown;
  errors: string[];
  recorded: unknown[];
}

describe("the synchronous path beside shield, over the demo world", () => {
  let database: Database;
  let fast: GraphQLSchema;
  let slow: GraphQLSchema;
  let documents: ReturnType<typeof parse>[];
  const now = () => new Date("2026-11-23T10:00:00+01:00");
  const log = createLogger("silent");

  beforeAll(async () => {
    database = await freshDatabase();
    await seedDemo(database.db, now());
    fast = synchronous(await buildBareSchema());
    slow = shieldOnly(await buildBareSchema());
    documents = sweep(fast, 5).map((query) => parse(query));
  });
  afterAll(() => database.close());

  async function run(schema: GraphQLSchema, document: ReturnType<typeof parse>, who: { professionalId?: string; accountId?: string }): Promise<Seen> {
    const caller = who.professionalId ? await loadCaller(database.db, who.professionalId) : null;
    const client = who.accountId ? await loadClient(database.db, who.accountId) : null;
    const ctx = createRequestContext({ requestId: "sweep", caller, client, db: database.db, log, now });
    const result: ExecutionResult = await execute({ schema, document, contextValue: ctx });
    return {
      data: result.data,
      errors: (result.errors ?? []).map((error) => `${(error.path ?? []).join(".")} ${String(error.extensions.code)} ${error.message}`).sort(),
      recorded: ctx.access
        .take()
        .map((entry) => JSON.stringify({ ...entry, personIds: [...entry.personIds].sort(), data: [...entry.data].sort(), rules: [...entry.rules].sort() }))
        .sort(),
    };
  }

  it("answers, refuses and records exactly as shield does, for every professional, client and an anonymous caller", async () => {
    const professionals = rowsOf<{ id: string }>(await database.db.execute(sql`select id from professionals order by id`));
    const clients = rowsOf<{ id: string }>(await database.db.execute(sql`select id from client_accounts order by id`));
    const callers = [...professionals.map(({ id }) => ({ professionalId: id })), ...clients.map(({ id }) => ({ accountId: id })), {}];
    expect(professionals.length).toBeGreaterThan(20);
    expect(clients.length).toBeGreaterThan(0);
    let refusals = 0;
    let reads = 0;
    for (const who of callers) {
      for (const document of documents) {
        const onShield = await run(slow, document, who);
        const onSynchronousPath = await run(fast, document, who);
        expect(onSynchronousPath, `${JSON.stringify(who)} ${print(document).slice(0, 60)}`).toEqual(onShield);
        refusals += onShield.errors.filter((error) => error.includes(" FORBIDDEN ")).length;
        reads += onShield.recorded.length;
      }
    }
    // The sweep met both: fields the covenant refused, and reads it let through.
    expect(refusals).toBeGreaterThan(1000);
    expect(reads).toBeGreaterThan(500);
  }, 600_000);
});
