import type { LadderVariant } from "./variants.js";
import { and, arrayContains, asc, eq, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext } from "../../context.js";
import { families } from "../../families/tables.js";
import { normalizeId } from "../../ids.js";
import { readPage, toPage, type Page, type PageArgs, type PageRequest } from "../../pagination/page.js";
import { professionalScope } from "../../pagination/cursor.js";
import { fillPage, type SeekColumn } from "../../pagination/seek.js";
import { professionals } from "../../organisations/tables.js";
import { escalations, escalationSteps } from "../tables.js";
import type { EscalationTrack, LadderStep } from "./open.js";
import { decidesCurrentStep, isBinding, isParty, ladderIn, laddersOf, loadEscalationFacts, stepDefinition, type EscalationFacts } from "./parties.js";
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
    ladderVariant: row.variant as LadderVariant,
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
 * their steps, a page at a time: the rows are read in the list's order from the cursor's key in
 * batches, decided (party, and `keep`, e.g. the ones the caller must decide) until the page is
 * full, and only then the page's steps are read.
 */
async function escalationsFor(
  ctx: AuthenticatedContext,
  where: SQL | undefined,
  page: PageRequest,
  order: readonly SeekColumn[],
  keep: (facts: EscalationFacts, ladder: readonly LadderStep[]) => boolean = () => true,
): Promise<Page<Escalation>> {
  const { db, caller } = ctx;
  const ladders = await laddersOf(db, caller.regionId);
  const ladderOf = (facts: EscalationFacts) => ladderIn(ladders, facts.row.track, facts.row.variant);
  const facts = await fillPage(
    page,
    (after, limit) => loadEscalationFacts(db, caller.regionId, and(where, mayBeParty(caller)), false, { order, after, limit }),
    (rows) => rows.map((row) => (isParty(caller, row, ladderOf(row)) && keep(row, ladderOf(row)) ? row : null)),
  );
  const steps =
    facts.nodes.length === 0
      ? []
      : await db
          .select()
          .from(escalationSteps)
          .where(inArray(escalationSteps.escalationId, facts.nodes.map((row) => row.row.id)))
          .orderBy(asc(escalationSteps.step));
  const toNode = (row: EscalationFacts) =>
    toEscalation(
      caller,
      row,
      ladderOf(row),
      steps.filter((step) => step.escalationId === row.row.id),
    );
  return { ...facts, edges: facts.edges.map((edge) => ({ cursor: edge.cursor, node: toNode(edge.node) })), nodes: facts.nodes.map(toNode) };
}

/**
 * Narrows the rows read to those the caller could be a party to: a superset of `isParty`, which
 * decides. Project leaders and administrators can be deciders of any escalation in the region.
 */
function mayBeParty(caller: Caller): SQL | undefined {
  if (caller.roles.includes("PROJECT_LEAD") || caller.roles.includes("ADMINISTRATOR") || caller.roles.includes("MAYOR")) return undefined;
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

/** Newest first: raised at, then id (several may be raised at one moment). */
const NEWEST_FIRST: SeekColumn[] = [
  { column: escalations.raisedAt, descending: true },
  { column: escalations.id, descending: true },
];

/** The current step's deadline first (the most overdue), then id. */
const MOST_OVERDUE_FIRST: SeekColumn[] = [{ column: escalationSteps.dueAt }, { column: escalations.id }];


/**
 * `escalations`: those the caller is a party to, newest first, of one family if asked. A family
 * the caller may not know of needs no check: the list holds only escalations they are a party to.
 * The cursor is bound to the family asked for (or to all) and to `openOnly`.
 */
export async function listEscalations(ctx: AuthenticatedContext, openOnly: boolean, rawFamilyId: string | null | undefined, args: PageArgs): Promise<Page<Escalation>> {
  // An argument left out arrives as undefined, one given as null as null: both mean every family.
  const familyId = rawFamilyId == null ? null : normalizeId(rawFamilyId);
  const page = readPage(professionalScope(ctx.caller, `escalations:${familyId ?? rawFamilyId ?? "all"}:${openOnly}`), args, NEWEST_FIRST.length);
  if (rawFamilyId != null && familyId === null) return toPage(page, [], () => []);
  return escalationsFor(
    ctx,
    and(openOnly ? eq(escalations.status, "OPEN") : undefined, familyId ? eq(escalations.familyId, familyId) : undefined),
    page,
    NEWEST_FIRST,
  );
}

/**
 * `escalationsToAct`: open escalations whose current step the caller decides, the most overdue
 * first (the current step's deadline, then id); `overdueOnly`: those past it now.
 */
export async function escalationsToAct(ctx: AuthenticatedContext, overdueOnly: boolean, args: PageArgs): Promise<Page<Escalation>> {
  const page = readPage(professionalScope(ctx.caller, `escalationsToAct:${overdueOnly}`), args, MOST_OVERDUE_FIRST.length);
  const now = ctx.now();
  return escalationsFor(
    ctx,
    and(eq(escalations.status, "OPEN"), overdueOnly ? and(isNull(escalationSteps.outcome), lte(escalationSteps.dueAt, now)) : undefined),
    page,
    MOST_OVERDUE_FIRST,
    (facts, ladder) => decidesCurrentStep(ctx.caller, facts, ladder),
  );
}

/** `escalation(id)`: null for one the caller is no party to, exactly as for one that does not exist. */
export async function findEscalation(ctx: AuthenticatedContext, rawId: string): Promise<Escalation | null> {
  const id = normalizeId(rawId);
  if (!id) return null;
  const page = readPage(professionalScope(ctx.caller, "escalation"), { first: 1 }, NEWEST_FIRST.length);
  const [escalation] = (await escalationsFor(ctx, eq(escalations.id, id), page, NEWEST_FIRST)).nodes;
  return escalation ?? null;
}
