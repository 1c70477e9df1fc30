import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../context.js";
import { today } from "../dates.js";
import { familyGate, requireFamily } from "../covenant/decisions/gate.js";
import { KNOWS_FAMILY } from "../covenant/decisions/needs.js";
import { badInput, notFound } from "../errors.js";
import { normalizeId } from "../ids.js";
import { day, parseInput, text } from "../validation.js";
import { refuseFinalOutsideClosing } from "../process/closure/final-evaluation.js";
import { editPlan, memberOf, membersOf, partnerInRegion, professionalOfPartner } from "./edit.js";
import { lifeDomainOf } from "./life-domains.js";
import { networkMemberOf } from "./network/service.js";
import { analyses, evaluations, goals, milestones, tasks } from "./tables.js";
import {
  GOAL_STATUSES,
  TASK_STATUSES,
  type AnalysisInput,
  type EvaluationInput,
  type GoalInput,
  type GoalUpdate,
  type MilestoneInput,
  type TaskInput,
  type TaskUpdate,
} from "./types.js";

/*
 * The regisseur's edits of the plan's parts, each made through editPlan (edit.ts): on the
 * version the editor last saw, recorded as the plan's next version.
 */

async function goalOfPlan(tx: AuthenticatedContext, planId: string, raw: string, field: string) {
  const id = normalizeId(raw);
  const [row] = id ? await tx.db.select().from(goals).where(and(eq(goals.id, id), eq(goals.planId, planId))) : [];
  if (!row) throw badInput(field, "not a goal of this plan");
  return row;
}

/** A part reached by its own id: NOT_FOUND (as the part) to whoever may not know its family. */
const PART_OF_KNOWN_FAMILY = familyGate({
  operations: ["Mutation.updateGoal", "Mutation.updateTask", "Mutation.markMilestoneReached"],
  need: KNOWS_FAMILY,
});

/** A part found by its own id: its family must be one the caller may know of. */
export async function partFamily(tx: AuthenticatedContext, table: typeof goals | typeof tasks | typeof milestones, raw: string, what: string): Promise<string> {
  const id = normalizeId(raw);
  const [row] = id ? await tx.db.select({ familyId: table.familyId }).from(table).where(and(eq(table.id, id), eq(table.regionId, tx.caller.regionId))) : [];
  if (!row) throw notFound(what);
  await requireFamily(tx, row.familyId, PART_OF_KNOWN_FAMILY, { missing: what });
  return row.familyId;
}

const analysisSchema = z.object({ lifeDomain: z.string(), memberId: z.string().nullish(), text: text(20000) });

/** Writes the analysis of one life domain (for the household, or one member). */
export function setAnalysis(ctx: AuthenticatedContext, familyId: string, expectedVersion: number, raw: AnalysisInput) {
  const input = parseInput(analysisSchema, raw, "input");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const personId = input.memberId ? await memberOf(tx, plan.familyId, input.memberId, "input.memberId") : null;
    const [existing] = await tx.db
      .select()
      .from(analyses)
      .where(and(eq(analyses.planId, plan.id), eq(analyses.lifeDomain, lifeDomain), personId ? eq(analyses.personId, personId) : sql`${analyses.personId} is null`));
    const [row] = existing
      ? await tx.db.update(analyses).set({ text: input.text, updatedAt: tx.now() }).where(eq(analyses.id, existing.id)).returning()
      : await tx.db
          .insert(analyses)
          .values({ regionId: plan.regionId, familyId: plan.familyId, planId: plan.id, lifeDomain, personId, text: input.text, updatedAt: tx.now() })
          .returning();
    return { action: existing ? "ANALYSIS_CHANGED" : "ANALYSIS_ADDED", partKind: "ANALYSIS", itemId: row!.id, snapshot: row! };
  });
}

const goalSchema = z
  .object({
    lifeDomain: z.string(),
    memberIds: z.array(z.string()).max(30, "at most 30 members"),
    ownWords: text(2000),
    target: text(2000),
    leadMemberId: z.string().nullish(),
    leadNetworkMemberId: z.string().nullish(),
  })
  .refine((input) => !(input.leadMemberId && input.leadNetworkMemberId), { path: ["leadNetworkMemberId"], message: "one lead: a member or a network member, not both" });

export function addGoal(ctx: AuthenticatedContext, familyId: string, expectedVersion: number, raw: GoalInput) {
  const input = parseInput(goalSchema, raw, "input");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const memberIds = await membersOf(tx, plan.familyId, input.memberIds, "input.memberIds");
    const leadPersonId = input.leadMemberId ? await memberOf(tx, plan.familyId, input.leadMemberId, "input.leadMemberId") : null;
    const leadNetworkMemberId = input.leadNetworkMemberId ? await networkMemberOf(tx, plan.familyId, input.leadNetworkMemberId, "input.leadNetworkMemberId") : null;
    const [row] = await tx.db
      .insert(goals)
      .values({
        regionId: plan.regionId,
        familyId: plan.familyId,
        planId: plan.id,
        lifeDomain,
        memberIds,
        ownWords: input.ownWords,
        target: input.target,
        leadPersonId,
        leadNetworkMemberId,
        status: "OPEN",
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    return { action: "GOAL_ADDED", partKind: "GOAL", itemId: row!.id, snapshot: row! };
  });
}

