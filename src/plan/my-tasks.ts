import { and, eq, getTableColumns } from "drizzle-orm";
import { ownTasks } from "../access/rules.js";
import type { AuthenticatedContext } from "../context.js";
import { seesTaskProcess } from "../covenant/decisions/predicates.js";
import { today } from "../dates.js";
import { readPage, type Page, type PageArgs } from "../pagination/page.js";
import { professionalScope } from "../pagination/cursor.js";
import { fillPage, seekAfter, seekKey, seekOrder, type SeekColumn } from "../pagination/seek.js";
import { toTask } from "./parts.js";
import { tasks } from "./tables.js";
import type { Task } from "./types.js";

/** The soonest due first; of one day the newest given first; then id, so the order is unique. */
const ORDER: SeekColumn[] = [{ column: tasks.dueDate }, { column: tasks.createdAt, descending: true }, { column: tasks.id }];

/**
 * `myTasks`: the tasks given to the caller's organisation, a page at a time, in the families
 * whose task process the caller may read (own-tasks: seesTaskProcess per family, decided row by
 * row). Fields guarded at this entry record nothing themselves: the entry records the page's
 * families as read.
 */
export async function myTasks(ctx: AuthenticatedContext, args: PageArgs): Promise<Page<Task>> {
  const { caller } = ctx;
  const page = readPage(professionalScope(caller, "myTasks"), args, ORDER.length);
  const day = today(ctx);
  const result = await fillPage(
    page,
    (after, limit) =>
      ctx.db
        .select({ ...getTableColumns(tasks), seekKey: seekKey(ORDER) })
        .from(tasks)
        .where(and(eq(tasks.leadPartnerId, caller.partnerId), eq(tasks.regionId, caller.regionId), seekAfter(ORDER, after)))
        .orderBy(...seekOrder(ORDER))
        .limit(limit),
    async (rows) => {
      const entitlements = await ctx.entitlements.loadMany(rows.map((row) => row.familyId));
      return rows.map((row, index) => {
        const entitlement = entitlements[index];
        const visible = entitlement !== undefined && !(entitlement instanceof Error) && seesTaskProcess(entitlement, row.leadPartnerId ?? undefined);
        return visible ? toTask(row, day) : null;
      });
    },
  );
  for (const task of result.nodes) ctx.access.read(task.familyId, "Query.myTasks", ownTasks.name, null);
  return result;
}
