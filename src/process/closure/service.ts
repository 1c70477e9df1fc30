import { and, desc, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { loadCaller, type Caller } from "../../auth/caller.js";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { isoDate, today, addMonths } from "../../dates.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { entitlementOf } from "../../covenant/decisions/loader.js";
import { KEEPER, REGISSEUR } from "../../covenant/decisions/needs.js";
import { knowsFamily } from "../../covenant/decisions/predicates.js";
import type { Db } from "../../db/database.js";
import { perFamily } from "../../db/per-family.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { findFamily } from "../../families/service.js";
import { families } from "../../families/tables.js";
import { professionals } from "../../organisations/tables.js";
import type { Family } from "../../families/types.js";
import { NO_REGION, normalizeId } from "../../ids.js";
import { partnerInRegion, professionalOfPartner } from "../../plan/edit.js";
import { goals } from "../../plan/tables.js";
import { day, parseInput, text } from "../../validation.js";
import { checkCaseload, DONE_PHASES } from "../caseload.js";
import { enterPhase } from "../phase-moves.js";
import { closures, processSettings } from "../tables.js";
import { finalEvaluationSince, lastEnteredClosing } from "./final-evaluation.js";
import type { Closure, CloseFamilyInput } from "./types.js";
import { recordWrite } from "../../accountability/access-log/writes.js";

type ClosureRow = typeof closures.$inferSelect;

const toClosure = (row: ClosureRow): Closure => ({
  id: row.id,
  familyId: row.familyId,
  closedAt: row.closedAt,
  closedById: row.closedBy,
  finalEvaluationId: row.finalEvaluationId,
  goalsTotal: row.goalsTotal,
  goalsAchieved: row.goalsAchieved,
  positiveExit: row.positiveExit,
  aftercareKeeperId: row.aftercareKeeperId,
  revisitOn: row.revisitOn,
  aftercareEndedAt: row.aftercareEndedAt,
  aftercareNote: row.aftercareNote,
  reopenedAt: row.reopenedAt,
  reopenedById: row.reopenedBy,
  reopenReason: row.reopenReason,
  handoverPartnerId: row.handoverPartnerId,
  handoverProfessionalId: row.handoverProfessionalId,
  handoverNote: row.handoverNote,
});

/** Each family's closures, oldest first: a reopened family keeps them all. */
export function closureLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    closures: perFamily(db, regionId, closures, closures.closedAt, toClosure),
  };
}

/** The region's closure settings; a region without a settings row gets Den Haag's 80% and six months. */
async function closureSettings(tx: AuthenticatedContext): Promise<{ positiveExitPercent: number; aftercareMonths: number }> {
  const [row] = await tx.db
    .select({ positiveExitPercent: processSettings.positiveExitPercent, aftercareMonths: processSettings.aftercareMonths })
    .from(processSettings)
    .where(eq(processSettings.regionId, tx.caller.regionId));
  return row ?? { positiveExitPercent: 80, aftercareMonths: 6 };
}

const closeSchema = z.object({
  aftercare: z.object({ keeperId: z.string().nullish(), revisitOn: day.nullish() }).nullish(),
  handover: z
    .object({
      partnerId: z.string(),
      professionalId: z.string().nullish(),
      note: text(5000).refine((value) => value.length >= 10, "write the handover out (at least 10 characters)"),
    })
    .nullish(),
});

const CLOSING = familyGate({ operations: ["Mutation.closeFamily"], need: REGISSEUR, refusal: "Only the family's regisseur closes it.", lock: "update" });
const ENDING_AFTERCARE = familyGate({
  operations: ["Mutation.endAftercare"],
  need: KEEPER,
  refusal: "Only the aftercare keeper, the regisseur or the process lead ends aftercare.",
  lock: "update",
  note: "unless the caller is the aftercare keeper the closure named",
});
const REOPENING = familyGate({ operations: ["Mutation.reopenFamily"], need: KEEPER, refusal: "Only the family's regisseur or process lead reopens it.", lock: "update" });

/**
 * Closes the family's approach (the regisseur, from CLOSING): the final evaluation recorded since
 * it entered CLOSING, the goals counted against the region's share for a positive exit, an
 * aftercare keeper and revisit date, and — when regie passes to a regular partner — the
 * handover. The family moves to AFTERCARE; the regisseur keeps the family in the register.
 */
