import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/database.js";
import { escalationLadder, escalationSteps, escalations } from "../../../process/tables.js";
import { moment, type Directory, type JsonObject } from "./directory.js";

// The household's escalations in a person's export, step by step, with the ladder's titles.

export async function escalationsOf(db: Db, familyId: string, regionId: string, during: (when: Date) => boolean, directory: Directory): Promise<JsonObject[]> {
  const rows = (await db.select().from(escalations).where(eq(escalations.familyId, familyId)).orderBy(asc(escalations.raisedAt))).filter((row) => during(row.raisedAt));
  if (rows.length === 0) return [];
  const steps = await db
    .select()
    .from(escalationSteps)
    .where(inArray(escalationSteps.escalationId, rows.map((row) => row.id)))
    .orderBy(asc(escalationSteps.step));
  const ladder = await db.select().from(escalationLadder).where(eq(escalationLadder.regionId, regionId));
  const title = (track: string, step: number) => ladder.find((row) => row.track === track && row.step === step)?.title ?? null;
  return rows.map((row) => ({
    track: row.track,
    subject: row.subject,
    organisations: row.partyPartnerIds.map((id) => directory.partner(id)),
    raisedBy: directory.professional(row.raisedBy),
    raisedAt: moment(row.raisedAt),
    status: row.status,
    currentStep: row.currentStep,
    resolvedAt: moment(row.resolvedAt),
    steps: steps
      .filter((step) => step.escalationId === row.id)
      .map((step) => ({
        step: step.step,
        title: title(row.track, step.step),
        startedAt: moment(step.startedAt),
        dueAt: moment(step.dueAt),
        outcome: step.outcome,
        decision: step.decision,
        reasoning: step.reasoning,
        decidedBy: directory.professional(step.decidedBy),
        decidedAt: moment(step.decidedAt),
      })),
  }));
}

