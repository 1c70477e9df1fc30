import { GraphQLError, getNamedType, isAbstractType, isIntrospectionType, isObjectType, type GraphQLSchema } from "graphql";
import { middleware, type IMiddlewareFieldMap, type IMiddlewareFunction, type IMiddlewareGenerator, type IMiddlewareTypeMap } from "graphql-middleware";
import { deny, shield } from "graphql-shield";
import type { IRule } from "graphql-shield";
import type { RequestContext } from "../context.js";
import { forbidden } from "../errors.js";
import { errorSummary } from "../error-summary.js";
import { covenantPermissions } from "../covenant/permissions.js";
import { familyPermissions } from "../families/permissions.js";
import { notificationPermissions } from "../notifications/permissions.js";
import { organisationPermissions } from "../organisations/permissions.js";
import { planEntryGuards, planPermissions } from "../plan/permissions.js";
import { stepEntryGuards, stepPermissions } from "../plan/steps/permissions.js";
import { networkEntryGuards, networkPermissions } from "../plan/network/permissions.js";
import { meetingEntryGuards, meetingPermissions } from "../plan/meetings/permissions.js";
import { budgetEntryGuards, budgetPermissions } from "../plan/budget/permissions.js";
import { contactPermissions } from "../families/contacts/permissions.js";
import { regionHandoverPermissions } from "../families/region-handover/permissions.js";
import { closurePermissions } from "../process/closure/permissions.js";
import { intakePermissions } from "../process/intake/permissions.js";
import { phasePermissions } from "../process/permissions.js";
import { mandatePermissions } from "../process/mandate/permissions.js";
import { selectionPermissions } from "../process/selection/permissions.js";
import { escalationPermissions } from "../process/escalation/permissions.js";
import { referenceIndexPermissions } from "../reference-index/permissions.js";
import { indicatorPermissions } from "../accountability/indicators/permissions.js";
import { retentionPermissions } from "../accountability/retention/permissions.js";
import { rightsPermissions } from "../accountability/rights/permissions.js";
import { decisionOf, guardedAtEntry } from "./rules.js";
import { guardedField } from "./field-guard.js";
import { fieldRecorder, recordingField, type FieldMiddleware } from "../accountability/access-log/fields.js";

export type PermissionMap = Record<string, Record<string, IRule>>;
/** Per type whose fields are guarded at entry: the rules every field that returns it must carry. */
export type EntryGuards = Record<string, readonly IRule[]>;

/** Each capability declares its rules next to its types; this merges them, refusing overlaps. */
export function mergePermissions(...maps: PermissionMap[]): PermissionMap {
  const merged: PermissionMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] ??= {};
      for (const [field, rule] of Object.entries(fields)) {
        if (merged[type][field]) throw new Error(`Two rules for ${type}.${field}`);
        merged[type][field] = rule;
      }
    }
  }
  return merged;
}

export const permissions = mergePermissions(
  organisationPermissions,
  familyPermissions,
  referenceIndexPermissions,
  planPermissions,
  stepPermissions,
  networkPermissions,
  meetingPermissions,
  budgetPermissions,
  contactPermissions,
  regionHandoverPermissions,
  covenantPermissions,
  notificationPermissions,
  phasePermissions,
  mandatePermissions,
  closurePermissions,
  intakePermissions,
  escalationPermissions,
  selectionPermissions,
  indicatorPermissions,
  retentionPermissions,
  rightsPermissions,
);

export const entryGuards: EntryGuards = { ...planEntryGuards, ...stepEntryGuards, ...networkEntryGuards, ...meetingEntryGuards, ...budgetEntryGuards };

/**
 * Where the edge is not closed: every field through which a type with fields guarded at entry
 * can be reached without one of that type's declared entry rules (a field returning an
 * interface or union counts for each type it may return), and every such type without declared
 * entry rules. Empty when the edge holds.
 */