export async function closeFamily(ctx: AuthenticatedContext, rawFamilyId: string, raw: CloseFamilyInput): Promise<Family> {
  const input = parseInput(closeSchema, raw, "input");
  const closingDay = today(ctx);
  const revisitOn = input.aftercare?.revisitOn;
  if (revisitOn && revisitOn <= closingDay) throw badInput("input.aftercare.revisitOn", "must lie after today");
  const familyId = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, CLOSING);
    const [family] = await tx.db.select({ phase: families.phase }).from(families).where(eq(families.id, familyId));
    if (family!.phase !== "CLOSING") {
      throw conflict(`phase: a family is closed from CLOSING; this family is in ${family!.phase} (changePhase to CLOSING first).`);
    }
    const closingSince = (await lastEnteredClosing(tx, familyId))!;
    const finalEvaluationId = await finalEvaluationSince(tx, familyId, closingSince);
    if (!finalEvaluationId) {
      throw badInput(
        "finalEvaluation",
        `closing needs a final evaluation recorded since the family entered CLOSING on ${isoDate(closingSince)} (recordEvaluation with final: true)`,
      );
    }
    const settings = await closureSettings(tx);
    const keeperId = input.aftercare?.keeperId ? await aftercareKeeper(tx, input.aftercare.keeperId, familyId) : tx.caller.professionalId;
    const handover = input.handover
      ? {
          partnerId: await partnerInRegion(tx, input.handover.partnerId, "input.handover.partnerId"),
          professionalId: input.handover.professionalId ?? null,
          note: input.handover.note,
        }
      : null;
    if (handover?.professionalId) {
      handover.professionalId = await professionalOfPartner(tx, handover.professionalId, handover.partnerId, "input.handover.professionalId", "the partner taking over");
    }
    const counted = await tx.db
      .select({ status: goals.status })
      .from(goals)
      .where(and(eq(goals.familyId, familyId), eq(goals.regionId, tx.caller.regionId), ne(goals.status, "CANCELLED")));
    const goalsTotal = counted.length;
    const goalsAchieved = counted.filter((goal) => goal.status === "ACHIEVED").length;
    // Whole numbers, so exactly the region's share counts as reached (4 of 5 is 80%).
    const positiveExit = goalsTotal > 0 && goalsAchieved * 100 >= settings.positiveExitPercent * goalsTotal;

    await enterPhase(tx, familyId, "AFTERCARE", "CLOSURE");
    await tx.db.insert(closures).values({
      regionId: tx.caller.regionId,
      familyId,
      closedAt: tx.now(),
      closedBy: tx.caller.professionalId,
      finalEvaluationId,
      goalsTotal,
      goalsAchieved,
      positiveExit,
      aftercareKeeperId: keeperId,
      revisitOn: revisitOn ?? addMonths(closingDay, settings.aftercareMonths),
      handoverPartnerId: handover?.partnerId ?? null,
      handoverProfessionalId: handover?.professionalId ?? null,
      handoverNote: handover?.note ?? null,
    });
    recordWrite(tx, familyId, { data: ["CLOSURE"] });
    return familyId;
  });
  return (await answer(ctx, familyId))!;
}

/**
 * The aftercare keeper: an active professional of the region who may know of the family (at
 * least DAT, by the covenant in force for them). Someone who may not know the family cannot
 * keep a finger on its pulse, and their revisit notice would name a family they cannot find.
 */
async function aftercareKeeper(tx: AuthenticatedContext, raw: string, familyId: string): Promise<string> {
  const field = "input.aftercare.keeperId";
  const id = normalizeId(raw);
  const keeper = id ? await loadCaller(tx.db, id) : null;
  if (!keeper || keeper.regionId !== tx.caller.regionId) throw badInput(field, "not an active professional of your region");
  if (keeper.professionalId === tx.caller.professionalId) return keeper.professionalId;
  if (!knowsFamily(await entitlementOf(tx.db, keeper, familyId, today(tx), tx.now()))) {
    throw badInput(field, "this professional may not know of the family; name its process lead or a professional of an involved partner");
  }
  return keeper.professionalId;
}

