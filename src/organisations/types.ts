import { Field, ID, Int, ObjectType } from "type-graphql";
import { RoleEnum } from "../access/graphql-enums.js";
import type { Role } from "../access/roles.js";
import { RetentionSettings } from "../accountability/retention/types.js";

@ObjectType({ description: "A region (municipality or city region): the tenant. Nothing crosses regions." })
export class Region {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => ReferenceIndexSettings) referenceIndex!: ReferenceIndexSettings;
  @Field(() => RetentionSettings) retention!: RetentionSettings;
}

@ObjectType({ description: "How long the region's reference index keeps a signal." })
export class ReferenceIndexSettings {
  @Field(() => Int, { description: "Months a signal stays active (matches, lookups)." })
  activeMonths!: number;
  @Field(() => Int, { description: "Months a signal stays historical after it stops being active; then it is destroyed." })
  historicalMonths!: number;
  @Field(() => Int, { nullable: true, description: "Age at which everything on a person is destroyed; null for none." })
  ageLimitYears!: number | null;
}

@ObjectType({ description: "A partner organisation in the region's approach." })
export class Partner {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: "Sector, e.g. YOUTH_CARE, HOUSING, POLICE_JUSTICE." })
  sector!: string;
  @Field(() => Boolean, { description: "Whether the partner signed the region's covenant." })
  covenantSignatory!: boolean;
}

@ObjectType({ description: "A professional, member of one partner organisation." })
export class Professional {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => [RoleEnum]) roles!: Role[];
  partnerId!: string;
  regionId!: string;
}
