import { date, index, jsonb, pgTable, uuid } from "drizzle-orm/pg-core";
import { regions } from "../../organisations/tables.js";
import type { FamilyOutline } from "./outline.js";

/**
 * What stays of a closed family once its retention term has passed: the process in dates and
 * numbers, for the region's indicators over past periods (docs/decisions/0008). It has an id of
 * its own, never the family's, and holds no person, no professional, no free text: nothing in
 * it points back to a family or says anything about a member. No API reads it.
 */
export const closedFamilyOutlines = pgTable(
  "closed_family_outlines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    // The day the family entered the approach (its first phase) and the day it was last closed:
    // "in view during a period" is a comparison of these two.
    registeredOn: date("registered_on", { mode: "string" }).notNull(),
    closedOn: date("closed_on", { mode: "string" }).notNull(),
    outline: jsonb("outline").$type<FamilyOutline>().notNull(),
  },
  (table) => [index("closed_family_outlines_region").on(table.regionId, table.closedOn)],
);
