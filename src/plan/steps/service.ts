import DataLoader from "dataloader";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { CARE_WORKER, KEEPER } from "../../covenant/decisions/needs.js";
import { stepPart } from "../../covenant/decisions/plan-parts.js";
import { seesProcess } from "../../covenant/decisions/predicates.js";
import type { Db } from "../../db/database.js";
import { groupBy, ofFamilies } from "../../db/per-family.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { families } from "../../families/tables.js";
import { NO_REGION, normalizeId } from "../../ids.js";
import { notify } from "../../notifications/service.js";
import { involvedPartners } from "../../process/involved-partners.js";
import { processSettings } from "../../process/tables.js";
import { parseInput, text } from "../../validation.js";
import { lifeDomainOf } from "../life-domains.js";
import { managersOf } from "../../organisations/service.js";
import { coordinatedSteps } from "../tables.js";
import { LEGAL_DUTIES, type CoordinatedStep, type ExpectedReportInput, type LegalDuty, type StepAnnouncementInput, type StepKind, type StepReportInput, type StepStatus } from "./step-types.js";

/*
 * Contacts and steps coordinated with the regisseur (000 §8 I: "a partner announces a planned
 * contact or step to the regisseur in advance"; V–VI: a partner under a legal duty acts and
 * reports afterwards, as soon as possible). Each is a line in the family's timeline: *that* it
 * was taken, by which organisation and when is process data; what it is, plan content of the
 * step's life domain (part STEP). The regisseur is told of each; an awaited report past the
 * region's norm raises a deadline (deadlines.ts).
 */

type StepRow = typeof coordinatedSteps.$inferSelect;

const DAY_MS = 24 * 60 * 60 * 1000;

export const toStep = (row: StepRow, now: Date): CoordinatedStep => ({
  id: row.id,
  kind: row.kind as StepKind,
  status: row.status as StepStatus,
  partner: null,
  at: row.stepAt,
  recordedAt: row.recordedAt,
  reportDueAt: row.reportDueAt,
  reportedAt: row.reportedAt,
  overdue: row.status === "AWAITING_REPORT" && row.reportDueAt !== null && row.reportDueAt < now,
  late: row.reportedAt !== null && row.reportDueAt !== null && row.reportedAt > row.reportDueAt,
  content: {
    lifeDomain: row.lifeDomain,
    legalDuty: row.legalDuty as LegalDuty | null,
    description: row.description,
    reportedBy: null,
    reportedById: row.reportedBy,
  },
  familyId: row.familyId,
  part: stepPart(row.lifeDomain),
  leadPartnerId: row.partnerId,
});

/** Per request: each family's steps, earliest first. */
export function stepLoaders(db: Db, caller: Caller | null, now: () => Date) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    coordinatedSteps: new DataLoader<string, CoordinatedStep[]>(async (familyIds) => {
      const rows = await db
        .select()
        .from(coordinatedSteps)
        .where(ofFamilies(coordinatedSteps, familyIds, regionId))
        .orderBy(asc(coordinatedSteps.stepAt), asc(coordinatedSteps.id));
      const at = now();
      return groupBy(familyIds, rows, (row) => row.familyId, (row) => toStep(row, at));
    }),
  };
}

/**
 * The steps the caller may see in the timeline: all of them from PROCESS; below it (an involved
 * partner at DAT), only its own organisation's.
 */
export async function timelineOf(ctx: AuthenticatedContext, familyId: string): Promise<CoordinatedStep[]> {
  const steps = await ctx.loaders.coordinatedSteps.load(familyId);
  const entitlement = await ctx.entitlements.load(familyId);
  return seesProcess(entitlement) ? steps : steps.filter((step) => step.leadPartnerId === ctx.caller.partnerId);
}

const PARTNER_STEP = familyGate({
  operations: ["Mutation.announceStep", "Mutation.reportStep"],
  need: CARE_WORKER,
  refusal: "Only a care worker announces or reports a step.",
  lock: "share",
});
const EXPECTED_REPORT = familyGate({
  operations: ["Mutation.expectStepReport"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead records an awaited report.",
  lock: "share",
});

const moment = z.date({ message: "a moment" });
const announcementSchema = z.object({ lifeDomain: z.string(), plannedFor: moment, description: text(2000) });
const reportSchema = z.object({ stepId: z.string().nullish(), lifeDomain: z.string(), legalDuty: z.enum(LEGAL_DUTIES), takenAt: moment, description: text(2000) });
const expectedSchema = z.object({ partnerId: z.string(), lifeDomain: z.string(), legalDuty: z.enum(LEGAL_DUTIES), takenAt: moment });

async function reportDays(tx: AuthenticatedContext): Promise<number> {
  const [row] = await tx.db.select({ days: processSettings.stepReportDays }).from(processSettings).where(eq(processSettings.regionId, tx.caller.regionId));
  return row?.days ?? 2;
}

async function regisseurOf(tx: AuthenticatedContext, familyId: string): Promise<string | null> {
  const [row] = await tx.db.select({ regisseurId: families.regisseurId }).from(families).where(eq(families.id, familyId));
  return row?.regisseurId ?? null;
}

function notPast(tx: AuthenticatedContext, at: Date, field: string): void {
  if (at > tx.now()) throw badInput(field, "lies in the future: announce a planned step with announceStep");
}

/** A planned contact or step, announced by the partner taking it; the regisseur is told. */
export async function announceStep(ctx: AuthenticatedContext, rawFamilyId: string, raw: StepAnnouncementInput): Promise<CoordinatedStep> {
  const input = parseInput(announcementSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, PARTNER_STEP);
    if (input.plannedFor <= tx.now()) throw badInput("input.plannedFor", "announce a step before it is taken; a step under a legal duty is reported afterwards (reportStep)");
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const [step] = await tx.db
      .insert(coordinatedSteps)
      .values({
        regionId: tx.caller.regionId,
        familyId,
        partnerId: tx.caller.partnerId,
        kind: "ANNOUNCED",
        status: "ANNOUNCED",
        lifeDomain,
        stepAt: input.plannedFor,
        description: input.description,
        reportedBy: tx.caller.professionalId,
        recordedAt: tx.now(),
      })
      .returning();
    recordWrite(tx, familyId, { data: ["STEP"] });
    await notify(tx, [await regisseurOf(tx, familyId)], { kind: "STEP_ANNOUNCED", familyId, subjectId: step!.id });
    return step!;
  });
  ctx.loaders.coordinatedSteps.clear(row.familyId);
  return toStep(row, ctx.now());
}

