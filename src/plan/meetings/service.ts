import DataLoader from "dataloader";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { today } from "../../dates.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { KEEPER } from "../../covenant/decisions/needs.js";
import { meetingPart } from "../../covenant/decisions/plan-parts.js";
import { seesProcess } from "../../covenant/decisions/predicates.js";
import type { Db } from "../../db/database.js";
import { perFamily } from "../../db/per-family.js";
import { badInput } from "../../errors.js";
import { NO_REGION, normalizeId } from "../../ids.js";
import { professionals } from "../../organisations/tables.js";
import { planMeetings } from "../../process/tables.js";
import { day, parseInput, text } from "../../validation.js";
import { membersOf } from "../edit.js";
import { networkMemberOf } from "../network/service.js";
import { caseMeetings, plans } from "../tables.js";
import type { PlanMeeting } from "../../process/intake/types.js";
import type { CaseMeeting, CaseMeetingInput } from "./meeting-types.js";

/*
 * Case meetings (002 §2.8: the MDO+, the local family meeting): the family's keepers record each
 * one held — kind, day, who attended (professionals, members, network), minutes and decisions —
 * and the plan version it adopted. That it was held is process data, also for who attended; what
 * it said and decided is plan content (part MEETING).
 */

type Row = typeof caseMeetings.$inferSelect;

export const toCaseMeeting = (row: Row): CaseMeeting => ({
  id: row.id,
  meeting: null,
  heldOn: row.heldOn,
  attendees: [],
  memberIds: row.memberIds,
  networkMemberIds: row.networkMemberIds,
  adoptedPlanVersion: row.adoptedPlanVersion,
  recordedAt: row.recordedAt,
  content: { minutes: row.minutes, decisions: row.decisions },
  familyId: row.familyId,
  part: meetingPart(),
  meetingCode: row.meeting,
  professionalIds: row.professionalIds,
});

export function meetingLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    caseMeetings: perFamily(db, regionId, caseMeetings, [caseMeetings.heldOn, caseMeetings.id], toCaseMeeting),
    // The region's plan meetings by code: a meeting's kind.
    planMeetingKinds: new DataLoader<string, PlanMeeting | null>(async (codes) => {
      const rows = await db
        .select({ code: planMeetings.code, name: planMeetings.name })
        .from(planMeetings)
        .where(and(eq(planMeetings.regionId, regionId), inArray(planMeetings.code, [...codes])));
      return codes.map((code) => rows.find((row) => row.code === code) ?? { code, name: code });
    }),
  };
}

/** The meetings the caller may see: all from PROCESS; below it, those they attended. */
export async function meetingsOf(ctx: AuthenticatedContext, familyId: string): Promise<CaseMeeting[]> {
  const meetings = await ctx.loaders.caseMeetings.load(familyId);
  const entitlement = await ctx.entitlements.load(familyId);
  return seesProcess(entitlement) ? meetings : meetings.filter((meeting) => meeting.professionalIds.includes(ctx.caller.professionalId));
}

const RECORD_MEETING = familyGate({
  operations: ["Mutation.recordCaseMeeting"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead records its case meetings.",
  lock: "share",
});

const meetingSchema = z.object({
  meeting: z.string(),
  heldOn: day,
  professionalIds: z.array(z.string()).max(50, "at most 50"),
  memberIds: z.array(z.string()).max(30, "at most 30"),
  networkMemberIds: z.array(z.string()).max(30, "at most 30"),
  minutes: text(10_000),
  decisions: z.array(text(2000)).max(50, "at most 50"),
  adoptsPlanVersion: z.number().int().min(1, "at least 1").nullish(),
});

export async function recordCaseMeeting(ctx: AuthenticatedContext, rawFamilyId: string, raw: CaseMeetingInput): Promise<CaseMeeting> {
  const input = parseInput(meetingSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, RECORD_MEETING);
    if (input.heldOn > today(tx)) throw badInput("input.heldOn", "record a meeting once it is held");
    const [kind] = await tx.db
      .select({ code: planMeetings.code })
      .from(planMeetings)
      .where(and(eq(planMeetings.regionId, tx.caller.regionId), eq(planMeetings.code, input.meeting)));
    if (!kind) throw badInput("input.meeting", "not a plan meeting of your region");
    const professionalIds = [...new Set(input.professionalIds.map((raw) => normalizeId(raw)))];
    const known = professionalIds.includes(null)
      ? []
      : await tx.db
          .select({ id: professionals.id })
          .from(professionals)
          .where(and(inArray(professionals.id, professionalIds as string[]), eq(professionals.regionId, tx.caller.regionId)));
    if (known.length !== professionalIds.length) throw badInput("input.professionalIds", "not all professionals of your region");
    const memberIds = await membersOf(tx, familyId, input.memberIds, "input.memberIds");
    const networkMemberIds: string[] = [];
    for (const [index, raw] of input.networkMemberIds.entries()) networkMemberIds.push(await networkMemberOf(tx, familyId, raw, `input.networkMemberIds[${index}]`));
    if (input.adoptsPlanVersion) {
      const [plan] = await tx.db.select({ version: plans.version }).from(plans).where(eq(plans.familyId, familyId));
      if (!plan || input.adoptsPlanVersion > plan.version) throw badInput("input.adoptsPlanVersion", "not a version of this family's plan");
    }
    const [created] = await tx.db
      .insert(caseMeetings)
      .values({
        regionId: tx.caller.regionId,
        familyId,
        meeting: input.meeting,
        heldOn: input.heldOn,
        professionalIds: professionalIds as string[],
        memberIds,
        networkMemberIds: [...new Set(networkMemberIds)],
        minutes: input.minutes,
        decisions: input.decisions,
        adoptedPlanVersion: input.adoptsPlanVersion ?? null,
        recordedBy: tx.caller.professionalId,
        recordedAt: tx.now(),
      })
      .returning();
    recordWrite(tx, familyId, { data: ["MEETING"] });
    return created!;
  });
  ctx.loaders.caseMeetings.clear(row.familyId);
  return toCaseMeeting(row);
}
