import "reflect-metadata";
import { readFileSync } from "node:fs";
import { GraphQLError, extendSchema, getNamedType, isAbstractType, isObjectType, parse, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { describe, expect, it } from "vitest";
import { enforce, entryGuards, permissions, type EntryGuards, type PermissionMap } from "../src/access/permissions.js";
import { authenticated, guardedAtEntry } from "../src/access/rules.js";
import { permissionSnapshot, permissionTable } from "../src/access/snapshot.js";
import { buildBareSchema, buildServedSchema, emitSdl, enforced } from "../src/schema.js";

const committed = (file: string) => readFileSync(new URL(`../schema/${file}`, import.meta.url), "utf8");

/**
 * Every way into a type whose fields are guarded at entry that does not carry one of the type's
 * declared entry rules — guarded-at-entry itself, a weaker rule or no rule are not entries. A
 * field returning an interface or union is a way into each type it may return. Walked here on
 * its own, not through the server's own check (openEdges), so that a slip in one is caught by
 * the other.
 */
function unguardedWaysIn(schema: GraphQLSchema, rules: PermissionMap, guards: EntryGuards): string[] {
  const guarded = Object.keys(rules).filter((type) => Object.values(rules[type]!).includes(guardedAtEntry));
  const ways: string[] = [];
  for (const type of guarded) {
    const entries = guards[type] ?? [];
    if (entries.length === 0 || entries.includes(guardedAtEntry)) ways.push(`${type}: no entry rules of its own`);
  }
  for (const parent of Object.values(schema.getTypeMap())) {
    if (!isObjectType(parent) || parent.name.startsWith("__")) continue;
    for (const field of Object.values(parent.getFields())) {
      const named = getNamedType(field.type);
      const returns = isAbstractType(named) ? schema.getPossibleTypes(named).map((type) => type.name) : [named.name];
      for (const type of returns.filter((name) => guarded.includes(name))) {
        const rule = rules[parent.name]?.[field.name];
        if (!rule || !(guards[type] ?? []).includes(rule)) ways.push(`${parent.name}.${field.name} -> ${type} under ${rule?.name ?? "no rule"}`);
      }
    }
  }
  return ways.sort();
}

const withRule = (rules: PermissionMap, type: string, field: string, rule: PermissionMap[string][string] | undefined): PermissionMap => {
  const fields = { ...rules[type] };
  if (rule) fields[field] = rule;
  else delete fields[field];
  return { ...rules, [type]: fields };
};

describe("the schema and its permissions", () => {
  it("has a rule for every field of every object type, Query and Mutation included", async () => {
    const missing = (await permissionTable()).filter((row) => row.rule === null).map((row) => `${row.type}.${row.field}`);
    expect(missing).toEqual([]);
  });

  it("has no rule for a type or field the schema does not have (a renamed field keeps no stale rule)", async () => {
    const present = new Set((await permissionTable()).map((row) => `${row.type}.${row.field}`));
    const stale = Object.entries(permissions).flatMap(([type, fields]) =>
      Object.keys(fields).map((field) => `${type}.${field}`).filter((name) => !present.has(name)),
    );
    expect(stale).toEqual([]);
  });

  it("matches the committed SDL (run `npm run schema:emit` after a schema change)", async () => {
    expect(await emitSdl()).toBe(committed("schema.graphql"));
  });

  it("matches the committed permission snapshot (run `npm run schema:emit` and review the diff)", async () => {
    expect(await permissionSnapshot()).toBe(committed("permissions.txt"));
  });
});

describe("fields guarded at entry (docs/decisions/0004)", () => {
  it("are reached only through fields that carry one of their type's entry rules", async () => {
    const served = await buildServedSchema();
    const guardedTypes = Object.keys(permissions).filter((type) => Object.values(permissions[type]!).includes(guardedAtEntry));
    expect(guardedTypes.length, "some types are guarded at entry").toBeGreaterThan(0);
    expect(unguardedWaysIn(served, permissions, entryGuards)).toEqual([]);
  });

  it("would be reported for a way in without an entry rule: a weaker rule, guarded-at-entry, no rule, a new field", async () => {
    const bare = await buildBareSchema();
    // myTasks is a page: its nodes and edges are the ways in to Task.
    const weaker = withRule(permissions, "TaskConnection", "nodes", authenticated);
    expect(unguardedWaysIn(bare, weaker, entryGuards)).toEqual(["TaskConnection.nodes -> Task under authenticated"]);
    const chained = withRule(permissions, "Evaluation", "results", guardedAtEntry);
    expect(unguardedWaysIn(bare, chained, entryGuards)).toEqual(["Evaluation.results -> GoalResult under guarded-at-entry"]);
    const unruled = withRule(permissions, "PlanRevision", "goal", undefined);
    expect(unguardedWaysIn(bare, unruled, entryGuards)).toEqual(["PlanRevision.goal -> Goal under no rule"]);
    const stray = extendSchema(bare, parse("extend type Query { strayGoal: Goal, strayParts: [PlanPart!] } union PlanPart = Goal | Milestone"));
    const strayRules = withRule(withRule(permissions, "Query", "strayGoal", authenticated), "Query", "strayParts", authenticated);
    expect(unguardedWaysIn(stray, strayRules, entryGuards)).toEqual([
      "Query.strayGoal -> Goal under authenticated",
      "Query.strayParts -> Goal under authenticated",
      "Query.strayParts -> Milestone under authenticated",
    ]);
    const undeclared = { ...entryGuards, Goal: [] };
    expect(unguardedWaysIn(bare, permissions, undeclared)).toEqual(["Goal: no entry rules of its own", "Plan.goals -> Goal under family:PROCESS", "PlanRevision.goal -> Goal under family:PROCESS"]);
  });

  it("make the server refuse to start when a way in has no entry rule", async () => {
    const bare = await buildBareSchema();
    expect(() => applyMiddleware(bare, enforce(withRule(permissions, "TaskEdge", "node", authenticated), entryGuards))).toThrow(
      /TaskEdge\.node reaches Task under authenticated/,
    );
    expect(() => applyMiddleware(bare, enforce(permissions, { ...entryGuards, Task: [guardedAtEntry] }))).toThrow(/Task names guarded-at-entry/);
  });

  it("keep their own resolvers in the served schema, while every other field is wrapped", async () => {
    const bare = await buildBareSchema();
    const served = enforced(bare);
    const unwrapped: string[] = [];
    const wrapped: string[] = [];
    for (const type of Object.values(served.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      const original = bare.getType(type.name);
      if (!isObjectType(original)) throw new Error(`${type.name} is not in the bare schema`);
      for (const field of Object.values(type.getFields())) {
        const same = field.resolve === original.getFields()[field.name]!.resolve;
        (same ? unwrapped : wrapped).push(`${type.name}.${field.name}`);
      }
    }
    const atEntry = Object.entries(permissions).flatMap(([type, fields]) =>
      Object.entries(fields)
        .filter(([, rule]) => rule === guardedAtEntry)
        .map(([field]) => `${type}.${field}`),
    );
    expect(unwrapped.sort()).toEqual(atEntry.sort());
    expect(wrapped.length).toBeGreaterThan(0);
    // And they answer without a promise.
    const goal = served.getType("Goal");
    if (!isObjectType(goal)) throw new Error("no Goal");
    const status = goal.getFields().status!.resolve!({ status: "OPEN" }, {}, {}, {} as GraphQLResolveInfo);
    expect(status).toBe("OPEN");
  });

  it("still deny a field that has no rule at all", async () => {
    const served = applyMiddleware(await buildBareSchema(), enforce(withRule(permissions, "LifeDomain", "code", undefined), entryGuards));
    const lifeDomain = served.getType("LifeDomain");
    if (!isObjectType(lifeDomain)) throw new Error("no LifeDomain");
    const answer: unknown = await lifeDomain.getFields().code!.resolve!({ code: "HOUSING" }, {}, {}, {} as GraphQLResolveInfo);
    expect(answer).toBeInstanceOf(GraphQLError);
    expect((answer as GraphQLError).extensions.code).toBe("FORBIDDEN");
  });
});
