import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import type { PartRef } from "../../covenant/decisions/entitlement.js";
import { connectionOf } from "../../pagination/connection.js";

export const COMMITMENT_STATUSES = ["PROPOSED", "APPROVED", "REFUSED"] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const CommitmentStatusEnum = asEnum(COMMITMENT_STATUSES);
registerEnumType(CommitmentStatusEnum, { name: "BudgetCommitmentStatus", description: "PROPOSED by the regisseur; APPROVED or REFUSED once by a project leader." });

@ObjectType({ description: "What a commitment pays for: plan content, as open as the task or goal it serves." })
export class BudgetCommitmentContent {
  @Field(() => String, { description: "The purchased service." }) service!: string;
  @Field(() => ID, { nullable: true }) taskId!: string | null;
  @Field(() => ID, { nullable: true }) goalId!: string | null;
  @Field(() => String) lifeDomain!: string;
}

@ObjectType({ description: "A commitment of the family plan's budget for a purchased service: amounts and status are process data." })
export class BudgetCommitment {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => ID, { nullable: true }) familyId!: string;
  @Field(() => Int, { nullable: true, description: "Committed, in euro cents." }) amountCents!: number;
  @Field(() => Int, { nullable: true, description: "Spent so far, in euro cents." }) spentCents!: number;
  @Field(() => CommitmentStatusEnum, { nullable: true }) status!: CommitmentStatus;
  @Field(() => DateTimeResolver, { nullable: true }) proposedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Why it was refused." }) reason!: string | null;
  @Field(() => BudgetCommitmentContent, { nullable: true }) content!: BudgetCommitmentContent;
  part!: PartRef;
  leadPartnerId?: string;
  goalIdOfPart?: string;
}

export const BudgetCommitmentConnection = connectionOf(BudgetCommitment, "BudgetCommitment");

@ObjectType({ description: "The family plan's earmarked budget: what is committed and spent, against the region's ceiling." })
export class PlanBudget {
  @Field(() => Int, { nullable: true, description: "The region's ceiling per family plan, in euro cents; null: none." }) ceilingCents!: number | null;
  @Field(() => Int, { description: "Approved commitments, in euro cents." }) committedCents!: number;
  @Field(() => Int, { description: "Spent on them, in euro cents." }) spentCents!: number;
  @Field(() => Int, { description: "Proposed and awaiting a project leader, in euro cents." }) proposedCents!: number;
  @Field(() => [BudgetCommitment]) commitments!: BudgetCommitment[];
  familyId!: string;
}

@InputType({ description: "A purchased service for a task or a goal of the plan (exactly one), with its amount." })
export class CommitmentInput {
  @Field(() => ID, { nullable: true }) taskId?: string | null;
  @Field(() => ID, { nullable: true }) goalId?: string | null;
  @Field(() => String, { description: "The service, at most 500 characters." }) service!: string;
  @Field(() => Int, { description: "In euro cents, 1 to 100,000,000." }) amountCents!: number;
}
