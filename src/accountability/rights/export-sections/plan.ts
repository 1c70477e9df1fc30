import { asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/database.js";
import { agreements, analyses, caseMeetings, coordinatedSteps, evaluations, goals, milestones, networkMembers, plans, tasks } from "../../../plan/tables.js";
import type { Subject } from "../subject.js";
import { moment, type Directory, type JsonObject } from "./directory.js";

// The household's plan in a person's export: the parts about them or about the whole household
// while they belonged; a result only for a goal in the export.

export async function planOf(
  db: Db,
  subject: Subject,
  familyId: string,
  concernsMe: (memberIds: readonly string[], when: Date | string | null) => boolean,
  during: (when: Date | string | null) => boolean,
  names: (ids: readonly string[]) => (string | null)[],
  directory: Directory,
): Promise<JsonObject | null> {
  const [plan] = await db.select().from(plans).where(eq(plans.familyId, familyId));
  if (!plan) return null;
  const [analysisRows, goalRows, taskRows, milestoneRows, evaluationRows, agreementRows, stepRows, networkRows, meetingRows] = await Promise.all([
    db.select().from(analyses).where(eq(analyses.planId, plan.id)).orderBy(asc(analyses.updatedAt)),
    db.select().from(goals).where(eq(goals.planId, plan.id)).orderBy(asc(goals.createdAt)),
    db.select().from(tasks).where(eq(tasks.planId, plan.id)).orderBy(asc(tasks.dueDate)),
    db.select().from(milestones).where(eq(milestones.planId, plan.id)).orderBy(asc(milestones.dueDate)),
    db.select().from(evaluations).where(eq(evaluations.planId, plan.id)).orderBy(asc(evaluations.heldOn)),
    db.select().from(agreements).where(eq(agreements.planId, plan.id)).orderBy(asc(agreements.agreedAt)),
    db.select().from(coordinatedSteps).where(eq(coordinatedSteps.familyId, familyId)).orderBy(asc(coordinatedSteps.stepAt)),
    db.select().from(networkMembers).where(eq(networkMembers.familyId, familyId)).orderBy(asc(networkMembers.addedAt)),
    db.select().from(caseMeetings).where(eq(caseMeetings.familyId, familyId)).orderBy(asc(caseMeetings.heldOn)),
  ]);
  const myGoals = goalRows.filter((row) => concernsMe(row.memberIds, row.createdAt));
  const myGoalIds = new Set(myGoals.map((row) => row.id));
  const myTasks = taskRows.filter((row) => concernsMe(row.memberIds, row.createdAt));
  // Nothing of a plan made after they left, unless a part names them.
  if (!during(plan.startedOn) && myGoals.length === 0 && myTasks.length === 0 && !analysisRows.some((row) => row.personId && subject.personIds.includes(row.personId))) {
    return null;
  }
  return {
    startedOn: plan.startedOn,
    startedBy: directory.professional(plan.startedBy),
    version: plan.version,
    referringOrganisation: directory.partner(plan.referringPartnerId),
    evaluationEveryMonths: plan.evaluationMonths,
    analyses: analysisRows
      .filter((row) => (row.personId ? subject.personIds.includes(row.personId) : during(row.updatedAt)))
      .map((row) => ({ lifeDomain: row.lifeDomain, about: row.personId ? names([row.personId])[0]! : "the household", text: row.text, updatedAt: moment(row.updatedAt) })),
    goals: myGoals.map((row) => ({
      lifeDomain: row.lifeDomain,
      members: names(row.memberIds),
      ownWords: row.ownWords,
      target: row.target,
      status: row.status,
      achievement: row.achievement,
      createdAt: moment(row.createdAt),
      updatedAt: moment(row.updatedAt),
    })),
    tasks: myTasks.map((row) => ({
      lifeDomain: row.lifeDomain,
      members: names(row.memberIds),
      description: row.description,
      organisation: directory.partner(row.leadPartnerId),
      professional: directory.professional(row.leadProfessionalId),
      dueDate: row.dueDate,
      status: row.status,
      response: row.response,
      responseReason: row.responseReason,
      followUp: row.followUp,
    })),
    milestones: milestoneRows.filter((row) => during(row.dueDate)).map((row) => ({ title: row.title, dueDate: row.dueDate, reachedOn: row.reachedOn })),
    evaluations: evaluationRows
      .filter((row) => during(row.heldOn))
      .map((row) => ({
        heldOn: row.heldOn,
        overall: row.overall,
        final: row.final,
        recordedBy: directory.professional(row.recordedBy),
        // A result is about its goal: only the goals in this export.
        results: row.results.filter((result) => myGoalIds.has(result.goalId)).map((result) => ({ lifeDomain: result.lifeDomain, result: result.result, achievement: result.achievement })),
      })),
    // The partners' steps coordinated with the regisseur while they belonged (about the household).
    steps: stepRows
      .filter((row) => during(row.stepAt))
      .map((row) => ({
        kind: row.kind,
        status: row.status,
        organisation: directory.partner(row.partnerId),
        lifeDomain: row.lifeDomain,
        legalDuty: row.legalDuty,
        at: moment(row.stepAt),
        description: row.description,
      })),
    // The family's own network: who relates to them, or to the whole household while they belonged.
    network: networkRows
      .filter((row) => (row.relatedPersonId ? subject.personIds.includes(row.relatedPersonId) : during(row.addedAt)))
      .map((row) => ({ name: row.name, relation: row.relation, support: row.support, since: moment(row.addedAt), endedOn: row.endedOn })),
    // The case meetings held while they belonged: what was said and decided.
    meetings: meetingRows
      .filter((row) => during(row.heldOn))
      .map((row) => ({ meeting: row.meeting, heldOn: row.heldOn, minutes: row.minutes, decisions: row.decisions, adoptedPlanVersion: row.adoptedPlanVersion })),
    agreements: agreementRows
      .filter((row) => (row.personId ? subject.personIds.includes(row.personId) : during(row.agreedAt)))
      .map((row) => ({
        version: row.version,
        party: row.party,
        who: row.personId ? names([row.personId])[0]! : directory.partner(row.partnerId),
        agreedAt: moment(row.agreedAt),
      })),
  };
}

