import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import { Family } from "../../families/types.js";
import { Partner, Professional } from "../../organisations/types.js";

export const SELECTION_STATUSES = ["OPEN", "CONFIRMED"] as const;
export type SelectionStatus = (typeof SELECTION_STATUSES)[number];
export const SelectionStatusEnum = asEnum(SELECTION_STATUSES);
registerEnumType(SelectionStatusEnum, { name: "SelectionStatus", description: "OPEN for nominations; CONFIRMED once the project leader fixed the list." });

@ObjectType({
  description:
    "A partner's nomination of a family for a selection round. Read by the nominating organisation and the region's project leaders; the family is named only to who may know it.",
})
export class SelectionNomination {
  @Field(() => ID) id!: string;
  @Field(() => Family, { nullable: true, description: "The family, to a reader who may know it (DAT or more); null otherwise, also for a nomination made through a concern." })
  family!: Family | null;
  @Field(() => ID, { nullable: true, description: "The nominator's own concern it was made through, if any." }) concernId!: string | null;
  @Field(() => Partner, { nullable: true }) partner!: Partner | null;
  @Field(() => Professional, { nullable: true }) nominatedBy!: Professional | null;
  @Field(() => DateTimeResolver) nominatedAt!: Date;
  @Field(() => String, { description: "Why this family, in the nominator's words." }) reason!: string;
  @Field(() => Boolean, { description: "On the confirmed list." }) selected!: boolean;
  familyId!: string;
  /** Made through a concern: the family is named to its keepers only. */
  viaConcern!: boolean;
  partnerId!: string;
  nominatedById!: string;
  readerKey!: string;
}

@ObjectType({ description: "A selection round: the partners nominate families, the project leader confirms at most `size` of them (000: the top 10)." })
export class SelectionRound {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => Int, { description: "The confirmed list holds at most this many families." }) size!: number;
  @Field(() => SelectionStatusEnum) status!: SelectionStatus;
  @Field(() => DateTimeResolver) openedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) confirmedAt!: Date | null;
  @Field(() => [SelectionNomination], {
    description: "The nominations you may read: all of them for a project leader, your own organisation's for a partner.",
  })
  nominations!: SelectionNomination[];
}

@InputType({ description: "A nomination: a family you know, or the household of a concern you registered yourself." })
export class NominationInput {
  @Field(() => ID, { nullable: true, description: "A family you know (DAT or more)." }) familyId?: string | null;
  @Field(() => ID, { nullable: true, description: "Your own concern: nominates its household without naming its family to you." }) concernId?: string | null;
  @Field(() => String, { description: "Why this family, at most 2000 characters." }) reason!: string;
}
