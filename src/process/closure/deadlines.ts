import { and, eq, inArray, isNull, lt, lte, notInArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { isoDate } from "../../dates.js";
import { families } from "../../families/tables.js";
import { professionals } from "../../organisations/tables.js";
import { tasks } from "../../plan/tables.js";
import { raiseNotices, type DeadlineCheck } from "../deadline-check.js";
import { closures } from "../tables.js";
import { plansInCycle } from "./due-evaluations.js";

/*
 * The plan's and aftercare's deadlines (raised as deadline-check.ts raises every deadline). A
 * date-only deadline is given as midnight UTC of that date, so its first ten characters are the
 * date; the dedupe key names the date too, so a new date (the next evaluation, a task moved)
 * raises a new notice.
 */
const dueMoment = (isoDay: string) => `${isoDay}T00:00:00.000Z`;

/** A plan whose next evaluation is due today or earlier: its regisseur and process lead. */
const evaluationDue: DeadlineCheck = {
  name: "evaluation-due",
  async run(db, now) {
    const day = isoDate(now);
    return raiseNotices(db, now, await plansInCycle(db), (plan) =>
      plan.due > day
        ? null
        : {
            regionId: plan.regionId,
            recipients: [plan.regisseurId, plan.processLeadId],
            kind: "EVALUATION_DUE",
            familyId: plan.familyId,
            subjectId: plan.planId,
            due: dueMoment(plan.due),
            dedupeKey: `evaluation-due:${plan.planId}:${plan.due}`,
          },
    );
  },
};

const lead = alias(professionals, "lead");

/**
 * An open or started task past its due date: its lead professional, or the regisseur when the
 * task names none, its lead has left, or its partner declined it (then the regisseur must give
 * it to someone else). A closed family's plan is history: nobody is chased for its tasks.
 */
const taskOverdue: DeadlineCheck = {
  name: "task-overdue",
  async run(db, now) {
    const day = isoDate(now);
    const rows = await db
      .select({
        id: tasks.id,
        regionId: tasks.regionId,
        familyId: tasks.familyId,
        dueDate: tasks.dueDate,
        response: tasks.response,
        leadId: lead.id,
        leadActive: lead.active,
        regisseurId: families.regisseurId,
      })
      .from(tasks)
      .innerJoin(families, eq(families.id, tasks.familyId))
      .leftJoin(lead, eq(lead.id, tasks.leadProfessionalId))
      .where(and(inArray(tasks.status, ["OPEN", "IN_PROGRESS"]), lt(tasks.dueDate, day), notInArray(families.phase, ["AFTERCARE", "CLOSED"])));
    return raiseNotices(db, now, rows, (task) => ({
      regionId: task.regionId,
      recipients: [task.leadId && task.leadActive && task.response !== "DECLINED" ? task.leadId : task.regisseurId],
      kind: "TASK_OVERDUE",
      familyId: task.familyId,
      subjectId: task.id,
      due: dueMoment(task.dueDate),
      dedupeKey: `task-overdue:${task.id}:${task.dueDate}`,
    }));
  },
};

/** A family in aftercare whose revisit date has come: the aftercare keeper and the process lead. */
const aftercareRevisitDue: DeadlineCheck = {
  name: "aftercare-revisit-due",
  async run(db, now) {
    const day = isoDate(now);
    const rows = await db
      .select({
        id: closures.id,
        regionId: closures.regionId,
        familyId: closures.familyId,
        revisitOn: closures.revisitOn,
        keeperId: closures.aftercareKeeperId,
        processLeadId: families.processLeadId,
      })
      .from(closures)
      .innerJoin(families, eq(families.id, closures.familyId))
      .where(and(eq(families.phase, "AFTERCARE"), isNull(closures.aftercareEndedAt), isNull(closures.reopenedAt), lte(closures.revisitOn, day)));
    return raiseNotices(db, now, rows, (closure) => ({
      regionId: closure.regionId,
      recipients: [closure.keeperId, closure.processLeadId],
      kind: "AFTERCARE_REVISIT_DUE",
      familyId: closure.familyId,
      subjectId: closure.id,
      due: dueMoment(closure.revisitOn),
      dedupeKey: `aftercare-revisit:${closure.id}`,
    }));
  },
};

export const closureDeadlineChecks: DeadlineCheck[] = [evaluationDue, taskOverdue, aftercareRevisitDue];
