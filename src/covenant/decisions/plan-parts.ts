import type { PartRef } from "./entitlement.js";

/*
 * Which part of the plan each plan object counts as, for the covenant: its kind, its life
 * domain, the members it is about. A covenant rule opens parts by kind and life domain, and
 * consent covers members (readsPart in predicates.ts); these say what each object is. The plan
 * (plan/parts.ts) gives every object it hands out its part from here.
 */

/** An analysis of one life domain, for the household or one member. */
export const analysisPart = (lifeDomain: string, personId: string | null): PartRef => ({
  kind: "ANALYSIS",
  lifeDomain,
  memberIds: personId ? [personId] : [],
});

export const goalPart = (lifeDomain: string, memberIds: readonly string[]): PartRef => ({ kind: "GOAL", lifeDomain, memberIds });

export const taskPart = (lifeDomain: string, memberIds: readonly string[]): PartRef => ({ kind: "TASK", lifeDomain, memberIds });

/** A partner's coordinated step: its life domain, the whole household. */
export const stepPart = (lifeDomain: string): PartRef => ({ kind: "STEP", lifeDomain, memberIds: [] });

/** A member of the family's own network: no life domain; about the member they relate to, else the household. */
export const networkPart = (relatedPersonId: string | null): PartRef => ({ kind: "NETWORK", lifeDomain: null, memberIds: relatedPersonId ? [relatedPersonId] : [] });

/** A case meeting's minutes and decisions: no life domain, the whole household. */
export const meetingPart = (): PartRef => ({ kind: "MEETING", lifeDomain: null, memberIds: [] });

/** A milestone of the time schedule: no life domain, the whole household. */
export const milestonePart = (): PartRef => ({ kind: "SCHEDULE", lifeDomain: null, memberIds: [] });

/** An evaluation as a whole (its overall words): no life domain, the whole household. */
export const evaluationPart = (): PartRef => ({ kind: "EVALUATION", lifeDomain: null, memberIds: [] });

/** One goal's result in an evaluation: as open as the goal's own domain and members are. */
export const goalResultPart = (goal: { lifeDomain: string; memberIds: readonly string[] }): PartRef => ({
  kind: "EVALUATION",
  lifeDomain: goal.lifeDomain,
  memberIds: goal.memberIds,
});
