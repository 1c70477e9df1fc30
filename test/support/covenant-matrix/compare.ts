import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType } from "graphql";
import { demoProfessionalId } from "../../../src/demo/identity.js";
import type { GraphQLResponse } from "../app.js";
import { atLeast, type CallerKind } from "./callers.js";
import { EXPECTED, LIST_KEYS, type Rule } from "./expected.js";

/*
 * The covenant matrix's comparison: the query for every field reachable from Family, what the
 * regisseur's answer says about the family's data, and a walk that compares a caller's answer with
 * the regisseur's field by field against the expectations.
 */

// The query: every field of every object type reachable from Family, generated from the schema.

export interface Selection {
  name: string;
  type: string;
  children?: Selection[];
}

export function selectEverything(type: GraphQLObjectType, path: readonly string[]): Selection[] {
  return Object.values(type.getFields()).map((field) => {
    if (field.args.length > 0) throw new Error(`${type.name}.${field.name} takes arguments: give it a value in the matrix`);
    const named = getNamedType(field.type);
    if (isLeafType(named)) return { name: field.name, type: named.name };
    if (!isObjectType(named)) throw new Error(`${type.name}.${field.name}: interfaces and unions are not handled by the matrix`);
    if (path.includes(named.name)) throw new Error(`${type.name}.${field.name} leads back to ${named.name}: break the cycle in the matrix`);
    return { name: field.name, type: named.name, children: selectEverything(named, [...path, named.name]) };
  });
}

export const printSelection = (selection: readonly Selection[]): string =>
  selection.map((field) => (field.children ? `${field.name} { ${printSelection(field.children)} }` : field.name)).join(" ");

// Answers, ground truth and the comparison.

export type Json = null | string | number | boolean | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type GqlError = NonNullable<GraphQLResponse["body"]["errors"]>[number];

/** What the regisseur's answer says about the family's data: the facts the expectations need. */
export interface World {
  goals: Map<string, { lifeDomain: string; memberIds: string[] }>;
  /** The plan's tasks by id: what a budget commitment for one is as open as. */
  tasks: Map<string, { lifeDomain: string; memberIds: string[]; leadPartner: string | undefined }>;
  /** Goals served by a task given to a partner (by partner name), unless it declined or it was cancelled. */
  goalsWorkedOn: (partner: string) => Set<string>;
  currentMembers: string[];
  bsnOf: Map<string, string>;
}

export interface Part {
  kind: "ANALYSIS" | "GOAL" | "TASK" | "SCHEDULE" | "EVALUATION" | "STEP" | "NETWORK" | "MEETING";
  lifeDomain: string | null;
  memberIds: readonly string[];
  goalId?: string;
  leadPartner?: string;
}

export const asObject = (value: Json | undefined): JsonObject => (value !== null && typeof value === "object" && !Array.isArray(value) ? value : {});
const asList = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
export const asString = (value: Json | undefined): string | null => (typeof value === "string" ? value : null);

export function worldOf(family: JsonObject, today: string): World {
  const plan = asObject(family.plan);
  const goals = new Map(
    asList(plan.goals).map((goal) => {
      const object = asObject(goal);
      const content = asObject(object.content);
      return [String(object.id), { lifeDomain: String(content.lifeDomain), memberIds: asList(content.memberIds).map(String) }] as const;
    }),
  );
  const tasks = asList(plan.tasks).map(asObject);
  const members = asList(family.members).map(asObject);
  return {
    goals,
    tasks: new Map(
      tasks.map((task) => {
        const content = asObject(task.content);
        return [String(task.id), { lifeDomain: String(content.lifeDomain), memberIds: asList(content.memberIds).map(String), leadPartner: asString(asObject(task.leadPartner).name) ?? undefined }] as const;
      }),
    ),
    goalsWorkedOn: (partner) =>
      new Set(
        tasks
          .filter((task) => asString(asObject(task.leadPartner).name) === partner && task.response !== "DECLINED" && task.status !== "CANCELLED")
          .map((task) => asString(asObject(task.content).goalId))
          .filter((id): id is string => id !== null),
      ),
    currentMembers: members
      .filter((member) => String(member.validFrom) <= today && (member.validTo === null || String(member.validTo) >= today))
      .map((member) => String(asObject(member.person).id)),
    bsnOf: new Map(members.map((member) => [String(asObject(member.person).id), String(asObject(member.person).bsn)])),
  };
}

