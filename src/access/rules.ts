import { rule } from "graphql-shield";
import type { IRule } from "graphql-shield";
import type { RequestContext } from "../context.js";
import type { GraphQLResolveInfo } from "graphql";
import { Denial, denied, forbiddenAt } from "./denials.js";
import { serviceUnavailable, unauthenticated } from "../errors.js";
import { errorSummary } from "../error-summary.js";
import type { Entitlement } from "../covenant/decisions/entitlement.js";
import { ACCESS_LEVELS, type AccessLevel } from "../covenant/decisions/levels.js";
import {
  hasLevel,
  isRegisseur,
  keepsFamily,
  readsCoachNote,
  readsPart,
  seesConcernIdentity,
  seesEmergencyRecord,
  seesPartnerRecord,
  seesTaskProcess,
  type PartOwner,
} from "../covenant/decisions/predicates.js";
import { addressedTo } from "../process/mandate/addressed.js";
import { CRISIS_ROLES, type Role } from "./roles.js";

/*
 * The only building blocks for permissions. A rule names a decision and says why it refuses;
 * what is decided from the caller's entitlement is the covenant's (covenant/decisions/
 * predicates.ts), asked here by name. Every rule has a unique name (the committed
 * permission snapshot lists them) and caching off: a decision that depends on the parent object
 * must never be shared between parents, and the expensive part, the entitlement, is already
 * computed once per request and family by ctx.entitlements. Each check is then O(1).
 *
 * A check allows (true) or refuses (a Denial, or an error of its own): it never answers false,
 * which shield would make into a FORBIDDEN without a reason.
 */
type Decision = true | Error | Denial;
type Check = (parent: unknown, ctx: RequestContext) => Decision | Promise<Decision>;

/**
 * A rule's decision on one field, as the field answers it: true (the resolver runs), or the
 * error that refuses it — FORBIDDEN at the field's path with the rule's reason, UNAUTHENTICATED,
 * or SERVICE_UNAVAILABLE when the check failed; a promise of either while the family's
 * entitlement is loading. Synchronous whenever the check is.
 */
