import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { isRole, type Role } from "../access/roles.js";
import { partners, professionals, regions } from "../organisations/tables.js";

/** The authenticated professional, as the database says they are right now. */
export interface Caller {
  professionalId: string;
  name: string;
  partnerId: string;
  partnerName: string;
  regionId: string;
  roles: readonly Role[];
}

/** One statement; null for an unknown or deactivated professional (refused at once). */
export async function loadCaller(db: Db, professionalId: string): Promise<Caller | null> {
  const [row] = await callerQuery(db).execute({ professionalId });
  if (!row) return null;
  return { ...row, roles: row.roles.filter(isRole) };
}

// Every request loads its caller.
const callerQuery = preparedPerDatabase((db) =>
  db
    .select({
      professionalId: professionals.id,
      name: professionals.name,
      partnerId: professionals.partnerId,
      partnerName: partners.name,
      regionId: professionals.regionId,
      roles: professionals.roles,
    })
    .from(professionals)
    .innerJoin(partners, eq(partners.id, professionals.partnerId))
    .innerJoin(regions, eq(regions.id, professionals.regionId))
    .where(and(eq(professionals.id, sql.placeholder("professionalId")), eq(professionals.active, true)))
    .limit(1)
    .prepare("load_caller"),
);