/** Which plan part an object of the plan is, read from the regisseur's copy of it. */
function partOf(type: string, truth: JsonObject, world: World): Part | undefined {
  const content = asObject(truth.content);
  const lifeDomain = asString(content.lifeDomain);
  const memberIds = asList(content.memberIds).map(String);
  switch (type) {
    case "Analysis":
      return { kind: "ANALYSIS", lifeDomain, memberIds: content.memberId ? [String(content.memberId)] : [] };
    case "Goal":
      return { kind: "GOAL", lifeDomain, memberIds, goalId: String(truth.id) };
    case "Task":
      return { kind: "TASK", lifeDomain, memberIds, leadPartner: asString(asObject(truth.leadPartner).name) ?? undefined };
    case "Milestone":
      return { kind: "SCHEDULE", lifeDomain: null, memberIds: [] };
    case "BudgetCommitment": {
      // As open as the task or goal it pays for.
      const taskId = asString(content.taskId);
      const task = taskId ? world.tasks.get(taskId) : undefined;
      if (task) return { kind: "TASK", lifeDomain: task.lifeDomain, memberIds: task.memberIds, leadPartner: task.leadPartner };
      const goalId = String(content.goalId);
      const goal = world.goals.get(goalId);
      return goal ? { kind: "GOAL", lifeDomain: goal.lifeDomain, memberIds: goal.memberIds, goalId } : undefined;
    }
    case "CaseMeeting":
      return { kind: "MEETING", lifeDomain: null, memberIds: [] };
    case "NetworkMember": {
      const related = asString(content.relatedMemberId);
      return { kind: "NETWORK", lifeDomain: null, memberIds: related ? [related] : [] };
    }
    case "CoordinatedStep":
      return { kind: "STEP", lifeDomain, memberIds: [], leadPartner: asString(asObject(truth.partner).name) ?? undefined };
    case "Evaluation":
      return { kind: "EVALUATION", lifeDomain: null, memberIds: [] };
    case "GoalResult": {
      // A goal's result in an evaluation is as open as the goal itself.
      const goalId = String(truth.goalId);
      const goal = world.goals.get(goalId);
      if (!goal) throw new Error(`an evaluation result names goal ${goalId}, which the plan does not have`);
      return { kind: "GOAL", lifeDomain: goal.lifeDomain, memberIds: goal.memberIds, goalId };
    }
    default:
      return undefined;
  }
}

/** The content rule of §6, per caller: whether it may read the words of this part. */
function mayReadContent(caller: CallerKind, part: Part | undefined, world: World): boolean {
  if (caller.level === "FULL") return true;
  if (!atLeast(caller.level, "SECTION") || !part) return false;
  const grant = caller.content;
  if (grant === "EVERY_PART") return true;
  if (grant && part.lifeDomain !== null && grant.domains.includes(part.lifeDomain)) {
    if (grant.cover === "NOT_NEEDED") return true;
    const cover = grant.cover;
    const domain = part.lifeDomain;
    const concerned = part.memberIds.length > 0 ? part.memberIds : world.currentMembers;
    if (concerned.length > 0 && concerned.every((member) => cover[world.bsnOf.get(member) ?? ""]?.includes(domain))) return true;
  }
  if (caller.partner !== undefined) {
    if ((part.kind === "TASK" || part.kind === "STEP") && part.leadPartner === caller.partner) return true;
    if (part.kind === "GOAL" && part.goalId !== undefined && world.goalsWorkedOn(caller.partner).has(part.goalId)) return true;
  }
  return false;
}

/** Whether the caller is among a case meeting's attendees (read from the regisseur's copy). */
const attended = (caller: CallerKind, meeting: JsonObject) => asList(meeting.attendees).some((professional) => asObject(professional).id === demoProfessionalId(caller.email));
const keepsTheFamily = (caller: CallerKind) => caller.level === "FULL" || caller.kind === "the process lead";
/**
 * §6 PROCESS is "phase, category, regisseur, deadlines, escalations": not which partner holds
 * consent for what, a child-protection measure's basis, or someone's emergency reason. Those
 * are for the regisseur, the process lead and the partner (or professional) concerned.
 */
