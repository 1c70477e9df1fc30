import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { managersOf } from "../../organisations/service.js";
import { raiseNotices, type DeadlineCheck } from "../../process/deadline-check.js";
import { coordinatedSteps } from "../tables.js";

/**
 * Every awaited report of a step under a legal duty past its due moment: the family's regisseur
 * and the partner's managers are told, once per step.
 */
export const overdueStepReports: DeadlineCheck = {
  name: "step-report-overdue",
  async run(db: Db, now: Date): Promise<number> {
    const overdue = await db
      .select({
        id: coordinatedSteps.id,
        regionId: coordinatedSteps.regionId,
        familyId: coordinatedSteps.familyId,
        partnerId: coordinatedSteps.partnerId,
        reportDueAt: coordinatedSteps.reportDueAt,
        regisseurId: families.regisseurId,
      })
      .from(coordinatedSteps)
      .innerJoin(families, eq(families.id, coordinatedSteps.familyId))
      .where(and(eq(coordinatedSteps.status, "AWAITING_REPORT"), lt(coordinatedSteps.reportDueAt, now)));
    if (overdue.length === 0) return 0;
    const managers = await managersOf(db, overdue.map((step) => step.partnerId));
    return raiseNotices(db, now, overdue, (step) => ({
      regionId: step.regionId,
      recipients: [...(managers.get(step.partnerId) ?? []), step.regisseurId],
      kind: "STEP_REPORT_OVERDUE",
      familyId: step.familyId,
      subjectId: step.id,
      due: step.reportDueAt!.toISOString(),
      dedupeKey: `step-report-overdue:${step.id}`,
    }));
  },
};
