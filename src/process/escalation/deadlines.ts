import { and, eq, isNull, lte } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { raiseNotices, type DeadlineCheck } from "../deadline-check.js";
import { escalations, escalationSteps } from "../tables.js";
import { actorsOf } from "./actors.js";
import { ladderOf, type LadderStep } from "./open.js";
import { stepDefinition } from "./parties.js";

/**
 * Every open escalation whose current step is past its deadline: the step's deciders and the
 * family's process lead are told, once per step (the key names the step, so the next step's
 * deadline raises again).
 */
export const escalationOverdue: DeadlineCheck = {
  name: "escalation-overdue",
  async run(db: Db, now: Date): Promise<number> {
    const overdue = await db
      .select({
        escalation: escalations,
        stepId: escalationSteps.id,
        dueAt: escalationSteps.dueAt,
        processLeadId: families.processLeadId,
      })
      .from(escalations)
      .innerJoin(
        escalationSteps,
        and(eq(escalationSteps.escalationId, escalations.id), eq(escalationSteps.step, escalations.currentStep), isNull(escalationSteps.outcome)),
      )
      .innerJoin(families, eq(families.id, escalations.familyId))
      .where(and(eq(escalations.status, "OPEN"), lte(escalationSteps.dueAt, now)));
    const ladders = new Map<string, Promise<LadderStep[]>>();
    return raiseNotices(db, now, overdue, async ({ escalation, stepId, dueAt, processLeadId }) => {
      const key = `${escalation.regionId}:${escalation.track}:${escalation.variant}`;
      if (!ladders.has(key)) ladders.set(key, ladderOf({ db }, escalation.regionId, escalation.track, escalation.variant));
      const definition = stepDefinition(await ladders.get(key)!, escalation.currentStep);
      const deciders = await actorsOf(db, escalation, definition?.deciders ?? []);
      return {
        regionId: escalation.regionId,
        recipients: [...deciders, processLeadId],
        kind: "ESCALATION_OVERDUE",
        familyId: escalation.familyId,
        subjectId: escalation.id,
        due: dueAt.toISOString(),
        dedupeKey: `escalation-overdue:${stepId}`,
      };
    });
  },
};
