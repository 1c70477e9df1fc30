import { and, eq, lt } from "drizzle-orm";
import { isoDate } from "../../dates.js";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { managersOf } from "../../organisations/service.js";
import { raiseNotices, type DeadlineCheck } from "../deadline-check.js";
import { mandateAdvices } from "../tables.js";
import { dueOn } from "./service.js";

/**
 * Every advice still unanswered after its answer date: the institution's partner managers and
 * the family's regisseur are told, once per advice (the dedupe key names it).
 */
export const overdueAdvices: DeadlineCheck = {
  name: "mandate-overdue",
  async run(db: Db, now: Date): Promise<number> {
    const overdue = await db
      .select({
        id: mandateAdvices.id,
        regionId: mandateAdvices.regionId,
        familyId: mandateAdvices.familyId,
        partnerId: mandateAdvices.partnerId,
        answerDue: mandateAdvices.answerDue,
        regisseurId: families.regisseurId,
      })
      .from(mandateAdvices)
      .innerJoin(families, eq(families.id, mandateAdvices.familyId))
      .where(and(eq(mandateAdvices.status, "ISSUED"), lt(mandateAdvices.answerDue, isoDate(now))));
    if (overdue.length === 0) return 0;
    const managers = await managersOf(db, overdue.map((advice) => advice.partnerId));
    return raiseNotices(db, now, overdue, (advice) => ({
      regionId: advice.regionId,
      recipients: [...(managers.get(advice.partnerId) ?? []), advice.regisseurId],
      kind: "MANDATE_OVERDUE",
      familyId: advice.familyId,
      subjectId: advice.id,
      due: dueOn(advice.answerDue),
      dedupeKey: `mandate-overdue:${advice.id}`,
    }));
  },
};
