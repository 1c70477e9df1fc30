import { sql } from "drizzle-orm";
import { boolean, date, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { professionals, regions } from "../organisations/tables.js";

// A person as a household's register knows them. A BSN in two households has a row in each, so
// one household's registration never reveals or changes what another's holds.
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    bsn: text("bsn").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
  },
  (table) => [index("persons_region_bsn").on(table.regionId, table.bsn)],
);

export const families = pgTable("families", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionId: uuid("region_id").notNull().references(() => regions.id),
  name: text("name").notNull(),
  // The regisseur (coach) leads the plan; the process lead watches the process.
  regisseurId: uuid("regisseur_id").references(() => professionals.id),
  processLeadId: uuid("process_lead_id").references(() => professionals.id),
  registeredBy: uuid("registered_by").notNull().references(() => professionals.id),
  registeredAt: timestamp("registered_at", { withTimezone: true }).notNull(),
  // The current phase (signalled … closed); its history is in family_phases.
  phase: text("phase").notNull().default("SCREENED"),
});

// Membership over time: families change (divorce, a new partner, a newborn, a child placed out).
export const familyMemberships = pgTable(
  "family_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => persons.id),
    relation: text("relation").notNull(),
    legalCustody: boolean("legal_custody").notNull().default(false),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
  },
  (table) => [
    index("family_memberships_family").on(table.familyId),
    index("family_memberships_person").on(table.personId),
  ],
);

// Category history: families move up and down the pyramid; the latest row is the current one.
export const familyCategories = pgTable(
  "family_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    category: text("category").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    setBy: uuid("set_by").notNull().references(() => professionals.id),
  },
  (table) => [index("family_categories_family").on(table.familyId, table.since)],
);

/** Exactly one regisseur at a time; every hand-over is a row, so the history is kept. */
export const regieAssignments = pgTable(
  "regie_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    professionalId: uuid("professional_id").notNull().references(() => professionals.id),
    since: timestamp("since", { withTimezone: true }).notNull(),
    until: timestamp("until", { withTimezone: true }),
    assignedBy: uuid("assigned_by").notNull().references(() => professionals.id),
    note: text("note"),
  },
  (table) => [index("regie_assignments_family").on(table.familyId, table.since)],
);

/** "This membership holds on `day`": it has begun and has not ended. */
export const memberOn = (day: string) =>
  sql`${familyMemberships.validFrom} <= ${day} and (${familyMemberships.validTo} is null or ${familyMemberships.validTo} >= ${day})`;

/**
 * How to reach a household and its members (000 §10 "NAW"; 004 home visits): an address, a phone
 * number or an e-mail address, of a member or of the household as a whole, over time. A change
 * ends the current row and opens the next, so the history is kept.
 */
export const contactDetails = pgTable(
  "contact_details",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    // Null: the household's (its address).
    personId: uuid("person_id").references(() => persons.id, { onDelete: "cascade" }),
    // ADDRESS, PHONE or EMAIL.
    kind: text("kind").notNull(),
    value: text("value").notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validTo: timestamp("valid_to", { withTimezone: true }),
    // Who recorded it: a professional, or the client correcting their own.
    recordedBy: uuid("recorded_by").references(() => professionals.id),
    recordedByClient: boolean("recorded_by_client").notNull().default(false),
  },
  (table) => [index("contact_details_family").on(table.familyId, table.validFrom), index("contact_details_person").on(table.personId)],
);

/**
 * A household moving to another region (issue 16 §2): a hand-over between regions, not a copy.
 * The sending region closes its file and offers the household — its members and address, no
 * plan content — to the receiving region, whose process lead takes it in as a new family; the
 * offer then forgets the household. Each region reads the hand-overs it sends or receives.
 */
export const regionHandovers = pgTable(
  "region_handovers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fromRegionId: uuid("from_region_id").notNull().references(() => regions.id),
    toRegionId: uuid("to_region_id").notNull().references(() => regions.id),
    fromRegionName: text("from_region_name").notNull(),
    // The sending region's family (closed by the hand-over); not shown to the receiving region.
    fromFamilyId: uuid("from_family_id").references(() => families.id, { onDelete: "set null" }),
    // What the receiving region needs to take the household in: members and address. Null once accepted.
    household: jsonb("household").$type<HandedOverHousehold | null>(),
    note: text("note"),
    offeredBy: uuid("offered_by").notNull().references(() => professionals.id),
    offeredAt: timestamp("offered_at", { withTimezone: true }).notNull(),
    // OFFERED, then ACCEPTED.
    status: text("status").notNull().default("OFFERED"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (table) => [index("region_handovers_to").on(table.toRegionId, table.status), index("region_handovers_from").on(table.fromRegionId)],
);

export interface HandedOverHousehold {
  name: string;
  members: { bsn: string; givenName: string; familyName: string; birthDate: string; relation: string; legalCustody: boolean }[];
  address: string | null;
}