const RECORDS: Record<string, (caller: CallerKind, record: JsonObject, partnerId: string | undefined) => boolean> = {
  Consent: (caller, record, partnerId) => keepsTheFamily(caller) || record.partnerId === partnerId,
  LegalGround: (caller, record, partnerId) => keepsTheFamily(caller) || record.partnerId === partnerId,
  EmergencyAccess: (caller, record) => keepsTheFamily(caller) || record.professionalId === demoProfessionalId(caller.email),
  CaseMeeting: (caller, record) => atLeast(caller.level, "PROCESS") || attended(caller, record),
  CoordinatedStep: (caller, record) => atLeast(caller.level, "PROCESS") || asString(asObject(record.partner).name) === caller.partner,
};

function expectVisible(rule: Rule, caller: CallerKind, type: string, truth: JsonObject, world: World): boolean {
  switch (rule) {
    case "DIRECTORY":
      return true;
    case "CONTENT":
      return mayReadContent(caller, partOf(type, truth, world), world);
    case "BUDGET_CONTENT":
      // The demo's project leader (Groningen) decides budget commitments.
      return mayReadContent(caller, partOf(type, truth, world), world) || (caller.email.startsWith("projectleider@") && atLeast(caller.level, "PROCESS"));
    case "WITH_CONTENT":
      // Reached only inside a content the walk already found visible.
      return true;
    case "REGISSEUR":
      return caller.level === "FULL";
    case "MEETING_PROCESS":
      return atLeast(caller.level, "PROCESS") || (atLeast(caller.level, "DAT") && attended(caller, truth));
    case "STEP_PROCESS":
      return atLeast(caller.level, "PROCESS") || (atLeast(caller.level, "DAT") && asString(asObject(truth.partner).name) === caller.partner);
    case "TASK_PROCESS":
      return atLeast(caller.level, "PROCESS") || (atLeast(caller.level, "DAT") && asString(asObject(truth.leadPartner).name) === caller.partner);
    case "KEEPER":
      return keepsTheFamily(caller);
    case "PARTNER_RECORD":
    case "EMERGENCY_RECORD":
      // The lists carry only the records the caller may see (RECORDS), all of them readable.
      return atLeast(caller.level, "DAT");
    default:
      return atLeast(caller.level, rule);
  }
}

export const show = (value: Json | undefined) => {
  const text = JSON.stringify(value ?? null);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
};
export const pathText = (path: readonly (string | number)[]) =>
  path.map((step, index) => (typeof step === "number" ? `[${step}]` : index === 0 ? step : `.${step}`)).join("");
export const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every (type, field) the matrix checked, and how often it was expected visible and hidden. */
export const coverage = { fields: new Map<string, { visible: number; hidden: number }>(), checks: 0 };

export interface Walk {
  caller: CallerKind;
  world: World;
  errors: Map<string, GqlError[]>;
  mismatches: string[];
  /** Every path compared: an error anywhere else is unexpected. */
  visited: Set<string>;
  /** Whether this walk counts towards the matrix's coverage (not so for describing a leak). */
  counts: boolean;
  /** The caller's organisation's id. */
  partnerId?: string;
}

/** The errors of an answer by the path they stand at. */
export const errorMap = (response: GraphQLResponse) => {
  const map = new Map<string, GqlError[]>();
  const add = (key: string, error: GqlError) => map.set(key, [...(map.get(key) ?? []), error]);
  for (const error of response.body.errors ?? []) {
    // A folded refusal (docs/decisions/0017) stands at each path it lists, and past them at its field's pattern.
    const { paths, count } = error.extensions ?? {};
    for (const path of paths ?? [error.path ?? []]) add(pathText(path), error);
    if (paths && count !== undefined && count > paths.length) add(patternText(error.path ?? []), error);
  }
  return map;
};

/** A path with every list index a wildcard. */
const patternText = (path: readonly (string | number)[]) => pathText(path.map((step) => (typeof step === "number" ? "*" : step)));


/** The errors at a path; for a null field, a folded refusal past its listed paths too. */
function errorsAt(walk: Walk, path: readonly (string | number)[], isNull: boolean): GqlError[] {
  return walk.errors.get(pathText(path)) ?? (isNull ? (walk.errors.get(patternText(path)) ?? []) : []);
}

function errorsBelow(walk: Walk, path: readonly (string | number)[]): string {
  const prefix = pathText(path);
  const below = [...walk.errors.entries()].filter(([at]) => at.startsWith(`${prefix}.`) || at.startsWith(`${prefix}[`));
  return below.length === 0 ? "" : ` (errors below: ${below.map(([at, list]) => `${at} ${list.map((error) => error.extensions?.code).join("/")}`).join(", ")})`;
}

