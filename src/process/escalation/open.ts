import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { familyCategories } from "../../families/tables.js";
import { NUISANCE_CATEGORY, variantChain, variantOf, type Commissioner } from "./variants.js";
import type { AuthenticatedContext } from "../../context.js";
import { badInput } from "../../errors.js";
import { notify } from "../../notifications/service.js";
import { escalationLadder, escalations, escalationSteps } from "../tables.js";
import { actorsOf } from "./actors.js";

export const ESCALATION_TRACKS = ["PLAN_DRAFTING", "PLAN_EXECUTION"] as const;
export type EscalationTrack = (typeof ESCALATION_TRACKS)[number];

export type EscalationRow = typeof escalations.$inferSelect;
export type LadderStep = typeof escalationLadder.$inferSelect;

const DAY_MS = 24 * 3600_000;

/** The region's ladder for a track and variant (or the nearest it defined), step by step; empty when the region has none. */
export async function ladderOf(tx: Pick<AuthenticatedContext, "db">, regionId: string, track: string, variant: string = "DEFAULT"): Promise<LadderStep[]> {
  const chain = variantChain(variant);
  const rows = await tx.db
    .select()
    .from(escalationLadder)
    .where(and(eq(escalationLadder.regionId, regionId), eq(escalationLadder.track, track), inArray(escalationLadder.variant, chain)))
    .orderBy(asc(escalationLadder.step));
  const found = chain.find((candidate) => rows.some((row) => row.variant === candidate));
  return rows.filter((row) => row.variant === found);
}

/** Opens step `step` of an escalation: its deadline from the ladder, and the deciders told. */
export async function openStep(tx: AuthenticatedContext, escalation: EscalationRow, step: LadderStep): Promise<void> {
  const dueAt = new Date(tx.now().getTime() + step.deadlineDays * DAY_MS);
  const [opened] = await tx.db
    .insert(escalationSteps)
    .values({ regionId: escalation.regionId, escalationId: escalation.id, step: step.step, startedAt: tx.now(), dueAt })
    .returning();
  const deciders = await actorsOf(tx.db, escalation, step.deciders);
  const informed = (await actorsOf(tx.db, escalation, step.informed)).filter((id) => !deciders.includes(id));
  const event = {
    familyId: escalation.familyId,
    subjectId: escalation.id,
    detail: { due: opened!.dueAt.toISOString() },
  };
  await notify(tx, deciders, { ...event, kind: step.step === 1 ? "ESCALATION_RAISED" : "ESCALATION_STEP" });
  await notify(tx, informed, { ...event, kind: "ESCALATION_RAISED" });
}

/**
 * Opens an escalation at the first step of the region's ladder for its track, inside the
 * caller's transaction. Used by `raiseEscalation` and by a deviation from a binding advice.
 */
export async function openEscalation(
  tx: AuthenticatedContext,
  input: { familyId: string; track: EscalationTrack; subject: string; partyPartnerIds: readonly string[]; adviceId?: string | null; commissioner?: Commissioner | null },
): Promise<EscalationRow> {
  const [category] = await tx.db
    .select({ category: familyCategories.category })
    .from(familyCategories)
    .where(eq(familyCategories.familyId, input.familyId))
    .orderBy(desc(familyCategories.since))
    .limit(1);
  const variant = variantOf(input.commissioner ?? null, category?.category === NUISANCE_CATEGORY);
  const [first] = await ladderOf(tx, tx.caller.regionId, input.track, variant);
  if (!first) throw badInput("track", `your region has no escalation ladder for ${input.track}`);
  const [escalation] = await tx.db
    .insert(escalations)
    .values({
      regionId: tx.caller.regionId,
      familyId: input.familyId,
      track: input.track,
      subject: input.subject,
      partyPartnerIds: [...new Set(input.partyPartnerIds)],
      raisedBy: tx.caller.professionalId,
      raisedAt: tx.now(),
      adviceId: input.adviceId ?? null,
      status: "OPEN",
      currentStep: first.step,
      variant,
    })
    .returning();
  await openStep(tx, escalation!, first);
  return escalation!;
}
