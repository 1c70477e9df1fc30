import DataLoader from "dataloader";
import { and, arrayContains, asc, count, eq, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { PROCESS_LEAD } from "../../covenant/decisions/needs.js";
import type { Db } from "../../db/database.js";
import { ofFamilies } from "../../db/per-family.js";
import { badInput, conflict } from "../../errors.js";
import { findFamily } from "../../families/service.js";
import { families, familyCategories, regieAssignments } from "../../families/tables.js";
import type { Category, Family } from "../../families/types.js";
import { NO_REGION, normalizeId } from "../../ids.js";
import { notify } from "../../notifications/service.js";
import { partners, professionals } from "../../organisations/tables.js";
import { parseInput, text } from "../../validation.js";
import { checkCaseload, DONE_PHASES } from "../caseload.js";
import { enterPhase } from "../phase-moves.js";
import { planMeetings, screenings } from "../tables.js";
import { settleConcerns } from "./service.js";
import { activeProfessionalOfRegion, categoryRoute, leadsProcesses, processLeadOfRegion, regionMeetings } from "./settings.js";
import { SCREENING_OUTCOMES, type Screening, type ScreeningInput, type ScreeningOutcome } from "./types.js";
import { recordWrite } from "../../accountability/access-log/writes.js";

/** Per-request loader: each family's screening (at most one), with its meeting's name. */
export function screeningLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    screening: new DataLoader<string, Screening | null>(async (familyIds) => {
      const rows = await db
        .select({ screening: screenings, meetingName: planMeetings.name })
        .from(screenings)
        .leftJoin(planMeetings, and(eq(planMeetings.regionId, screenings.regionId), eq(planMeetings.code, screenings.meeting)))
        .where(ofFamilies(screenings, familyIds, regionId));
      return familyIds.map((familyId) => {
        const row = rows.find((candidate) => candidate.screening.familyId === familyId);
        if (!row) return null;
        const { screening, meetingName } = row;
        return {
          familyId,
          outcome: screening.outcome as ScreeningOutcome,
          meeting: screening.meeting ? { code: screening.meeting, name: meetingName ?? screening.meeting } : null,
          reasoning: screening.reasoning,
          screenedAt: screening.screenedAt,
          screenedById: screening.screenedBy,
        };
      });
    }),
  };
}

const anId = (field: string) =>
  z.string().transform((value, context) => {
    const id = normalizeId(value);
    if (id === null) context.addIssue({ code: "custom", message: `not ${field} of your region` });
    return id ?? z.NEVER;
  });

const screeningSchema = z
  .object({
    outcome: z.enum(SCREENING_OUTCOMES),
    reasoning: text(5000),
    meeting: z.string().nullish(),
    regisseurId: anId("a coach").nullish(),
    dominantPartnerId: anId("a partner").nullish(),
    processLeadId: anId("a process lead").nullish(),
  })
  .superRefine((input, issues) => {
    if (input.outcome !== "REGULAR") return;
    // "Regular care, unless": regular care suffices, so there is no plan, meeting or regisseur to name.
    for (const field of ["meeting", "regisseurId", "dominantPartnerId", "processLeadId"] as const) {
      if (input[field]) issues.addIssue({ code: "custom", path: [field], message: "regular care makes no plan here: leave it out" });
    }
  });

const SCREENING = familyGate({ operations: ["Mutation.screenFamily"], need: PROCESS_LEAD, refusal: "Only the family's process lead screens it.", lock: "update" });

/**
 * Screens a signalled family, once (the family's process lead: the coordinator). REGULAR —
 * regular care suffices — closes it; a category takes it into the approach: the meeting that
 * makes its plan, its regisseur and its process lead, each from the input or the region's route.
 * The concerns' submitters are not notified: their concern's status (SCREENED or
 * CLOSED_REGULAR) answers them in `concerns`, and no inbox message names the family to them.
 */
