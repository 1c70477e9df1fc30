import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { keepsFamily, knowsFamily } from "../../covenant/decisions/predicates.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { findFamily } from "../../families/service.js";
import type { Family } from "../../families/types.js";
import { normalizeId } from "../../ids.js";
import { notify } from "../../notifications/service.js";
import { parseInput, text } from "../../validation.js";
import { caseloadCeiling } from "../caseload.js";
import { concerns, selectionNominations, selectionRounds } from "../tables.js";
import type { NominationInput, SelectionNomination, SelectionRound, SelectionStatus } from "./types.js";

/*
 * The joint selection (000 L78): "the core partners each put forward a number of their most
 * problematic families; from these they jointly appoint a top 10". A project leader opens a
 * round; care workers and managers of the partners nominate, with a reason, a family they know
 * or the household of a concern they registered (whose family they may not learn); the project
 * leader confirms at most `size` of the nominated families, once. A partner reads its own
 * organisation's nominations, a project leader all of them.
 */

type RoundRow = typeof selectionRounds.$inferSelect;
type NominationRow = typeof selectionNominations.$inferSelect;

/** Rounds a region keeps listing: a few a year. */
const LISTED_ROUNDS = 20;
/** Without a caseload ceiling the approach's own number: ten. */
const DEFAULT_SIZE = 10;

const readerKeyOf = (ctx: AuthenticatedContext) => `professional:${ctx.caller.professionalId}`;
const isProjectLead = (ctx: AuthenticatedContext) => ctx.caller.roles.includes("PROJECT_LEAD");

function toRound(ctx: AuthenticatedContext, row: RoundRow, nominations: NominationRow[]): SelectionRound {
  const readerKey = readerKeyOf(ctx);
  const readable = isProjectLead(ctx) ? nominations : nominations.filter((nomination) => nomination.partnerId === ctx.caller.partnerId);
  return {
    id: row.id,
    title: row.title,
    size: row.size,
    status: row.status as SelectionStatus,
    openedAt: row.openedAt,
    confirmedAt: row.confirmedAt,
    nominations: readable.map((nomination) => ({
      id: nomination.id,
      family: null,
      concernId: nomination.partnerId === ctx.caller.partnerId ? nomination.concernId : null,
      partner: null,
      nominatedBy: null,
      nominatedAt: nomination.nominatedAt,
      reason: nomination.reason,
      selected: nomination.selected,
      familyId: nomination.familyId,
      viaConcern: nomination.concernId !== null,
      partnerId: nomination.partnerId,
      nominatedById: nomination.nominatedBy,
      readerKey,
    })),
  };
}

async function roundsWithNominations(ctx: AuthenticatedContext, rows: RoundRow[]): Promise<SelectionRound[]> {
  if (rows.length === 0) return [];
  const nominations = await ctx.db
    .select()
    .from(selectionNominations)
    .where(inArray(selectionNominations.roundId, rows.map((row) => row.id)))
    .orderBy(selectionNominations.nominatedAt, selectionNominations.id);
  return rows.map((row) => toRound(ctx, row, nominations.filter((nomination) => nomination.roundId === row.id)));
}

/** The region's latest rounds, newest first. */
export async function listRounds(ctx: AuthenticatedContext): Promise<SelectionRound[]> {
  const rows = await ctx.db
    .select()
    .from(selectionRounds)
    .where(eq(selectionRounds.regionId, ctx.caller.regionId))
    .orderBy(desc(selectionRounds.openedAt), desc(selectionRounds.id))
    .limit(LISTED_ROUNDS);
  return roundsWithNominations(ctx, rows);
}

async function roundById(ctx: AuthenticatedContext, id: string): Promise<SelectionRound> {
  const [row] = await ctx.db.select().from(selectionRounds).where(eq(selectionRounds.id, id));
  return (await roundsWithNominations(ctx, [row!]))[0]!;
}

/** The round, locked for the rest of the transaction; NOT_FOUND outside the caller's region. */
async function lockRound(tx: AuthenticatedContext, rawId: string, lock: "update" | "share"): Promise<RoundRow> {
  const id = normalizeId(rawId);
  const [row] = id
    ? await tx.db
        .select()
        .from(selectionRounds)
        .where(and(eq(selectionRounds.id, id), eq(selectionRounds.regionId, tx.caller.regionId)))
        .for(lock)
    : [];
  if (!row) throw notFound("Selection round");
  if (row.status !== "OPEN") throw conflict("roundId: this round is confirmed already; open a new one.");
  return row;
}

const openSchema = z.object({ title: text(200), size: z.number().int("a whole number").min(1, "at least 1").max(50, "at most 50").nullish() });

