import { addMonths, daysBetween } from "../dates.js";
import { analysisPart, evaluationPart, goalPart, goalResultPart, milestonePart, taskPart } from "../covenant/decisions/plan-parts.js";
import type { agreements, analyses, coachNotes, evaluations, goals, milestones, planRevisions, plans, tasks } from "./tables.js";
import type { regieAssignments } from "../families/tables.js";
import type {
  Agreement,
  Analysis,
  CoachNote,
  Evaluation,
  Goal,
  Milestone,
  Plan,
  PlanRevision,
  RegieAssignment,
  Task,
} from "./types.js";

/*
 * Rows to GraphQL objects. Each object gets its family and its `part` (kind, life domain,
 * members: which part it counts as is the covenant's, covenant/decisions/plan-parts.ts), all
 * the field rules need. What a part says goes into its `content`, which the covenant opens or
 * closes as a whole. Revisions hold rows as JSON, so dates may be strings.
 */
type Row<T extends { $inferSelect: unknown }> = T["$inferSelect"];
const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export const toPlan = (row: Row<typeof plans>, lastEvaluation: string | null): Plan => ({
  id: row.id,
  planId: row.id,
  familyId: row.familyId,
  version: row.version,
  startedOn: row.startedOn,
  updatedAt: date(row.updatedAt),
  evaluationMonths: row.evaluationMonths,
  nextEvaluationDue: addMonths(lastEvaluation ?? row.startedOn, row.evaluationMonths),
  referringPartnerId: row.referringPartnerId,
});

export const toAnalysis = (row: Row<typeof analyses>): Analysis => ({
  id: row.id,
  familyId: row.familyId,
  part: analysisPart(row.lifeDomain, row.personId),
  updatedAt: date(row.updatedAt),
  content: { lifeDomain: row.lifeDomain, memberId: row.personId, text: row.text },
});

export const toGoal = (row: Row<typeof goals>): Goal => ({
  id: row.id,
  goalId: row.id,
  familyId: row.familyId,
  part: goalPart(row.lifeDomain, row.memberIds),
  status: row.status as Goal["status"],
  createdAt: date(row.createdAt),
  content: {
    lifeDomain: row.lifeDomain,
    memberIds: row.memberIds,
    ownWords: row.ownWords,
    target: row.target,
    achievement: row.achievement,
    leadMemberId: row.leadPersonId ?? null,
    leadNetworkMemberId: row.leadNetworkMemberId ?? null,
  },
});

const FINISHED = new Set(["DONE", "CANCELLED"]);

export const toTask = (row: Row<typeof tasks>, today: string): Task => ({
  id: row.id,
  familyId: row.familyId,
  part: taskPart(row.lifeDomain, row.memberIds),
  status: row.status as Task["status"],
  dueDate: row.dueDate,
  overdue: row.dueDate < today && !FINISHED.has(row.status),
  // Old revisions' snapshots predate the wait: none.
  askedOn: row.askedOn ?? null,
  startedOn: row.startedOn ?? null,
  // Until it starts it waits; a task finished or cancelled without starting waits no longer.
  waitingDays: !row.askedOn ? null : row.startedOn ? daysBetween(row.askedOn, row.startedOn) : FINISHED.has(row.status) ? null : daysBetween(row.askedOn, today),
  response: row.response as Task["response"],
  content: {
    lifeDomain: row.lifeDomain,
    memberIds: row.memberIds,
    description: row.description,
    followUp: row.followUp,
    responseReason: row.responseReason,
    goalId: row.goalId,
    // Old revisions' snapshots predate these: none.
    leadMemberId: row.leadPersonId ?? null,
    leadNetworkMemberId: row.leadNetworkMemberId ?? null,
  },
  // Undefined, never null, for a task a family or network member leads: no partner's own.
  leadPartnerId: row.leadPartnerId ?? undefined,
  leadProfessionalId: row.leadProfessionalId,
});

export const toMilestone = (row: Row<typeof milestones>): Milestone => ({
  id: row.id,
  familyId: row.familyId,
  part: milestonePart(),
  dueDate: row.dueDate,
  reachedOn: row.reachedOn,
  content: { title: row.title },
});

export const toEvaluation = (row: Row<typeof evaluations>): Evaluation => ({
  id: row.id,
  familyId: row.familyId,
  part: evaluationPart(),
  heldOn: row.heldOn,
  content: { overall: row.overall },
  // Revisions made before final evaluations existed hold no `final`.
  final: row.final ?? false,
  results: row.results.map((result) => ({
    familyId: row.familyId,
    part: goalResultPart(result),
    goalId: result.goalId,
    content: { result: result.result, achievement: result.achievement },
  })),
});

export const toAgreement = (row: Row<typeof agreements>): Agreement => ({
  familyId: row.familyId,
  version: row.version,
  party: row.party as Agreement["party"],
  personId: row.personId,
  partnerId: row.partnerId,
  recordedById: row.recordedBy,
  agreedAt: date(row.agreedAt),
});

export const toCoachNote = (row: Row<typeof coachNotes>): CoachNote => ({
  id: row.id,
  familyId: row.familyId,
  ownerId: row.authorId,
  text: row.text,
  createdAt: date(row.createdAt),
});

export const toRegieAssignment = (row: Row<typeof regieAssignments>): RegieAssignment => ({
  familyId: row.familyId,
  professionalId: row.professionalId,
  since: row.since,
  until: row.until,
  assignedById: row.assignedBy,
  note: row.note,
});

/** A revision, with the part as it was right after the change (read through the same rules). */
export function toRevision(row: Row<typeof planRevisions>, today: string): PlanRevision {
  const snapshot = row.snapshot as never;
  const kind = row.partKind;
  return {
    familyId: row.familyId,
    version: row.version,
    action: row.action,
    partKind: kind === "PLAN" ? null : (kind as PlanRevision["partKind"]),
    changedById: row.changedBy,
    changedAt: date(row.changedAt),
    analysis: snapshot && kind === "ANALYSIS" ? toAnalysis(snapshot) : null,
    goal: snapshot && kind === "GOAL" ? toGoal(snapshot) : null,
    task: snapshot && kind === "TASK" ? toTask(snapshot, today) : null,
    milestone: snapshot && kind === "SCHEDULE" ? toMilestone(snapshot) : null,
    evaluation: snapshot && kind === "EVALUATION" ? toEvaluation(snapshot) : null,
  };
}