export type FieldDecision = true | Error;
export type DecideField = (parent: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => FieldDecision | Promise<FieldDecision>;

const made = new Map<string, IRule>();
const decisions = new WeakMap<IRule, DecideField>();

/**
 * The decision a rule made here takes, for the permission middleware's synchronous path
 * (access/field-guard.ts): the very function shield's rule calls, so both paths decide alike.
 * Undefined for a rule made elsewhere (shield's own allow, deny and logic rules).
 */
export const decisionOf = (rule: IRule): DecideField | undefined => decisions.get(rule);

/** A check's decision as the field's answer (FieldDecision). */
const answer = (decision: Decision, rule: string, ctx: RequestContext, info: GraphQLResolveInfo): FieldDecision =>
  decision instanceof Denial ? forbiddenAt(decision, rule, ctx, info) : decision;

/**
 * One rule per name: shield refuses two different rules under one name. A check that answers
 * synchronously stays synchronous (most do, once the family's entitlement is loaded).
 */
function named(name: string, check: Check): IRule {
  let existing = made.get(name);
  if (!existing) {
    // Shield turns a throwing rule into a silent denial; say what happened instead.
    const failed = (ctx: RequestContext, error: unknown) => {
      ctx.log.error({ err: errorSummary(error), rule: name }, "permission rule failed");
      return serviceUnavailable();
    };
    const decide: DecideField = (parent, ctx, info) => {
      try {
        const decision = check(parent, ctx);
        return decision instanceof Promise
          ? decision.then((settled) => answer(settled, name, ctx, info)).catch((error: unknown) => failed(ctx, error))
          : answer(decision, name, ctx, info);
      } catch (error) {
        return failed(ctx, error);
      }
    };
    existing = rule(name, { cache: "no_cache" })((parent, _args, ctx: RequestContext, info: GraphQLResolveInfo) => decide(parent, ctx, info));
    made.set(name, existing);
    decisions.set(existing, decide);
  }
  return existing;
}

/**
 * Who is not a professional: a client (a family member with their own token) is known, and is
 * refused as FORBIDDEN: the field is not theirs. Anyone else must log in first.
 */
const notAProfessional = (ctx: RequestContext): Denial | Error =>
  ctx.client ? denied("This is for professionals; a client reads their own data with myData, myAccessLog and myRequests.") : unauthenticated();

/** Any professional with a valid token; the data layer scopes what they reach to their region. */
export const authenticated = named("authenticated", (_parent, ctx) => (ctx.caller ? true : notAProfessional(ctx)));

/** Open to anyone: only for fields that hold nothing about people (e.g. health of the API). */
export const everyone = named("everyone", () => true);

export function withRole(...roles: Role[]): IRule {
  return named(`role:${roles.join("|")}`, (_parent, ctx) => {
    if (!ctx.caller) return notAProfessional(ctx);
    return ctx.caller.roles.some((role) => roles.includes(role)) ? true : denied("You are not allowed to do this.", { required: "ROLE" });
  });
}

/**
 * Objects of one family carry its id (not exposed); every family rule starts from it and
 * decides from the caller's entitlement — synchronously when it is already loaded. The decision
 * is handed the parent too, so that a rule asked for every part of a plan can decide without
 * making a function per call.
 */
function withEntitlement(
  parent: unknown,
  ctx: RequestContext,
  decide: (entitlement: Entitlement, parent: unknown) => Decision,
): Decision | Promise<Decision> {
  if (!ctx.caller) return notAProfessional(ctx);
  const familyId = (parent as { familyId?: unknown }).familyId;
  if (typeof familyId !== "string") return denied("You are not allowed to do this.");
  const loaded = ctx.entitlements.peek(familyId);
  return loaded ? decide(loaded, parent) : ctx.entitlements.load(familyId).then((entitlement) => decide(entitlement, parent));
}

/** A refusal made ahead for each level the caller may have: a refused field then only looks it up. */
const perLevel = (make: (level: AccessLevel) => Denial): Record<AccessLevel, Denial> =>
  Object.fromEntries(ACCESS_LEVELS.map((level) => [level, make(level)])) as Record<AccessLevel, Denial>;

/**
 * A refusal by role in the family (regisseur, keeper, ...), with the caller's level for it: made
 * once per message and level, then looked up. Only for objects reached through the family: a
 * concern or an advice reaches readers who may not know the family, and their level there would
 * tell whether the household was known (their refusals name no level of theirs).
 */
const byRole = new Map<string, Record<AccessLevel, Denial>>();
function refusedFor(entitlement: Entitlement, message: string, required: string): Denial {
  let denials = byRole.get(message);
  if (!denials) {
    denials = perLevel((yours) => denied(message, { required, yours }));
    byRole.set(message, denials);
  }
  return denials[entitlement.level];
}

/** A field of an object that belongs to one family: decided by the caller's entitlement level. */
export function familyAccess(minimum: AccessLevel): IRule {
  const refusal = perLevel((yours) => denied(`This needs ${minimum} access to the family; yours is ${yours}.`, { required: minimum, yours }));
  const decide = (entitlement: Entitlement): Decision => (hasLevel(entitlement, minimum) ? true : refusal[entitlement.level]);
  return named(`family:${minimum}`, (parent, ctx) => withEntitlement(parent, ctx, decide));
}

/**
 * What a plan part says (its `content`, one object per part), as the covenant opens it
 * (readsPart). The parent says which part it is (`part`), and for a task or goal whose work it is.
 */
const partClosed = perLevel((yours) => denied("The covenant does not open this part of the plan to you.", { required: "SECTION", yours }));
const decidePart = (entitlement: Entitlement, parent: unknown): Decision =>
  readsPart(entitlement, parent as PartOwner) ? true : partClosed[entitlement.level];
export const planContent = named("plan-content", (parent, ctx) => withEntitlement(parent, ctx, decidePart));

/** The regisseur's own working notes: the current regisseur alone. */
export const regisseurOnly = named("regisseur-only", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) => (isRegisseur(entitlement) ? true : refusedFor(entitlement, "Only the family's regisseur reads this.", "REGISSEUR"))),
);

/** The regisseur's own working note: the current regisseur who wrote it, nobody else. */
export const ownCoachNote = named("own-coach-note", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) => {
    const ownerId = (parent as { ownerId?: unknown }).ownerId;
    return readsCoachNote(entitlement, ownerId, ctx.caller!.professionalId) ? true : refusedFor(entitlement, "Only the coach who wrote it reads this note.", "AUTHOR");
  }),
);

/** A field of something the caller made themselves (their own signal, their own inbox). */
export const ownedByCaller = named("owned-by-caller", (parent, ctx) => {
  if (!ctx.caller) return notAProfessional(ctx);
  const ownerId = (parent as { ownerId?: unknown }).ownerId;
  return ownerId === ctx.caller.professionalId ? true : denied("You are not allowed to do this.");
});

/** A record between the family and one partner — its consent, its legal ground (with a basis that may name a child-protection measure). */
export const partnerRecord = named("partner-record", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) => {
    const { partnerId } = parent as { partnerId?: string };
    return seesPartnerRecord(entitlement, partnerId)
      ? true
      : refusedFor(entitlement, "Only the regisseur, the process lead and the partner concerned see this record.", "PARTNER_CONCERNED");
  }),
);