const goalUpdateSchema = z.object({
  ownWords: text(2000).nullish(),
  target: text(2000).nullish(),
  status: z.enum(GOAL_STATUSES).nullish(),
  achievement: z.number().int().min(0, "at least 0").max(100, "at most 100").nullish(),
});

export async function updateGoal(ctx: AuthenticatedContext, goalId: string, expectedVersion: number, raw: GoalUpdate) {
  const input = parseInput(goalUpdateSchema, raw, "input");
  const familyId = await partFamily(ctx, goals, goalId, "Goal");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const goal = await goalOfPlan(tx, plan.id, goalId, "goalId");
    const [row] = await tx.db
      .update(goals)
      .set({
        ownWords: input.ownWords ?? goal.ownWords,
        target: input.target ?? goal.target,
        status: input.status ?? goal.status,
        achievement: input.achievement === undefined ? goal.achievement : input.achievement,
        updatedAt: tx.now(),
      })
      .where(eq(goals.id, goal.id))
      .returning();
    return { action: "GOAL_CHANGED", partKind: "GOAL", itemId: goal.id, snapshot: row! };
  });
}

const taskSchema = z.object({
  goalId: z.string().nullish(),
  lifeDomain: z.string(),
  memberIds: z.array(z.string()).max(30, "at most 30 members"),
  description: text(2000),
  leadPartnerId: z.string().nullish(),
  leadProfessionalId: z.string().nullish(),
  leadMemberId: z.string().nullish(),
  leadNetworkMemberId: z.string().nullish(),
  dueDate: day,
  followUp: text(2000).nullish(),
  askedOn: day.nullish(),
}).superRefine((input, issues) => {
  const leads = [input.leadPartnerId, input.leadMemberId, input.leadNetworkMemberId].filter(Boolean).length;
  if (leads !== 1) issues.addIssue({ code: "custom", path: ["leadPartnerId"], message: "name exactly one lead: a partner, a family member (leadMemberId) or a network member (leadNetworkMemberId)" });
  if (input.leadProfessionalId && !input.leadPartnerId) issues.addIssue({ code: "custom", path: ["leadProfessionalId"], message: "only with a lead partner" });
});

/** Gives a task to a partner; the partner accepts or declines it. */
export function addTask(ctx: AuthenticatedContext, familyId: string, expectedVersion: number, raw: TaskInput) {
  const input = parseInput(taskSchema, raw, "input");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const memberIds = await membersOf(tx, plan.familyId, input.memberIds, "input.memberIds");
    const goal = input.goalId ? await goalOfPlan(tx, plan.id, input.goalId, "input.goalId") : null;
    const leadPartnerId = input.leadPartnerId ? await partnerInRegion(tx, input.leadPartnerId, "input.leadPartnerId") : null;
    const leadProfessionalId = input.leadProfessionalId && leadPartnerId
      ? await professionalOfPartner(tx, input.leadProfessionalId, leadPartnerId, "input.leadProfessionalId")
      : null;
    const leadPersonId = input.leadMemberId ? await memberOf(tx, plan.familyId, input.leadMemberId, "input.leadMemberId") : null;
    const leadNetworkMemberId = input.leadNetworkMemberId ? await networkMemberOf(tx, plan.familyId, input.leadNetworkMemberId, "input.leadNetworkMemberId") : null;
    if (input.askedOn && input.askedOn > today(tx)) throw badInput("input.askedOn", "lies in the future");
    const [row] = await tx.db
      .insert(tasks)
      .values({
        regionId: plan.regionId,
        familyId: plan.familyId,
        planId: plan.id,
        goalId: goal?.id ?? null,
        lifeDomain,
        memberIds,
        description: input.description,
        leadPartnerId,
        leadProfessionalId,
        leadPersonId,
        leadNetworkMemberId,
        dueDate: input.dueDate,
        followUp: input.followUp ?? null,
        askedOn: input.askedOn ?? today(tx),
        status: "OPEN",
        // A partner answers the task given to it; what the family or its network takes on was agreed with them.
        response: leadPartnerId ? "PENDING" : "ACCEPTED",
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    return { action: "TASK_ADDED", partKind: "TASK", itemId: row!.id, snapshot: row! };
  });
}

const taskUpdateSchema = z.object({
  description: text(2000).nullish(),
  dueDate: day.nullish(),
  followUp: text(2000).nullish(),
  leadProfessionalId: z.string().nullish(),
  status: z.enum(TASK_STATUSES).nullish(),
});

