import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, ObjectType } from "type-graphql";
import { Family } from "../types.js";

@ObjectType({ description: "A member of a household handed over, as the sending region's register held them." })
export class HandedOverMember {
  @Field(() => String) bsn!: string;
  @Field(() => String) givenName!: string;
  @Field(() => String) familyName!: string;
  @Field(() => LocalDateResolver) birthDate!: string;
  @Field(() => String) relation!: string;
  @Field(() => Boolean) legalCustody!: boolean;
}

@ObjectType({ description: "What the receiving region needs to take a household in: its name, members and address. Nothing of the plan." })
export class HandedOverHousehold {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => [HandedOverMember]) members!: HandedOverMember[];
}

@ObjectType({ description: "A household moving between regions: handed over, not copied. The sending region closed its file; the receiving region takes it in." })
export class RegionHandover {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "OUTGOING (your region sent it) or INCOMING." }) direction!: "OUTGOING" | "INCOMING";
  @Field(() => String) fromRegion!: string;
  @Field(() => String, { description: "OFFERED, then ACCEPTED." }) status!: "OFFERED" | "ACCEPTED";
  @Field(() => DateTimeResolver) offeredAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "The sending keeper's note for the receiving region." }) note!: string | null;
  @Field(() => HandedOverHousehold, { nullable: true, description: "For the receiving region while it is offered; forgotten once taken in." })
  household!: HandedOverHousehold | null;
  ownerRegionId!: string;
}

@ObjectType({ description: "A household taken in from another region: the hand-over, and the new family here." })
export class AcceptedHandover {
  @Field(() => RegionHandover) handover!: RegionHandover;
  @Field(() => Family, { nullable: true }) family!: Family | null;
}
