import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { familyGate, requireFamily } from "../covenant/decisions/gate.js";
import type { PartKind } from "../covenant/decisions/levels.js";
import { KNOWS_FAMILY, REGISSEUR } from "../covenant/decisions/needs.js";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today } from "../dates.js";
import { badInput, conflict, notFound } from "../errors.js";
import { familyMemberships, memberOn } from "../families/tables.js";
import { normalizeId } from "../ids.js";
import { partners, professionals } from "../organisations/tables.js";
import { day, parseInput, text } from "../validation.js";
import { refuseFinalOutsideClosing } from "../process/closure/final-evaluation.js";
import { lifeDomainOf } from "./life-domains.js";
import { toRevision } from "./parts.js";
import { analyses, evaluations, goals, milestones, planRevisions, plans, tasks } from "./tables.js";
import {
  GOAL_STATUSES,
  TASK_STATUSES,
  type AnalysisInput,
  type EvaluationInput,
  type GoalInput,
  type GoalUpdate,
  type MilestoneInput,
  type PlanRevision,
  type TaskInput,
  type TaskUpdate,
} from "./types.js";
import { recordWrite } from "../accountability/access-log/writes.js";

type PlanRow = typeof plans.$inferSelect;

/** What one edit did: recorded as the plan's next version, with the part as it is afterwards. */
interface Change {
  action: string;
  partKind: PartKind | "PLAN";
  itemId: string | null;
  snapshot: Record<string, unknown> | null;
}

const versionSchema = z.number().int().min(1, "a plan version starts at 1");

/** Only the regisseur edits the plan (domain brief §3), under a share lock on the family row. */
const PLAN_EDIT = familyGate({
  operations: [
    "Mutation.startPlan",
    "Mutation.setAnalysis",
    "Mutation.addGoal",
    "Mutation.updateGoal",
    "Mutation.addTask",
    "Mutation.updateTask",
    "Mutation.addMilestone",
    "Mutation.markMilestoneReached",
    "Mutation.recordEvaluation",
    "Mutation.addCoachNote",
  ],
  need: REGISSEUR,
  refusal: "Only the family's regisseur edits the plan.",
  lock: "share",
});

/** The family id, when the caller is its regisseur; FORBIDDEN to others who know it, NOT_FOUND to the rest. */
export async function regisseurOf(tx: AuthenticatedContext, rawId: string): Promise<string> {
  return (await requireFamily(tx, rawId, PLAN_EDIT)).familyId;
}

/** The plan row, locked until commit: two edits of one plan take turns. */
export async function lockPlan(tx: AuthenticatedContext, familyId: string): Promise<PlanRow> {
  const [plan] = await tx.db.select().from(plans).where(and(eq(plans.familyId, familyId), eq(plans.regionId, tx.caller.regionId))).for("update");
  if (!plan) throw notFound("Plan");
  return plan;
}

/** Records a change as the plan's next version. */
export async function commit(tx: AuthenticatedContext, plan: PlanRow, change: Change): Promise<PlanRevision> {
  const version = plan.version + 1;
  recordWrite(tx, plan.familyId, { data: [change.partKind ?? "PLAN"] });
  await tx.db.update(plans).set({ version, updatedAt: tx.now() }).where(eq(plans.id, plan.id));
  const [revision] = await tx.db
    .insert(planRevisions)
    .values({
      regionId: plan.regionId,
      familyId: plan.familyId,
      planId: plan.id,
      version,
      action: change.action,
      partKind: change.partKind,
      itemId: change.itemId,
      snapshot: change.snapshot,
      changedBy: tx.caller.professionalId,
      changedAt: tx.now(),
    })
    .returning();
  return toRevision(revision!, today(tx));
}

/**
 * A regisseur's edit under optimistic concurrency: made on the version the editor last saw, or
 * refused with CONFLICT (and nothing written), so no one overwrites a change they never saw.
 */
async function editPlan(
  ctx: AuthenticatedContext,
  rawFamilyId: string,
  expectedVersion: number,
  work: (tx: AuthenticatedContext, plan: PlanRow) => Promise<Change>,
): Promise<PlanRevision> {
  parseInput(versionSchema, expectedVersion, "expectedVersion");
  const revision = await inTransaction(ctx, async (tx) => {
    const familyId = await regisseurOf(tx, rawFamilyId);
    const plan = await lockPlan(tx, familyId);
    if (plan.version !== expectedVersion) {
      throw conflict(`expectedVersion: the plan is at version ${plan.version}, not ${expectedVersion}; reload it and apply your change again.`);
    }
    return commit(tx, plan, await work(tx, plan));
  });
  forgetPlan(ctx, revision.familyId);
  return revision;
}

/** After a change the request's loaders must not answer from what they read before it. */
export function forgetPlan(ctx: AuthenticatedContext, familyId: string) {
  for (const loader of ["plan", "analyses", "goals", "tasks", "milestones", "evaluations", "agreements", "revisions"] as const) {
    ctx.loaders[loader].clear(familyId);
  }
  ctx.loaders.tasksOfPartner.clearAll();
  ctx.entitlements.clear(familyId);
}

