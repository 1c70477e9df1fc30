import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { families } from "../families/tables.js";
import { partners, professionals, regions } from "../organisations/tables.js";

/*
 * The process from the first concern to aftercare (domain brief §4, §8). Everything a region
 * configures (Meldpunt, crisis partner, meetings, who leads which category, the escalation
 * ladder, the functional-mandate table) is data, per region.
 */

/** The region's process settings: one row per region. */
export const processSettings = pgTable("process_settings", {
  regionId: uuid("region_id").primaryKey().references(() => regions.id),
  // Households without minor children go to the Meldpunt Zorg en Overlast.
  meldpuntName: text("meldpunt_name").notNull(),
  meldpuntContact: text("meldpunt_contact").notNull(),
  // A crisis (direct concern for a child's safety) goes at once to youth care.
  crisisPartnerId: uuid("crisis_partner_id").references(() => partners.id),
  // Screens every other concern: the coordinator.
  intakeCoordinatorId: uuid("intake_coordinator_id").references(() => professionals.id),
  // A positive exit: at least this share of the goals achieved (Den Haag: 80%).
  positiveExitPercent: integer("positive_exit_percent").notNull().default(80),
  aftercareMonths: integer("aftercare_months").notNull().default(6),
  // At most this many open families per regisseur (caseload.ts); null: no ceiling.
  caseloadCeiling: integer("caseload_ceiling"),
  // A step taken under a legal duty is reported to the regisseur within this many days (000 §8 VI: "as soon as possible").
  stepReportDays: integer("step_report_days").notNull().default(2),
  // Help asked for and not started after this many days notifies the regisseur and the partner's managers.
  waitingNormDays: integer("waiting_norm_days").notNull().default(28),
  // The most a family plan's approved commitments may add up to, in euro cents; null: no ceiling.
  budgetCeilingCents: integer("budget_ceiling_cents"),
});

/** Per region and category: who leads the process and which meeting makes the plan. */
export const categoryRoutes = pgTable(
  "category_routes",
  {
    regionId: uuid("region_id").notNull().references(() => regions.id),
    category: text("category").notNull(),
    processLeadId: uuid("process_lead_id").references(() => professionals.id),
    meeting: text("meeting").notNull(),
  },
  (table) => [primaryKey({ columns: [table.regionId, table.category] })],
);

/** The meetings that make a plan in a region: local family meeting, MDO+, analysis team, … */
export const planMeetings = pgTable(
  "plan_meetings",
  {
    regionId: uuid("region_id").notNull().references(() => regions.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
  },
  (table) => [primaryKey({ columns: [table.regionId, table.code] })],
);

/** A family's phase over time; the latest row is the current phase (also kept on families.phase). */
export const familyPhases = pgTable(
  "family_phases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    phase: text("phase").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    setBy: uuid("set_by").notNull().references(() => professionals.id),
    note: text("note"),
    // Orders moves made at the same moment (one transaction, a frozen test clock) as they were made.
    seq: bigserial("seq", { mode: "number" }).notNull(),
  },
  (table) => [index("family_phases_family").on(table.familyId, table.since)],
);

/** A concern (aanmelding) a partner registered about a household, and where it was routed. */
export const concerns = pgTable(
  "concerns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    submittedBy: uuid("submitted_by").notNull().references(() => professionals.id),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    // The concern in the submitter's words: content, not process data.
    description: text("description").notNull(),
    discussedWithFamily: boolean("discussed_with_family").notNull(),
    notDiscussedReason: text("not_discussed_reason"),
    crisis: boolean("crisis").notNull(),
    // CRISIS (to the crisis partner) or SCREENING (to the coordinator).
    route: text("route").notNull(),
    routedToPartnerId: uuid("routed_to_partner_id").references(() => partners.id),
    routedToProfessionalId: uuid("routed_to_professional_id").references(() => professionals.id),
    // What the submitter called the household; the family keeps its own name.
    label: text("label").notNull(),
    // ROUTED until the family is screened: then SCREENED, or CLOSED_REGULAR ("regular care, unless").
    status: text("status").notNull().default("ROUTED"),
  },
  (table) => [index("concerns_family").on(table.familyId), index("concerns_submitter").on(table.submittedBy)],
);

