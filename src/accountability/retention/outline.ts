import { asc, eq, inArray } from "drizzle-orm";
import { isoDate } from "../../context.js";
import type { Db } from "../../db/database.js";
import { familyCategories } from "../../families/tables.js";
import { agreements, evaluations, plans, tasks } from "../../plan/tables.js";
import { closures, concerns, escalationSteps, escalations, familyPhases, mandateAdvices } from "../../process/tables.js";

/**
 * A closed family's process in days and numbers, as the indicators count it (issue §4): in view
 * per category, one plan, time from concern to agreed plan, tasks, escalations per step and time
 * to resolve, evaluations, goal achievement and aftercare at closure, duration. Only what the
 * covenant calls process data (phase, category, dates, statuses, counts): no person, no
 * professional or organisation, no free text, no life domain (that is a part's content).
 */
export interface FamilyOutline {
  categories: { category: string; since: string }[];
  phases: { phase: string; since: string }[];
  firstConcernOn: string | null;
  plan: { startedOn: string; evaluationMonths: number } | null;
  agreements: { version: number; party: string; agreedOn: string }[];
  tasks: { createdOn: string; dueOn: string; status: string }[];
  evaluations: { heldOn: string; final: boolean }[];
  advices: { binding: boolean; status: string; issuedOn: string; answerDue: string; answeredOn: string | null }[];
  escalations: {
    track: string;
    status: string;
    raisedOn: string;
    resolvedOn: string | null;
    steps: { step: number; startedOn: string; dueOn: string; outcome: string | null; decidedOn: string | null }[];
  }[];
  closures: {
    closedOn: string;
    goalsTotal: number;
    goalsAchieved: number;
    positiveExit: boolean;
    revisitOn: string;
    handover: boolean;
    aftercareEndedOn: string | null;
    reopenedOn: string | null;
  }[];
}

const dayOf = (moment: Date | null): string | null => (moment ? isoDate(moment) : null);

/** Reads a family's outline inside the removal's transaction, before anything of it goes. */
export async function outlineOf(db: Db, familyId: string): Promise<FamilyOutline> {
  const categoryRows = await db.select().from(familyCategories).where(eq(familyCategories.familyId, familyId)).orderBy(asc(familyCategories.since));
  const phaseRows = await db.select().from(familyPhases).where(eq(familyPhases.familyId, familyId)).orderBy(asc(familyPhases.since), asc(familyPhases.seq));
  const concernRows = await db.select({ submittedAt: concerns.submittedAt }).from(concerns).where(eq(concerns.familyId, familyId)).orderBy(asc(concerns.submittedAt));
  const [plan] = await db.select().from(plans).where(eq(plans.familyId, familyId));
  const agreementRows = await db.select().from(agreements).where(eq(agreements.familyId, familyId)).orderBy(asc(agreements.agreedAt));
  const taskRows = await db.select().from(tasks).where(eq(tasks.familyId, familyId)).orderBy(asc(tasks.createdAt));
  const evaluationRows = await db.select().from(evaluations).where(eq(evaluations.familyId, familyId)).orderBy(asc(evaluations.heldOn));
  const adviceRows = await db.select().from(mandateAdvices).where(eq(mandateAdvices.familyId, familyId)).orderBy(asc(mandateAdvices.issuedAt));
  const escalationRows = await db.select().from(escalations).where(eq(escalations.familyId, familyId)).orderBy(asc(escalations.raisedAt));
  const stepRows = escalationRows.length
    ? await db
        .select()
        .from(escalationSteps)
        .where(inArray(escalationSteps.escalationId, escalationRows.map((row) => row.id)))
        .orderBy(asc(escalationSteps.step))
    : [];
  const closureRows = await db.select().from(closures).where(eq(closures.familyId, familyId)).orderBy(asc(closures.closedAt));

  return {
    categories: categoryRows.map((row) => ({ category: row.category, since: isoDate(row.since) })),
    phases: phaseRows.map((row) => ({ phase: row.phase, since: isoDate(row.since) })),
    firstConcernOn: dayOf(concernRows[0]?.submittedAt ?? null),
    plan: plan ? { startedOn: plan.startedOn, evaluationMonths: plan.evaluationMonths } : null,
    agreements: agreementRows.map((row) => ({ version: row.version, party: row.party, agreedOn: isoDate(row.agreedAt) })),
    tasks: taskRows.map((row) => ({ createdOn: isoDate(row.createdAt), dueOn: row.dueDate, status: row.status })),
    evaluations: evaluationRows.map((row) => ({ heldOn: row.heldOn, final: row.final })),
    advices: adviceRows.map((row) => ({
      binding: row.binding,
      status: row.status,
      issuedOn: isoDate(row.issuedAt),
      answerDue: row.answerDue,
      answeredOn: dayOf(row.answeredAt),
    })),
    escalations: escalationRows.map((row) => ({
      track: row.track,
      status: row.status,
      raisedOn: isoDate(row.raisedAt),
      resolvedOn: dayOf(row.resolvedAt),
      steps: stepRows
        .filter((step) => step.escalationId === row.id)
        .map((step) => ({ step: step.step, startedOn: isoDate(step.startedAt), dueOn: isoDate(step.dueAt), outcome: step.outcome, decidedOn: dayOf(step.decidedAt) })),
    })),
    closures: closureRows.map((row) => ({
      closedOn: isoDate(row.closedAt),
      goalsTotal: row.goalsTotal,
      goalsAchieved: row.goalsAchieved,
      positiveExit: row.positiveExit,
      revisitOn: row.revisitOn,
      handover: row.handoverPartnerId !== null,
      aftercareEndedOn: dayOf(row.aftercareEndedAt),
      reopenedOn: dayOf(row.reopenedAt),
    })),
  };
}
