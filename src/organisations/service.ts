import DataLoader from "dataloader";
import { and, arrayContains, asc, eq, inArray } from "drizzle-orm";
import type { Caller } from "../auth/caller.js";
import type { AuthenticatedContext } from "../context.js";
import type { Db } from "../db/database.js";
import { NO_REGION, normalizeId } from "../ids.js";
import { isRole } from "../access/roles.js";
import { partners, professionals, regions } from "./tables.js";
import type { Partner, Professional, Region } from "./types.js";

type RegionRow = typeof regions.$inferSelect;
type ProfessionalRow = typeof professionals.$inferSelect;

export const toRegion = (row: RegionRow): Region => ({
  id: row.id,
  code: row.code,
  name: row.name,
  referenceIndex: {
    activeMonths: row.signalActiveMonths,
    historicalMonths: row.signalHistoricalMonths,
    ageLimitYears: row.signalAgeLimitYears,
  },
  retention: { closedFamilyYears: row.closedFamilyRetentionYears },
});

export const toProfessional = (row: ProfessionalRow): Professional => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  roles: row.roles.filter(isRole),
  partnerId: row.partnerId,
  regionId: row.regionId,
});

/** The keys' ids in the database's spelling; a key that is no UUID names no row. */
const validIds = (keys: readonly string[]): string[] =>
  keys.map(normalizeId).filter((id): id is string => id !== null);

/** Per-request loaders; every batch is scoped to the caller's region. */
export function organisationLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    partner: new DataLoader<string, Partner | null>(async (ids) => {
      const rows = await db
        .select()
        .from(partners)
        .where(and(inArray(partners.id, validIds(ids)), eq(partners.regionId, regionId)));
      return ids.map((id) => rows.find((row) => row.id === normalizeId(id)) ?? null);
    }),
    professional: new DataLoader<string, Professional | null>(async (ids) => {
      const rows = await db
        .select()
        .from(professionals)
        .where(and(inArray(professionals.id, validIds(ids)), eq(professionals.regionId, regionId)));
      return ids.map((id) => {
        const row = rows.find((candidate) => candidate.id === normalizeId(id));
        return row ? toProfessional(row) : null;
      });
    }),
  };
}

export async function findRegion(ctx: AuthenticatedContext): Promise<Region> {
  const [row] = await ctx.db.select().from(regions).where(eq(regions.id, ctx.caller.regionId));
  if (!row) throw new Error("The caller's region vanished.");
  return toRegion(row);
}

export function listPartners(ctx: AuthenticatedContext): Promise<Partner[]> {
  return ctx.db.select().from(partners).where(eq(partners.regionId, ctx.caller.regionId)).orderBy(asc(partners.name));
}

/** The active partner managers of these partners, by partner: whom a deadline at the organisation concerns. */
export async function managersOf(db: Db, partnerIds: readonly string[]): Promise<Map<string, string[]>> {
  const byPartner = new Map<string, string[]>();
  if (partnerIds.length === 0) return byPartner;
  const rows = await db
    .select({ id: professionals.id, partnerId: professionals.partnerId })
    .from(professionals)
    .where(and(inArray(professionals.partnerId, [...new Set(partnerIds)]), eq(professionals.active, true), arrayContains(professionals.roles, ["PARTNER_MANAGER"])));
  for (const row of rows) byPartner.set(row.partnerId, [...(byPartner.get(row.partnerId) ?? []), row.id]);
  return byPartner;
}
