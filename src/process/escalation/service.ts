import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { ESCALATION_RAISER } from "../../covenant/decisions/needs.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import { normalizeId } from "../../ids.js";
import { notify } from "../../notifications/service.js";
import { families } from "../../families/tables.js";
import { parseInput, text } from "../../validation.js";
import { escalations, escalationSteps } from "../tables.js";
import { actorsOf } from "./actors.js";
import { openEscalation, openStep, ladderOf, type EscalationTrack, type LadderStep } from "./open.js";
import { isParty, loadEscalationFacts, stepDefinition, type EscalationFacts } from "./parties.js";
import { findEscalation } from "./queries.js";
import { involvedPartners } from "../involved-partners.js";
import type { Escalation } from "./types.js";
import type { Commissioner } from "./variants.js";
import { recordWrite } from "../../accountability/access-log/writes.js";

const subjectSchema = text(2000).refine((value) => value.length >= 10, "say what the conflict is about (at least 10 characters)");
const partiesSchema = z.array(z.string()).min(1, "name at least one partner in the conflict").max(10, "at most 10 partners");
const decisionSchema = text(2000);
const reasoningSchema = text(5000).refine((value) => value.length >= 10, "write the reasoning out (at least 10 characters)");
const stepSchema = z.number().int().min(1, "steps are numbered from 1").nullish();

/** Locked like a plan edit: a hand-over of regie cannot slip between the decision and the write. */
const RAISING = familyGate({
  operations: ["Mutation.raiseEscalation"],
  need: ESCALATION_RAISER,
  refusal: "Only the family's regisseur, its process lead or a care worker of an involved partner raises an escalation.",
  lock: "share",
  openFamilyOnly: ["Mutation.raiseEscalation"],
});

/**
 * Raises an escalation on a family: its regisseur, its process lead, or a care worker of a
 * partner involved with it. The parties are partners of the region; the first step of the
 * region's ladder for the track opens at once, its deciders told.
 */
export async function raiseEscalation(
  ctx: AuthenticatedContext,
  rawFamilyId: string,
  track: EscalationTrack,
  rawSubject: string,
  rawPartyPartnerIds: string[],
  commissioner: Commissioner | null = null,
): Promise<Escalation> {
  const subject = parseInput(subjectSchema, rawSubject, "subject");
  const partyIds = parseInput(partiesSchema, rawPartyPartnerIds, "partyPartnerIds");
  const escalationId = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, RAISING);
    const partyPartnerIds = await involvedPartners(tx, entitlement.familyId, partyIds, (index) => `partyPartnerIds[${index}]`);
    const escalation = await openEscalation(tx, { familyId: entitlement.familyId, track, subject, partyPartnerIds, commissioner });
    recordWrite(tx, entitlement.familyId, { data: ["ESCALATION"] });
    return escalation.id;
  });
  return (await findEscalation(ctx, escalationId))!;
}

interface Decision {
  decision: string;
  reasoning: string;
  expectedStep: number | null;
}

function parseDecision(rawDecision: string, rawReasoning: string, rawStep: number | null | undefined): Decision {
  return {
    decision: parseInput(decisionSchema, rawDecision, "decision"),
    reasoning: parseInput(reasoningSchema, rawReasoning, "reasoning"),
    expectedStep: parseInput(stepSchema, rawStep, "expectedStep") ?? null,
  };
}

/**
 * The escalation, locked, if the caller is a party to it and decides its current step: else
 * NOT_FOUND (no party: as for none at all), CONFLICT (resolved, or moved on since the caller
 * looked) or FORBIDDEN (a party who does not decide this step).
 */
async function decideAt(tx: AuthenticatedContext, rawId: string, expectedStep: number | null) {
  const id = normalizeId(rawId);
  // The family first, shared like a plan edit: a hand-over of regie cannot slip between reading
  // who decides (the regisseur, at Groningen's first step) and the decision.
  const [owner] = id ? await tx.db.select({ familyId: escalations.familyId }).from(escalations).where(and(eq(escalations.id, id), eq(escalations.regionId, tx.caller.regionId))) : [];
  if (owner) await tx.db.select({ id: families.id }).from(families).where(eq(families.id, owner.familyId)).for("share");
  const [facts] = owner ? await loadEscalationFacts(tx.db, tx.caller.regionId, eq(escalations.id, id!), true) : [];
  const ladder = facts ? await ladderOf(tx, tx.caller.regionId, facts.row.track, facts.row.variant) : [];
  if (!facts || !isParty(tx.caller, facts, ladder)) throw notFound("Escalation");
  const { row } = facts;
  if (row.status === "RESOLVED") throw conflict("escalationId: this escalation is resolved; its decision stands.");
  if (expectedStep !== null && expectedStep !== row.currentStep) {
    throw conflict(`expectedStep: the escalation is at step ${row.currentStep}, not ${expectedStep}; reload it before you decide.`);
  }
  const definition = stepDefinition(ladder, row.currentStep);
  const deciders = await actorsOf(tx.db, facts, definition?.deciders ?? []);
  if (!deciders.includes(tx.caller.professionalId)) {
    throw forbidden(`Only a decider of step ${row.currentStep} (${definition?.deciders.join(", ") ?? "none"}) decides it.`);
  }
  return { facts, ladder };
}

