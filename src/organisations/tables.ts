import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid, index } from "drizzle-orm/pg-core";

// The tenant. Every other row carries region_id and no query crosses it.
export const regions = pgTable("regions", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  // Reference-index lifecycle (domain brief §7): active, then historical, then destroyed.
  signalActiveMonths: integer("signal_active_months").notNull().default(24),
  signalHistoricalMonths: integer("signal_historical_months").notNull().default(60),
  // Null: no age limit. National practice destroys everything on a person at 23.
  signalAgeLimitYears: integer("signal_age_limit_years"),
  // How long a closed family's records stay, in whole years from the day it entered CLOSED
  // (docs/decisions/0008); then the retention run removes them.
  closedFamilyRetentionYears: integer("closed_family_retention_years").notNull().default(5),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const partners = pgTable(
  "partners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    name: text("name").notNull(),
    sector: text("sector").notNull(),
    covenantSignatory: boolean("covenant_signatory").notNull().default(false),
  },
  (table) => [uniqueIndex("partners_region_name").on(table.regionId, table.name)],
);

export const professionals = pgTable(
  "professionals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    phone: text("phone"),
    roles: text("roles").array().notNull(),
    active: boolean("active").notNull().default(true),
  },
  (table) => [index("professionals_partner").on(table.partnerId)],
);
