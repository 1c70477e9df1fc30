import { eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { consents, emergencyAccesses, legalGrounds } from "../covenant/tables.js";
import { contactDetails, families, familyCategories, familyMemberships, regieAssignments } from "../families/tables.js";
import { notifications } from "../notifications/tables.js";
import { agreements, analyses, budgetCommitments, caseMeetings, coachNotes, coordinatedSteps, evaluations, goals, milestones, networkMembers, planRevisions, plans, tasks } from "../plan/tables.js";
import { closures, concernMembers, concerns, escalationSteps, escalations, familyPhases, mandateAdvices, screenings, selectionNominations } from "../process/tables.js";
import { rightsRequests } from "./rights/tables.js";

/**
 * The ids a family's records hang on, read before any of them goes: a concern's listed members
 * hang on the concern, an escalation's steps on the escalation, and a notification may name only
 * one of the family's records (a crisis routed to youth care carries the concern, an emergency
 * access's notice its own id).
 */
export interface FamilyKeys {
  familyId: string;
  concernIds: readonly string[];
  escalationIds: readonly string[];
  /** The family and every record of it a notification can be about. */
  subjectIds: readonly string[];
}

/** What a person's export (docs/decisions/0010) does with a kind of record. */
export type InExport = { section: string } | { notIncluded: string; why: string };

export interface FamilyRecordKind {
  /** Its name in retention's report. */
  kind: string;
  table: PgTable;
  /** The family's rows of it, or null when it can have none (no parent record). */
  rows: (keys: FamilyKeys) => SQL | null;
  export: InExport;
}

const byParent = (ids: readonly string[], column: Parameters<typeof inArray>[0]) => (ids.length ? inArray(column, [...ids]) : null);

/**
 * Every kind of record held on a family, once: retention removes them in this order (a record
 * before the one it refers to where the reference does not cascade: an advice names the
 * escalation its deviation opened, a task its goal), and a person's export has a section for each
 * or says why it leaves it out. A table with a family_id column that is missing here fails
 * test/family-records.test.ts. The persons a family names are not here: a person may belong to
 * several families, and goes only when none names them (retention/closed-families.ts).
 */
export const FAMILY_RECORDS = [
  {
    kind: "notifications",
    table: notifications,
    rows: (keys) => or(eq(notifications.familyId, keys.familyId), inArray(sql`${notifications.detail} ->> 'subjectId'`, [...keys.subjectIds]))!,
    export: { notIncluded: "notifications", why: "The professionals' own inboxes; what they are about is in this export." },
  },
  { kind: "rightsRequests", table: rightsRequests, rows: (keys) => eq(rightsRequests.familyId, keys.familyId), export: { section: "rightsRequests" } },
  { kind: "advices", table: mandateAdvices, rows: (keys) => eq(mandateAdvices.familyId, keys.familyId), export: { section: "households.advices" } },
  {
    kind: "escalationSteps",
    table: escalationSteps,
    rows: (keys) => byParent(keys.escalationIds, escalationSteps.escalationId),
    export: { section: "households.escalations.steps" },
  },
  { kind: "escalations", table: escalations, rows: (keys) => eq(escalations.familyId, keys.familyId), export: { section: "households.escalations" } },
  { kind: "concernMembers", table: concernMembers, rows: (keys) => byParent(keys.concernIds, concernMembers.concernId), export: { section: "concerns.listedYouAs" } },
  { kind: "concerns", table: concerns, rows: (keys) => eq(concerns.familyId, keys.familyId), export: { section: "concerns" } },
  {
    kind: "selectionNominations",
    table: selectionNominations,
    rows: (keys) => eq(selectionNominations.familyId, keys.familyId),
    export: { notIncluded: "selectionNominations", why: "The partners' joint choice of the families the approach takes on; that you were taken on is in this export." },
  },
  {
    kind: "budgetCommitments",
    table: budgetCommitments,
    rows: (keys) => eq(budgetCommitments.familyId, keys.familyId),
    export: { notIncluded: "budget", why: "What the municipality pays for the help in your plan is its own administration; the help itself is in this export." },
  },
  { kind: "caseMeetings", table: caseMeetings, rows: (keys) => eq(caseMeetings.familyId, keys.familyId), export: { section: "households.plan.meetings" } },
  { kind: "coordinatedSteps", table: coordinatedSteps, rows: (keys) => eq(coordinatedSteps.familyId, keys.familyId), export: { section: "households.plan.steps" } },
  { kind: "screenings", table: screenings, rows: (keys) => eq(screenings.familyId, keys.familyId), export: { section: "households.screening" } },
  { kind: "closures", table: closures, rows: (keys) => eq(closures.familyId, keys.familyId), export: { section: "households.closures" } },
  { kind: "phases", table: familyPhases, rows: (keys) => eq(familyPhases.familyId, keys.familyId), export: { section: "households.phases" } },
  { kind: "categories", table: familyCategories, rows: (keys) => eq(familyCategories.familyId, keys.familyId), export: { section: "households.categories" } },
  {
    kind: "regieAssignments",
    table: regieAssignments,
    rows: (keys) => eq(regieAssignments.familyId, keys.familyId),
    export: { section: "households.regie" },
  },
  // Consent goes with the records it justified, withdrawn or not: only now (0008).
  { kind: "consents", table: consents, rows: (keys) => eq(consents.familyId, keys.familyId), export: { section: "households.consents" } },
  { kind: "legalGrounds", table: legalGrounds, rows: (keys) => eq(legalGrounds.familyId, keys.familyId), export: { section: "households.legalGrounds" } },
  {
    kind: "emergencyAccesses",
    table: emergencyAccesses,
    rows: (keys) => eq(emergencyAccesses.familyId, keys.familyId),
    export: { section: "households.emergencyAccesses" },
  },
  {
    kind: "planRevisions",
    table: planRevisions,
    rows: (keys) => eq(planRevisions.familyId, keys.familyId),
    export: { notIncluded: "planHistory", why: "Earlier wordings of the plan's parts; the plan above is as it stands. Who changed it is in your access log." },
  },
  {
    kind: "coachNotes",
    table: coachNotes,
    rows: (keys) => eq(coachNotes.familyId, keys.familyId),
    export: { notIncluded: "coachNotes", why: "The regisseur's own working notes, not part of the plan: ask your regisseur, or file a request." },
  },
  { kind: "agreements", table: agreements, rows: (keys) => eq(agreements.familyId, keys.familyId), export: { section: "households.plan.agreements" } },
  { kind: "evaluations", table: evaluations, rows: (keys) => eq(evaluations.familyId, keys.familyId), export: { section: "households.plan.evaluations" } },
  { kind: "milestones", table: milestones, rows: (keys) => eq(milestones.familyId, keys.familyId), export: { section: "households.plan.milestones" } },
  { kind: "tasks", table: tasks, rows: (keys) => eq(tasks.familyId, keys.familyId), export: { section: "households.plan.tasks" } },
  { kind: "goals", table: goals, rows: (keys) => eq(goals.familyId, keys.familyId), export: { section: "households.plan.goals" } },
  // After the goals and tasks that name one as their lead.
  { kind: "networkMembers", table: networkMembers, rows: (keys) => eq(networkMembers.familyId, keys.familyId), export: { section: "households.plan.network" } },
  { kind: "analyses", table: analyses, rows: (keys) => eq(analyses.familyId, keys.familyId), export: { section: "households.plan.analyses" } },
  { kind: "plans", table: plans, rows: (keys) => eq(plans.familyId, keys.familyId), export: { section: "households.plan" } },
  { kind: "contactDetails", table: contactDetails, rows: (keys) => eq(contactDetails.familyId, keys.familyId), export: { section: "households.contactDetails" } },
  {
    kind: "memberships",
    table: familyMemberships,
    rows: (keys) => eq(familyMemberships.familyId, keys.familyId),
    export: { section: "households.yourMembership" },
  },
  { kind: "families", table: families, rows: (keys) => eq(families.id, keys.familyId), export: { section: "households" } },
] as const satisfies readonly FamilyRecordKind[];

export type FamilyRecordName = (typeof FAMILY_RECORDS)[number]["kind"];

/** What a person's export leaves out of a family's records, and why, in the list's order. */
export const NOT_IN_EXPORT: readonly { what: string; why: string }[] = FAMILY_RECORDS.flatMap((record) =>
  "notIncluded" in record.export ? [{ what: record.export.notIncluded, why: record.export.why }] : [],
);
