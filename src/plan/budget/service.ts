import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { REGISSEUR } from "../../covenant/decisions/needs.js";
import { goalPart, taskPart } from "../../covenant/decisions/plan-parts.js";
import { seesProcess } from "../../covenant/decisions/predicates.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { normalizeId } from "../../ids.js";
import { notify } from "../../notifications/service.js";
import { readPage, type Page, type PageArgs } from "../../pagination/page.js";
import { professionalScope } from "../../pagination/cursor.js";
import { fillPage, seekAfter, seekKey, seekOrder, type SeekColumn } from "../../pagination/seek.js";
import { processSettings } from "../../process/tables.js";
import { parseInput, text } from "../../validation.js";
import { budgetCommitments, goals, tasks } from "../tables.js";
import type { BudgetCommitment, CommitmentInput, CommitmentStatus, PlanBudget } from "./budget-types.js";

/*
 * The family plan's earmarked budget (000; 003 cost picture): the regisseur proposes a
 * commitment for a purchased service serving a task or a goal; a project leader who sees the
 * family's process approves it within the region's ceiling per plan, or refuses it with a reason,
 * once; the regisseur records what was spent. Amounts and statuses are process data; what is
 * bought is plan content, as open as the task or goal it serves.
 */

type Row = typeof budgetCommitments.$inferSelect;
type Purpose = { lifeDomain: string; memberIds: string[]; leadPartnerId: string | null; kind: "TASK" | "GOAL" };

const toCommitment = (row: Row, purpose: Purpose): BudgetCommitment => ({
  id: row.id,
  familyId: row.familyId,
  amountCents: row.amountCents,
  spentCents: row.spentCents,
  status: row.status as CommitmentStatus,
  proposedAt: row.proposedAt,
  decidedAt: row.decidedAt,
  reason: row.reason,
  content: { service: row.service, taskId: row.taskId, goalId: row.goalId, lifeDomain: purpose.lifeDomain },
  part: purpose.kind === "TASK" ? taskPart(purpose.lifeDomain, purpose.memberIds) : goalPart(purpose.lifeDomain, purpose.memberIds),
  leadPartnerId: purpose.leadPartnerId ?? undefined,
  goalIdOfPart: row.goalId ?? undefined,
});

/** The commitments with what they serve: one statement for any number. */
async function withPurposes(db: AuthenticatedContext["db"], rows: Row[]): Promise<BudgetCommitment[]> {
  const taskIds = rows.flatMap((row) => (row.taskId ? [row.taskId] : []));
  const goalIds = rows.flatMap((row) => (row.goalId ? [row.goalId] : []));
  const [taskRows, goalRows] = await Promise.all([
    taskIds.length ? db.select({ id: tasks.id, lifeDomain: tasks.lifeDomain, memberIds: tasks.memberIds, leadPartnerId: tasks.leadPartnerId }).from(tasks).where(inArray(tasks.id, taskIds)) : [],
    goalIds.length ? db.select({ id: goals.id, lifeDomain: goals.lifeDomain, memberIds: goals.memberIds }).from(goals).where(inArray(goals.id, goalIds)) : [],
  ]);
  return rows.map((row) => {
    const task = taskRows.find((candidate) => candidate.id === row.taskId);
    const goal = goalRows.find((candidate) => candidate.id === row.goalId);
    const purpose: Purpose = task ? { ...task, kind: "TASK" } : { lifeDomain: goal!.lifeDomain, memberIds: goal!.memberIds, leadPartnerId: null, kind: "GOAL" };
    return toCommitment(row, purpose);
  });
}

async function ceilingOf(db: AuthenticatedContext["db"], regionId: string): Promise<number | null> {
  const [row] = await db.select({ ceiling: processSettings.budgetCeilingCents }).from(processSettings).where(eq(processSettings.regionId, regionId));
  return row?.ceiling ?? null;
}

/** The family plan's budget, as whoever sees the family's process reads it. */
export async function budgetOf(ctx: AuthenticatedContext, familyId: string): Promise<PlanBudget> {
  const rows = await ctx.db
    .select()
    .from(budgetCommitments)
    .where(and(eq(budgetCommitments.familyId, familyId), eq(budgetCommitments.regionId, ctx.caller.regionId)))
    .orderBy(asc(budgetCommitments.proposedAt), asc(budgetCommitments.id));
  const sum = (status: string, of: (row: Row) => number) => rows.filter((row) => row.status === status).reduce((total, row) => total + of(row), 0);
  return {
    ceilingCents: await ceilingOf(ctx.db, ctx.caller.regionId),
    committedCents: sum("APPROVED", (row) => row.amountCents),
    spentCents: sum("APPROVED", (row) => row.spentCents),
    proposedCents: sum("PROPOSED", (row) => row.amountCents),
    commitments: await withPurposes(ctx.db, rows),
    familyId,
  };
}