export async function screenFamily(ctx: AuthenticatedContext, rawFamilyId: string, raw: ScreeningInput): Promise<Family | null> {
  const input = parseInput(screeningSchema, raw, "input");
  const familyId = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, SCREENING);
    const [family] = await tx.db.select().from(families).where(eq(families.id, entitlement.familyId));
    recordWrite(tx, family!.id, { data: ["SCREENING"] });
    const [screened] = await tx.db.select({ at: screenings.screenedAt }).from(screenings).where(eq(screenings.familyId, family!.id));
    if (screened) throw conflict(`familyId: this family was screened on ${screened.at.toISOString()}; a family is screened once.`);
    if (family!.phase !== "SIGNALLED") throw conflict(`familyId: only a signalled family is screened; this one is ${family!.phase}.`);

    const screening = {
      regionId: tx.caller.regionId,
      familyId: family!.id,
      outcome: input.outcome,
      reasoning: input.reasoning,
      screenedBy: tx.caller.professionalId,
      screenedAt: tx.now(),
    };
    if (input.outcome === "REGULAR") {
      await tx.db.insert(screenings).values({ ...screening, meeting: null });
      await enterPhase(tx, family!.id, "CLOSED", "SCREENING", "regular care suffices");
      await settleConcerns(tx, family!.id, "CLOSED_REGULAR");
      return family!.id;
    }

    const category: Category = input.outcome;
    const route = await categoryRoute(tx, category);
    const meeting = await meetingFor(tx, input.meeting ?? route?.meeting ?? null, input.meeting != null);
    const regisseurId = await regisseurFor(tx, input.regisseurId ?? null, input.dominantPartnerId ?? null);
    const processLeadId = input.processLeadId
      ? (await processLeadOfRegion(tx, input.processLeadId, "input.processLeadId")).id
      : ((await routeLead(tx, route?.processLeadId ?? null)) ?? tx.caller.professionalId);

    const now = tx.now();
    await tx.db.insert(familyCategories).values({ regionId: tx.caller.regionId, familyId: family!.id, category, since: now, setBy: tx.caller.professionalId });
    await tx.db.update(families).set({ regisseurId, processLeadId }).where(eq(families.id, family!.id));
    // The first period of regie; every hand-over closes one and opens the next.
    await tx.db.insert(regieAssignments).values({
      regionId: tx.caller.regionId,
      familyId: family!.id,
      professionalId: regisseurId,
      since: now,
      assignedBy: tx.caller.professionalId,
    });
    await tx.db.insert(screenings).values({ ...screening, meeting });
    await enterPhase(tx, family!.id, "SCREENED", "SCREENING", null);
    await settleConcerns(tx, family!.id, "SCREENED");
    await notify(tx, [regisseurId, processLeadId], { kind: "FAMILY_ASSIGNED", familyId: family!.id, subjectId: family!.id });
    return family!.id;
  });
  forget(ctx, familyId);
  // Read through the caller's own entitlement: who handed the process on may no longer know the family.
  return findFamily(ctx, familyId);
}

/** The meeting code, one of the region's; BAD_USER_INPUT at `input.meeting` otherwise. */
async function meetingFor(tx: AuthenticatedContext, code: string | null, named: boolean): Promise<string> {
  if (code === null) throw badInput("input.meeting", "your region has no default meeting for this category; name one");
  const known = (await regionMeetings(tx)).some((meeting) => meeting.code === code);
  if (!known) {
    throw badInput("input.meeting", named ? "not a meeting of your region" : "the category's default meeting is no longer one of your region's; name one");
  }
  return code;
}

/**
 * The regisseur: the coach named, or the active coach of the partner with the dominant problem
 * (002 §3: "the institution that serves the dominant problem appoints the family manager") who
 * leads the fewest open families.
 */
async function regisseurFor(tx: AuthenticatedContext, regisseurId: string | null, dominantPartnerId: string | null): Promise<string> {
  if (regisseurId) {
    const [coach] = await tx.db
      .select()
      .from(professionals)
      .where(and(eq(professionals.id, regisseurId), eq(professionals.regionId, tx.caller.regionId), eq(professionals.active, true)));
    if (!coach) throw badInput("input.regisseurId", "not an active professional of your region");
    if (!coach.roles.includes("COACH")) throw badInput("input.regisseurId", "this professional is not a coach");
    await checkCaseload(tx, coach, "input.regisseurId");
    return coach.id;
  }
  if (!dominantPartnerId) {
    throw badInput("input.regisseurId", "name the regisseur, or the partner with the dominant problem (input.dominantPartnerId)");
  }
  const [partner] = await tx.db
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.id, dominantPartnerId), eq(partners.regionId, tx.caller.regionId)));
  if (!partner) throw badInput("input.dominantPartnerId", "not a partner of your region");
  const [coach] = await tx.db
    .select({ id: professionals.id, name: professionals.name, families: count(families.id) })
    .from(professionals)
    .leftJoin(families, and(eq(families.regisseurId, professionals.id), notInArray(families.phase, [...DONE_PHASES])))
    .where(
      and(
        eq(professionals.partnerId, partner.id),
        eq(professionals.regionId, tx.caller.regionId),
        eq(professionals.active, true),
        arrayContains(professionals.roles, ["COACH"]),
      ),
    )
    .groupBy(professionals.id, professionals.name)
    .orderBy(asc(count(families.id)), asc(professionals.name), asc(professionals.id))
    .limit(1);
  if (!coach) throw badInput("input.dominantPartnerId", "this partner has no active coach; name the regisseur (input.regisseurId)");
  // The least-loaded coach: when even they are full, so is the partner.
  await checkCaseload(tx, coach, "input.dominantPartnerId");
  return coach.id;
}

/** The category's process lead, while still an active process lead or project leader; else null. */
async function routeLead(tx: AuthenticatedContext, id: string | null): Promise<string | null> {
  const lead = await activeProfessionalOfRegion(tx, id);
  // Deactivated, or no longer a process lead, since the route was set: the screener keeps it.
  return lead && leadsProcesses(lead) ? lead.id : null;
}

function forget(ctx: AuthenticatedContext, familyId: string) {
  ctx.loaders.screening.clear(familyId);
  ctx.loaders.categoryHistory.clear(familyId);
  ctx.loaders.regieHistory.clear(familyId);
  ctx.loaders.phaseHistory.clear(familyId);
  ctx.loaders.concernsOfFamily.clear(familyId);
  ctx.entitlements.clear(familyId);
}