/** Opens a round (project leader); one open round per region at a time. */
export async function openRound(ctx: AuthenticatedContext, raw: { title: string; size?: number | null }): Promise<SelectionRound> {
  const input = parseInput(openSchema, raw, "input");
  const id = await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`selection:${tx.caller.regionId}`}, 0))`);
    const [open] = await tx.db
      .select({ id: selectionRounds.id })
      .from(selectionRounds)
      .where(and(eq(selectionRounds.regionId, tx.caller.regionId), eq(selectionRounds.status, "OPEN")));
    if (open) throw conflict("input: your region has an open selection round; confirm it before opening another.");
    const size = input.size ?? (await caseloadCeiling(tx.db, tx.caller.regionId)) ?? DEFAULT_SIZE;
    const [row] = await tx.db
      .insert(selectionRounds)
      .values({ regionId: tx.caller.regionId, title: input.title, size, openedBy: tx.caller.professionalId, openedAt: tx.now() })
      .returning({ id: selectionRounds.id });
    return row!.id;
  });
  return roundById(ctx, id);
}

const nominationSchema = z
  .object({ familyId: z.string().nullish(), concernId: z.string().nullish(), reason: text(2000) })
  .refine((input) => Boolean(input.familyId) !== Boolean(input.concernId), { path: ["familyId"], message: "name either a family or your own concern, not both" });

/**
 * Nominates a family for an open round. A family the caller does not know, or a concern that is
 * not their own, is NOT_FOUND exactly as one that does not exist.
 */
export async function nominate(ctx: AuthenticatedContext, rawRoundId: string, raw: NominationInput): Promise<SelectionRound> {
  const input = parseInput(nominationSchema, raw, "input");
  const roundId = await inTransaction(ctx, async (tx) => {
    const round = await lockRound(tx, rawRoundId, "share");
    let familyId: string;
    let concernId: string | null = null;
    if (input.concernId) {
      const id = normalizeId(input.concernId);
      const [own] = id
        ? await tx.db
            .select({ id: concerns.id, familyId: concerns.familyId })
            .from(concerns)
            .where(and(eq(concerns.id, id), eq(concerns.regionId, tx.caller.regionId), eq(concerns.submittedBy, tx.caller.professionalId)))
        : [];
      if (!own) throw notFound("Concern");
      familyId = own.familyId;
      concernId = own.id;
    } else {
      const id = normalizeId(input.familyId!);
      const entitlement = id ? await tx.entitlements.load(id) : null;
      if (!id || !entitlement || !knowsFamily(entitlement)) throw notFound("Family");
      familyId = id;
    }
    const [created] = await tx.db
      .insert(selectionNominations)
      .values({
        regionId: tx.caller.regionId,
        roundId: round.id,
        familyId,
        concernId,
        partnerId: tx.caller.partnerId,
        nominatedBy: tx.caller.professionalId,
        nominatedAt: tx.now(),
        reason: input.reason,
      })
      .onConflictDoNothing()
      .returning({ id: selectionNominations.id });
    if (!created) throw conflict(concernId ? "input.concernId: this concern is nominated already." : "input.familyId: your organisation nominated this family already.");
    recordWrite(tx, familyId, { data: ["SELECTION"] });
    return round.id;
  });
  return roundById(ctx, roundId);
}

/**
 * Confirms the round's list (project leader), once: distinct nominated families, at most the
 * round's size. The nominators are told (the round's id only).
 */
export async function confirmRound(ctx: AuthenticatedContext, rawRoundId: string, rawFamilyIds: string[]): Promise<SelectionRound> {
  const roundId = await inTransaction(ctx, async (tx) => {
    const round = await lockRound(tx, rawRoundId, "update");
    if (rawFamilyIds.length === 0) throw badInput("familyIds", "confirm at least one family");
    if (rawFamilyIds.length > round.size) throw badInput("familyIds", `this round's list holds at most ${round.size} families`);
    const nominations = await tx.db.select().from(selectionNominations).where(eq(selectionNominations.roundId, round.id));
    const nominated = new Set(nominations.map((nomination) => nomination.familyId));
    const chosen: string[] = [];
    rawFamilyIds.forEach((raw, index) => {
      const id = normalizeId(raw);
      if (!id || !nominated.has(id)) throw badInput(`familyIds[${index}]`, "not a family nominated in this round");
      if (chosen.includes(id)) throw badInput(`familyIds[${index}]`, "named twice");
      chosen.push(id);
    });
    await tx.db.update(selectionNominations).set({ selected: true }).where(and(eq(selectionNominations.roundId, round.id), inArray(selectionNominations.familyId, chosen)));
    await tx.db.update(selectionRounds).set({ status: "CONFIRMED", confirmedBy: tx.caller.professionalId, confirmedAt: tx.now() }).where(eq(selectionRounds.id, round.id));
    for (const familyId of chosen) recordWrite(tx, familyId, { data: ["SELECTION"] });
    await notify(tx, [...new Set(nominations.map((nomination) => nomination.nominatedBy))], { kind: "SELECTION_CONFIRMED", familyId: null, subjectId: round.id });
    return round.id;
  });
  return roundById(ctx, roundId);
}

/**
 * The nominated family, to a reader who may know it. Nominated through a concern, only to the
 * family's keepers: the nominator must not learn which family their concern went to.
 */
export async function nominatedFamily(ctx: AuthenticatedContext, nomination: SelectionNomination): Promise<Family | null> {
  if (nomination.viaConcern) {
    const entitlement = await ctx.entitlements.load(nomination.familyId);
    if (!entitlement || !keepsFamily(entitlement)) return null;
  }
  return findFamily(ctx, nomination.familyId);
}
