import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Family } from "../../families/types.js";
import { connectionOf } from "../../pagination/connection.js";

/*
 * Closure and aftercare (domain brief §8: "final evaluation, a warm handover, and someone
 * keeping a finger on the pulse; a revisit half a year later"). Every object carries its family
 * (not exposed) for the field rules in permissions.ts.
 */

@ObjectType({
  description:
    "One closure of the family's approach: the final evaluation's outcome, the aftercare arrangement and, when regie passed to a regular partner, the handover. A reopened family keeps its closures.",
})
export class Closure {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => DateTimeResolver, { nullable: true }) closedAt!: Date;
  @Field(() => ID, { nullable: true, description: "The regisseur who closed it." }) closedById!: string;
  @Field(() => ID, { nullable: true, description: "The final evaluation it rests on (see the plan's evaluations)." })
  finalEvaluationId!: string;
  @Field(() => Int, { nullable: true, description: "The plan's goals at closing, cancelled ones not counted." }) goalsTotal!: number;
  @Field(() => Int, { nullable: true, description: "Of those, the goals ACHIEVED." }) goalsAchieved!: number;
  @Field(() => Boolean, {
    nullable: true,
    description: "At least the region's share of the goals achieved (default 80%); a plan without goals is no positive exit.",
  })
  positiveExit!: boolean;
  @Field(() => ID, { nullable: true, description: "Who keeps a finger on the pulse during aftercare." }) aftercareKeeperId!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "When to look again: the aftercare revisit." }) revisitOn!: string;
  @Field(() => DateTimeResolver, { nullable: true }) aftercareEndedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Why aftercare ended, as its keeper wrote it for the process." })
  aftercareNote!: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "Set when the family was reopened after this closure." })
  reopenedAt!: Date | null;
  @Field(() => ID, { nullable: true }) reopenedById!: string | null;
  @Field(() => String, { nullable: true }) reopenReason!: string | null;
  @Field(() => ID, { nullable: true, description: "The professional of the regular partner who takes over, if named." })
  handoverProfessionalId!: string | null;
  @Field(() => String, { nullable: true, description: "The warm handover note (warme overdracht): regisseur only, like regie's hand-over note." })
  handoverNote!: string | null;
  familyId!: string;
  handoverPartnerId!: string | null;
}

@ObjectType({ description: "A family you lead or watch whose plan's next evaluation is due soon, or overdue." })
export class DueEvaluation {
  @Field(() => ID, { nullable: true }) familyId!: string;
  @Field(() => Family, { nullable: true }) family!: Family;
  @Field(() => ID, { nullable: true }) planId!: string;
  @Field(() => LocalDateResolver, { nullable: true }) nextEvaluationDue!: string;
  @Field(() => Boolean, { nullable: true, description: "The due date has passed." }) overdue!: boolean;
  @Field(() => Int, { nullable: true, description: "Days past the due date; 0 when not overdue." }) daysOverdue!: number;
}

@InputType({ description: "The aftercare arrangement; every field has a default." })
export class AftercareInput {
  @Field(() => ID, {
    nullable: true,
    description: "An active professional of your region who may know of the family. Default: you, the regisseur.",
  })
  keeperId?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "After today. Default: today plus the region's aftercare months (default 6)." })
  revisitOn?: string | null;
}

@InputType({ description: "When regie passes to a regular partner: who takes over, with a warm handover note." })
export class HandoverInput {
  @Field(() => ID, { description: "A partner of your region." }) partnerId!: string;
  @Field(() => ID, { nullable: true, description: "An active professional of that partner." }) professionalId?: string | null;
  @Field(() => String, { description: "At least 10 characters; read by the regisseur only." }) note!: string;
}

@InputType()
export class CloseFamilyInput {
  @Field(() => AftercareInput, { nullable: true, description: "Omitted: the regisseur keeps aftercare, with the region's default revisit." })
  aftercare?: AftercareInput | null;
  @Field(() => HandoverInput, { nullable: true }) handover?: HandoverInput | null;
}

export const DueEvaluationConnection = connectionOf(DueEvaluation, "DueEvaluation");
