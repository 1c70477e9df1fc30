import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { familyGate, requireFamily } from "../covenant/decisions/gate.js";
import type { PartKind } from "../covenant/decisions/levels.js";
import { REGISSEUR } from "../covenant/decisions/needs.js";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today } from "../dates.js";
import { badInput, conflict, notFound } from "../errors.js";
import { familyMemberships, memberOn } from "../families/tables.js";
import { normalizeId } from "../ids.js";
import { partners, professionals } from "../organisations/tables.js";
import { parseInput } from "../validation.js";
import { toRevision } from "./parts.js";
import { planRevisions, plans } from "./tables.js";
import type { PlanRevision } from "./types.js";
import { recordWrite } from "../accountability/access-log/writes.js";

/*
 * How the plan is changed: who may (the family gate), on which version (optimistic, under the
 * plan row's lock), recorded as the plan's next revision; and the checks of ids a change names
 * against the region's register. The edits themselves are in part-edits.ts.
 */

type PlanRow = typeof plans.$inferSelect;

/** What one edit did: recorded as the plan's next version, with the part as it is afterwards. */
interface Change {
  action: string;
  partKind: PartKind | "PLAN";
  itemId: string | null;
  snapshot: Record<string, unknown> | null;
}

const versionSchema = z.number().int().min(1, "a plan version starts at 1");

/** The edits that change the plan's parts: a closed family's plan is done, none until it is reopened. */
const PART_EDITS = [
  "Mutation.startPlan",
  "Mutation.setAnalysis",
  "Mutation.addGoal",
  "Mutation.updateGoal",
  "Mutation.addTask",
  "Mutation.updateTask",
  "Mutation.addMilestone",
  "Mutation.markMilestoneReached",
];

/**
 * Only the regisseur edits the plan (domain brief §3), under a share lock on the family row.
 * Evaluations and coach notes go on in aftercare.
 */
const PLAN_EDIT = familyGate({
  operations: [...PART_EDITS, "Mutation.recordEvaluation", "Mutation.addCoachNote"],
  need: REGISSEUR,
  refusal: "Only the family's regisseur edits the plan.",
  lock: "share",
  openFamilyOnly: PART_EDITS,
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
export async function editPlan(
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
