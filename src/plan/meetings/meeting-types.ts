import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { PartRef } from "../../covenant/decisions/entitlement.js";
import { Professional } from "../../organisations/types.js";
import { PlanMeeting } from "../../process/intake/types.js";

@ObjectType({ description: "What a case meeting said and decided: plan content (part MEETING)." })
export class CaseMeetingContent {
  @Field(() => String) minutes!: string;
  @Field(() => [String]) decisions!: string[];
}

@ObjectType({
  description:
    "A case meeting held about the family (MDO+, the local family meeting). That it was held, when and with whom: PROCESS, and who attended it; its minutes: plan content.",
})
export class CaseMeeting {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => PlanMeeting, { nullable: true, description: "Its kind: one of the region's plan meetings." }) meeting!: PlanMeeting | null;
  @Field(() => LocalDateResolver, { nullable: true }) heldOn!: string;
  @Field(() => [Professional], { nullable: true, description: "The professionals who attended." }) attendees!: Professional[];
  @Field(() => [ID], { nullable: true, description: "The family members who attended." }) memberIds!: string[];
  @Field(() => [ID], { nullable: true, description: "The members of the family's network who attended." }) networkMemberIds!: string[];
  @Field(() => Int, { nullable: true, description: "The plan version this meeting adopted, if it adopted one." }) adoptedPlanVersion!: number | null;
  @Field(() => DateTimeResolver, { nullable: true }) recordedAt!: Date;
  @Field(() => CaseMeetingContent, { nullable: true }) content!: CaseMeetingContent;
  familyId!: string;
  part!: PartRef;
  meetingCode!: string;
  professionalIds!: string[];
}

@InputType({ description: "A case meeting held: its kind, day, attendees, minutes and decisions." })
export class CaseMeetingInput {
  @Field(() => String, { description: "A plan meeting of your region (processSettings.meetings)." }) meeting!: string;
  @Field(() => LocalDateResolver, { description: "Not in the future." }) heldOn!: string;
  @Field(() => [ID], { defaultValue: [], description: "Professionals of your region who attended." }) professionalIds!: string[];
  @Field(() => [ID], { defaultValue: [], description: "Current family members who attended." }) memberIds!: string[];
  @Field(() => [ID], { defaultValue: [], description: "Members of the family's network who attended." }) networkMemberIds!: string[];
  @Field(() => String, { description: "At most 10000 characters." }) minutes!: string;
  @Field(() => [String], { defaultValue: [], description: "Each at most 2000 characters." }) decisions!: string[];
  @Field(() => Int, { nullable: true, description: "The plan version it adopted: the plan's current version or an earlier one." }) adoptsPlanVersion?: number | null;
}
