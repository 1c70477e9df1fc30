import type { GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../../context.js";

/*
 * Reads are recorded where the covenant lets them through: the permission middleware
 * (access/permissions.ts) records every field it guards once its rule has allowed it, for the
 * family its parent object belongs to (every object of a family carries `familyId`): through
 * `fieldRecorder` on its synchronous path (access/field-guard.ts), through `recordingField`
 * around shield's middleware for the root fields. Fields guarded at entry are covered by their
 * entry field (a part's `content` stands for the part's text). Root mutation fields name the
 * operation that the writes of its transaction are recorded under.
 */

type Resolve = (source?: unknown, args?: unknown, context?: RequestContext, info?: GraphQLResolveInfo) => unknown;
/** A field middleware as graphql-middleware calls it (shield's or the synchronous path's, for one field). */
export type FieldMiddleware = (resolve: Resolve, parent: unknown, args: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;

/**
 * The members a field's object is about, where it is about some rather than the whole household:
 * a person, a membership, a consent or legal ground (and the access cause it makes), a plan part
 * naming members. Null: the household.
 */
function personsOf(type: string, parent: Record<string, unknown>): readonly string[] | null {
  if (type === "Person" && typeof parent.id === "string") return [parent.id];
  if (typeof parent.personId === "string") return [parent.personId];
  const person = parent.person as { id?: unknown } | undefined;
  if (type === "FamilyMember" && typeof person?.id === "string") return [person.id];
  const part = parent.part as { memberIds?: readonly string[] } | undefined;
  return part?.memberIds && part.memberIds.length > 0 ? part.memberIds : null;
}

/** Records one allowed read of a field, for its parent's family; made once per field, called per read. */
export type FieldRecorder = (parent: unknown, ctx: RequestContext) => void;

/**
 * What a field of an object type records once its rule allowed it: the field, under its rule,
 * for the family its parent belongs to (nothing for an object of no family). Null for the root
 * types: a query's root field records nothing itself, and a mutation's names its operation
 * (recordingField).
 */
export function fieldRecorder(type: string, field: string, rule: string): FieldRecorder | null {
  if (type === "Query" || type === "Subscription" || type === "Mutation") return null;
  const label = `${type}.${field}`;
  return (parent, ctx) => {
    const object = parent as Record<string, unknown> | null;
    const familyId = object?.familyId;
    if (typeof familyId === "string") ctx.access.read(familyId, label, rule, personsOf(type, object!));
  };
}

/** Shield's middleware for one field, recording what it lets through. */
export function recordingField(type: string, field: string, rule: string, guarded: FieldMiddleware): FieldMiddleware {
  if (type === "Query" || type === "Subscription") return guarded;
  if (type === "Mutation") {
    const operation = { name: field, rule };
    return (resolve, parent, args, ctx, info) =>
      guarded(
        (p, a, c, i) => {
          c!.access.operation = operation;
          return resolve(p, a, c, i);
        },
        parent,
        args,
        ctx,
        info,
      );
  }
  const record = fieldRecorder(type, field, rule)!;
  return (resolve, parent, args, ctx, info) =>
    guarded(
      (p, a, c, i) => {
        record(p, c!);
        return resolve(p, a, c, i);
      },
      parent,
      args,
      ctx,
      info,
    );
}
