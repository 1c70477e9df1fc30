import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { badInput } from "../../errors.js";
import { CATEGORIES, type Category } from "../../families/types.js";
import { normalizeId } from "../../ids.js";
import { partners, professionals } from "../../organisations/tables.js";
import { REGISTER_ROLES } from "../../access/roles.js";
import { parseInput, text } from "../../validation.js";
import { categoryRoutes, planMeetings, processSettings } from "../tables.js";
import type { CategoryRoute, PlanMeeting, ProcessSettings, ProcessSettingsInput } from "./types.js";

/** A crisis "ALWAYS goes straight to youth care" (002 §3): the crisis partner's sector. */
export const CRISIS_SECTOR = "YOUTH_CARE";

type SettingsRow = typeof processSettings.$inferSelect;

/** The region's settings row, or null while the region has no intake configured. */
export async function settingsRow(ctx: AuthenticatedContext): Promise<SettingsRow | null> {
  const [row] = await ctx.db.select().from(processSettings).where(eq(processSettings.regionId, ctx.caller.regionId));
  return row ?? null;
}

export async function regionMeetings(ctx: AuthenticatedContext): Promise<PlanMeeting[]> {
  return ctx.db
    .select({ code: planMeetings.code, name: planMeetings.name })
    .from(planMeetings)
    .where(eq(planMeetings.regionId, ctx.caller.regionId))
    .orderBy(asc(planMeetings.code));
}

/** The category's route in the caller's region, or null when the region set none. */
export async function categoryRoute(ctx: AuthenticatedContext, category: Category) {
  const [row] = await ctx.db
    .select()
    .from(categoryRoutes)
    .where(and(eq(categoryRoutes.regionId, ctx.caller.regionId), eq(categoryRoutes.category, category)));
  return row ?? null;
}

/** The region's settings as a professional of the region reads them; null while there are none. */
export async function findProcessSettings(ctx: AuthenticatedContext): Promise<ProcessSettings | null> {
  const row = await settingsRow(ctx);
  if (!row) return null;
  const meetings = await regionMeetings(ctx);
  const routes = await ctx.db
    .select()
    .from(categoryRoutes)
    .where(eq(categoryRoutes.regionId, ctx.caller.regionId));
  const meetingOf = new Map(meetings.map((meeting) => [meeting.code, meeting]));
  return {
    meldpunt: { name: row.meldpuntName, contact: row.meldpuntContact },
    crisisPartnerId: row.crisisPartnerId,
    intakeCoordinatorId: row.intakeCoordinatorId,
    crisisPartner: null,
    intakeCoordinator: null,
    positiveExitPercent: row.positiveExitPercent,
    aftercareMonths: row.aftercareMonths,
    caseloadCeiling: row.caseloadCeiling,
    stepReportDays: row.stepReportDays,
    waitingNormDays: row.waitingNormDays,
    budgetCeilingCents: row.budgetCeilingCents,
    meetings,
    categoryRoutes: routes
      .map((route) => toRoute(route, meetingOf))
      .sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category)),
  };
}

const toRoute = (row: typeof categoryRoutes.$inferSelect, meetingOf: Map<string, PlanMeeting>): CategoryRoute => ({
  category: row.category as Category,
  processLeadId: row.processLeadId,
  processLead: null,
  // A route names a defined meeting (checked when set); a code alone still says which.
  meeting: meetingOf.get(row.meeting) ?? { code: row.meeting, name: row.meeting },
});

/** A professional's id from a client: anything that is no UUID names no one. */
const anId = z.string().transform((value, context) => {
  const id = normalizeId(value);
  if (id === null) context.addIssue({ code: "custom", message: "not an id of your region" });
  return id ?? z.NEVER;
});

/** An active professional of the caller's region, or null. */
export async function activeProfessionalOfRegion(tx: AuthenticatedContext, id: string | null) {
  if (!id) return null;
  const [row] = await tx.db
    .select()
    .from(professionals)
    .where(and(eq(professionals.id, id), eq(professionals.regionId, tx.caller.regionId), eq(professionals.active, true)));
  return row ?? null;
}

/** Coordinators, process managers and project leaders lead processes. */
export const leadsProcesses = (row: { roles: string[] }): boolean => row.roles.some((role) => (REGISTER_ROLES as readonly string[]).includes(role));

/** An active professional of the caller's region who may lead a process, or BAD_USER_INPUT at `field`. */
export async function processLeadOfRegion(tx: AuthenticatedContext, id: string, field: string) {
  const row = await activeProfessionalOfRegion(tx, id);
  if (!row) throw badInput(field, "not an active professional of your region");
  if (!leadsProcesses(row)) throw badInput(field, "this professional is not a process lead or project leader");
  return row;
}

