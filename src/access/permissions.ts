import { GraphQLError } from "graphql";
import { deny, shield } from "graphql-shield";
import type { IRule } from "graphql-shield";
import type { RequestContext } from "../context.js";
import { forbidden } from "../errors.js";
import { errorSummary } from "../server/logger.js";
import { covenantPermissions } from "../covenant/permissions.js";
import { familyPermissions } from "../families/permissions.js";
import { notificationPermissions } from "../notifications/permissions.js";
import { organisationPermissions } from "../organisations/permissions.js";
import { planPermissions } from "../plan/permissions.js";
import { closurePermissions } from "../process/closure/permissions.js";
import { intakePermissions } from "../process/intake/permissions.js";
import { phasePermissions } from "../process/permissions.js";
import { mandatePermissions } from "../process/mandate/permissions.js";
import { escalationPermissions } from "../process/escalation/permissions.js";
import { referenceIndexPermissions } from "../reference-index/permissions.js";

export type PermissionMap = Record<string, Record<string, IRule>>;

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
  covenantPermissions,
  notificationPermissions,
  phasePermissions,
  mandatePermissions,
  closurePermissions,
  intakePermissions,
  escalationPermissions,
);

/**
 * Closed by default: a field without a rule is denied, and a denial is a FORBIDDEN GraphQL error
 * at the field's path (not shield's default, which surfaces as an internal error with a stack).
 * Errors thrown by resolvers pass through as they are; Apollo masks any that are not ours.
 */
export const permissionMiddleware = shield(permissions, {
  fallbackRule: deny,
  allowExternalErrors: true,
  fallbackError: (error: unknown, _parent: object, _args: object, ctx: object) => {
    if (error instanceof GraphQLError) return error;
    // A rule that threw is a bug or an outage: fail closed, and keep the cause in the log.
    if (error) (ctx as RequestContext).log?.error({ err: errorSummary(error) }, "permission rule failed");
    return forbidden();
  },
});
