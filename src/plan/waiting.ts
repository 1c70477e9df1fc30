import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import { isoDate } from "../dates.js";
import type { Db } from "../db/database.js";
import { families } from "../families/tables.js";
import { raiseNotices, type DeadlineCheck } from "../process/deadline-check.js";
import { processSettings } from "../process/tables.js";
import { managersOf } from "../organisations/service.js";
import { tasks } from "./tables.js";

/**
 * Help asked for and not started within the region's waiting norm (001: "voorkomen dat het gezin
 * moet wachten"): the family's regisseur and the lead partner's managers are told, once per task.
 * A task the partner declined or the regisseur cancelled waits for nobody; neither does a closed family.
 */
export const waitingTooLong: DeadlineCheck = {
  name: "help-waiting-too-long",
  async run(db: Db, now: Date): Promise<number> {
    const day = isoDate(now);
    const waiting = await db
      .select({
        id: tasks.id,
        regionId: tasks.regionId,
        familyId: tasks.familyId,
        leadPartnerId: tasks.leadPartnerId,
        askedOn: tasks.askedOn,
        norm: processSettings.waitingNormDays,
        regisseurId: families.regisseurId,
      })
      .from(tasks)
      .innerJoin(families, eq(families.id, tasks.familyId))
      .leftJoin(processSettings, eq(processSettings.regionId, tasks.regionId))
      .where(
        and(
          isNull(tasks.startedOn),
          eq(tasks.status, "OPEN"),
          notInArray(tasks.response, ["DECLINED"]),
          notInArray(families.phase, ["AFTERCARE", "CLOSED"]),
          sql`${tasks.askedOn} + coalesce(${processSettings.waitingNormDays}, 28) < ${day}::date`,
        ),
      );
    if (waiting.length === 0) return 0;
    const managers = await managersOf(db, waiting.flatMap((task) => (task.leadPartnerId ? [task.leadPartnerId] : [])));
    return raiseNotices(db, now, waiting, (task) => ({
      regionId: task.regionId,
      recipients: [...(task.leadPartnerId ? (managers.get(task.leadPartnerId) ?? []) : []), task.regisseurId],
      kind: "HELP_WAITING_TOO_LONG",
      familyId: task.familyId,
      subjectId: task.id,
      due: `${addDays(task.askedOn!, task.norm ?? 28)}T00:00:00.000Z`,
      dedupeKey: `help-waiting:${task.id}`,
    }));
  },
};

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
