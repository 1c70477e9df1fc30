import { and, desc, eq, gte } from "drizzle-orm";
import type { AuthenticatedContext } from "../../context.js";
import { conflict } from "../../errors.js";
import { families } from "../../families/tables.js";
import { evaluations, planRevisions } from "../../plan/tables.js";
import { familyPhases } from "../tables.js";

/*
 * Which final evaluation a closure rests on. The final evaluation is the closing conversation:
 * it counts only when recorded since the family last entered CLOSING. A family sent back from
 * CLOSING to EXECUTING, or reopened after a closure, needs a new one: the old one judged a plan
 * that has since gone on. To make that rule visible when it matters, `recordEvaluation` takes
 * `final: true` only while the family is in CLOSING.
 */

/** Refuses a final evaluation outside CLOSING (CONFLICT, naming the phase). */
export async function refuseFinalOutsideClosing(tx: AuthenticatedContext, familyId: string): Promise<void> {
  const [family] = await tx.db.select({ phase: families.phase }).from(families).where(eq(families.id, familyId));
  if (family?.phase !== "CLOSING") {
    throw conflict(`input.final: a final evaluation is recorded while the family is in CLOSING; this family is in ${family?.phase ?? "no phase"}.`);
  }
}

/** When the family last entered CLOSING (null if it never did). */
export async function lastEnteredClosing(tx: AuthenticatedContext, familyId: string): Promise<Date | null> {
  const [row] = await tx.db
    .select({ since: familyPhases.since })
    .from(familyPhases)
    .where(and(eq(familyPhases.familyId, familyId), eq(familyPhases.phase, "CLOSING")))
    .orderBy(desc(familyPhases.since), desc(familyPhases.seq))
    .limit(1);
  return row?.since ?? null;
}

/**
 * The latest final evaluation recorded since `since` (its revision's moment; at the same moment
 * counts, as a request's clock does not move within it), or null.
 */
export async function finalEvaluationSince(tx: AuthenticatedContext, familyId: string, since: Date): Promise<string | null> {
  const [row] = await tx.db
    .select({ id: evaluations.id })
    .from(evaluations)
    .innerJoin(planRevisions, and(eq(planRevisions.itemId, evaluations.id), eq(planRevisions.action, "EVALUATION_RECORDED")))
    .where(and(eq(evaluations.familyId, familyId), eq(evaluations.regionId, tx.caller.regionId), eq(evaluations.final, true), gte(planRevisions.changedAt, since)))
    .orderBy(desc(planRevisions.version))
    .limit(1);
  return row?.id ?? null;
}