export async function updateTask(ctx: AuthenticatedContext, taskId: string, expectedVersion: number, raw: TaskUpdate) {
  const input = parseInput(taskUpdateSchema, raw, "input");
  const familyId = await partFamily(ctx, tasks, taskId, "Task");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const [task] = await tx.db.select().from(tasks).where(and(eq(tasks.id, normalizeId(taskId)!), eq(tasks.planId, plan.id)));
    if (!task) throw notFound("Task");
    if (input.leadProfessionalId && !task.leadPartnerId) throw badInput("input.leadProfessionalId", "this task is done by a family or network member, not a partner");
    const leadProfessionalId = input.leadProfessionalId
      ? await professionalOfPartner(tx, input.leadProfessionalId, task.leadPartnerId!, "input.leadProfessionalId")
      : task.leadProfessionalId;
    const [row] = await tx.db
      .update(tasks)
      .set({
        description: input.description ?? task.description,
        dueDate: input.dueDate ?? task.dueDate,
        followUp: input.followUp ?? task.followUp,
        leadProfessionalId,
        status: input.status ?? task.status,
        updatedAt: tx.now(),
      })
      .where(eq(tasks.id, task.id))
      .returning();
    return { action: "TASK_CHANGED", partKind: "TASK", itemId: task.id, snapshot: row! };
  });
}

const milestoneSchema = z.object({ title: text(500), dueDate: day });

export function addMilestone(ctx: AuthenticatedContext, familyId: string, expectedVersion: number, raw: MilestoneInput) {
  const input = parseInput(milestoneSchema, raw, "input");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const [row] = await tx.db
      .insert(milestones)
      .values({ regionId: plan.regionId, familyId: plan.familyId, planId: plan.id, title: input.title, dueDate: input.dueDate })
      .returning();
    return { action: "MILESTONE_ADDED", partKind: "SCHEDULE", itemId: row!.id, snapshot: row! };
  });
}

export async function markMilestoneReached(ctx: AuthenticatedContext, milestoneId: string, expectedVersion: number, reachedOn: string | null | undefined) {
  const on = parseInput(day.nullish(), reachedOn, "reachedOn") ?? today(ctx);
  if (on > today(ctx)) throw badInput("reachedOn", "lies in the future");
  const familyId = await partFamily(ctx, milestones, milestoneId, "Milestone");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const [row] = await tx.db
      .update(milestones)
      .set({ reachedOn: on })
      .where(and(eq(milestones.id, normalizeId(milestoneId)!), eq(milestones.planId, plan.id)))
      .returning();
    if (!row) throw notFound("Milestone");
    return { action: "MILESTONE_REACHED", partKind: "SCHEDULE", itemId: row.id, snapshot: row };
  });
}

const evaluationSchema = z.object({
  heldOn: day,
  overall: text(5000),
  results: z
    .array(z.object({ goalId: z.string(), result: text(2000), achievement: z.number().int().min(0, "at least 0").max(100, "at most 100").nullish() }))
    .max(200, "at most 200 results"),
  final: z.boolean().nullish(),
});

/**
 * Records an evaluation; the next one falls due a cycle (default three months) after it. A final
 * one (which closing needs) only while the family is in CLOSING.
 */
export function recordEvaluation(ctx: AuthenticatedContext, familyId: string, expectedVersion: number, raw: EvaluationInput) {
  const input = parseInput(evaluationSchema, raw, "input");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    if (input.heldOn > today(tx)) throw badInput("input.heldOn", "lies in the future");
    const final = input.final ?? false;
    if (final) await refuseFinalOutsideClosing(tx, plan.familyId);
    // The plan's goals named, in one statement however many results there are.
    const ids = input.results.map((result) => normalizeId(result.goalId)).filter((id): id is string => id !== null);
    const named = ids.length > 0 ? await tx.db.select().from(goals).where(and(eq(goals.planId, plan.id), inArray(goals.id, ids))) : [];
    const byId = new Map(named.map((goal) => [goal.id, goal]));
    const seen = new Set<string>();
    const results = input.results.map((result, index) => {
      const field = `input.results[${index}].goalId`;
      const goal = byId.get(normalizeId(result.goalId) ?? "");
      if (!goal) throw badInput(field, "not a goal of this plan");
      if (seen.has(goal.id)) throw badInput(field, "this goal already has a result here");
      seen.add(goal.id);
      return { goalId: goal.id, result: result.result, achievement: result.achievement ?? null, lifeDomain: goal.lifeDomain, memberIds: goal.memberIds };
    });
    const [row] = await tx.db
      .insert(evaluations)
      .values({ regionId: plan.regionId, familyId: plan.familyId, planId: plan.id, heldOn: input.heldOn, overall: input.overall, results, final, recordedBy: tx.caller.professionalId })
      .returning();
    return { action: "EVALUATION_RECORDED", partKind: "EVALUATION", itemId: row!.id, snapshot: row! };
  });
}

