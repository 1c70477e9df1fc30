import { LocalDateResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { AccessLevelEnum } from "../../access/graphql-enums.js";
import { Partner } from "../../organisations/types.js";
import { PartKindEnum } from "../../plan/types.js";
import type { AccessLevel, PartKind } from "../decisions/levels.js";

/*
 * What a draft of the covenant would change, partner by partner: counts of families only,
 * never a family's id, name or any content. Counts under five are withheld as the indicators
 * withhold them, and so is one of two counts close enough to tell a small group by subtraction.
 */

@ObjectType({ description: "A number of families, or nothing when it is withheld." })
export class FamilyCount {
  @Field(() => Int, {
    nullable: true,
    description:
      "How many families; null when suppressed: fewer than five (none included), as the indicators suppress, or within four of another count shown for the same partner (their difference could tell a small group).",
  })
  families!: number | null;
  @Field(() => Boolean, { description: "Withheld: fewer than five families, or within four of another count shown for the partner." })
  suppressed!: boolean;
}

@ObjectType({ description: "The families whose access level for a partner would rise to this level, or fall from it." })
export class LevelAccessChange {
  @Field(() => AccessLevelEnum) level!: AccessLevel;
  @Field(() => FamilyCount, { description: "Families at this level under the draft that are below it under the version compared with." })
  gaining!: FamilyCount;
  @Field(() => FamilyCount, { description: "Families at this level under the version compared with that fall below it under the draft." })
  losing!: FamilyCount;
}

@ObjectType({ description: "The families for which a partner would come to read, or stop reading, one kind of plan part in one life domain." })
export class PartAccessChange {
  @Field(() => PartKindEnum) partKind!: PartKind;
  @Field(() => String, { nullable: true, description: "Null: the parts without a life domain (the schedule, an evaluation's overall words)." })
  lifeDomain!: string | null;
  @Field(() => FamilyCount, { description: "Families whose household-wide part of this kind and domain the partner would come to read." })
  gaining!: FamilyCount;
  @Field(() => FamilyCount, { description: "Families whose household-wide part of this kind and domain the partner would stop reading." })
  losing!: FamilyCount;
}

@ObjectType({ description: "What a draft changes for one partner of the region: counts of families by level and by part." })
export class PartnerAccessChange {
  @Field(() => Partner) partner!: Partner;
  @Field(() => Boolean, { description: "Whether it signed the version compared with (false when none is in force)." }) signatoryNow!: boolean;
  @Field(() => Boolean, { description: "Whether the draft names it as a signatory." }) signatoryInDraft!: boolean;
  @Field(() => [LevelAccessChange], {
    description: "DAT, PROCESS, SECTION and FULL, each once. FULL is the regisseur's, never a rule's: the covenant does not change it.",
  })
  levels!: LevelAccessChange[];
  @Field(() => [PartAccessChange], {
    description: "Every part kind and life domain a SECTION rule of either version opens to the partner: taken from the rules alone, whatever the families.",
  })
  parts!: PartAccessChange[];
}

@ObjectType({
  description:
    "What a covenant version would change against the version in force, per partner of the region, as counts of families only (no family ids, names or content). Each partner is taken as one of its care workers holding every role, never a family's regisseur or process lead; the draft is decided as if in force today, by the same decision code as every request. Counts under five are suppressed exactly as the indicators suppress them; no totals are given.",
})
export class CovenantAccessChanges {
  @Field(() => Int, { nullable: true, description: "The version in force compared with; null when none is in force (then it grants nothing)." })
  comparedWithVersion!: number | null;
  @Field(() => LocalDateResolver, { description: "The day the families' facts and the version in force were read for." }) asOf!: string;
  @Field(() => Int, { description: "A count of fewer families than this is suppressed." }) minimumFamilies!: number;
  @Field(() => [PartnerAccessChange], { description: "Every partner of the region, by name." }) partners!: PartnerAccessChange[];
}
