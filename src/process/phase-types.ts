import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../access/graphql-enums.js";
import { PHASES, type Phase } from "./phase.js";

export const PhaseEnum = asEnum(PHASES);
registerEnumType(PhaseEnum, {
  name: "FamilyPhase",
  description: "Signalled → screened → planning → executing → evaluating → closing → aftercare → closed.",
});

@ObjectType({ description: "One period a family spent in a phase: process data, for the process lead as for the regisseur." })
export class PhasePeriod {
  @Field(() => PhaseEnum, { nullable: true }) phase!: Phase;
  @Field(() => DateTimeResolver, { nullable: true }) since!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: "Null while the family is in it." }) until!: Date | null;
  @Field(() => Int, { nullable: true, description: "Whole days spent in it, until now for the current phase." }) days!: number;
  @Field(() => ID, { nullable: true, description: "Who moved the family into it." }) setById!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  familyId!: string;
}
