import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { keepsFamily } from "../../covenant/decisions/predicates.js";
import type { AuthenticatedContext } from "../../context.js";
import { today, addMonths } from "../../dates.js";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { toPlan } from "../../plan/parts.js";
import { plans } from "../../plan/tables.js";
import { mapPage, readPage, toPage, type Page, type PageArgs } from "../../pagination/page.js";
import { professionalScope } from "../../pagination/cursor.js";
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

/** Due day, family name, family id: the list's order and a page's key. */
const keyOf = (plan: PlanInCycle) => [plan.due, plan.familyName, plan.familyId];
const compareKeys = (a: readonly string[], b: readonly string[]) => {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index]! < b[index]! ? -1 : 1;
  return 0;
};

/**
 * The families the caller leads or watches (regisseur or process lead) whose plan's next
 * evaluation falls due within `withinDays` days, or has passed: soonest (most overdue) first,
 * then by name and id, a page at a time. The due day is the plan's own rule (toPlan), not a
 * column, so the seek runs over the caller's own caseload here, not in SQL: that set is bounded
 * by the families they lead or watch, and only the page is mapped.
 */
export async function dueEvaluations(ctx: AuthenticatedContext, rawWithinDays: number, args: PageArgs): Promise<Page<DueEvaluation>> {
  const withinDays = parseInput(withinDaysSchema, rawWithinDays, "withinDays");
  const page = readPage(professionalScope(ctx.caller, `dueEvaluations:${withinDays}`), args, 3);
  const day = today(ctx);
  const horizon = addMonths(day, 0, withinDays);
  const me = ctx.caller.professionalId;
  const candidates = (
    await plansInCycle(ctx.db, and(eq(families.regionId, ctx.caller.regionId), or(eq(families.regisseurId, me), eq(families.processLeadId, me))))
  ).filter((plan) => plan.due <= horizon);
  // The register says who leads; the entitlement decides, as everywhere else.
  const entitlements = await ctx.entitlements.loadMany(candidates.map((plan) => plan.familyId));
  const kept = candidates
    .filter((_plan, index) => {
      const entitlement = entitlements[index];
      return entitlement !== undefined && !(entitlement instanceof Error) && keepsFamily(entitlement);
    })
    .filter((plan) => !page.after || compareKeys(keyOf(plan), page.after) > 0)
    .sort((a, b) => compareKeys(keyOf(a), keyOf(b)))
    .slice(0, page.size + 1);
  return mapPage(toPage(page, kept, keyOf), (plan) => {
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