const PROPOSING = familyGate({
  operations: ["Mutation.proposeCommitment", "Mutation.recordSpending"],
  need: REGISSEUR,
  refusal: "Only the family's regisseur proposes commitments and records what was spent.",
  lock: "share",
  openFamilyOnly: ["Mutation.proposeCommitment"],
});

const commitmentSchema = z
  .object({
    taskId: z.string().nullish(),
    goalId: z.string().nullish(),
    service: text(500),
    amountCents: z.number().int("whole cents").min(1, "at least 1 cent").max(100_000_000, "at most 1,000,000 euros"),
  })
  .refine((input) => Boolean(input.taskId) !== Boolean(input.goalId), { path: ["taskId"], message: "name the task or the goal it serves: exactly one" });

export async function proposeCommitment(ctx: AuthenticatedContext, rawFamilyId: string, raw: CommitmentInput): Promise<BudgetCommitment> {
  const input = parseInput(commitmentSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, PROPOSING);
    const table = input.taskId ? tasks : goals;
    const id = normalizeId((input.taskId ?? input.goalId)!);
    const [purpose] = id ? await tx.db.select({ id: table.id }).from(table).where(and(eq(table.id, id), eq(table.familyId, familyId))) : [];
    if (!purpose) throw badInput(input.taskId ? "input.taskId" : "input.goalId", `not a ${input.taskId ? "task" : "goal"} of this family's plan`);
    const [created] = await tx.db
      .insert(budgetCommitments)
      .values({
        regionId: tx.caller.regionId,
        familyId,
        taskId: input.taskId ? purpose.id : null,
        goalId: input.goalId ? purpose.id : null,
        service: input.service,
        amountCents: input.amountCents,
        proposedBy: tx.caller.professionalId,
        proposedAt: tx.now(),
      })
      .returning();
    recordWrite(tx, familyId, { data: ["BUDGET"] });
    return created!;
  });
  return (await withPurposes(ctx.db, [row]))[0]!;
}

/** A commitment a project leader may decide: of a family whose process they see; NOT_FOUND otherwise, as for none. */
async function lockCommitment(tx: AuthenticatedContext, rawId: string): Promise<Row> {
  const id = normalizeId(rawId);
  const [row] = id
    ? await tx.db
        .select()
        .from(budgetCommitments)
        .where(and(eq(budgetCommitments.id, id), eq(budgetCommitments.regionId, tx.caller.regionId)))
        .for("update")
    : [];
  const entitlement = row ? await tx.entitlements.load(row.familyId) : null;
  if (!row || !entitlement || !seesProcess(entitlement)) throw notFound("Budget commitment");
  return row;
}

const decisionSchema = z
  .object({ approve: z.boolean(), reason: text(2000).nullish() })
  .refine((input) => input.approve || Boolean(input.reason), { path: ["reason"], message: "a refusal needs its reason: the regisseur reads it" });

/**
 * Approves or refuses a proposed commitment, once (a project leader): approving past the region's
 * ceiling for the family plan is CONFLICT naming what is left. Approvals of one family take turns,
 * so two cannot both take the last of the budget.
 */