/** An emergency access, with its written reason: the regisseur, the process lead, and who opened it. */
export const emergencyRecord = named("emergency-record", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) => {
    const { ownerId } = parent as { ownerId?: string };
    return seesEmergencyRecord(entitlement, ownerId, ctx.caller!.professionalId)
      ? true
      : refusedFor(entitlement, "Only the regisseur, the process lead and who opened it see an emergency access.", "OPENED_BY_YOU");
  }),
);

/**
 * The root fields that answer the caller's organisation's own tasks (`myTasks`, `respondToTask`,
 * `setTaskStatus`). As a check it asks only for a caller; what it names is the resolvers'
 * contract: they answer only tasks whose process data the caller may read — from PROCESS, or
 * from DAT for the task's lead partner (seesTaskProcess; myTasks filters with it, the mutations
 * refuse a task that is not the organisation's own in a family it knows). That contract is what
 * lets Task be guarded at its entries (plan/permissions.ts).
 */
export const ownTasks = named("own-tasks", (_parent, ctx) => (ctx.caller ? true : notAProfessional(ctx)));

/**
 * The process data of work a partner does in a family (a coordinated step: that it was taken, by
 * whom, when): PROCESS, and from DAT for that partner itself (`leadPartnerId`), as for its tasks.
 */
export const partnerWorkProcess = named("partner-work-process", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) =>
    seesTaskProcess(entitlement, (parent as { leadPartnerId?: string }).leadPartnerId)
      ? true
      : refusedFor(entitlement, "Only from PROCESS, or the partner doing it, sees this.", "PROCESS"),
  ),
);

/**
 * That a case meeting was held, when, of what kind, with whom (002 §2.8): PROCESS, and from DAT
 * for a professional who attended it (`professionalIds`).
 */
export const meetingProcess = named("meeting-process", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) =>
    hasLevel(entitlement, "PROCESS") || (hasLevel(entitlement, "DAT") && ((parent as { professionalIds?: readonly string[] }).professionalIds ?? []).includes(ctx.caller!.professionalId))
      ? true
      : refusedFor(entitlement, "Only from PROCESS, or who attended the meeting, sees it.", "PROCESS"),
  ),
);

/**
 * How to reach a family (a contact detail): handed to a client as their own (`readerKey`: that
 * reader only), or to a professional from PROCESS on the detail's family.
 */
export const contactReader = named("contact-reader", (parent, ctx) => {
  const key = (parent as { readerKey?: unknown }).readerKey;
  if (key !== undefined) return key === readerKey(ctx) ? true : denied("You are not allowed to do this.");
  return withEntitlement(parent, ctx, (entitlement) => (hasLevel(entitlement, "PROCESS") ? true : refusedFor(entitlement, "Only from PROCESS does the covenant give how to reach the family.", "PROCESS")));
});

/**
 * What a budget commitment buys: plan content as open as its task or goal, and to the project
 * leaders who decide it (they see the family's process: they must know what they pay for).
 */
export const commitmentContent = named("commitment-content", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) =>
    readsPart(entitlement, parent as PartOwner) || (ctx.caller!.roles.includes("PROJECT_LEAD") && hasLevel(entitlement, "PROCESS")) ? true : partClosed[entitlement.level],
  ),
);

/**
 * A field of an object that can only be reached through fields already guarded by a rule at
 * least as strict (its type's declared entry rules, see access/permissions.ts). Such fields are
 * left out of shield altogether, so they resolve synchronously; the rule itself allows, and
 * exists so that every field still names its rule, in the map and in the snapshot.
 */
export const guardedAtEntry = named("guarded-at-entry", () => true);

/**
 * A functional-mandate advice's process data (who addressed whom, when, by when, binding or not,
 * its status): the family's regisseur and process lead, and the institution it is addressed to.
 * The institution is decided from the advice itself, without the family's entitlement.
 */
export const adviceProcess = named("advice-process", (parent, ctx) => {
  if (!ctx.caller) return notAProfessional(ctx);
  if (addressedTo(ctx.caller, (parent as { partnerId?: string }).partnerId)) return true;
  return withEntitlement(parent, ctx, (entitlement) =>
    keepsFamily(entitlement) ? true : denied("Only the family's regisseur and process lead, and the institution addressed, see this advice.", { required: "KEEPER" }),
  );
});

/** What an advice says, and the answer: the regisseur and the institution addressed; not the process lead. */
export const adviceContent = named("advice-content", (parent, ctx) => {
  if (!ctx.caller) return notAProfessional(ctx);
  if (addressedTo(ctx.caller, (parent as { partnerId?: string }).partnerId)) return true;
  return withEntitlement(parent, ctx, (entitlement) =>
    isRegisseur(entitlement) ? true : denied("Only the regisseur and the institution addressed read what an advice says.", { required: "REGISSEUR" }),
  );
});

