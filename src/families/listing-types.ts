import { Field, InputType } from "type-graphql";
import { connectionOf } from "../pagination/connection.js";
import { PhaseEnum } from "../process/phase-types.js";
import type { Phase } from "../process/phase.js";
import { Family } from "./types.js";

export const FamilyConnection = connectionOf(Family, "Family");

@InputType({ description: "Narrows the families you may know of; never widens them." })
export class FamilyFilter {
  @Field(() => Boolean, {
    nullable: true,
    description: "true: only those you lead or watch (regisseur, process lead) or your organisation is involved with; false: only the others.",
  })
  mine?: boolean | null;

  @Field(() => PhaseEnum, {
    nullable: true,
    description: "Only those in this phase, among those whose process you may see (PROCESS or more).",
  })
  phase?: Phase | null;

  @Field(() => String, {
    nullable: true,
    description: "Only those whose name contains this text, any case (keepers of the register: process leads, project leaders).",
  })
  name?: string | null;
}
