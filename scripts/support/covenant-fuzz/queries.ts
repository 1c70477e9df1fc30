import {
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

import type { Random } from "./random.js";

/*
 * Queries generated from the schema (introspection): random selections within the server's
 * limits, arguments from ids harvested from the world and from answers (other regions', unknown
 * and malformed ones included), and the sweep that asks for every field reachable from the root
 * fields that lead to a family.
 */

/** Argument values to draw from; `ids` are any ids seen (escalations, advices, tasks, ...). */
export interface Pools {
  families: string[];
  professionals: string[];
  partners: string[];
  bsns: string[];
  persons: string[];
  ids: string[];
}

/** Below the server's limits (depth 10, aliases 15, cost 5000), so every query is executed. */
const MAX_LEAF_DEPTH = 9;
const MAX_COST = 4000;
const MAX_ALIASES = 12;

// --- random queries over the schema -----------------------------------------------------------

export interface Sel {
  field: string;
  alias?: string;
  /** The named type of the field. */
  type: string;
  args: string;
  argValues: Record<string, unknown>;
  children: Sel[] | null;
}

/** Always asked for, so the walker knows which family or plan part an object is. */
const FORCED: Record<string, string[]> = {
  Family: ["id"],
  Analysis: ["id"],
  Goal: ["id"],
  Task: ["id"],
  Milestone: ["id"],
  Evaluation: ["id"],
  GoalResult: ["goalId"],
};
/** A connection's children count once per item it may return (the server's page cost, docs/decisions/0016). */
const PAGE_SIZE = 50;
const itemsOf = (sel: Sel): number => (sel.type.endsWith("Connection") ? Number(sel.argValues.first ?? PAGE_SIZE) : 1);
const costOf = (sels: Sel[]): number =>
  sels.reduce((total, sel) => total + (sel.children ? 2 + 1.5 * itemsOf(sel) * costOf(sel.children) : 1), 0);
const depthOf = (sels: Sel[]): number => Math.max(0, ...sels.map((sel) => 1 + (sel.children ? depthOf(sel.children) : 0)));
const aliasesOf = (sels: Sel[]): number => sels.reduce((n, sel) => n + (sel.alias ? 1 : 0) + (sel.children ? aliasesOf(sel.children) : 0), 0);
export const printSels = (sels: Sel[]): string =>
  sels.map((sel) => `${sel.alias ? `${sel.alias}: ` : ""}${sel.field}${sel.args}${sel.children ? ` { ${printSels(sel.children)} }` : ""}`).join(" ");

const isUuidLike = (value: string) => /^[0-9a-fA-F-]{36}$/.test(value);

/** Pieces of one selection, each within the budget, that together ask for all of it. */
function splitSel(sel: Sel, budget: number): Sel[] {
  if (!sel.children || costOf([sel]) <= budget) return [sel];
  const leaves = sel.children.filter((child) => !child.children);
  const forced = leaves.filter((child) => FORCED[sel.type]?.includes(child.field));
  const childBudget = (budget - 2) / 1.5 / itemsOf(sel) - costOf(forced);
  // A connection has no leaves of its own: its first piece would be an empty selection.
  const pieces: Sel[] = leaves.length > 0 ? [{ ...sel, children: leaves }] : [];
  for (const child of sel.children.filter((c) => c.children)) {
    for (const piece of splitSel(child, childBudget)) pieces.push({ ...sel, children: [...forced, piece] });
  }
  return pieces;
}

/** Root pieces packed into operations within the cost and alias limits, each aliased. */
function packSels(pieces: Sel[]): Sel[][] {
  const operations: Sel[][] = [];
  let current: Sel[] = [];
  for (const piece of pieces) {
    if (current.length > 0 && (costOf([...current, piece]) > MAX_COST || current.length >= MAX_ALIASES)) {
      operations.push(current);
      current = [];
    }
    current.push(piece);
  }
  if (current.length > 0) operations.push(current);
  return operations.map((operation) => operation.map((piece, index) => ({ ...piece, alias: `s${index}` })));
}

export class QueryGenerator {
  private aliasCount = 0;
  constructor(
    private schema: GraphQLSchema,
    private random: Random,
    public pools: Pools,
  ) {}

  /** One operation of one to three root fields; variables for about half of the arguments. */
  generate(): { query: string; variables: Record<string, unknown>; roots: Sel[] } {
    for (let attempt = 0; ; attempt++) {
      this.aliasCount = 0;
      const variables: Record<string, unknown> = {};
      const declarations: string[] = [];
      const maxDepth = Math.max(2, 2 + Math.floor(this.random.next() * (MAX_LEAF_DEPTH - 1)) - attempt);
      const rootType = this.schema.getQueryType()!;
      const roots: Sel[] = [];
      const count = this.random.pick([1, 1, 1, 2, 2, 3]);
      for (let index = 0; index < count; index++) {
        const field = rootType.getFields()[this.pickRoot()]!;
        const { args, argValues } = this.rootArguments(field, variables, declarations);
        const named = getNamedType(field.type);
        roots.push({
          field: field.name,
          alias: count > 1 ? `r${index}` : undefined,
          type: named.name,
          args,
          argValues,
          children: isObjectType(named) ? this.selection(named, 2, maxDepth) : null,
        });
      }
      if (costOf(roots) > MAX_COST || depthOf(roots) > MAX_LEAF_DEPTH || aliasesOf(roots) > MAX_ALIASES) continue;
      const header = declarations.length > 0 ? `query Random(${declarations.join(", ")})` : "query Random";
      return { query: `${header} { ${printSels(roots)} }`, variables, roots };
    }
  }

  /**
   * The sweep: every field reachable from the root fields that can reach a family, asked by every
   * caller once. A selection over the cost limit is split into pieces, and pieces of one root
   * field are packed into operations (one root field per operation, so that a refused root field
   * — which nulls the whole answer — takes no other root field with it).
   */
  sweep(): { query: string; variables: Record<string, unknown>; roots: Sel[] }[] {
    const fields = this.schema.getQueryType()!.getFields();
    const roots: Sel[][] = [];
    const full = (name: string, argValues: Record<string, unknown> = {}, maxDepth = MAX_LEAF_DEPTH) => {
      const field = fields[name];
      if (!field) return [];
      const named = getNamedType(field.type);
      const args = Object.keys(argValues).length > 0 ? `(${Object.entries(argValues).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")})` : "";
      const root: Sel = { field: name, type: named.name, args, argValues, children: isObjectType(named) ? this.fullSelection(named, 2, maxDepth) : null };
      return splitSel(root, MAX_COST);
    };
    roots.push(full("families"));
    roots.push([...new Set(this.pools.families)].filter(isUuidLike).flatMap((id) => full("family", { id }, 4)));
    for (const name of ["myTasks", "notifications", "mySignals", "matchNotifications"]) roots.push(full(name));
    roots.push([...new Set(this.pools.bsns)].filter((bsn) => /^\d{9}$/.test(bsn)).flatMap((bsn) => full("whoIsInvolved", { bsn })));
    return roots.flatMap((pieces) => packSels(pieces)).map((packed) => ({ query: `query Sweep { ${printSels(packed)} }`, variables: {}, roots: packed }));
  }

  /** Every field of the type, objects recursively up to the depth. */
  private fullSelection(type: GraphQLObjectType, depth: number, maxDepth: number): Sel[] {
    const chosen: Sel[] = [];
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
      // A page's edges hold the same nodes again: the sweep asks for the nodes once.
      if (type.name.endsWith("Connection") && field.name === "edges") continue;
      const named = getNamedType(field.type);
      if (isObjectType(named)) {
        if (depth < maxDepth) chosen.push({ field: field.name, type: named.name, args: "", argValues: {}, children: this.fullSelection(named, depth + 1, maxDepth) });
      } else if (isLeafType(named)) {
        chosen.push({ field: field.name, type: named.name, args: "", argValues: {}, children: null });
      }
    }
    return chosen;
  }

  private pickRoot(): string {
    const weighted: [string, number][] = [
      ["families", 24], ["family", 22], ["myTasks", 9], ["notifications", 5], ["mySignals", 4],
      ["matchNotifications", 5], ["whoIsInvolved", 8], ["me", 4], ["professional", 3], ["partner", 3],
      ["partners", 2], ["covenant", 3], ["covenantVersions", 3], ["lifeDomains", 2],
    ];
    const known = weighted.filter(([name]) => this.schema.getQueryType()!.getFields()[name]);
    // Root fields the list does not know yet are queried too, now and then.
    for (const name of Object.keys(this.schema.getQueryType()!.getFields())) if (!known.some(([k]) => k === name)) known.push([name, 2]);
    let roll = this.random.next() * known.reduce((total, [, weight]) => total + weight, 0);
    for (const [name, weight] of known) if ((roll -= weight) < 0) return name;
    return known[0]![0];
  }

  private rootArguments(field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>, declarations: string[]) {
    const parts: string[] = [];
    const argValues: Record<string, unknown> = {};
    for (const arg of field.args) {
      let value: unknown;
      if (arg.name === "id") {
        const pool =
          field.name === "family" ? this.pools.families
          : field.name === "professional" ? this.pools.professionals
          : field.name === "partner" ? this.pools.partners
          : this.pools.ids;
        value = this.random.pick(pool);
      } else if (/Id$/.test(arg.name) && arg.name !== "familyId" && arg.name !== "personId") {
        value = this.random.pick(this.pools.ids);
      } else if (arg.name === "familyId") {
        value = this.random.pick(this.pools.families);
      } else if (arg.name === "bsn") {
        value = this.random.pick(this.pools.bsns);
      } else if (arg.name === "personId" || arg.name === "for") {
        // A register row, for the requests made on a client's behalf.
        value = this.random.pick(this.pools.persons);
      } else if (getNamedType(arg.type).name === "Boolean") {
        if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) {
          if (this.random.chance(0.4)) continue;
        }
        value = this.random.chance(0.5);
      } else if (isNonNullType(arg.type) && getNamedType(arg.type).name === "LocalDate") {
        // A period's day (the indicator report), one after today among them. A malformed day never reaches a
        // resolver (HTTP 400 while coercing the variables), so there is nothing of it to check here.
        value = this.random.pick(["2025-11-24", "2026-01-01", "2026-11-23", "2026-12-31", "2027-06-01"]);
      } else if (isEnumType(getNamedType(arg.type))) {
        // An enum (an escalation track): any of its values.
        value = this.random.pick((getNamedType(arg.type) as GraphQLEnumType).getValues().map((entry) => entry.name));
      } else if (getNamedType(arg.type).name === "CovenantVersionInput") {
        // A covenant draft (the preview): open to every signatory named, whose region decides whether it is valid.
        value = {
          title: "Random draft",
          signatoryPartnerIds: [this.random.pick(this.pools.partners), this.random.pick(this.pools.partners)],
          rules: [
            {
              level: this.random.pick(["DAT", "PROCESS", "SECTION"]),
              requiresInvolvement: this.random.chance(0.5),
              requiresConsentOrLegalGround: this.random.chance(0.5),
              description: "Random rule.",
            },
          ],
        };
      } else if (arg.name === "first") {
        // A page size, written as a literal: the server charges a variable at the maximum.
        if (this.random.chance(0.5)) continue;
        argValues.first = this.random.pick([1, 2, 5, 10]);
        parts.push(`first: ${String(argValues.first)}`);
        continue;
      } else if (getNamedType(arg.type).name === "FamilyFilter") {
        // A filter narrows what the caller may list; it must never widen it.
        if (this.random.chance(0.5)) continue;
        value = this.random.pick([{ mine: true }, { mine: false }, { phase: this.random.pick(["SCREENED", "PLANNING", "EXECUTING", "CLOSED"]) }, { mine: true, phase: "EXECUTING" }]);
      } else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
        throw new Error(`The generator does not know how to fill ${field.name}(${arg.name}); teach it.`);
      } else {
        continue;
      }
      argValues[arg.name] = value;
      // An input object goes as a variable: JSON is no GraphQL literal.
      if (typeof value === "object" || this.random.chance(0.5)) {
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(arg.type)}`);
        variables[name] = value;
        parts.push(`${arg.name}: $${name}`);
      } else {
        // An enum value is written bare, not as a string.
        parts.push(`${arg.name}: ${isEnumType(getNamedType(arg.type)) ? String(value) : JSON.stringify(value)}`);
      }
    }
    return { args: parts.length > 0 ? `(${parts.join(", ")})` : "", argValues };
  }

  /** A random subset of the type's fields (at least one), objects recursively up to the depth. */
  private selection(type: GraphQLObjectType, depth: number, maxDepth: number): Sel[] {
    const fields = Object.values(type.getFields()).filter((field) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined));
    const share = 0.15 + this.random.next() * 0.65;
    const chosen: Sel[] = [];
    for (const field of fields) {
      const forced = FORCED[type.name]?.includes(field.name) ?? false;
      if (!forced && !this.random.chance(share)) continue;
      const named = getNamedType(field.type);
      if (isObjectType(named)) {
        if (depth >= maxDepth) continue;
        chosen.push(this.sel(field.name, named.name, this.selection(named, depth + 1, maxDepth)));
      } else if (isLeafType(named)) {
        chosen.push(this.sel(field.name, named.name, null));
      }
    }
    if (chosen.every((sel) => FORCED[type.name]?.includes(sel.field))) {
      const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)));
      if (leaves.length === 0) {
        // A connection has no leaves of its own: its nodes while the depth allows, else its pageInfo.
        const field = fields.find((candidate) => candidate.name === (depth < maxDepth ? "nodes" : "pageInfo")) ?? fields[0]!;
        const named = getNamedType(field.type) as GraphQLObjectType;
        chosen.push(this.sel(field.name, named.name, this.selection(named, depth + 1, Math.max(maxDepth, depth + 1))));
        return chosen;
      }
      const field = this.random.pick(leaves);
      chosen.push(this.sel(field.name, getNamedType(field.type).name, null));
    }
    return chosen;
  }

  private sel(field: string, type: string, children: Sel[] | null): Sel {
    const alias = this.aliasCount < MAX_ALIASES - 3 && this.random.chance(0.04) ? `a${++this.aliasCount}` : undefined;
    return { field, alias, type, args: "", argValues: {}, children };
  }
}