const settingsSchema = z.object({
  meldpuntName: text(200),
  meldpuntContact: text(500),
  crisisPartnerId: anId,
  intakeCoordinatorId: anId,
  positiveExitPercent: z.number().int("a whole number").min(1, "at least 1").max(100, "at most 100"),
  aftercareMonths: z.number().int("a whole number").min(1, "at least 1").max(24, "at most 24"),
  caseloadCeiling: z.number().int("a whole number").min(1, "at least 1").max(50, "at most 50").nullish(),
  stepReportDays: z.number().int("a whole number").min(1, "at least 1").max(14, "at most 14"),
  waitingNormDays: z.number().int("a whole number").min(1, "at least 1").max(365, "at most 365"),
  budgetCeilingCents: z.number().int("whole cents").min(1, "at least 1 cent").nullish(),
});

/** Sets the region's intake and closure settings (covenant administrator). */
export async function setProcessSettings(ctx: AuthenticatedContext, raw: ProcessSettingsInput): Promise<ProcessSettings> {
  const input = parseInput(settingsSchema, raw, "input");
  await inTransaction(ctx, async (tx) => {
    const [partner] = await tx.db
      .select()
      .from(partners)
      .where(and(eq(partners.id, input.crisisPartnerId), eq(partners.regionId, tx.caller.regionId)));
    if (!partner) throw badInput("input.crisisPartnerId", "not a partner of your region");
    if (partner.sector !== CRISIS_SECTOR) {
      throw badInput("input.crisisPartnerId", `a crisis goes straight to youth care; this partner's sector is ${partner.sector}`);
    }
    await processLeadOfRegion(tx, input.intakeCoordinatorId, "input.intakeCoordinatorId");
    const values = {
      meldpuntName: input.meldpuntName,
      meldpuntContact: input.meldpuntContact,
      crisisPartnerId: input.crisisPartnerId,
      intakeCoordinatorId: input.intakeCoordinatorId,
      positiveExitPercent: input.positiveExitPercent,
      aftercareMonths: input.aftercareMonths,
      caseloadCeiling: input.caseloadCeiling ?? null,
      stepReportDays: input.stepReportDays,
      waitingNormDays: input.waitingNormDays,
      budgetCeilingCents: input.budgetCeilingCents ?? null,
    };
    await tx.db
      .insert(processSettings)
      .values({ regionId: tx.caller.regionId, ...values })
      .onConflictDoUpdate({ target: processSettings.regionId, set: values });
  });
  return (await findProcessSettings(ctx))!;
}

const meetingCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "2–40 capitals, digits or underscores, starting with a letter");

/**
 * Adds a meeting to the region's list, or renames one. A code is never removed: routes and
 * screenings refer to it.
 */
export async function definePlanMeeting(ctx: AuthenticatedContext, rawCode: string, rawName: string): Promise<PlanMeeting> {
  const input = { code: parseInput(meetingCode, rawCode, "code"), name: parseInput(text(200), rawName, "name") };
  await ctx.db
    .insert(planMeetings)
    .values({ regionId: ctx.caller.regionId, code: input.code, name: input.name })
    .onConflictDoUpdate({ target: [planMeetings.regionId, planMeetings.code], set: { name: input.name } });
  return input;
}

/** Sets who leads a category's process (null: whoever screens) and which meeting makes its plan. */
export async function setCategoryRoute(
  ctx: AuthenticatedContext,
  rawCategory: Category,
  rawProcessLeadId: string | null | undefined,
  rawMeeting: string,
): Promise<CategoryRoute> {
  const category = parseInput(z.enum(CATEGORIES), rawCategory, "category");
  const processLeadId = parseInput(anId.nullish(), rawProcessLeadId, "processLeadId") ?? null;
  return inTransaction(ctx, async (tx) => {
    const meeting = (await regionMeetings(tx)).find((candidate) => candidate.code === rawMeeting);
    if (!meeting) throw badInput("meeting", "not a meeting of your region (definePlanMeeting first)");
    if (processLeadId) await processLeadOfRegion(tx, processLeadId, "processLeadId");
    await tx.db
      .insert(categoryRoutes)
      .values({ regionId: tx.caller.regionId, category, processLeadId, meeting: meeting.code })
      .onConflictDoUpdate({ target: [categoryRoutes.regionId, categoryRoutes.category], set: { processLeadId, meeting: meeting.code } });
    return { category, processLeadId, processLead: null, meeting };
  });
}
