import { COMMISSIONERS, LADDER_VARIANTS, type LadderVariant } from "./variants.js";
import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import { connectionOf } from "../../pagination/connection.js";
import { ACTOR_KINDS, type ActorKind } from "./actors.js";
import { ESCALATION_TRACKS, type EscalationTrack } from "./open.js";

export const CommissionerEnum = asEnum(COMMISSIONERS);
registerEnumType(CommissionerEnum, {
  name: "EscalationCommissioner",
  description: "Who commissions the care the conflict is about (002 §2.6): LOCAL, the district (\"binnen\": the coordinator escalates); REGIONAL, the care region (\"buiten\": the process manager).",
});
export const LadderVariantEnum = asEnum(LADDER_VARIANTS);
registerEnumType(LadderVariantEnum, {
  name: "EscalationLadderVariant",
  description:
    "Which ladder: per commissioner (LOCAL, REGIONAL), and where nuisance dominates (the family's category MPG4) ending at the mayor (…_NUISANCE); DEFAULT for any other. An escalation climbs its own variant's ladder, or the nearest the region set.",
});

export const EscalationTrackEnum = asEnum(ESCALATION_TRACKS);
registerEnumType(EscalationTrackEnum, {
  name: "EscalationTrack",
  description: "A conflict while drafting the plan, or while carrying it out: each has its own ladder.",
});

export const EscalationActorEnum = asEnum(ACTOR_KINDS);
registerEnumType(EscalationActorEnum, {
  name: "EscalationActor",
  description:
    "Who acts at a step: the family's REGISSEUR or PROCESS_LEAD; the LINE_MANAGERS (partner managers) of the organisations in the conflict, the regisseur's included; the region's PROJECT_LEADERS; its ADMINISTRATORS (alderman, portfolio holder, mayor).",
});

export const ESCALATION_STATUSES = ["OPEN", "RESOLVED"] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export const EscalationStatusEnum = asEnum(ESCALATION_STATUSES);
registerEnumType(EscalationStatusEnum, { name: "EscalationStatus" });

export const STEP_OUTCOMES = ["ESCALATED", "RESOLVED"] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];
export const StepOutcomeEnum = asEnum(STEP_OUTCOMES);
registerEnumType(StepOutcomeEnum, { name: "EscalationStepOutcome", description: "How a step ended: moved up to the next step, or resolved there." });

@ObjectType({ description: "A step of the region's escalation ladder for one track." })
export class EscalationLadderStep {
  @Field(() => Int) step!: number;
  @Field(() => String) title!: string;
  @Field(() => [EscalationActorEnum], { description: "Who decides at this step." }) deciders!: ActorKind[];
  @Field(() => [EscalationActorEnum], { description: "Who is told, without deciding." }) informed!: ActorKind[];
  @Field(() => Int, { description: "Days the deciders have, from the moment the step opens." }) deadlineDays!: number;
  @Field(() => Boolean, { description: "The last step: its decision binds." }) binding!: boolean;
}

@InputType({ description: "A step of a ladder; the last step given is the binding one." })
export class EscalationLadderStepInput {
  @Field(() => String) title!: string;
  @Field(() => [EscalationActorEnum]) deciders!: ActorKind[];
  @Field(() => [EscalationActorEnum], { defaultValue: [] }) informed!: ActorKind[];
  @Field(() => Int, { description: "1 to 90." }) deadlineDays!: number;
}

/*
 * An escalation and its steps reach a caller only when the service decided the caller is a
 * party to it; `partyOf` says for whom it decided, and every field rule checks it.
 */
@ObjectType({ description: "A step an escalation reached: its deadline, and the decision taken there with its reasoning." })
export class EscalationStep {
  @Field(() => Int) step!: number;
  @Field(() => String, { description: "The step's title in the region's ladder." }) title!: string;
  @Field(() => DateTimeResolver) startedAt!: Date;
  @Field(() => DateTimeResolver) dueAt!: Date;
  @Field(() => StepOutcomeEnum, { nullable: true, description: "Null while the step is open." }) outcome!: StepOutcome | null;
  @Field(() => String, { nullable: true }) decision!: string | null;
  @Field(() => String, { nullable: true }) reasoning!: string | null;
  @Field(() => ID, { nullable: true }) decidedById!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) decidedAt!: Date | null;
  partyOf!: string;
}

@ObjectType({
  description:
    "A conflict about a family's plan, up the region's ladder. Its parties see it at process level; it opens nothing of the family's plan or members.",
})
export class Escalation {
  @Field(() => ID) id!: string;
  @Field(() => ID) familyId!: string;
  @Field(() => EscalationTrackEnum) track!: EscalationTrack;
  @Field(() => String, { description: "What the conflict is about: the escalation dossier." }) subject!: string;
  @Field(() => EscalationStatusEnum) status!: EscalationStatus;
  @Field(() => Int) currentStep!: number;
  @Field(() => LadderVariantEnum, { description: "The ladder it climbs: who commissions the care, and whether nuisance dominates." }) ladderVariant!: LadderVariant;
  @Field(() => Boolean, { description: "The current step is the ladder's last: its decision binds." }) binding!: boolean;
  @Field(() => DateTimeResolver) raisedAt!: Date;
  @Field(() => ID) raisedById!: string;
  @Field(() => DateTimeResolver, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => [EscalationStep], { description: "Every step it reached, first to current." }) steps!: EscalationStep[];
  partyPartnerIds!: string[];
  partyOf!: string;
}

export const EscalationConnection = connectionOf(Escalation, "Escalation");
