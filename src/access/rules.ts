import { rule } from "graphql-shield";
import type { IRule } from "graphql-shield";
import type { RequestContext } from "../context.js";
import { forbidden, serviceUnavailable, unauthenticated } from "../errors.js";
import { atLeast, canSeePart, type AccessLevel, type Entitlement, type PartRef } from "./entitlement.js";
import type { Role } from "./roles.js";

/*
 * The only building blocks for permissions. Every rule has a unique name (the committed
 * permission snapshot lists them) and caching off: a decision that depends on the parent object
 * must never be shared between parents, and the expensive part, the entitlement, is already
 * computed once per request and family by ctx.entitlements. Each check is then O(1).
 */
type Check = (parent: unknown, ctx: RequestContext) => boolean | Error | Promise<boolean | Error>;

const made = new Map<string, IRule>();

/** One rule per name: shield refuses two different rules under one name. */
function named(name: string, check: Check): IRule {
  let existing = made.get(name);
  if (!existing) {
    existing = rule(name, { cache: "no_cache" })(async (parent, _args, ctx: RequestContext) => {
      try {
        return await check(parent, ctx);
      } catch (error) {
        // Shield turns a throwing rule into a silent denial; say what happened instead.
        ctx.log.error({ err: error instanceof Error ? { message: error.message, name: error.name } : String(error), rule: name }, "permission rule failed");
        return serviceUnavailable();
      }
    });
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

/** Objects of one family carry its id (not exposed); every family rule starts from it. */
async function entitlementOf(parent: unknown, ctx: RequestContext): Promise<Entitlement | Error> {
  if (!ctx.caller) return unauthenticated();
  const familyId = (parent as { familyId?: unknown }).familyId;
  if (typeof familyId !== "string") return forbidden();
  return ctx.entitlements.load(familyId);
}

/** A field of an object that belongs to one family: decided by the caller's entitlement level. */
export function familyAccess(minimum: AccessLevel): IRule {
  return named(`family:${minimum}`, async (parent, ctx) => {
    const entitlement = await entitlementOf(parent, ctx);
    if (entitlement instanceof Error) return entitlement;
    return atLeast(entitlement.level, minimum) ? true : forbidden(`This needs ${minimum} access to the family; yours is ${entitlement.level}.`);
  });
}

/**
 * Content of a plan part: the regisseur, or a grant of the covenant for the part's kind and life
 * domain (with consent or a legal ground for its members where the rule asks for it), or
 * emergency access to a safety-relevant domain. The parent says which part it is (`part`).
 * A partner at SECTION also reads the tasks given to it and the goals it works on.
 */
export const planContent = named("plan-content", async (parent, ctx) => {
  const entitlement = await entitlementOf(parent, ctx);
  if (entitlement instanceof Error) return entitlement;
  const { part, leadPartnerId, goalId } = parent as { part: PartRef; leadPartnerId?: string; goalId?: string };
  if (canSeePart(entitlement, part)) return true;
  if (atLeast(entitlement.level, "SECTION")) {
    if (leadPartnerId !== undefined && leadPartnerId === entitlement.partnerId) return true;
    if (part.kind === "GOAL" && goalId !== undefined && entitlement.ownGoalIds.has(goalId)) return true;
  }
  return forbidden("The covenant does not open this part of the plan to you.");
});

/** The regisseur's own working notes: the current regisseur alone. */
export const regisseurOnly = named("regisseur-only", async (parent, ctx) => {
  const entitlement = await entitlementOf(parent, ctx);
  if (entitlement instanceof Error) return entitlement;
  return entitlement.regisseur ? true : forbidden("Only the family's regisseur reads this.");
});

/** The regisseur's own working note: the current regisseur who wrote it, nobody else. */
export const ownCoachNote = named("own-coach-note", async (parent, ctx) => {
  const entitlement = await entitlementOf(parent, ctx);
  if (entitlement instanceof Error) return entitlement;
  const ownerId = (parent as { ownerId?: unknown }).ownerId;
  return entitlement.regisseur && ownerId === ctx.caller?.professionalId ? true : forbidden("Only the coach who wrote it reads this note.");
});

/** A field of something the caller made themselves (their own signal, their own inbox). */
export const ownedByCaller = named("owned-by-caller", (parent, ctx) => {
  if (!ctx.caller) return unauthenticated();
  const ownerId = (parent as { ownerId?: unknown }).ownerId;
  return ownerId === ctx.caller.professionalId ? true : forbidden();
});

/** A family field at a level, or the caller's own record (e.g. the emergency access they opened). */
export function familyAccessOrOwn(minimum: AccessLevel): IRule {
  return named(`family:${minimum}|own`, async (parent, ctx) => {
    const entitlement = await entitlementOf(parent, ctx);
    if (entitlement instanceof Error) return entitlement;
    if (atLeast(entitlement.level, minimum)) return true;
    const ownerId = (parent as { ownerId?: unknown }).ownerId;
    return ownerId === ctx.caller?.professionalId && atLeast(entitlement.level, "DAT") ? true : forbidden();
  });
}

/**
 * A task's process data (status, due date, who leads): from PROCESS, and for the partner the task
 * was given to from DAT, so it can find, accept and report on its own work.
 */
export const taskProcess = named("task-process", async (parent, ctx) => {
  const entitlement = await entitlementOf(parent, ctx);
  if (entitlement instanceof Error) return entitlement;
  if (atLeast(entitlement.level, "PROCESS")) return true;
  const { leadPartnerId } = parent as { leadPartnerId?: string };
  return atLeast(entitlement.level, "DAT") && leadPartnerId === entitlement.partnerId ? true : forbidden();
});
