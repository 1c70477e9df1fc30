import type { Caller } from "../../auth/caller.js";
import { CARE_ROLES } from "../../access/roles.js";
import type { Entitlement, PartRef } from "./entitlement.js";
import type { CovenantInForce } from "./in-force.js";
import { atLeast, type AccessLevel } from "./levels.js";

/*
 * Every decision made from a caller's entitlement for one family, by name. The field rules
 * (access/rules.ts), the family gate (gate.ts) and the lists that leave out what a caller may
 * not see all ask these; nothing else compares levels or reads the register's roles.
 */

/** At least `minimum`: what a field rule naming a level (`family:PROCESS`) asks. */
export const hasLevel = (entitlement: Entitlement, minimum: AccessLevel): boolean => atLeast(entitlement.level, minimum);

/** The caller may know the family exists (DAT and up). Below it the family is not there at all (docs/decisions/0001). */
export const knowsFamily = (entitlement: Entitlement): boolean => atLeast(entitlement.level, "DAT");

/** The caller sees the family's process (PROCESS and up): phase, category, regisseur, deadlines, the plan's parts listed. */
export const seesProcess = (entitlement: Entitlement): boolean => atLeast(entitlement.level, "PROCESS");

/** The caller sees all of the family (FULL): its regisseur. */
export const seesAll = (entitlement: Entitlement): boolean => atLeast(entitlement.level, "FULL");

/** The family's current regisseur: edits the plan, reads the coach's notes. */
export const isRegisseur = (entitlement: Entitlement): boolean => entitlement.regisseur;

/** The family's process lead: screens it, hands the process over. */
export const isProcessLead = (entitlement: Entitlement): boolean => entitlement.processLead;

/** The regisseur and the process lead keep the family: its regie, records and legal grounds. */
export const keepsFamily = (entitlement: Entitlement): boolean => entitlement.regisseur || entitlement.processLead;

/** The caller's organisation is involved with the family: an active signal on a member, or a task given to it. */
export const isInvolved = (entitlement: Entitlement): boolean => entitlement.involved;

/** Care workers (coaches, partner professionals): the covenant's rules reach them, and only them. */
export const isCareWorker = (caller: Caller): boolean => caller.roles.some((role) => CARE_ROLES.includes(role));

/** Whether the caller may read a part's content. O(grants × members): both are a handful. */
export function canSeePart(entitlement: Entitlement, part: PartRef): boolean {
  if (entitlement.level === "FULL") return true;
  return entitlement.grants.some((grant) => {
    if (grant.partKind !== null && grant.partKind !== part.kind) return false;
    if (grant.lifeDomain !== null && grant.lifeDomain !== part.lifeDomain) return false;
    if (!grant.needsCover) return true;
    const members = part.memberIds.length > 0 ? part.memberIds : entitlement.currentMemberIds;
    const domain = part.lifeDomain ?? grant.lifeDomain;
    return (
      members.length > 0 &&
      members.every((member) => {
        const covered = entitlement.cover.get(member);
        // A part without a life domain (the schedule, an overall evaluation) needs consent for the partner at all.
        return covered !== undefined && (domain === null ? covered.size > 0 : covered.has(domain));
      })
    );
  });
}

/** A plan object as `readsPart` sees it: the part, and for a task or goal whose work it is. */
export interface PartOwner {
  part: PartRef;
  leadPartnerId?: string;
  goalId?: string;
}

/**
 * What a plan part says (its `content`): the regisseur, or a grant of the covenant for the
 * part's kind and life domain (with consent or a legal ground for its members where the rule
 * asks for it), or emergency access to a safety-relevant domain. A partner at SECTION also reads
 * the tasks given to it and the goals it works on.
 */
export function readsPart(entitlement: Entitlement, owner: PartOwner): boolean {
  const { part, leadPartnerId, goalId } = owner;
  return (
    canSeePart(entitlement, part) ||
    (atLeast(entitlement.level, "SECTION") &&
      ((typeof leadPartnerId === "string" && leadPartnerId === entitlement.partnerId) ||
        (part.kind === "GOAL" && goalId !== undefined && entitlement.ownGoalIds.has(goalId))))
  );
}

/**
 * Whether the caller may read a task's process data (status, due date, who leads): from
 * PROCESS, and from DAT for the partner the task was given to, so it can find, accept and report
 * on its own work. A task is reached either through the plan (PROCESS) or through the root
 * fields that answer the caller's own tasks, which keep only those this opens.
 */
export function seesTaskProcess(entitlement: Entitlement, leadPartnerId: string | undefined): boolean {
  if (atLeast(entitlement.level, "PROCESS")) return true;
  return atLeast(entitlement.level, "DAT") && typeof leadPartnerId === "string" && leadPartnerId === entitlement.partnerId;
}

/** The regisseur's working note: the current regisseur who wrote it, nobody else. */
export const readsCoachNote = (entitlement: Entitlement, authorId: unknown, professionalId: string): boolean =>
  entitlement.regisseur && authorId === professionalId;

/**
 * A record between the family and one partner (its consent, its legal ground): the regisseur,
 * the process lead, and the partner it concerns. Another partner at SECTION for its own domain
 * has no business with it.
 */
export const seesPartnerRecord = (entitlement: Entitlement, partnerId: string | undefined): boolean =>
  keepsFamily(entitlement) || (knowsFamily(entitlement) && partnerId === entitlement.partnerId);

/** An emergency access, with its written reason: the regisseur, the process lead, and who opened it. */
export const seesEmergencyRecord = (entitlement: Entitlement, openedBy: string | undefined, professionalId: string): boolean =>
  keepsFamily(entitlement) || (knowsFamily(entitlement) && openedBy === professionalId);

/**
 * A concern's BSNs and birth dates: like a member's (FULL, the regisseur), and the process lead
 * while the family awaits screening (checking the reference index needs them).
 */
export const seesConcernIdentity = (entitlement: Entitlement, awaitingScreening: boolean): boolean =>
  atLeast(entitlement.level, "FULL") || (awaitingScreening && entitlement.processLead);

/** Who records (and withdraws) consent: the regisseur, and the process lead where the covenant in force says so. */
export const recordsConsent = (entitlement: Entitlement, covenant: Pick<CovenantInForce, "consentRecorders">): boolean =>
  entitlement.regisseur || (covenant.consentRecorders === "REGISSEUR_OR_PROCESS_LEAD" && entitlement.processLead);

/** Who raises an escalation on a family: its regisseur, its process lead, or a care worker of an involved partner. */
export const raisesEscalation = (entitlement: Entitlement, caller: Caller): boolean =>
  keepsFamily(entitlement) || (isCareWorker(caller) && entitlement.involved);
