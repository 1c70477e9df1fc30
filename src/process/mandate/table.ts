import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import type { Db } from "../../db/database.js";
import { conflict, notFound } from "../../errors.js";
import { normalizeId } from "../../ids.js";
import { partners } from "../../organisations/tables.js";
import { partnerInRegion } from "../../plan/edit.js";
import { lifeDomainOf } from "../../plan/life-domains.js";
import { lifeDomains } from "../../plan/tables.js";
import { parseInput, text } from "../../validation.js";
import { mandateEntries } from "../tables.js";
import type { MandateTableLine } from "./groningen.js";
import type { MandateEntry, MandateEntryInput } from "./types.js";

export const DECISION_TYPE = /^[A-Z][A-Z0-9_]{2,59}$/;
export const decisionTypeSchema = z.string().regex(DECISION_TYPE, "3–60 capitals, digits or underscores, starting with a letter");

/** The region's mandate table, by life domain, institution and decision type; optionally narrowed. */
export async function listMandateTable(ctx: AuthenticatedContext, filter: { partnerId?: string | null; lifeDomain?: string | null }): Promise<MandateEntry[]> {
  const partnerId = filter.partnerId ? normalizeId(filter.partnerId) : null;
  if (filter.partnerId && !partnerId) return [];
  const rows = await ctx.db
    .select({ entry: mandateEntries, partner: partners })
    .from(mandateEntries)
    .innerJoin(partners, eq(partners.id, mandateEntries.partnerId))
    .where(
      and(
        eq(mandateEntries.regionId, ctx.caller.regionId),
        partnerId ? eq(mandateEntries.partnerId, partnerId) : undefined,
        filter.lifeDomain ? eq(mandateEntries.lifeDomain, filter.lifeDomain) : undefined,
      ),
    )
    .orderBy(asc(mandateEntries.lifeDomain), asc(partners.name), asc(mandateEntries.decisionType));
  return rows.map(({ entry, partner }) => ({ ...entry, partner }));
}

/** Whether the table holds this decision for this institution in this domain: then an advice on it binds. */
export async function inMandateTable(ctx: AuthenticatedContext, key: { lifeDomain: string; partnerId: string; decisionType: string }): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: mandateEntries.id })
    .from(mandateEntries)
    .where(
      and(
        eq(mandateEntries.regionId, ctx.caller.regionId),
        eq(mandateEntries.lifeDomain, key.lifeDomain),
        eq(mandateEntries.partnerId, key.partnerId),
        eq(mandateEntries.decisionType, key.decisionType),
      ),
    );
  return row !== undefined;
}

const entrySchema = z.object({
  lifeDomain: z.string(),
  partnerId: z.string(),
  decisionType: decisionTypeSchema,
  description: text(500),
});

/**
 * Adds a line to the region's mandate table (covenant administrator). A line already there is a
 * CONFLICT: the table says once what the coach may decide.
 */
export async function defineMandate(ctx: AuthenticatedContext, raw: MandateEntryInput): Promise<MandateEntry> {
  const input = parseInput(entrySchema, raw, "input");
  return inTransaction(ctx, async (tx) => {
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const partnerId = await partnerInRegion(tx, input.partnerId, "input.partnerId");
    const [row] = await tx.db
      .insert(mandateEntries)
      .values({ regionId: tx.caller.regionId, lifeDomain, partnerId, decisionType: input.decisionType, description: input.description })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(`input.decisionType: ${input.decisionType} is already in the table for this institution and life domain.`);
    const [partner] = await tx.db.select().from(partners).where(eq(partners.id, partnerId));
    return { ...row, partner: partner! };
  });
}

/**
 * Takes a line out of the table (covenant administrator). Advices issued under it keep their
 * standing: whether an advice binds is fixed when it is issued.
 */
export async function removeMandate(ctx: AuthenticatedContext, rawId: string): Promise<boolean> {
  const id = normalizeId(rawId);
  if (!id) throw notFound("Mandate entry");
  return inTransaction(ctx, async (tx) => {
    const removed = await tx.db
      .delete(mandateEntries)
      .where(and(eq(mandateEntries.id, id), eq(mandateEntries.regionId, tx.caller.regionId)))
      .returning({ id: mandateEntries.id });
    if (removed.length === 0) throw notFound("Mandate entry");
    return true;
  });
}

/**
 * Writes a region's table from data (the demo seed, a region's set-up), naming institutions and
 * life domains as the region spells them. A name or code the region lacks is a mistake in the
 * data, refused before anything is written; lines already present are left as they are.
 */
export async function writeMandateTable(db: Db, regionId: string, table: readonly MandateTableLine[]): Promise<number> {
  if (table.length === 0) return 0;
  const names = [...new Set(table.map((line) => line.partner))];
  const found = await db
    .select({ id: partners.id, name: partners.name })
    .from(partners)
    .where(and(eq(partners.regionId, regionId), inArray(partners.name, names)));
  const partnerIds = new Map(found.map((row) => [row.name, row.id]));
  const codes = new Set(
    (await db.select({ code: lifeDomains.code }).from(lifeDomains).where(eq(lifeDomains.regionId, regionId))).map((row) => row.code),
  );
  for (const line of table) {
    if (!partnerIds.has(line.partner)) throw new Error(`Mandate table: the region has no partner named "${line.partner}".`);
    if (!codes.has(line.lifeDomain)) throw new Error(`Mandate table: the region has no life domain ${line.lifeDomain}.`);
    if (!DECISION_TYPE.test(line.decisionType)) throw new Error(`Mandate table: ${line.decisionType} is not a decision-type code.`);
  }
  const written = await db
    .insert(mandateEntries)
    .values(
      table.map((line) => ({
        regionId,
        lifeDomain: line.lifeDomain,
        partnerId: partnerIds.get(line.partner)!,
        decisionType: line.decisionType,
        description: line.description,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: mandateEntries.id });
  return written.length;
}
