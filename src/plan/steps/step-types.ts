import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import type { PartRef } from "../../covenant/decisions/entitlement.js";
import { Partner, Professional } from "../../organisations/types.js";

export const STEP_KINDS = ["ANNOUNCED", "AFTERWARDS"] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const StepKindEnum = asEnum(STEP_KINDS);
registerEnumType(StepKindEnum, {
  name: "CoordinatedStepKind",
  description: "ANNOUNCED to the regisseur before it is taken; AFTERWARDS: taken under a legal duty and reported after, as soon as possible.",
});

export const STEP_STATUSES = ["ANNOUNCED", "AWAITING_REPORT", "REPORTED"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const StepStatusEnum = asEnum(STEP_STATUSES);
registerEnumType(StepStatusEnum, { name: "CoordinatedStepStatus", description: "ANNOUNCED; or AWAITING_REPORT until the partner reports it (REPORTED)." });

export const LEGAL_DUTIES = ["HOUSE_BAN", "EVICTION", "CHILD_PROTECTION", "POLICE_INTERVENTION", "OTHER_STATUTORY_DUTY"] as const;
export type LegalDuty = (typeof LEGAL_DUTIES)[number];
export const LegalDutyEnum = asEnum(LEGAL_DUTIES);
registerEnumType(LegalDutyEnum, { name: "LegalDuty", description: "The legal duty a step was taken under: a house ban, an eviction, a child-protection measure, a police intervention, another statutory duty." });

@ObjectType({ description: "What a coordinated step is: plan content, for the regisseur and who the covenant opens the step's life domain to." })
export class CoordinatedStepContent {
  @Field(() => String) lifeDomain!: string;
  @Field(() => LegalDutyEnum, { nullable: true }) legalDuty!: LegalDuty | null;
  @Field(() => String, { nullable: true, description: "What the step is; null while its report is awaited." }) description!: string | null;
  @Field(() => Professional, { nullable: true, description: "Who announced or reported it." }) reportedBy!: Professional | null;
  reportedById!: string | null;
}

@ObjectType({
  description:
    "A partner's step in the family's timeline, coordinated with the regisseur: *that* a step was taken, by whom and when, is process data; what it is needs the covenant to open its life domain.",
})
export class CoordinatedStep {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => StepKindEnum, { nullable: true }) kind!: StepKind;
  @Field(() => StepStatusEnum, { nullable: true }) status!: StepStatus;
  @Field(() => Partner, { nullable: true, description: "The organisation taking the step." }) partner!: Partner | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When it is planned for, or when it was taken." }) at!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) recordedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: "AFTERWARDS: the report is due by then (the region's norm after the step)." })
  reportDueAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) reportedAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: "A report awaited past its due moment." }) overdue!: boolean;
  @Field(() => Boolean, { nullable: true, description: "Reported after its due moment." }) late!: boolean;
  @Field(() => CoordinatedStepContent, { nullable: true }) content!: CoordinatedStepContent;
  familyId!: string;
  part!: PartRef;
  leadPartnerId!: string;
}

@InputType({ description: "A planned contact or step, announced to the regisseur before it is taken." })
export class StepAnnouncementInput {
  @Field(() => String) lifeDomain!: string;
  @Field(() => DateTimeResolver, { description: "When it is planned for: in the future." }) plannedFor!: Date;
  @Field(() => String, { description: "What the step is, at most 2000 characters." }) description!: string;
}

@InputType({ description: "A step taken under a legal duty, reported afterwards; names the awaited report it answers, if the regisseur recorded one." })
export class StepReportInput {
  @Field(() => ID, { nullable: true, description: "The awaited report (status AWAITING_REPORT) of your organisation this answers." }) stepId?: string | null;
  @Field(() => String) lifeDomain!: string;
  @Field(() => LegalDutyEnum) legalDuty!: LegalDuty;
  @Field(() => DateTimeResolver, { description: "When it was taken: not in the future." }) takenAt!: Date;
  @Field(() => String, { description: "What was done, at most 2000 characters." }) description!: string;
}

@InputType({ description: "The regisseur records that a partner took a step under a legal duty and owes its report." })
export class ExpectedReportInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => String) lifeDomain!: string;
  @Field(() => LegalDutyEnum) legalDuty!: LegalDuty;
  @Field(() => DateTimeResolver, { description: "When it was taken: not in the future." }) takenAt!: Date;
}