/** The closure whose aftercare is running: not ended, not reopened (there is one while in AFTERCARE). */
async function runningClosure(tx: AuthenticatedContext, familyId: string): Promise<ClosureRow | null> {
  const [row] = await tx.db
    .select()
    .from(closures)
    .where(and(eq(closures.familyId, familyId), isNull(closures.aftercareEndedAt), isNull(closures.reopenedAt)))
    .orderBy(desc(closures.closedAt))
    .limit(1);
  return row ?? null;
}

/**
 * Ends aftercare (AFTERCARE → CLOSED): its keeper, the regisseur or the process lead. The keeper
 * may even when their own access to the family has lapsed since: the closure named them.
 */
export async function endAftercare(ctx: AuthenticatedContext, rawFamilyId: string, rawNote: string): Promise<Family | null> {
  const note = parseInput(text(2000), rawNote, "note");
  const familyId = await inTransaction(ctx, async (tx) => {
    const id = normalizeId(rawFamilyId);
    const [row] = id
      ? await tx.db
          .select({ id: families.id })
          .from(families)
          .where(and(eq(families.id, id), eq(families.regionId, tx.caller.regionId)))
          .for("update")
      : [];
    if (!row) throw notFound("Family");
    const running = await runningClosure(tx, row.id);
    if (running?.aftercareKeeperId !== tx.caller.professionalId) await requireFamily(tx, row.id, ENDING_AFTERCARE);
    await enterPhase(tx, row.id, "CLOSED", "AFTERCARE_END");
    // A family put in AFTERCARE without closeFamily (imported, seeded) has no closure to end.
    if (running) await tx.db.update(closures).set({ aftercareEndedAt: tx.now(), aftercareNote: note }).where(eq(closures.id, running.id));
    recordWrite(tx, row.id, { data: ["AFTERCARE"] });
    return row.id;
  });
  return answer(ctx, familyId);
}

const reasonSchema = text(2000).refine((value) => value.length >= 10, "write the reason out (at least 10 characters)");

/**
 * Reopens a family in AFTERCARE or CLOSED (the regisseur or the process lead): back to PLANNING,
 * with the reason on the phase and on the latest closure. Nothing of the history goes.
 */
export async function reopenFamily(ctx: AuthenticatedContext, rawFamilyId: string, rawReason: string): Promise<Family> {
  const reason = parseInput(reasonSchema, rawReason, "reason");
  const familyId = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, REOPENING);
    // Reopened, the family counts in its regisseur's caseload again.
    const [regisseur] = await tx.db
      .select({ id: professionals.id, name: professionals.name, phase: families.phase })
      .from(families)
      .innerJoin(professionals, eq(professionals.id, families.regisseurId))
      .where(eq(families.id, entitlement.familyId));
    if (regisseur && (DONE_PHASES as readonly string[]).includes(regisseur.phase)) await checkCaseload(tx, regisseur, "familyId");
    await enterPhase(tx, entitlement.familyId, "PLANNING", "REOPEN", reason);
    // A family closed at screening (regular care) has no closure: the phase keeps the reason.
    const [latest] = await tx.db
      .select({ id: closures.id })
      .from(closures)
      .where(and(eq(closures.familyId, entitlement.familyId), isNull(closures.reopenedAt)))
      .orderBy(desc(closures.closedAt))
      .limit(1);
    if (latest) {
      await tx.db
        .update(closures)
        .set({ reopenedAt: tx.now(), reopenedBy: tx.caller.professionalId, reopenReason: reason })
        .where(eq(closures.id, latest.id));
    }
    recordWrite(tx, entitlement.familyId, { data: ["CLOSURE", "PHASE"] });
    return entitlement.familyId;
  });
  return (await answer(ctx, familyId))!;
}

/**
 * The family after the change, read afresh through the caller's own entitlement: null only for an
 * aftercare keeper whose access has lapsed.
 */
async function answer(ctx: AuthenticatedContext, familyId: string): Promise<Family | null> {
  ctx.loaders.phaseHistory.clear(familyId);
  ctx.loaders.closures.clear(familyId);
  ctx.entitlements.clear(familyId);
  return findFamily(ctx, familyId);
}
