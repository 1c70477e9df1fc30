import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { parseInput, text } from "../../validation.js";
import { escalationLadder } from "../tables.js";
import { ACTOR_KINDS, type ActorKind } from "./actors.js";
import { ladderRows } from "./ladders.js";
import { ladderOf, type EscalationTrack, type LadderStep } from "./open.js";
import type { EscalationLadderStep, EscalationLadderStepInput } from "./types.js";
import type { LadderVariant } from "./variants.js";

const toLadderStep = (row: LadderStep): EscalationLadderStep => ({
  step: row.step,
  title: row.title,
  deciders: row.deciders as ActorKind[],
  informed: row.informed as ActorKind[],
  deadlineDays: row.deadlineDays,
  binding: row.binding,
});

const actors = z.array(z.enum(ACTOR_KINDS)).refine((kinds) => new Set(kinds).size === kinds.length, "names an actor twice");
const stepsSchema = z
  .array(
    z
      .object({
        title: text(200),
        deciders: actors.refine((kinds) => kinds.length > 0, "a step needs at least one decider"),
        informed: actors,
        deadlineDays: z.number().int("a whole number of days").min(1, "at least 1 day").max(90, "at most 90 days"),
      })
      .refine((step) => !step.informed.some((kind) => step.deciders.includes(kind)), {
        message: "a decider is told already; do not list it as informed too",
        path: ["informed"],
      }),
  )
  .min(1, "a ladder has at least one step")
  .max(5, "a ladder has at most 5 steps");

/** The caller's region's ladder for a track: every professional of the region may read it. */
export async function escalationLadderOf(ctx: AuthenticatedContext, track: EscalationTrack, variant: LadderVariant = "DEFAULT"): Promise<EscalationLadderStep[]> {
  return (await ladderOf(ctx, ctx.caller.regionId, track, variant)).map(toLadderStep);
}

/**
 * Replaces the region's ladder for a track in one transaction (covenant administrator). Open
 * escalations keep the steps they reached, with their deadlines and decisions; they go on from
 * their current step on the new ladder.
 */
export async function setEscalationLadder(
  ctx: AuthenticatedContext,
  track: EscalationTrack,
  rawSteps: EscalationLadderStepInput[],
  variant: LadderVariant = "DEFAULT",
): Promise<EscalationLadderStep[]> {
  const steps = parseInput(stepsSchema, rawSteps, "steps");
  return inTransaction(ctx, async (tx) => {
    // Two administrators saving at once take turns instead of colliding on the step numbers.
    const key = `${tx.caller.regionId}:escalation-ladder:${track}:${variant}`;
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    await tx.db
      .delete(escalationLadder)
      .where(and(eq(escalationLadder.regionId, tx.caller.regionId), eq(escalationLadder.track, track), eq(escalationLadder.variant, variant)));
    const rows = await tx.db.insert(escalationLadder).values(ladderRows(tx.caller.regionId, track, steps, variant)).returning();
    return rows.sort((a, b) => a.step - b.step).map(toLadderStep);
  });
}
