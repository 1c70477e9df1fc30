import { rule } from "graphql-shield";
import type { IRule } from "graphql-shield";
import type { RequestContext } from "../context.js";
import { forbidden, unauthenticated } from "../errors.js";
import { atLeast, type AccessLevel } from "./entitlement.js";
import type { Role } from "./roles.js";

/*
 * The only building blocks for permissions. Every rule has a unique name (the committed
 * permission snapshot lists them) and caching off: a decision that depends on the parent object
 * must never be shared between parents, and the expensive part, the entitlement, is already
 * computed once per request and family by ctx.entitlements.
 */
type Check = (parent: unknown, ctx: RequestContext) => boolean | Error | Promise<boolean | Error>;

const made = new Map<string, IRule>();

/** One rule per name: shield refuses two different rules under one name. */
function named(name: string, check: Check): IRule {
  let existing = made.get(name);
  if (!existing) {
    existing = rule(name, { cache: "no_cache" })((parent, _args, ctx: RequestContext) => check(parent, ctx));
    made.set(name, existing);
  }
  return existing;
}

/** Any professional with a valid token; the data layer scopes what they reach to their region. */
export const authenticated = named("authenticated", (_parent, ctx) => (ctx.caller ? true : unauthenticated()));

/** Open to anyone: only for fields that hold nothing about people (e.g. health of the API). */
export const everyone = named("everyone", () => true);

export function withRole(...roles: Role[]): IRule {
  return named(`role:${roles.join("|")}`, (_parent, ctx) => {
    if (!ctx.caller) return unauthenticated();
    return ctx.caller.roles.some((role) => roles.includes(role)) ? true : forbidden();
  });
}

/** A field of an object that belongs to one family: decided by the caller's entitlement. */
export function familyAccess(minimum: AccessLevel): IRule {
  return named(`family:${minimum}`, async (parent, ctx) => {
    if (!ctx.caller) return unauthenticated();
    const familyId = (parent as { familyId?: unknown }).familyId;
    if (typeof familyId !== "string") return forbidden();
    const entitlement = await ctx.entitlements.load(familyId);
    return atLeast(entitlement.level, minimum) ? true : forbidden();
  });
}

/** A field of something the caller made themselves (their own signal, their own inbox). */
export const ownedByCaller = named("owned-by-caller", (parent, ctx) => {
  if (!ctx.caller) return unauthenticated();
  const ownerId = (parent as { ownerId?: unknown }).ownerId;
  return ownerId === ctx.caller.professionalId ? true : forbidden();
});