/** Records the decision on the current (open) step. */
async function closeStep(tx: AuthenticatedContext, facts: EscalationFacts, outcome: "ESCALATED" | "RESOLVED", decision: Decision) {
  await tx.db
    .update(escalationSteps)
    .set({ outcome, decision: decision.decision, reasoning: decision.reasoning, decidedBy: tx.caller.professionalId, decidedAt: tx.now() })
    .where(and(eq(escalationSteps.escalationId, facts.row.id), eq(escalationSteps.step, facts.row.currentStep), isNull(escalationSteps.outcome)));
}

/**
 * One decision on the current step, in one transaction: the caller decides it (`decideAt`), the
 * step closes with the outcome, and `then` carries the escalation on. A throw in `then` undoes
 * the whole decision.
 */
async function decideStep(
  ctx: AuthenticatedContext,
  rawId: string,
  decision: Decision,
  outcome: "ESCALATED" | "RESOLVED",
  then: (tx: AuthenticatedContext, facts: EscalationFacts, ladder: LadderStep[]) => Promise<void>,
): Promise<Escalation> {
  const escalationId = await inTransaction(ctx, async (tx) => {
    const { facts, ladder } = await decideAt(tx, rawId, decision.expectedStep);
    recordWrite(tx, facts.row.familyId, { data: ["ESCALATION"] });
    await closeStep(tx, facts, outcome, decision);
    await then(tx, facts, ladder);
    return facts.row.id;
  });
  return (await findEscalation(ctx, escalationId))!;
}

/**
 * A decider of the current step finds no agreement there: the step closes as ESCALATED, with the
 * decision and its reasoning, and the next step opens with its own deadline. The last step's
 * decision binds, so there is nowhere further to go.
 */
export async function escalateFurther(
  ctx: AuthenticatedContext,
  rawId: string,
  rawDecision: string,
  rawReasoning: string,
  rawStep?: number | null,
): Promise<Escalation> {
  return decideStep(ctx, rawId, parseDecision(rawDecision, rawReasoning, rawStep), "ESCALATED", async (tx, facts, ladder) => {
    const next = ladder.find((step) => step.step === facts.row.currentStep + 1);
    if (!next) throw conflict(`escalationId: step ${facts.row.currentStep} is the last; its decision binds: resolve the escalation.`);
    const [moved] = await tx.db.update(escalations).set({ currentStep: next.step }).where(eq(escalations.id, facts.row.id)).returning();
    await openStep(tx, moved!, next);
  });
}

/**
 * A decider of the current step settles the conflict, at any step: the step and the escalation
 * are RESOLVED, and the raiser, the family's regisseur and process lead and every decider of
 * the steps it reached are told.
 */
export async function resolveEscalation(
  ctx: AuthenticatedContext,
  rawId: string,
  rawDecision: string,
  rawReasoning: string,
  rawStep?: number | null,
): Promise<Escalation> {
  return decideStep(ctx, rawId, parseDecision(rawDecision, rawReasoning, rawStep), "RESOLVED", async (tx, facts, ladder) => {
    await tx.db.update(escalations).set({ status: "RESOLVED", resolvedAt: tx.now() }).where(eq(escalations.id, facts.row.id));
    const reached = new Set<string>();
    for (let step = 1; step <= facts.row.currentStep; step++) {
      for (const kind of stepDefinition(ladder, step)?.deciders ?? []) reached.add(kind);
    }
    const deciders = await actorsOf(tx.db, facts, [...reached]);
    // Ids and the moment only: the decision and its reasoning are read in the escalation itself.
    await notify(tx, [facts.row.raisedBy, facts.regisseurId, facts.processLeadId, ...deciders], {
      kind: "ESCALATION_RESOLVED",
      familyId: facts.row.familyId,
      subjectId: facts.row.id,
    });
  });
}
