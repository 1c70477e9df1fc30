import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { families, persons } from "../families/tables.js";
import { partners, professionals, regions } from "../organisations/tables.js";

/** The region's list of life domains (leefgebieden); lists differ per city. */
export const lifeDomains = pgTable(
  "life_domains",
  {
    regionId: uuid("region_id").notNull().references(() => regions.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    // Opened by emergency access when a child's safety is at stake.
    safetyRelevant: boolean("safety_relevant").notNull().default(false),
    position: integer("position").notNull(),
  },
  (table) => [uniqueIndex("life_domains_pk").on(table.regionId, table.code)],
);

/** One plan per family. `version` counts every change; an edit names the version it was made on. */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    referringPartnerId: uuid("referring_partner_id").references(() => partners.id),
    evaluationMonths: integer("evaluation_months").notNull().default(3),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    startedBy: uuid("started_by").notNull().references(() => professionals.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex("plans_family").on(table.familyId)],
);

// Every plan part carries its family (the entitlement's key) and its plan.
const partColumns = () => ({
  id: uuid("id").primaryKey().defaultRandom(),
  regionId: uuid("region_id").notNull().references(() => regions.id),
  familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
  planId: uuid("plan_id").notNull().references(() => plans.id, { onDelete: "cascade" }),
});

export const analyses = pgTable(
  "plan_analyses",
  {
    ...partColumns(),
    lifeDomain: text("life_domain").notNull(),
    // Null: the household as a whole.
    personId: uuid("person_id").references(() => persons.id),
    text: text("text").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("plan_analyses_plan").on(table.planId)],
);

