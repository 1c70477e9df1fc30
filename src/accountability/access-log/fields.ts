import type { GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../../context.js";

/*
 * Reads are recorded where the covenant lets them through: the permission middleware
 * (access/permissions.ts) hands every field it guards to `recordingField`, which records the
 * field once its rule has allowed it, for the family its parent object belongs to (every object
 * of a family carries `familyId`). Fields guarded at entry are covered by their entry field (a
 * part's `content` stands for the part's text). Root mutation fields name the operation that
 * the writes of its transaction are recorded under.
 */

type Resolve = (source?: unknown, args?: unknown, context?: RequestContext, info?: GraphQLResolveInfo) => unknown;
/** A field middleware as graphql-middleware calls it (shield's, for one field). */
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
  const label = `${type}.${field}`;
  return (resolve, parent, args, ctx, info) =>
    guarded(
      (p, a, c, i) => {
        const object = p as Record<string, unknown> | null;
        const familyId = object?.familyId;
        if (typeof familyId === "string") c!.access.read(familyId, label, rule, personsOf(type, object!));
        return resolve(p, a, c, i);
      },
      parent,
      args,
      ctx,
      info,
    );
}