/**
 * The household as a concern listed it. A concern about a household already in the register
 * is attached to that family without changing its members: the keepers compare the two.
 */
export const concernMembers = pgTable(
  "concern_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    concernId: uuid("concern_id").notNull().references(() => concerns.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    bsn: text("bsn").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    relation: text("relation").notNull(),
    legalCustody: boolean("legal_custody").notNull(),
  },
  (table) => [index("concern_members_concern").on(table.concernId), index("concern_members_region_bsn").on(table.regionId, table.bsn)],
);

/** The screening of a family: once. "Regular care, unless": REGULAR closes it. */
export const screenings = pgTable("screenings", {
  familyId: uuid("family_id").primaryKey().references(() => families.id, { onDelete: "cascade" }),
  regionId: uuid("region_id").notNull().references(() => regions.id),
  // REGULAR, or a category: RISK, MPG1–MPG4.
  outcome: text("outcome").notNull(),
  meeting: text("meeting"),
  reasoning: text("reasoning").notNull(),
  screenedBy: uuid("screened_by").notNull().references(() => professionals.id),
  screenedAt: timestamp("screened_at", { withTimezone: true }).notNull(),
});

/** A region's escalation ladder, per track: who decides at each step and within how many days. */
export const escalationLadder = pgTable(
  "escalation_ladder",
  {
    regionId: uuid("region_id").notNull().references(() => regions.id),
    // PLAN_DRAFTING or PLAN_EXECUTION.
    track: text("track").notNull(),
    step: integer("step").notNull(),
    title: text("title").notNull(),
    // Who must act, as actor kinds (see escalation/actors.ts); who is only informed.
    deciders: text("deciders").array().notNull(),
    informed: text("informed").array().notNull().default(sql`'{}'::text[]`),
    deadlineDays: integer("deadline_days").notNull(),
    // The last step's decision binds.
    binding: boolean("binding").notNull().default(false),
    // Who commissions the care and whether nuisance dominates (escalation/variants.ts).
    variant: text("variant").notNull().default("DEFAULT"),
  },
  (table) => [primaryKey({ columns: [table.regionId, table.track, table.variant, table.step] })],
);

