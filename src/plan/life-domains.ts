import { asc, eq, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { badInput } from "../errors.js";
import { parseInput, text } from "../validation.js";
import { lifeDomains } from "./tables.js";
import type { LifeDomain } from "./types.js";

export function listLifeDomains(ctx: AuthenticatedContext): Promise<LifeDomain[]> {
  return ctx.db.select().from(lifeDomains).where(eq(lifeDomains.regionId, ctx.caller.regionId)).orderBy(asc(lifeDomains.position));
}

const domainSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "2–40 capitals, digits or underscores, starting with a letter"),
  name: text(100),
  safetyRelevant: z.boolean(),
});

/**
 * Adds a life domain to the region's list, or renames it / changes whether emergency access
 * opens it. A code is never removed: plan parts and consents refer to it.
 */
export async function defineLifeDomain(ctx: AuthenticatedContext, raw: { code: string; name: string; safetyRelevant: boolean }): Promise<LifeDomain[]> {
  const input = parseInput(domainSchema, raw, "input");
  await inTransaction(ctx, async (tx) => {
    const [last] = await tx.db.select({ position: max(lifeDomains.position) }).from(lifeDomains).where(eq(lifeDomains.regionId, tx.caller.regionId));
    await tx.db
      .insert(lifeDomains)
      .values({ regionId: tx.caller.regionId, code: input.code, name: input.name, safetyRelevant: input.safetyRelevant, position: (last?.position ?? -1) + 1 })
      .onConflictDoUpdate({
        target: [lifeDomains.regionId, lifeDomains.code],
        set: { name: input.name, safetyRelevant: input.safetyRelevant, position: sql`${lifeDomains.position}` },
      });
  });
  ctx.entitlements.clearAll();
  return listLifeDomains(ctx);
}

/** The region's life-domain codes; every code a client names is checked against them. */
export async function regionLifeDomains(ctx: AuthenticatedContext): Promise<Set<string>> {
  const rows = await ctx.db.select({ code: lifeDomains.code }).from(lifeDomains).where(eq(lifeDomains.regionId, ctx.caller.regionId));
  return new Set(rows.map((row) => row.code));
}

/** The codes, each a life domain of the region (BAD_USER_INPUT naming `field[i]`), without repeats. */
export async function lifeDomainsOf(ctx: AuthenticatedContext, codes: readonly string[], field: string): Promise<string[]> {
  const known = await regionLifeDomains(ctx);
  codes.forEach((code, index) => {
    if (!known.has(code)) throw badInput(`${field}[${index}]`, "not a life domain of your region");
  });
  return [...new Set(codes)];
}

/** One code, a life domain of the region (BAD_USER_INPUT naming `field`). */
export async function lifeDomainOf(ctx: AuthenticatedContext, code: string, field: string): Promise<string> {
  if (!(await regionLifeDomains(ctx)).has(code)) throw badInput(field, "not a life domain of your region");
  return code;
}
