import DataLoader from "dataloader";
import { and, asc, eq } from "drizzle-orm";
import { DateTimeResolver } from "graphql-scalars";
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { Caller } from "../../auth/caller.js";
import type { RequestContext } from "../../context.js";
import type { Db } from "../../db/database.js";
import { groupBy, ofFamilies } from "../../db/per-family.js";
import { Family } from "../../families/types.js";
import { NO_REGION } from "../../ids.js";
import { escalations, escalationSteps } from "../tables.js";
import type { EscalationTrack } from "./open.js";
import type { OpenEscalationView } from "./open-escalation-types.js";
import { EscalationTrackEnum } from "./types.js";

/*
 * Open escalations as process data (domain brief §6: PROCESS is "phase, category, who is
 * regisseur, deadlines met or missed, open escalations"): that one is open, on which track, at
 * which step, since when and until when. Not its subject, parties or decisions: the dossier is its
 * parties' alone (Escalation, escalation-party).
 */

@ObjectType({ description: "An open escalation about the family, as process data: its track, step and deadline; never its dossier." })
export class OpenEscalation implements OpenEscalationView {
  @Field(() => EscalationTrackEnum, { nullable: true }) track!: EscalationTrack;
  @Field(() => Int, { nullable: true, description: "The step of the ladder it stands at." }) currentStep!: number;
  @Field(() => DateTimeResolver, { nullable: true }) raisedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: "The current step's deadline." }) dueAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: "Past the current step's deadline." }) overdue!: boolean;
  familyId!: string;
}

/** Each family's open escalations, oldest first, in one statement per request batch. */
export function openEscalationLoaders(db: Db, caller: Caller | null, now: () => Date) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    openEscalations: new DataLoader<string, OpenEscalationView[]>(async (familyIds) => {
      const rows = await db
        .select({ row: escalations, dueAt: escalationSteps.dueAt })
        .from(escalations)
        .leftJoin(escalationSteps, and(eq(escalationSteps.escalationId, escalations.id), eq(escalationSteps.step, escalations.currentStep)))
        .where(and(ofFamilies(escalations, familyIds, regionId), eq(escalations.status, "OPEN")))
        .orderBy(asc(escalations.raisedAt), asc(escalations.id));
      return groupBy(familyIds, rows, (row) => row.row.familyId, ({ row, dueAt }) => ({
        familyId: row.familyId,
        track: row.track as EscalationTrack,
        currentStep: row.currentStep,
        raisedAt: row.raisedAt,
        dueAt,
        overdue: dueAt !== null && dueAt.getTime() <= now().getTime(),
      }));
    }),
  };
}

@Resolver(() => Family)
export class FamilyOpenEscalationsResolver {
  @FieldResolver(() => [OpenEscalation], { nullable: true, description: "The escalations about the family still open: track, step, deadline (process data)." })
  openEscalations(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<OpenEscalationView[]> {
    return ctx.loaders.openEscalations.load(family.familyId);
  }
}
