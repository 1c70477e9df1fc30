import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { parseInput } from "../../validation.js";
import { rightsSettings } from "./tables.js";

/*
 * Who may ask on a client's behalf: the family's own regisseur (REGISSEUR), or a professional
 * with one of these roles who may know the person. Roles that keep no family (covenant
 * administrator, evaluator, manager, alderman) are not on the list: they see no personal data.
 */
export const ON_BEHALF_CHOICES = ["REGISSEUR", "PROCESS_LEAD", "PROJECT_LEAD", "COACH", "PARTNER_PROFESSIONAL"] as const;
export type OnBehalf = (typeof ON_BEHALF_CHOICES)[number];

export interface RightsRules {
  /** From this age a person reads their own data; below it a parent with custody asks for them. */
  selfAccessAge: number;
  onBehalf: readonly OnBehalf[];
}

/**
 * Without a row: 16, the age from which the AVG lets a Dutch youngster consent alone (UAVG art. 5),
 * and the family's regisseur and the region's process leads (docs/decisions/0010).
 */
export const DEFAULT_RIGHTS: RightsRules = { selfAccessAge: 16, onBehalf: ["REGISSEUR", "PROCESS_LEAD"] };

const isOnBehalf = (value: string): value is OnBehalf => (ON_BEHALF_CHOICES as readonly string[]).includes(value);

export async function rightsRules(db: Db, regionId: string): Promise<RightsRules> {
  const [row] = await db.select().from(rightsSettings).where(eq(rightsSettings.regionId, regionId));
  return row ? { selfAccessAge: row.selfAccessAge, onBehalf: row.onBehalf.filter(isOnBehalf) } : DEFAULT_RIGHTS;
}

const settingsSchema = z.object({
  // The WGBO lets a patient from 12 share in decisions and from 16 decide alone; 18 is majority.
  selfAccessAge: z.number().int("a whole number").min(12, "at least 12 (WGBO)").max(18, "at most 18 (majority)"),
  onBehalf: z
    .array(z.enum(ON_BEHALF_CHOICES))
    .max(ON_BEHALF_CHOICES.length, "each at most once")
    .refine((values) => new Set(values).size === values.length, "each at most once"),
});

/** Sets the region's age rule and who may ask on a client's behalf (covenant administrator). */
export async function setRightsSettings(ctx: AuthenticatedContext, raw: unknown): Promise<RightsRules> {
  const input = parseInput(settingsSchema, raw, "input");
  await ctx.db
    .insert(rightsSettings)
    .values({ regionId: ctx.caller.regionId, ...input })
    .onConflictDoUpdate({ target: rightsSettings.regionId, set: input });
  return input;
}
