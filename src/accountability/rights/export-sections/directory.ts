import { eq } from "drizzle-orm";
import type { Db } from "../../../db/database.js";
import { partners, professionals } from "../../../organisations/tables.js";

// The export's shapes and the names of the professionals and organisations it mentions.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const moment = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** Who a professional is, as the family may read it: their name and organisation. */
export interface Directory {
  professional(id: string | null): JsonObject | null;
  partner(id: string | null): string | null;
}

export async function directoryOf(db: Db, regionId: string): Promise<Directory> {
  const people = await db
    .select({ id: professionals.id, name: professionals.name, organisation: partners.name })
    .from(professionals)
    .innerJoin(partners, eq(partners.id, professionals.partnerId))
    .where(eq(professionals.regionId, regionId));
  const organisations = await db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.regionId, regionId));
  const byId = new Map(people.map((row) => [row.id, { name: row.name, organisation: row.organisation }]));
  const partnerById = new Map(organisations.map((row) => [row.id, row.name]));
  return {
    professional: (id) => (id ? (byId.get(id) ?? null) : null),
    partner: (id) => (id ? (partnerById.get(id) ?? null) : null),
  };
}