/** Starts the family's one plan (version 1). */
export async function startPlan(ctx: AuthenticatedContext, rawFamilyId: string, rawReferrer: string | null | undefined): Promise<PlanRevision> {
  const revision = await inTransaction(ctx, async (tx) => {
    const familyId = await regisseurOf(tx, rawFamilyId);
    const referringPartnerId = rawReferrer ? await partnerInRegion(tx, rawReferrer, "referringPartnerId") : null;
    const [plan] = await tx.db
      .insert(plans)
      .values({
        regionId: tx.caller.regionId,
        familyId,
        version: 0,
        referringPartnerId,
        startedOn: today(tx),
        startedBy: tx.caller.professionalId,
        updatedAt: tx.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!plan) throw conflict("familyId: this family already has its plan; there is one plan per family.");
    return commit(tx, plan, { action: "PLAN_STARTED", partKind: "PLAN", itemId: null, snapshot: null });
  });
  forgetPlan(ctx, revision.familyId);
  return revision;
}

// --- validation against the region's register -------------------------------------------------

/** One current member of the household, named by the field `field`. */
export async function memberOf(tx: AuthenticatedContext, familyId: string, raw: string, field: string): Promise<string> {
  const [id] = await membersOf(tx, familyId, [raw], field, () => field);
  return id!;
}

/** Members a part is about must be current members of the household. */
export async function membersOf(
  tx: AuthenticatedContext,
  familyId: string,
  raw: readonly string[],
  field: string,
  fieldOf = (index: number) => `${field}[${index}]`,
): Promise<string[]> {
  const ids = raw.map((value, index) => {
    const id = normalizeId(value);
    if (!id) throw badInput(fieldOf(index), "not a member of this family");
    return id;
  });
  if (new Set(ids).size !== ids.length) throw badInput(field, "lists a member twice");
  if (ids.length === 0) return [];
  const day = today(tx);
  const rows = await tx.db
    .select({ personId: familyMemberships.personId })
    .from(familyMemberships)
    .where(
      and(
        eq(familyMemberships.familyId, familyId),
        inArray(familyMemberships.personId, ids),
        memberOn(day),
      ),
    );
  const current = new Set(rows.map((row) => row.personId));
  ids.forEach((id, index) => {
    if (!current.has(id)) throw badInput(fieldOf(index), "not a member of this family");
  });
  return ids;
}

export async function partnerInRegion(tx: AuthenticatedContext, raw: string, field: string): Promise<string> {
  const id = normalizeId(raw);
  const [row] = id ? await tx.db.select({ id: partners.id }).from(partners).where(and(eq(partners.id, id), eq(partners.regionId, tx.caller.regionId))) : [];
  if (!row) throw badInput(field, "not a partner of your region");
  return row.id;
}

/** An active professional of `partnerId` (the lead partner, the partner taking over), or BAD_USER_INPUT. */
export async function professionalOfPartner(tx: AuthenticatedContext, raw: string, partnerId: string, field: string, which = "the lead partner"): Promise<string> {
  const id = normalizeId(raw);
  const [row] = id
    ? await tx.db
        .select({ id: professionals.id })
        .from(professionals)
        .where(and(eq(professionals.id, id), eq(professionals.partnerId, partnerId), eq(professionals.active, true)))
    : [];
  if (!row) throw badInput(field, `not an active professional of ${which}`);
  return row.id;
}

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

// --- the regisseur's edits ------------------------------------------------------------------

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

const goalSchema = z.object({ lifeDomain: z.string(), memberIds: z.array(z.string()).max(30, "at most 30 members"), ownWords: text(2000), target: text(2000) });

export function addGoal(ctx: AuthenticatedContext, familyId: string, expectedVersion: number, raw: GoalInput) {
  const input = parseInput(goalSchema, raw, "input");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const memberIds = await membersOf(tx, plan.familyId, input.memberIds, "input.memberIds");
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
  leadPartnerId: z.string(),
  leadProfessionalId: z.string().nullish(),
  dueDate: day,
  followUp: text(2000).nullish(),
});

/** Gives a task to a partner; the partner accepts or declines it. */
export function addTask(ctx: AuthenticatedContext, familyId: string, expectedVersion: number, raw: TaskInput) {
  const input = parseInput(taskSchema, raw, "input");
  return editPlan(ctx, familyId, expectedVersion, async (tx, plan) => {
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const memberIds = await membersOf(tx, plan.familyId, input.memberIds, "input.memberIds");
    const goal = input.goalId ? await goalOfPlan(tx, plan.id, input.goalId, "input.goalId") : null;
    const leadPartnerId = await partnerInRegion(tx, input.leadPartnerId, "input.leadPartnerId");
    const leadProfessionalId = input.leadProfessionalId
      ? await professionalOfPartner(tx, input.leadProfessionalId, leadPartnerId, "input.leadProfessionalId")
      : null;
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
        dueDate: input.dueDate,
        followUp: input.followUp ?? null,
        status: "OPEN",
        response: "PENDING",
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
    const leadProfessionalId = input.leadProfessionalId
      ? await professionalOfPartner(tx, input.leadProfessionalId, task.leadPartnerId, "input.leadProfessionalId")
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