/** Compares one object of the caller's answer with the regisseur's, field by field. */
export function walkObject(walk: Walk, type: string, selection: readonly Selection[], truth: JsonObject, actual: JsonObject, path: (string | number)[], selfTruth: boolean) {
  for (const field of selection) {
    const rule = EXPECTED[type]?.[field.name];
    const at = [...path, field.name];
    if (rule === undefined) {
      walk.mismatches.push(`${pathText(at)}: no expectation for ${type}.${field.name} in the matrix`);
      continue;
    }
    const visible = expectVisible(rule, walk.caller, type, truth, walk.world);
    walk.visited.add(pathText(at));
    if (walk.counts) {
      const tally = coverage.fields.get(`${type}.${field.name}`) ?? { visible: 0, hidden: 0 };
      tally[visible ? "visible" : "hidden"] += 1;
      coverage.fields.set(`${type}.${field.name}`, tally);
      coverage.checks += 1;
    }

    const value = actual[field.name];
    const errors = errorsAt(walk, at, value === null || value === undefined);
    if (!visible) {
      if (errors.length === 0) {
        walk.mismatches.push(`${pathText(at)}: expected hidden (FORBIDDEN), got ${value === null || value === undefined ? "null without an error" : `visible ${show(value)}`}`);
      } else if (errors.some((error) => error.extensions?.code !== "FORBIDDEN")) {
        walk.mismatches.push(`${pathText(at)}: expected hidden (FORBIDDEN), got ${errors.map((error) => error.extensions?.code).join("/")}`);
      } else if (value !== null && value !== undefined) {
        walk.mismatches.push(`${pathText(at)}: expected hidden, got FORBIDDEN but also the value ${show(value)}`);
      }
      continue;
    }
    if (errors.length > 0) {
      walk.mismatches.push(`${pathText(at)}: expected visible ${show(truth[field.name])}, got ${errors.map((error) => error.extensions?.code).join("/")}`);
      continue;
    }
    // The caller's own access is the caller's own: only that it is readable is compared.
    const ownTruth = selfTruth || (type === "Family" && field.name === "myAccess");
    const expected = ownTruth ? value : truth[field.name];
    if (!field.children) {
      if (!same(value, expected)) walk.mismatches.push(`${pathText(at)}: expected visible ${show(expected)}, got ${show(value)}`);
      continue;
    }
    if (expected === null || expected === undefined) {
      if (value !== null && value !== undefined) walk.mismatches.push(`${pathText(at)}: expected null, got ${show(value)}`);
      continue;
    }
    if (value === null || value === undefined) {
      walk.mismatches.push(`${pathText(at)}: expected visible ${show(expected)}, got null without an error${errorsBelow(walk, at)}`);
      continue;
    }
    if (Array.isArray(expected)) {
      walkList(walk, field, expected, asList(value), at, ownTruth);
    } else {
      walkObject(walk, field.type, field.children, asObject(expected), asObject(value), at, ownTruth);
    }
  }
}

/** Lists are matched item by item on their keys: the order of equal sort keys is not part of the contract. */
function walkList(walk: Walk, field: Selection, truth: Json[], actual: Json[], path: (string | number)[], selfTruth: boolean) {
  if (selfTruth) {
    actual.forEach((item, index) => walkObject(walk, field.type, field.children!, asObject(item), asObject(item), [...path, index], true));
    return;
  }
  const keys = LIST_KEYS[field.type];
  if (!keys) throw new Error(`no list key for ${field.type}: add one to LIST_KEYS`);
  // Records between the family and one partner, or one professional: only those the caller may see.
  const mayHold = RECORDS[field.type];
  if (mayHold) truth = truth.filter((item) => mayHold(walk.caller, asObject(item), walk.partnerId));
  const keyOf = (item: Json) => JSON.stringify(keys.map((key) => asObject(item)[key] ?? null));
  const remaining = new Map(actual.map((item, index) => [keyOf(item), index]));
  for (const item of truth) {
    const index = remaining.get(keyOf(item));
    if (index === undefined) {
      walk.mismatches.push(`${pathText(path)}: expected an item ${keyOf(item)}, missing from the answer${errorsBelow(walk, path)}`);
      continue;
    }
    remaining.delete(keyOf(item));
    walkObject(walk, field.type, field.children!, asObject(item), asObject(actual[index]), [...path, index], false);
  }
  for (const [key] of remaining) walk.mismatches.push(`${pathText(path)}: unexpected item ${key}`);
}
