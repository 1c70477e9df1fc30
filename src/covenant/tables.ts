import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { families, persons } from "../families/tables.js";
import { partners, professionals, regions } from "../organisations/tables.js";

/*
 * The privacy covenant is data (domain brief §6). A version is immutable once published: a
 * change is a new version, and the old one stays readable. Only its period can be closed.
 * The version in force on a day is the highest-numbered one whose period holds that day.
 */
export const covenantVersions = pgTable(
  "covenant_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    inForceFrom: date("in_force_from", { mode: "string" }).notNull(),
    // Exclusive; null while it lasts.
    inForceUntil: date("in_force_until", { mode: "string" }),
    // Who may consent for a member: the youngster alone from this age, jointly with a parent
    // with custody from the other age, a parent with custody below it (verify per region).
    consentAgeAlone: integer("consent_age_alone").notNull().default(16),
    consentAgeJoint: integer("consent_age_joint").notNull().default(12),
    // Who records consent: the regisseur only, or also the family's process lead.
    consentRecorders: text("consent_recorders").notNull().default("REGISSEUR"),
    emergencyHours: integer("emergency_hours").notNull().default(24),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    publishedBy: uuid("published_by").references(() => professionals.id),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedBy: uuid("ended_by").references(() => professionals.id),
  },
  (table) => [uniqueIndex("covenant_versions_region_version").on(table.regionId, table.version)],
);

export const covenantSignatories = pgTable(
  "covenant_signatories",
  {
    versionId: uuid("version_id").notNull().references(() => covenantVersions.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
  },
  (table) => [uniqueIndex("covenant_signatories_pk").on(table.versionId, table.partnerId)],
);

/**
 * A grant: a level for signatories (all, one sector, or one partner), over a part kind and/or a
 * life domain (null = every one), under conditions. Only signatories of the version benefit.
 */
export const covenantRules = pgTable(
  "covenant_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    versionId: uuid("version_id").notNull().references(() => covenantVersions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    granteePartnerId: uuid("grantee_partner_id").references(() => partners.id),
    granteeSector: text("grantee_sector"),
    level: text("level").notNull(),
    partKind: text("part_kind"),
    lifeDomain: text("life_domain"),
    requiresInvolvement: boolean("requires_involvement").notNull(),
    requiresConsentOrLegalGround: boolean("requires_consent_or_legal_ground").notNull(),
    requiredRole: text("required_role"),
    description: text("description").notNull(),
  },
  (table) => [index("covenant_rules_version").on(table.versionId)],
);

/** Consent of (or for) one member, for one partner and some life domains. */
export const consents = pgTable(
  "consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => persons.id),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    lifeDomains: text("life_domains").array().notNull(),
    // The member(s) who gave it: the member, a parent with custody, or both (the age rule).
    givenBy: uuid("given_by").array().notNull(),
    givenOn: date("given_on", { mode: "string" }).notNull(),
    recordedBy: uuid("recorded_by").notNull().references(() => professionals.id),
    withdrawnOn: date("withdrawn_on", { mode: "string" }),
    withdrawnBy: uuid("withdrawn_by").array(),
    withdrawalRecordedBy: uuid("withdrawal_recorded_by").references(() => professionals.id),
  },
  (table) => [index("consents_family_partner").on(table.familyId, table.partnerId)],
);

/** A legal ground that stands in for consent (a child-protection measure, a coercive track). */
export const legalGrounds = pgTable(
  "legal_grounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    personId: uuid("person_id").notNull().references(() => persons.id),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    lifeDomains: text("life_domains").array().notNull(),
    kind: text("kind").notNull(),
    basis: text("basis").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    // Exclusive; null while it lasts.
    validUntil: date("valid_until", { mode: "string" }),
    recordedBy: uuid("recorded_by").notNull().references(() => professionals.id),
  },
  (table) => [index("legal_grounds_family_partner").on(table.familyId, table.partnerId)],
);

/** Break the glass: one professional opens a family's safety-relevant parts for a short time. */
export const emergencyAccesses = pgTable(
  "emergency_accesses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    professionalId: uuid("professional_id").notNull().references(() => professionals.id),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    reason: text("reason").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("emergency_accesses_family").on(table.familyId, table.professionalId)],
);
