import { and, arrayContains, asc, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { normalizeId } from "../../ids.js";
import { professionals } from "../../organisations/tables.js";
import { escalations, escalationSteps } from "../tables.js";
import type { EscalationTrack, LadderStep } from "./open.js";
import { decidesCurrentStep, isBinding, isParty, laddersOf, loadEscalationFacts, stepDefinition, type EscalationFacts } from "./parties.js";
import type { Escalation, EscalationStatus, EscalationStep, StepOutcome } from "./types.js";

type StepRow = typeof escalationSteps.$inferSelect;

/** A step still open and past its deadline (the deadline job raises it at the same moment). */
export const isOverdue = (step: { outcome: string | null; dueAt: Date }, now: Date): boolean =>
  step.outcome === null && step.dueAt.getTime() <= now.getTime();

function toEscalation(caller: Caller, facts: EscalationFacts, ladder: readonly LadderStep[], steps: StepRow[]): Escalation {
  const { row } = facts;
  return {
    id: row.id,
    familyId: row.familyId,
    track: row.track as EscalationTrack,
    subject: row.subject,
    status: row.status as EscalationStatus,
    currentStep: row.currentStep,
    binding: isBinding(ladder, row.currentStep),
    raisedAt: row.raisedAt,
    raisedById: row.raisedBy,
    resolvedAt: row.resolvedAt,
    partyPartnerIds: row.partyPartnerIds,
    partyOf: caller.professionalId,
    steps: steps.map(
      (step): EscalationStep => ({
        step: step.step,
        title: stepDefinition(ladder, step.step)?.title ?? "",
        startedAt: step.startedAt,
        dueAt: step.dueAt,
        outcome: step.outcome as StepOutcome | null,
        decision: step.decision,
        reasoning: step.reasoning,
        decidedById: step.decidedBy,
        decidedAt: step.decidedAt,
        partyOf: caller.professionalId,
      }),
    ),
  };
}

/**
 * The escalations of the caller's region matching `where` that the caller is a party to, with
 * their steps: three statements however many there are. `keep` narrows further (e.g. to the
 * ones the caller must decide).
 */
async function escalationsFor(
  db: Db,
  caller: Caller,
  where: SQL | undefined,
  keep: (facts: EscalationFacts, ladder: readonly LadderStep[]) => boolean = () => true,
): Promise<Escalation[]> {
  const [candidates, ladders] = await Promise.all([
    loadEscalationFacts(db, caller.regionId, and(where, mayBeParty(caller))),
    laddersOf(db, caller.regionId),
  ]);
  const ladderOf = (facts: EscalationFacts) => ladders.get(facts.row.track) ?? [];
  const visible = candidates.filter((facts) => isParty(caller, facts, ladderOf(facts)) && keep(facts, ladderOf(facts)));
  if (visible.length === 0) return [];
  const steps = await db
    .select()
    .from(escalationSteps)
    .where(inArray(escalationSteps.escalationId, visible.map((facts) => facts.row.id)))
    .orderBy(asc(escalationSteps.step));
  return visible.map((facts) =>
    toEscalation(
      caller,
      facts,
      ladderOf(facts),
      steps.filter((step) => step.escalationId === facts.row.id),
    ),
  );
}

/**
 * Narrows the rows read to those the caller could be a party to: a superset of `isParty`, which
 * decides. Project leaders and administrators can be deciders of any escalation in the region.
 */
function mayBeParty(caller: Caller): SQL | undefined {
  if (caller.roles.includes("PROJECT_LEAD") || caller.roles.includes("ADMINISTRATOR")) return undefined;
  const me = caller.professionalId;
  return or(
    eq(escalations.raisedBy, me),
    eq(families.regisseurId, me),
    eq(families.processLeadId, me),
    // A care worker or line manager of a party, or a line manager of the regisseur's organisation.
    arrayContains(escalations.partyPartnerIds, [caller.partnerId]),
    eq(professionals.partnerId, caller.partnerId),
  );
}

const newestFirst = (a: Escalation, b: Escalation) => b.raisedAt.getTime() - a.raisedAt.getTime() || a.id.localeCompare(b.id);

/**
 * `escalations`: those the caller is a party to, newest first, of one family if asked. A family
 * the caller may not know of needs no check: the list holds only escalations they are a party to.
 */
export async function listEscalations(ctx: AuthenticatedContext, openOnly: boolean, rawFamilyId?: string | null): Promise<Escalation[]> {
  // An argument left out arrives as undefined, one given as null as null: both mean every family.
  const familyId = rawFamilyId == null ? null : normalizeId(rawFamilyId);
  if (rawFamilyId != null && familyId === null) return [];
  const list = await escalationsFor(
    ctx.db,
    ctx.caller,
    and(openOnly ? eq(escalations.status, "OPEN") : undefined, familyId ? eq(escalations.familyId, familyId) : undefined),
  );
  return list.sort(newestFirst);
}

const currentStepOf = (escalation: Escalation) => escalation.steps.find((step) => step.step === escalation.currentStep);

/** `escalationsToAct`: open escalations whose current step the caller decides, the most overdue first. */
export async function escalationsToAct(ctx: AuthenticatedContext, overdueOnly: boolean): Promise<Escalation[]> {
  const now = ctx.now();
  const list = await escalationsFor(ctx.db, ctx.caller, eq(escalations.status, "OPEN"), (facts, ladder) => decidesCurrentStep(ctx.caller, facts, ladder));
  const due = (escalation: Escalation) => currentStepOf(escalation)?.dueAt.getTime() ?? Number.POSITIVE_INFINITY;
  return list
    .filter((escalation) => {
      const step = currentStepOf(escalation);
      return !overdueOnly || (step !== undefined && isOverdue(step, now));
    })
    .sort((a, b) => due(a) - due(b) || a.id.localeCompare(b.id));
}

/** `escalation(id)`: null for one the caller is no party to, exactly as for one that does not exist. */
export async function findEscalation(ctx: AuthenticatedContext, rawId: string): Promise<Escalation | null> {
  const id = normalizeId(rawId);
  if (!id) return null;
  const [escalation] = await escalationsFor(ctx.db, ctx.caller, eq(escalations.id, id));
  return escalation ?? null;
}