export async function decideCommitment(ctx: AuthenticatedContext, rawId: string, raw: { approve: boolean; reason?: string | null }): Promise<BudgetCommitment> {
  const input = parseInput(decisionSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const found = await lockCommitment(tx, rawId);
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`budget:${found.familyId}`}, 0))`);
    const [current] = await tx.db.select().from(budgetCommitments).where(eq(budgetCommitments.id, found.id));
    if (current!.status !== "PROPOSED") throw conflict(`commitmentId: this commitment was decided already (${current!.status}).`);
    if (input.approve) {
      const ceiling = await ceilingOf(tx.db, tx.caller.regionId);
      const [approved] = await tx.db
        .select({ total: sql<string>`coalesce(sum(${budgetCommitments.amountCents}), 0)` })
        .from(budgetCommitments)
        .where(and(eq(budgetCommitments.familyId, current!.familyId), eq(budgetCommitments.status, "APPROVED")));
      const committed = Number(approved?.total ?? 0);
      if (ceiling !== null && committed + current!.amountCents > ceiling) {
        throw conflict(`commitmentId: approving it would commit ${committed + current!.amountCents} cents, past your region's ceiling of ${ceiling} per family plan (${ceiling - committed} left).`);
      }
    }
    const [decided] = await tx.db
      .update(budgetCommitments)
      .set({ status: input.approve ? "APPROVED" : "REFUSED", decidedBy: tx.caller.professionalId, decidedAt: tx.now(), reason: input.reason ?? null })
      .where(eq(budgetCommitments.id, current!.id))
      .returning();
    recordWrite(tx, current!.familyId, { data: ["BUDGET"] });
    await notify(tx, [current!.proposedBy], { kind: "BUDGET_DECIDED", familyId: current!.familyId, subjectId: current!.id });
    return decided!;
  });
  return (await withPurposes(ctx.db, [row]))[0]!;
}

/** What was spent on an approved commitment so far (the regisseur): at most what was committed. */
export async function recordSpending(ctx: AuthenticatedContext, rawId: string, rawSpent: number): Promise<BudgetCommitment> {
  const spent = parseInput(z.number().int("whole cents").min(0, "at least 0"), rawSpent, "spentCents");
  const id = normalizeId(rawId);
  const [owner] = id ? await ctx.db.select({ familyId: budgetCommitments.familyId }).from(budgetCommitments).where(and(eq(budgetCommitments.id, id), eq(budgetCommitments.regionId, ctx.caller.regionId))) : [];
  if (!owner) throw notFound("Budget commitment");
  const row = await inTransaction(ctx, async (tx) => {
    await requireFamily(tx, owner.familyId, PROPOSING, { missing: "Budget commitment" });
    const [current] = await tx.db.select().from(budgetCommitments).where(eq(budgetCommitments.id, id!)).for("update");
    if (current!.status !== "APPROVED") throw conflict(`commitmentId: only an approved commitment is spent (this one is ${current!.status}).`);
    if (spent > current!.amountCents) throw badInput("spentCents", `more than the ${current!.amountCents} cents committed`);
    const [updated] = await tx.db.update(budgetCommitments).set({ spentCents: spent }).where(eq(budgetCommitments.id, current!.id)).returning();
    recordWrite(tx, owner.familyId, { data: ["BUDGET"] });
    return updated!;
  });
  return (await withPurposes(ctx.db, [row]))[0]!;
}

const TO_DECIDE_ORDER: SeekColumn[] = [{ column: budgetCommitments.proposedAt }, { column: budgetCommitments.id }];

/** The proposed commitments a project leader may decide: of the families whose process they see, earliest first, a page at a time. */
export async function commitmentsToDecide(ctx: AuthenticatedContext, args: PageArgs): Promise<Page<BudgetCommitment>> {
  const page = readPage(professionalScope(ctx.caller, "commitmentsToDecide"), args, TO_DECIDE_ORDER.length);
  const found = await fillPage(
    page,
    (after, limit) =>
      ctx.db
        .select({ row: budgetCommitments, seekKey: seekKey(TO_DECIDE_ORDER) })
        .from(budgetCommitments)
        .where(and(eq(budgetCommitments.regionId, ctx.caller.regionId), eq(budgetCommitments.status, "PROPOSED"), seekAfter(TO_DECIDE_ORDER, after)))
        .orderBy(...seekOrder(TO_DECIDE_ORDER))
        .limit(limit),
    async (rows) => {
      const seen = await Promise.all(
        rows.map(async (row) => {
          const entitlement = await ctx.entitlements.load(row.row.familyId);
          return Boolean(entitlement) && seesProcess(entitlement);
        }),
      );
      return rows.map((row, index) => (seen[index] ? row : null));
    },
  );
  const views = await withPurposes(ctx.db, found.nodes.map((node) => node.row));
  const byId = new Map(views.map((view) => [view.id, view]));
  return {
    ...found,
    edges: found.edges.map((edge) => ({ cursor: edge.cursor, node: byId.get(edge.node.row.id)! })),
    nodes: found.nodes.map((node) => byId.get(node.row.id)!),
  };
}