export const escalations = pgTable(
  "escalations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    track: text("track").notNull(),
    // What the conflict is about, in process terms: the escalation dossier.
    subject: text("subject").notNull(),
    // The partners in conflict (besides the regisseur's own organisation).
    partyPartnerIds: uuid("party_partner_ids").array().notNull(),
    raisedBy: uuid("raised_by").notNull().references(() => professionals.id),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    // Set when a deviation from a binding advice opened it.
    adviceId: uuid("advice_id"),
    status: text("status").notNull(),
    currentStep: integer("current_step").notNull(),
    // The ladder it climbs (escalation/variants.ts), fixed when raised.
    variant: text("variant").notNull().default("DEFAULT"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (table) => [index("escalations_family").on(table.familyId), index("escalations_open").on(table.regionId, table.status)],
);

/** Each step an escalation reached: its deadline, and the decision taken there with its reasoning. */
export const escalationSteps = pgTable(
  "escalation_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    escalationId: uuid("escalation_id").notNull().references(() => escalations.id, { onDelete: "cascade" }),
    step: integer("step").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    // ESCALATED (to the next step) or RESOLVED; null while the step is open.
    outcome: text("outcome"),
    decision: text("decision"),
    reasoning: text("reasoning"),
    decidedBy: uuid("decided_by").references(() => professionals.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (table) => [uniqueIndex("escalation_steps_step").on(table.escalationId, table.step)],
);

/** The functional mandate: per region, life domain × institution × decision type the coach may decide. */
export const mandateEntries = pgTable(
  "mandate_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    lifeDomain: text("life_domain").notNull(),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    decisionType: text("decision_type").notNull(),
    description: text("description").notNull(),
  },
  (table) => [uniqueIndex("mandate_entries_key").on(table.regionId, table.lifeDomain, table.partnerId, table.decisionType)],
);

/** An advice of the regisseur to an institution: binding within the mandate table, advice only outside it. */
export const mandateAdvices = pgTable(
  "mandate_advices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    lifeDomain: text("life_domain").notNull(),
    decisionType: text("decision_type").notNull(),
    binding: boolean("binding").notNull(),
    advice: text("advice").notNull(),
    issuedBy: uuid("issued_by").notNull().references(() => professionals.id),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    answerDue: date("answer_due", { mode: "string" }).notNull(),
    // ISSUED; then EXECUTED or DEVIATED (binding), FOLLOWED or NOT_FOLLOWED (advice only).
    status: text("status").notNull(),
    answeredBy: uuid("answered_by").references(() => professionals.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answer: text("answer"),
    legalGround: text("legal_ground"),
    escalationId: uuid("escalation_id").references(() => escalations.id),
  },
  (table) => [index("mandate_advices_family").on(table.familyId), index("mandate_advices_partner").on(table.partnerId, table.status)],
);

/** A closure: the final evaluation's outcome, aftercare and, when regie passes on, the handover. */
export const closures = pgTable(
  "closures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull(),
    closedBy: uuid("closed_by").notNull().references(() => professionals.id),
    finalEvaluationId: uuid("final_evaluation_id").notNull(),
    goalsTotal: integer("goals_total").notNull(),
    goalsAchieved: integer("goals_achieved").notNull(),
    positiveExit: boolean("positive_exit").notNull(),
    // Aftercare: who keeps a finger on the pulse, and when to look again.
    aftercareKeeperId: uuid("aftercare_keeper_id").notNull().references(() => professionals.id),
    revisitOn: date("revisit_on", { mode: "string" }).notNull(),
    handoverPartnerId: uuid("handover_partner_id").references(() => partners.id),
    handoverProfessionalId: uuid("handover_professional_id").references(() => professionals.id),
    handoverNote: text("handover_note"),
    aftercareEndedAt: timestamp("aftercare_ended_at", { withTimezone: true }),
    aftercareNote: text("aftercare_note"),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }),
    reopenedBy: uuid("reopened_by").references(() => professionals.id),
    reopenReason: text("reopen_reason"),
  },
  (table) => [index("closures_family").on(table.familyId, table.closedAt)],
);

/**
 * A selection round (000 L78): the core partners each put forward the families most in need,
 * and the project leader confirms the list the approach takes on ("top 10").
 */
export const selectionRounds = pgTable(
  "selection_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    title: text("title").notNull(),
    // How many families the confirmed list holds at most.
    size: integer("size").notNull(),
    openedBy: uuid("opened_by").notNull().references(() => professionals.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    // OPEN for nominations, then CONFIRMED, once.
    status: text("status").notNull().default("OPEN"),
    confirmedBy: uuid("confirmed_by").references(() => professionals.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (table) => [index("selection_rounds_region").on(table.regionId, table.openedAt)],
);

/** A partner's nomination of a family for a round, with its reason; `selected` once confirmed. */
export const selectionNominations = pgTable(
  "selection_nominations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    roundId: uuid("round_id").notNull().references(() => selectionRounds.id, { onDelete: "cascade" }),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    // Nominated through the nominator's own concern: the family stays unnamed to them.
    concernId: uuid("concern_id").references(() => concerns.id, { onDelete: "set null" }),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    nominatedBy: uuid("nominated_by").notNull().references(() => professionals.id),
    nominatedAt: timestamp("nominated_at", { withTimezone: true }).notNull(),
    // Why this family, in the nominator's words: read by their own organisation and the project leader.
    reason: text("reason").notNull(),
    selected: boolean("selected").notNull().default(false),
  },
  (table) => [
    // Once per organisation and family; once per concern (which may not tell its nominator its family).
    uniqueIndex("selection_nominations_once").on(table.roundId, table.partnerId, table.familyId).where(sql`${table.concernId} is null`),
    uniqueIndex("selection_nominations_concern").on(table.roundId, table.concernId).where(sql`${table.concernId} is not null`),
    index("selection_nominations_round").on(table.roundId),
  ],
);
