import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { families, persons } from "../../families/tables.js";
import { partners, professionals, regions } from "../../organisations/tables.js";

/*
 * The rights of the people in the files (AVG art. 15–17, domain brief §9): a family member's own
 * login, the region's rules for who may ask, and the requests to rectify or erase.
 */

/**
 * A family member's login. It names one row of the register (a person as one household knows
 * them); what it opens is everything the region holds on that person's BSN.
 */
export const clientAccounts = pgTable(
  "client_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    personId: uuid("person_id").notNull().references(() => persons.id, { onDelete: "cascade" }),
    // The login name, lowercased.
    email: text("email").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    // Null for the demo accounts only.
    createdBy: uuid("created_by").references(() => professionals.id),
  },
  (table) => [uniqueIndex("client_accounts_email").on(table.email), index("client_accounts_person").on(table.personId)],
);

/** Per region: from which age a person reads their own data, and who may ask on a client's behalf. */
export const rightsSettings = pgTable("rights_settings", {
  regionId: uuid("region_id").primaryKey().references(() => regions.id),
  selfAccessAge: integer("self_access_age").notNull().default(16),
  // REGISSEUR (the family's own) and professional roles, e.g. PROCESS_LEAD.
  onBehalf: text("on_behalf").array().notNull().default(sql`'{REGISSEUR,PROCESS_LEAD}'::text[]`),
});

/** A request to rectify or erase (art. 16, 17), filed by the client or on their behalf, and its decision. */
export const rightsRequests = pgTable(
  "rights_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    // The person it is about, as the register row the request was filed through.
    personId: uuid("person_id").notNull().references(() => persons.id, { onDelete: "cascade" }),
    // The household its keepers decide for; null for a reference-index signal (its organisation decides).
    familyId: uuid("family_id").references(() => families.id, { onDelete: "cascade" }),
    // RECTIFICATION or ERASURE.
    kind: text("kind").notNull(),
    // An erasure of a reference-index signal: the signal (no foreign key: granting removes it, the
    // request keeps what was erased) and the organisation that decides.
    signalId: uuid("signal_id"),
    signalPartnerId: uuid("signal_partner_id").references(() => partners.id),
    description: text("description"),
    filedByAccount: uuid("filed_by_account").references(() => clientAccounts.id, { onDelete: "set null" }),
    filedByProfessional: uuid("filed_by_professional").references(() => professionals.id),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull(),
    // OPEN, then GRANTED or REFUSED, once.
    status: text("status").notNull().default("OPEN"),
    decidedBy: uuid("decided_by").references(() => professionals.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason"),
    // A granted rectification, once carried out (applyRectification): when, and by whom.
    appliedAt: timestamp("applied_at", { withTimezone: true }),
    appliedBy: uuid("applied_by").references(() => professionals.id),
  },
  (table) => [
    index("rights_requests_person").on(table.personId),
    index("rights_requests_family").on(table.familyId),
    index("rights_requests_signal_partner").on(table.signalPartnerId, table.status),
  ],
);

/**
 * What a granted rectification changed on a register row, one field a row: the value it held and
 * the value it holds since. The row itself holds only the current value; this is its history.
 */
export const personCorrections = pgTable(
  "person_corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    personId: uuid("person_id").notNull().references(() => persons.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").notNull().references(() => rightsRequests.id, { onDelete: "cascade" }),
    // givenName, familyName or birthDate.
    field: text("field").notNull(),
    previous: text("previous").notNull(),
    corrected: text("corrected").notNull(),
    correctedAt: timestamp("corrected_at", { withTimezone: true }).notNull(),
    correctedBy: uuid("corrected_by").notNull().references(() => professionals.id),
  },
  (table) => [index("person_corrections_person").on(table.personId), index("person_corrections_request").on(table.requestId)],
);