export function openEdges(schema: GraphQLSchema, rules: PermissionMap, guards: EntryGuards): string[] {
  const problems: string[] = [];
  const guarded = new Set(Object.entries(rules).filter(([, fields]) => Object.values(fields).includes(guardedAtEntry)).map(([type]) => type));
  for (const type of guarded) {
    const entries = guards[type];
    if (!entries || entries.length === 0) problems.push(`${type} has fields guarded at entry, but no entry rules`);
    else if (entries.includes(guardedAtEntry)) problems.push(`${type} names guarded-at-entry among its entry rules`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      const reached = isAbstractType(named) ? schema.getPossibleTypes(named).map((possible) => possible.name) : [named.name];
      for (const target of reached.filter((name) => guarded.has(name))) {
        const rule = rules[type.name]?.[field.name];
        if (!rule || !(guards[target] ?? []).includes(rule)) {
          problems.push(`${type.name}.${field.name} reaches ${target} under ${rule?.name ?? "no rule"}; it needs one of: ${(guards[target] ?? []).map((entry) => entry.name).join(", ")}`);
        }
      }
    }
  }
  return problems;
}

/** The root types: their fields run once per request, and stay with shield. */
const ROOT_TYPES: ReadonlySet<string> = new Set(["Query", "Mutation", "Subscription"]);

/**
 * The permission middleware for a rule map. Closed by default: a field without a rule is denied,
 * and a denial is a FORBIDDEN GraphQL error at the field's path (not shield's default, which
 * surfaces as an internal error with a stack). Errors thrown by resolvers pass through as they
 * are; Apollo masks any that are not ours.
 *
 * Shield wraps every field in an async function, so every field it touches answers with a
 * promise; on a plan of thousands of fields that alone costs more than the fields (docs/
 * decisions/0004). Fields guarded at entry are therefore left out of shield's field map: they
 * keep their own resolver, synchronous where it is. This holds only while every way into their
 * type carries one of its entry rules; a schema where it does not is refused here, when the
 * server starts, and in test/schema.test.ts. Every other field of an object type whose rule is
 * one of ours is guarded on the synchronous path beside shield (access/field-guard.ts): the same
 * rule's decision, without a promise when it is known. Root fields, fields whose rule shield
 * made, and fields without a rule stay with shield; `synchronous: false` leaves every field with
 * it, as it was before (the tests compare the two).
 *
 * Every field guarded here or by shield records, once allowed, what it read for the access log
 * (accountability/access-log/fields.ts).
 */
export function enforce(
  rules: PermissionMap,
  guards: EntryGuards,
  { synchronous = true }: { synchronous?: boolean } = {},
): IMiddlewareGenerator<unknown, RequestContext, unknown> {
  const shielded = shield(rules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (error: unknown, _parent: object, _args: object, ctx: object) => {
      if (error instanceof GraphQLError) return error;
      // A rule that threw is a bug or an outage: fail closed, and keep the cause in the log.
      if (error) (ctx as RequestContext).log?.error({ err: errorSummary(error) }, "permission rule failed");
      return forbidden();
    },
  });
  return middleware((schema) => {
    const problems = openEdges(schema, rules, guards);
    if (problems.length > 0) throw new Error(`Fields guarded at entry can be reached unguarded:\n${problems.join("\n")}`);
    // A rule tree (not one rule for all) makes shield answer a map of every object type's every field.
    const fieldMiddleware = shielded.generate(schema) as IMiddlewareTypeMap;
    for (const [type, fields] of Object.entries(rules)) {
      const wrapped = fieldMiddleware[type] as IMiddlewareFieldMap | undefined;
      if (!wrapped) continue;
      for (const [field, rule] of Object.entries(fields)) {
        if (rule === guardedAtEntry) {
          delete wrapped[field];
          continue;
        }
        const decide = synchronous && !ROOT_TYPES.has(type) ? decisionOf(rule) : undefined;
        const record = fieldRecorder(type, field, rule.name);
        wrapped[field] = (
          decide && record ? guardedField(decide, record) : recordingField(type, field, rule.name, wrapped[field] as FieldMiddleware)
        ) as IMiddlewareFunction;
      }
    }
    return fieldMiddleware;
  });
}

export const permissionMiddleware = enforce(permissions, entryGuards);
