import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import type { PartRef } from "../../covenant/decisions/entitlement.js";

@ObjectType({ description: "Who a member of the family's network is and what they do: plan content (part NETWORK)." })
export class NetworkMemberContent {
  @Field(() => String) name!: string;
  @Field(() => String, { description: "In the family's words: grandmother, neighbour, sports coach." }) relation!: string;
  @Field(() => ID, { nullable: true, description: "The family member they relate to; null: the household." }) relatedMemberId!: string | null;
  @Field(() => String, { nullable: true }) contact!: string | null;
  @Field(() => String, { nullable: true, description: "What they do for the family." }) support!: string | null;
}

@ObjectType({ description: "Someone of the family's own network who is no professional (001, 003 ecogram). *That* they are in it is process data; who they are, content." })
export class NetworkMember {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => DateTimeResolver, { nullable: true }) addedAt!: Date;
  @Field(() => LocalDateResolver, { nullable: true, description: "No longer part of the network since; null while they are." }) endedOn!: string | null;
  @Field(() => NetworkMemberContent, { nullable: true }) content!: NetworkMemberContent;
  familyId!: string;
  part!: PartRef;
}

@InputType({ description: "A member of the family's network." })
export class NetworkMemberInput {
  @Field(() => String, { description: "At most 200 characters." }) name!: string;
  @Field(() => String, { description: "Their relation, at most 100 characters." }) relation!: string;
  @Field(() => ID, { nullable: true, description: "A current family member they relate to." }) relatedMemberId?: string | null;
  @Field(() => String, { nullable: true, description: "How to reach them, at most 200 characters." }) contact?: string | null;
  @Field(() => String, { nullable: true, description: "What they do for the family, at most 2000 characters." }) support?: string | null;
}