/** The family's regisseur or process lead: who keeps it (its concerns, its records). */
export const familyKeeper = named("family-keeper", (parent, ctx) =>
  withEntitlement(parent, ctx, (entitlement) => (keepsFamily(entitlement) ? true : refusedFor(entitlement, "Only the family's regisseur and process lead see this.", "KEEPER"))),
);

interface ConcernOwner {
  ownerId?: string;
  crisisPartnerId?: string | null;
}

/** A crisis concern's partner: its managers and care workers read it, to act on it at once. */
const atCrisisPartner = (parent: unknown, ctx: RequestContext): boolean => {
  const { crisisPartnerId } = parent as ConcernOwner;
  return (
    !!ctx.caller &&
    typeof crisisPartnerId === "string" &&
    crisisPartnerId === ctx.caller.partnerId &&
    ctx.caller.roles.some((role) => CRISIS_ROLES.includes(role))
  );
};

/**
 * A concern (aanmelding) and the household it lists: who submitted it, the family's regisseur and
 * process lead, and for a crisis the crisis partner. The submitter needs no entitlement: they
 * wrote it, and must not learn whether the household was known.
 */
export const concernReader = named("concern-reader", (parent, ctx) => {
  if (!ctx.caller) return notAProfessional(ctx);
  if ((parent as ConcernOwner).ownerId === ctx.caller.professionalId || atCrisisPartner(parent, ctx)) return true;
  return withEntitlement(parent, ctx, (entitlement) =>
    keepsFamily(entitlement) ? true : denied("Only who submitted it, the family's regisseur and process lead, and for a crisis the crisis partner see a concern.", { required: "KEEPER" }),
  );
});

/**
 * The family a concern went to: its regisseur and process lead. Anyone else who reads the concern
 * (its submitter, the crisis partner) gets null, and the refusal is withheld from the answer
 * (server/refusal-folding.ts), whether or not the household was known: the submitter asked
 * nothing wrong, and a receipt should read clean (docs/decisions/0017).
 */
const concernFamilyWithheld = denied("Only the family's regisseur and process lead see the family a concern went to.", { withheld: true });
export const concernFamily = named("concern-family", (parent, ctx) => {
  if (!ctx.caller) return notAProfessional(ctx);
  return withEntitlement(parent, ctx, (entitlement) => (keepsFamily(entitlement) ? true : concernFamilyWithheld));
});

/**
 * A concern's BSNs and birth dates: the crisis partner, who acts on them at once; and from the
 * family's entitlement, the regisseur and the coordinator while screening (seesConcernIdentity).
 * Not a process lead after screening (process, not identities), not the submitter (they typed
 * them and need them no more).
 */
export const concernIdentity = named("concern-identity", (parent, ctx) => {
  if (!ctx.caller) return notAProfessional(ctx);
  if (atCrisisPartner(parent, ctx)) return true;
  const screening = (parent as { awaitingScreening?: boolean }).awaitingScreening === true;
  return withEntitlement(parent, ctx, (entitlement) =>
    seesConcernIdentity(entitlement, screening)
      ? true
      : denied("Only the family's regisseur, the coordinator while screening, and for a crisis the crisis partner see the BSNs and birth dates.", { required: "KEEPER" }),
  );
});

/**
 * A field of an escalation (or one of its steps): the service hands one out only to a party to
 * it, and marks for whom (`partyOf`); a party sees it whatever their access to the family.
 */
export const escalationParty = named("escalation-party", (parent, ctx) => {
  if (!ctx.caller) return notAProfessional(ctx);
  const partyOf = (parent as { partyOf?: unknown }).partyOf;
  return partyOf === ctx.caller.professionalId ? true : denied("Only the parties to an escalation see it.");
});

/** A family member with their own login (a client): the fields that answer for themselves. */
export const client = named("client", (_parent, ctx) =>
  ctx.client ? true : ctx.caller ? denied("Only a client (a family member with their own login) asks this.") : unauthenticated(),
);

/**
 * Anyone signed in, client or professional: only for the wrapping of a page (a connection's
 * edges, nodes, pageInfo) whose root field decided who may ask and whose items carry their own
 * rule.
 */
export const signedIn = named("signed-in", (_parent, ctx) => (ctx.client || ctx.caller ? true : unauthenticated()));

/** Whoever an answer was made for: a client or a professional, named by the service (`readerKey`). */
export const readerKey = (ctx: RequestContext): string | null =>
  ctx.client ? `client:${ctx.client.accountId}` : ctx.caller ? `professional:${ctx.caller.professionalId}` : null;

/**
 * A field of an object the service hands out to one reader only (a rights request, an entry of
 * an access log) and marks for whom (`readerKey`): that reader, nobody else.
 */
export const madeForReader = named("made-for-reader", (parent, ctx) => {
  const key = readerKey(ctx);
  if (!key) return unauthenticated();
  return (parent as { readerKey?: unknown }).readerKey === key ? true : denied("You are not allowed to do this.");
});
