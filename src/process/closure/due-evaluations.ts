import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { keepsFamily } from "../../covenant/decisions/predicates.js";
import type { AuthenticatedContext } from "../../context.js";
import { today, addMonths } from "../../dates.js";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { toPlan } from "../../plan/parts.js";
import { plans } from "../../plan/tables.js";
import { parseInput } from "../../validation.js";
import type { DueEvaluation } from "./types.js";

/** The phases in which a plan runs its evaluation cycle; before and after, nothing falls due. */
export const CYCLE_PHASES = ["PLANNING", "EXECUTING", "EVALUATING"] as const;

export interface PlanInCycle {
  regionId: string;
  familyId: string;
  familyName: string;
  phase: string;
  planId: string;
  regisseurId: string | null;
  processLeadId: string | null;
  /** As `Plan.nextEvaluationDue` computes it: the last evaluation (or the start) plus the cycle. */
  due: string;
}

/** The plans of families in the cycle phases (optionally narrowed), each with its next due date. */
export async function plansInCycle(db: Db, where?: SQL): Promise<PlanInCycle[]> {
  const rows = await db
    .select({
      plan: plans,
      family: families,
      lastEvaluation: sql<string | null>`(select max(e.held_on)::text from plan_evaluations e where e.plan_id = "plans"."id")`,
    })
    .from(plans)
    .innerJoin(families, and(eq(families.id, plans.familyId), eq(families.regionId, plans.regionId)))
    .where(and(inArray(families.phase, [...CYCLE_PHASES]), where));
  return rows.map(({ plan, family, lastEvaluation }) => ({
    regionId: family.regionId,
    familyId: family.id,
    familyName: family.name,
    phase: family.phase,
    planId: plan.id,
    regisseurId: family.regisseurId,
    processLeadId: family.processLeadId,
    due: toPlan(plan, lastEvaluation).nextEvaluationDue,
  }));
}

const DAY_MS = 24 * 3600_000;
const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS;

const withinDaysSchema = z.number().int().min(0, "at least 0").max(366, "at most 366");

/**
 * The families the caller leads or watches (regisseur or process lead) whose plan's next
 * evaluation falls due within `withinDays` days, or has passed: soonest (most overdue) first.
 */
export async function dueEvaluations(ctx: AuthenticatedContext, rawWithinDays: number): Promise<DueEvaluation[]> {
  const withinDays = parseInput(withinDaysSchema, rawWithinDays, "withinDays");
  const day = today(ctx);
  const horizon = addMonths(day, 0, withinDays);
  const me = ctx.caller.professionalId;
  const candidates = (
    await plansInCycle(ctx.db, and(eq(families.regionId, ctx.caller.regionId), or(eq(families.regisseurId, me), eq(families.processLeadId, me))))
  ).filter((plan) => plan.due <= horizon);
  // The register says who leads; the entitlement decides, as everywhere else.
  const entitlements = await ctx.entitlements.loadMany(candidates.map((plan) => plan.familyId));
  return candidates
    .filter((_plan, index) => {
      const entitlement = entitlements[index];
      return entitlement !== undefined && !(entitlement instanceof Error) && keepsFamily(entitlement);
    })
    .sort((a, b) => a.due.localeCompare(b.due) || a.familyName.localeCompare(b.familyName))
    .map((plan) => {
      const late = Math.max(0, dayNumber(day) - dayNumber(plan.due));
      return {
        familyId: plan.familyId,
        family: {
          id: plan.familyId,
          familyId: plan.familyId,
          name: plan.familyName,
          regisseurId: plan.regisseurId,
          processLeadId: plan.processLeadId,
          phase: plan.phase,
        },
        planId: plan.planId,
        nextEvaluationDue: plan.due,
        overdue: late > 0,
        daysOverdue: late,
      };
    });
}
