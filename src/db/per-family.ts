import DataLoader from "dataloader";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./database.js";

/** A table that holds a family's data: every such row names its family and its region. */
export type FamilyTable = PgTable & { familyId: PgColumn; regionId: PgColumn };

/**
 * The rows of these families in this region. The region is always part of the filter: a family
 * id from another region matches nothing, as if it did not exist.
 */
export function ofFamilies(table: FamilyTable, familyIds: readonly string[], regionId: string): SQL {
  return and(inArray(table.familyId, [...familyIds]), eq(table.regionId, regionId))!;
}

/** The rows grouped under the keys asked for, in their order: what a DataLoader batch returns. */
export function groupBy<Row, R>(keys: readonly string[], rows: readonly Row[], keyOf: (row: Row) => string, map: (row: Row) => R): R[][] {
  const groups = new Map<string, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(map(row));
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * A per-request loader of one table's rows per family: one statement for all the families a tick
 * asks for, scoped to the caller's region. Field resolvers use these, never a query per parent.
 */
export function perFamily<T extends FamilyTable, R>(
  db: Db,
  regionId: string,
  table: T,
  order: PgColumn | PgColumn[],
  map: (row: T["$inferSelect"]) => R,
): DataLoader<string, R[]> {
  const orderBy = (Array.isArray(order) ? order : [order]).map((column) => asc(column));
  return new DataLoader<string, R[]>(async (familyIds) => {
    const rows = (await db
      .select()
      .from(table as PgTable)
      .where(ofFamilies(table, familyIds, regionId))
      .orderBy(...orderBy)) as (T["$inferSelect"] & { familyId: string })[];
    return groupBy(familyIds, rows, (row) => row.familyId, map);
  });
}
