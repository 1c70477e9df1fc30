import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../access-log/transaction.js";
import { regions } from "../../organisations/tables.js";
import { parseInput } from "../../validation.js";
import type { RetentionSettings, RetentionSettingsInput } from "./types.js";

/*
 * At least a year, so a slip cannot wipe every closed family at the next run; at most twenty,
 * the longest term Dutch youth-care law sets for a file, so the term cannot become "for ever".
 */
const settingsSchema = z.object({
  closedFamilyYears: z.number().int("a whole number").min(1, "at least 1").max(20, "at most 20"),
});

/**
 * Sets the region's retention term for closed families (covenant administrator). It holds from
 * the next run, both ways: a shorter term removes at once what it no longer allows to keep, a
 * longer one keeps what is still there for longer.
 */
export async function setRetentionSettings(ctx: AuthenticatedContext, raw: RetentionSettingsInput): Promise<RetentionSettings> {
  const input = parseInput(settingsSchema, raw, "input");
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(regions)
      .set({ closedFamilyRetentionYears: input.closedFamilyYears })
      .where(eq(regions.id, tx.caller.regionId))
      .returning({ closedFamilyYears: regions.closedFamilyRetentionYears });
    if (!row) throw new Error("The caller's region vanished.");
    return row;
  });
}
