import { asc, eq, max, sql } from "drizzle-orm";
import { z } from "zod";
import { inTransaction, type AuthenticatedContext } from "../context.js";
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
