import { and, asc, eq, inArray } from "drizzle-orm";
import { isoDate } from "../../dates.js";
import type { Db } from "../../db/database.js";
import { familyCategories, regieAssignments } from "../../families/tables.js";
import { professionals } from "../../organisations/tables.js";
import { agreements, budgetCommitments, evaluations, planRevisions, plans, tasks } from "../../plan/tables.js";
import { closures, concerns, escalationSteps, escalations, familyPhases, mandateAdvices, screenings } from "../../process/tables.js";
import { coverageSeries } from "../indicators/coverage.js";
import type { FamilyOutline, TaskState } from "./tables.js";

const dayOf = (moment: Date | null): string | null => (moment ? isoDate(moment) : null);

/** Reads a family's outline inside the removal's transaction, before anything of it goes. */
export async function outlineOf(db: Db, familyId: string): Promise<FamilyOutline> {
  const categoryRows = await db.select().from(familyCategories).where(eq(familyCategories.familyId, familyId)).orderBy(asc(familyCategories.since));
  const phaseRows = await db.select().from(familyPhases).where(eq(familyPhases.familyId, familyId)).orderBy(asc(familyPhases.since), asc(familyPhases.seq));
  const concernRows = await db
    .select({ submittedAt: concerns.submittedAt, discussedWithFamily: concerns.discussedWithFamily })
    .from(concerns)
    .where(eq(concerns.familyId, familyId))
    .orderBy(asc(concerns.submittedAt));
  const [screening] = await db.select().from(screenings).where(eq(screenings.familyId, familyId));
  const regieRows = await db
    .select({ since: regieAssignments.since, until: regieAssignments.until, active: professionals.active })
    .from(regieAssignments)
    .innerJoin(professionals, eq(professionals.id, regieAssignments.professionalId))
    .where(eq(regieAssignments.familyId, familyId))
    .orderBy(asc(regieAssignments.since));
  const [plan] = await db.select().from(plans).where(eq(plans.familyId, familyId));
  const agreementRows = await db.select().from(agreements).where(eq(agreements.familyId, familyId)).orderBy(asc(agreements.agreedAt));
  const taskRows = await db.select().from(tasks).where(eq(tasks.familyId, familyId)).orderBy(asc(tasks.createdAt));
  const budgetRows = await db.select({ spent: budgetCommitments.spentCents, status: budgetCommitments.status }).from(budgetCommitments).where(eq(budgetCommitments.familyId, familyId));
  const taskRevisions = await db
    .select({ itemId: planRevisions.itemId, changedAt: planRevisions.changedAt, snapshot: planRevisions.snapshot })
    .from(planRevisions)
    .where(and(eq(planRevisions.familyId, familyId), eq(planRevisions.partKind, "TASK")))
    .orderBy(asc(planRevisions.version));
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
  const closureRows = await db
    .select({ closure: closures, keeperActive: professionals.active })
    .from(closures)
    .leftJoin(professionals, eq(professionals.id, closures.aftercareKeeperId))
    .where(eq(closures.familyId, familyId))
    .orderBy(asc(closures.closedAt));

  return {
    categories: categoryRows.map((row) => ({ category: row.category, since: isoDate(row.since) })),
    phases: phaseRows.map((row) => ({ phase: row.phase, since: isoDate(row.since) })),
    concerns: concernRows.map((row) => ({ submittedOn: isoDate(row.submittedAt), discussedWithFamily: row.discussedWithFamily })),
    screening: screening ? { screenedOn: isoDate(screening.screenedAt), outcome: screening.outcome } : null,
    regie: regieRows.map((row) => ({ since: isoDate(row.since), until: dayOf(row.until), regisseurActive: row.active })),
    plan: plan ? { startedOn: plan.startedOn, evaluationMonths: plan.evaluationMonths } : null,
    // The cost picture: what was spent on the plan, a sum only.
    budgetSpentCents: budgetRows.filter((row) => row.status === "APPROVED").reduce((total, row) => total + row.spent, 0),
    coverage: plan ? await coverageSeries(db, familyId) : [],
    agreements: agreementRows.map((row) => ({ version: row.version, party: row.party, agreedOn: isoDate(row.agreedAt) })),
    tasks: taskRows.map((row) => ({
      createdOn: isoDate(row.createdAt),
      dueOn: row.dueDate,
      status: row.status,
      // Days only: the wait for help counts in the indicators after the family is gone.
      askedOn: row.askedOn,
      startedOn: row.startedOn,
      revisions: taskStates(taskRevisions.filter((revision) => revision.itemId === row.id)),
    })),
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
    closures: closureRows.map(({ closure, keeperActive }) => ({
      closedOn: isoDate(closure.closedAt),
      goalsTotal: closure.goalsTotal,
      goalsAchieved: closure.goalsAchieved,
      positiveExit: closure.positiveExit,
      revisitOn: closure.revisitOn,
      keeperActive: keeperActive ?? false,
      handover: closure.handoverPartnerId !== null,
      aftercareEndedOn: dayOf(closure.aftercareEndedAt),
      reopenedOn: dayOf(closure.reopenedAt),
    })),
  };
}

/**
 * A task's status and due date as each day's changes left them, from its revisions (the report
 * reads tasks as they stood from these): a day's last change only, and only when it changed
 * either, so the outline keeps no more days than the figures need.
 */
function taskStates(revisions: { changedAt: Date; snapshot: Record<string, unknown> | null }[]): TaskState[] {
  const states: TaskState[] = [];
  for (const revision of revisions) {
    const state = { on: isoDate(revision.changedAt), status: String(revision.snapshot?.["status"]), dueOn: String(revision.snapshot?.["dueDate"]) };
    if (states.at(-1)?.on === state.on) states.pop();
    const last = states.at(-1);
    if (!last || last.status !== state.status || last.dueOn !== state.dueOn) states.push(state);
  }
  return states;
}
