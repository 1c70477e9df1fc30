import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { familyGate, requireFamily } from "../covenant/decisions/gate.js";
import { KNOWS_FAMILY } from "../covenant/decisions/needs.js";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today } from "../dates.js";
import { badInput, conflict, forbidden, notFound } from "../errors.js";
import { normalizeId } from "../ids.js";
import { parseInput, text } from "../validation.js";
import { commit, forgetPlan, lockPlan } from "./edit.js";
import { toTask } from "./parts.js";
import { tasks } from "./tables.js";
import type { Task, TaskResponse, TaskStatus } from "./types.js";

type TaskRow = typeof tasks.$inferSelect;

/** A task reached by its id: NOT_FOUND (as the task) to whoever may not know its family. */
const TASK_OF_KNOWN_FAMILY = familyGate({
  operations: ["Mutation.respondToTask", "Mutation.setTaskStatus"],
  need: KNOWS_FAMILY,
  note: "then FORBIDDEN unless the caller's organisation leads the task",
});

/**
 * A task given to the caller's organisation, locked with its plan. Someone who may not know the
 * family gets NOT_FOUND; someone who knows it but whose organisation does not lead the task,
 * FORBIDDEN: a partner changes its own tasks only.
 */
async function ownTask(tx: AuthenticatedContext, rawId: string): Promise<TaskRow> {
  const id = normalizeId(rawId);
  const [found] = id ? await tx.db.select().from(tasks).where(and(eq(tasks.id, id), eq(tasks.regionId, tx.caller.regionId))) : [];
  if (!found) throw notFound("Task");
  await requireFamily(tx, found.familyId, TASK_OF_KNOWN_FAMILY, { missing: "Task" });
  if (found.leadPartnerId !== tx.caller.partnerId) throw forbidden("Only a professional of the task's lead partner may do this.");
  await lockPlan(tx, found.familyId);
  const [task] = await tx.db.select().from(tasks).where(eq(tasks.id, found.id));
  return task!;
}

async function changeOwnTask(ctx: AuthenticatedContext, rawId: string, change: (task: TaskRow) => Partial<TaskRow> & { action: string }): Promise<Task> {
  const task = await inTransaction(ctx, async (tx) => {
    const task = await ownTask(tx, rawId);
    const { action, ...values } = change(task);
    const [row] = await tx.db.update(tasks).set({ ...values, updatedAt: tx.now() }).where(eq(tasks.id, task.id)).returning();
    await commit(tx, await lockPlan(tx, task.familyId), { action, partKind: "TASK", itemId: task.id, snapshot: row! });
    return row!;
  });
  forgetPlan(ctx, task.familyId);
  return toTask(task, today(ctx));
}

const reasonSchema = text(1000).nullish();

/** The lead partner accepts or declines a task given to it; declining needs a reason. */
export function respondToTask(ctx: AuthenticatedContext, taskId: string, response: TaskResponse, rawReason: string | null | undefined): Promise<Task> {
  const reason = parseInput(reasonSchema, rawReason, "reason") ?? null;
  if (response === "PENDING") throw badInput("response", "answer ACCEPTED or DECLINED");
  if (response === "DECLINED" && !reason) throw badInput("reason", "required when declining a task");
  return changeOwnTask(ctx, taskId, (task) => {
    if (task.status === "CANCELLED") throw conflict("taskId: the regisseur cancelled this task.");
    if (task.response !== "PENDING") throw conflict(`taskId: the task was already ${task.response.toLowerCase()}.`);
    return {
      action: response === "ACCEPTED" ? "TASK_ACCEPTED" : "TASK_DECLINED",
      response,
      responseReason: reason,
      respondedBy: ctx.caller.professionalId,
      respondedAt: ctx.now(),
    };
  });
}

const statusSchema = z.enum(["IN_PROGRESS", "DONE"], "a partner sets IN_PROGRESS or DONE; the regisseur cancels");

/** The lead partner reports progress on its own accepted task. */
export function setTaskStatus(ctx: AuthenticatedContext, taskId: string, rawStatus: TaskStatus): Promise<Task> {
  const status = parseInput(statusSchema, rawStatus, "status");
  return changeOwnTask(ctx, taskId, (task) => {
    if (task.response !== "ACCEPTED") throw conflict("taskId: accept the task before reporting on it.");
    if (task.status === "CANCELLED") throw conflict("taskId: the task was cancelled.");
    // The help has started: the first report of progress (or of being done) ends the wait.
    return { action: "TASK_STATUS_CHANGED", status, ...(task.startedOn ? {} : { startedOn: today(ctx) }) };
  });
}
