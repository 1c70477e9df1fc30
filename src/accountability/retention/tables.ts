import { date, index, jsonb, pgTable, uuid } from "drizzle-orm/pg-core";
import { regions } from "../../organisations/tables.js";

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

/**
 * A closed family's process in days and numbers: everything the indicators count of it (issue
 * §4, docs/decisions/0009), so that a past period's figures stay what they were once its records
 * go. Only what the covenant calls process data (phase, category, days, statuses, yes/no,
 * counts): no person, no professional or organisation, no free text, no life domain (that is a
 * part's content). Lists are in the order things happened.
 */
export interface FamilyOutline {
  categories: { category: string; since: string }[];
  phases: { phase: string; since: string }[];
  concerns: { submittedOn: string; discussedWithFamily: boolean }[];
  /** The outcome is a category, or REGULAR (left to regular care). */
  screening: { screenedOn: string; outcome: string } | null;
  /** Periods of regie; whether the regisseur was still an active professional when the records went. */
  regie: { since: string; until: string | null; regisseurActive: boolean }[];
  plan: { startedOn: string; evaluationMonths: number } | null;
  /** What was spent on the plan's approved budget commitments, in euro cents: a sum only (the cost picture). */
  budgetSpentCents?: number;
  /** From which day the plan as it stood named every member, and covered every life domain (indicators/coverage.ts). */
  coverage: CoverageChange[];
  agreements: { version: number; party: string; agreedOn: string }[];
  /** Each task as it stands, and as each day's changes left its status and due date. */
  tasks: { createdOn: string; dueOn: string; status: string; askedOn?: string | null; startedOn?: string | null; revisions: TaskState[] }[];
  evaluations: { heldOn: string; final: boolean }[];
  advices: { binding: boolean; status: string; issuedOn: string; answerDue: string; answeredOn: string | null }[];
  escalations: {
    track: string;
    status: string;
    raisedOn: string;
    resolvedOn: string | null;
    steps: { step: number; startedOn: string; dueOn: string; outcome: string | null; decidedOn: string | null }[];
  }[];
  closures: {
    closedOn: string;
    goalsTotal: number;
    goalsAchieved: number;
    positiveExit: boolean;
    revisitOn: string;
    /** Whether the aftercare keeper was still an active professional when the records went. */
    keeperActive: boolean;
    handover: boolean;
    aftercareEndedOn: string | null;
    reopenedOn: string | null;
  }[];
}

export interface TaskState {
  on: string;
  status: string;
  dueOn: string;
}

/** From `since` on (until the next change), the plan named every member, and covered every life domain. */
export interface CoverageChange {
  since: string;
  members: boolean;
  lifeDomains: boolean;
}