export const goals = pgTable(
  "plan_goals",
  {
    ...partColumns(),
    lifeDomain: text("life_domain").notNull(),
    memberIds: uuid("member_ids").array().notNull(),
    ownWords: text("own_words").notNull(),
    target: text("target").notNull(),
    status: text("status").notNull(),
    achievement: integer("achievement"),
    // Who in the family, or in its network, leads it; none: the plan as a whole.
    leadPersonId: uuid("lead_person_id").references(() => persons.id),
    leadNetworkMemberId: uuid("lead_network_member_id").references(() => networkMembers.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("plan_goals_plan").on(table.planId)],
);

export const tasks = pgTable(
  "plan_tasks",
  {
    ...partColumns(),
    goalId: uuid("goal_id").references(() => goals.id),
    lifeDomain: text("life_domain").notNull(),
    memberIds: uuid("member_ids").array().notNull(),
    description: text("description").notNull(),
    // Exactly one lead: a partner organisation, a family member, or a member of the family's network.
    leadPartnerId: uuid("lead_partner_id").references(() => partners.id),
    leadProfessionalId: uuid("lead_professional_id").references(() => professionals.id),
    leadPersonId: uuid("lead_person_id").references(() => persons.id),
    leadNetworkMemberId: uuid("lead_network_member_id").references(() => networkMembers.id),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    // Waiting for help (001: "voorkomen dat het gezin moet wachten"): when it was asked for, when it started.
    askedOn: date("asked_on", { mode: "string" }),
    startedOn: date("started_on", { mode: "string" }),
    followUp: text("follow_up"),
    status: text("status").notNull(),
    response: text("response").notNull(),
    responseReason: text("response_reason"),
    respondedBy: uuid("responded_by").references(() => professionals.id),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("plan_tasks_plan").on(table.planId), index("plan_tasks_lead_partner").on(table.leadPartnerId)],
);

export const milestones = pgTable(
  "plan_milestones",
  {
    ...partColumns(),
    title: text("title").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    reachedOn: date("reached_on", { mode: "string" }),
  },
  (table) => [index("plan_milestones_plan").on(table.planId)],
);

/** A goal's result; the goal's domain and members are kept with it, for the field rules. */
export interface GoalResultRow {
  goalId: string;
  result: string;
  achievement: number | null;
  lifeDomain: string;
  memberIds: string[];
}

export const evaluations = pgTable(
  "plan_evaluations",
  {
    ...partColumns(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    overall: text("overall").notNull(),
    results: jsonb("results").$type<GoalResultRow[]>().notNull(),
    // The final evaluation before closure; closing needs one.
    final: boolean("final").notNull().default(false),
    recordedBy: uuid("recorded_by").notNull().references(() => professionals.id),
  },
  (table) => [index("plan_evaluations_plan").on(table.planId)],
);

/** Who agreed to which version: the client, the coach, the referring partner. */
export const agreements = pgTable(
  "plan_agreements",
  {
    ...partColumns(),
    version: integer("version").notNull(),
    party: text("party").notNull(),
    personId: uuid("person_id").references(() => persons.id),
    partnerId: uuid("partner_id").references(() => partners.id),
    recordedBy: uuid("recorded_by").notNull().references(() => professionals.id),
    agreedAt: timestamp("agreed_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("plan_agreements_plan").on(table.planId)],
);

/** The regisseur's own working notes: nobody else reads them, not even the process lead. */
export const coachNotes = pgTable(
  "plan_coach_notes",
  {
    ...partColumns(),
    authorId: uuid("author_id").notNull().references(() => professionals.id),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("plan_coach_notes_plan").on(table.planId)],
);

/**
 * Every change to the plan, with the changed part as it was afterwards. Read back through the
 * same types (and so the same field rules) as the current parts.
 */
export const planRevisions = pgTable(
  "plan_revisions",
  {
    ...partColumns(),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    partKind: text("part_kind").notNull(),
    itemId: uuid("item_id"),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>(),
    changedBy: uuid("changed_by").notNull().references(() => professionals.id),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex("plan_revisions_plan_version").on(table.planId, table.version)],
);

/**
 * A partner's step coordinated with the family's regisseur (000 §8 I, V–VI): announced before
 * it is taken, or, under a legal duty (a house ban, an eviction, a child-protection measure, a
 * police intervention), reported after it, as soon as possible. The regisseur may also record
 * that a report is owed; until it comes its status is AWAITING_REPORT.
 */
export const coordinatedSteps = pgTable(
  "coordinated_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    partnerId: uuid("partner_id").notNull().references(() => partners.id),
    // ANNOUNCED (before) or AFTERWARDS (under a legal duty).
    kind: text("kind").notNull(),
    // ANNOUNCED, AWAITING_REPORT or REPORTED.
    status: text("status").notNull(),
    lifeDomain: text("life_domain").notNull(),
    legalDuty: text("legal_duty"),
    // When it is planned for, or when it was taken.
    stepAt: timestamp("step_at", { withTimezone: true }).notNull(),
    // Plan content: what the step is; null while a report is awaited.
    description: text("description"),
    reportedBy: uuid("reported_by").references(() => professionals.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    // AFTERWARDS: the report is due by then; reportedAt when it came.
    reportDueAt: timestamp("report_due_at", { withTimezone: true }),
    reportedAt: timestamp("reported_at", { withTimezone: true }),
    // Who recorded that a report is owed (the regisseur), if anyone did.
    expectedBy: uuid("expected_by").references(() => professionals.id),
  },
  (table) => [index("coordinated_steps_family").on(table.familyId, table.stepAt), index("coordinated_steps_awaiting").on(table.status, table.reportDueAt)],
);

/**
 * The family's own network (001: "het sociale netwerk benutten"; 003 ecogram): people who are
 * no professionals — a grandmother, a neighbour, a sports coach — their relation to a member and
 * what they do. Plan content (part NETWORK) under the covenant.
 */
export const networkMembers = pgTable(
  "network_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // Grandmother, neighbour, sports coach: in the family's words.
    relation: text("relation").notNull(),
    // The member they relate to; null: the household.
    relatedPersonId: uuid("related_person_id").references(() => persons.id),
    contact: text("contact"),
    // What they do for the family.
    support: text("support"),
    addedBy: uuid("added_by").notNull().references(() => professionals.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
  },
  (table) => [index("network_members_family").on(table.familyId)],
);

/**
 * A case meeting held about the family (002 §2.8: MDO+, the local family meeting): its kind (one
 * of the region's plan meetings), day, who attended — professionals, members, network — and
 * what it said and decided (plan content, part MEETING). It may adopt a version of the plan.
 */
export const caseMeetings = pgTable(
  "case_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    // A code of the region's plan_meetings.
    meeting: text("meeting").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    professionalIds: uuid("professional_ids").array().notNull(),
    memberIds: uuid("member_ids").array().notNull(),
    networkMemberIds: uuid("network_member_ids").array().notNull(),
    minutes: text("minutes").notNull(),
    decisions: text("decisions").array().notNull(),
    // The plan version the meeting adopted, if it adopted one.
    adoptedPlanVersion: integer("adopted_plan_version"),
    recordedBy: uuid("recorded_by").notNull().references(() => professionals.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("case_meetings_family").on(table.familyId, table.heldOn)],
);

/**
 * A commitment of the family plan's earmarked budget (000: the plan's budget and purchased
 * services; 003 cost picture): a purchased service for a task or goal, proposed by the regisseur,
 * approved (or refused) once by a project leader within the region's ceiling, and what was spent.
 */
export const budgetCommitments = pgTable(
  "budget_commitments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id").notNull().references(() => regions.id),
    familyId: uuid("family_id").notNull().references(() => families.id, { onDelete: "cascade" }),
    // The task or the goal it pays for (one of them).
    taskId: uuid("task_id").references(() => tasks.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id").references(() => goals.id, { onDelete: "cascade" }),
    // The purchased service, in the regisseur's words: plan content of its task's or goal's part.
    service: text("service").notNull(),
    amountCents: integer("amount_cents").notNull(),
    spentCents: integer("spent_cents").notNull().default(0),
    // PROPOSED, then APPROVED or REFUSED, once.
    status: text("status").notNull().default("PROPOSED"),
    proposedBy: uuid("proposed_by").notNull().references(() => professionals.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull(),
    decidedBy: uuid("decided_by").references(() => professionals.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason"),
  },
  (table) => [index("budget_commitments_family").on(table.familyId), index("budget_commitments_status").on(table.regionId, table.status)],
);