/**
 * A step taken under a legal duty, reported afterwards by the partner that took it: new, or
 * answering a report the regisseur recorded as awaited (`stepId`, its own organisation's). Due
 * the region's norm after the step; a report after that is marked late. The regisseur is told.
 */
export async function reportStep(ctx: AuthenticatedContext, rawFamilyId: string, raw: StepReportInput): Promise<CoordinatedStep> {
  const input = parseInput(reportSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, PARTNER_STEP);
    notPast(tx, input.takenAt, "input.takenAt");
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const now = tx.now();
    const report = { lifeDomain, legalDuty: input.legalDuty, stepAt: input.takenAt, description: input.description, reportedBy: tx.caller.professionalId, reportedAt: now, status: "REPORTED" };
    let step: StepRow;
    if (input.stepId) {
      const id = normalizeId(input.stepId);
      const [awaited] = id
        ? await tx.db
            .select()
            .from(coordinatedSteps)
            .where(and(eq(coordinatedSteps.id, id), eq(coordinatedSteps.familyId, familyId), eq(coordinatedSteps.partnerId, tx.caller.partnerId)))
            .for("update")
        : [];
      if (!awaited) throw notFound("Coordinated step");
      if (awaited.status !== "AWAITING_REPORT") throw conflict("input.stepId: this step is reported already.");
      [step] = (await tx.db.update(coordinatedSteps).set(report).where(eq(coordinatedSteps.id, awaited.id)).returning()) as [StepRow];
    } else {
      const due = new Date(input.takenAt.getTime() + (await reportDays(tx)) * DAY_MS);
      [step] = (await tx.db
        .insert(coordinatedSteps)
        .values({ ...report, regionId: tx.caller.regionId, familyId, partnerId: tx.caller.partnerId, kind: "AFTERWARDS", recordedAt: now, reportDueAt: due })
        .returning()) as [StepRow];
    }
    recordWrite(tx, familyId, { data: ["STEP"] });
    await notify(tx, [await regisseurOf(tx, familyId)], { kind: "STEP_REPORTED", familyId, subjectId: step.id });
    return step;
  });
  ctx.loaders.coordinatedSteps.clear(row.familyId);
  return toStep(row, ctx.now());
}

/**
 * The regisseur (or process lead) records that a partner took a step under a legal duty, so that
 * its report is awaited: due the region's norm after the step, then a deadline (deadlines.ts).
 */
export async function expectStepReport(ctx: AuthenticatedContext, rawFamilyId: string, raw: ExpectedReportInput): Promise<CoordinatedStep> {
  const input = parseInput(expectedSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, EXPECTED_REPORT);
    notPast(tx, input.takenAt, "input.takenAt");
    // Only a partner in the family's work: its managers are told of the family.
    const partnerId = (await involvedPartners(tx, familyId, [input.partnerId], () => "input.partnerId"))[0]!;
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const [step] = await tx.db
      .insert(coordinatedSteps)
      .values({
        regionId: tx.caller.regionId,
        familyId,
        partnerId,
        kind: "AFTERWARDS",
        status: "AWAITING_REPORT",
        lifeDomain,
        legalDuty: input.legalDuty,
        stepAt: input.takenAt,
        recordedAt: tx.now(),
        reportDueAt: new Date(input.takenAt.getTime() + (await reportDays(tx)) * DAY_MS),
        expectedBy: tx.caller.professionalId,
      })
      .returning();
    recordWrite(tx, familyId, { data: ["STEP"] });
    // The partner's managers learn that a report is owed; its deadline follows if it does not come.
    await notify(tx, (await managersOf(tx.db, [partnerId])).get(partnerId) ?? [], { kind: "STEP_REPORT_AWAITED", familyId, subjectId: step!.id });
    return step!;
  });
  ctx.loaders.coordinatedSteps.clear(row.familyId);
  return toStep(row, ctx.now());
}
