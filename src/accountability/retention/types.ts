import { Field, InputType, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "How long the region keeps what it holds on closed families." })
export class RetentionSettings {
  @Field(() => Int, {
    description:
      "Whole years a family's records stay after it was closed (entered CLOSED: aftercare ended, or screened out); then they are removed, and only a de-identified outline of its process stays. A family in aftercare or reopened is not closed.",
  })
  closedFamilyYears!: number;
}

@InputType({ description: "The region's retention term for closed families." })
export class RetentionSettingsInput {
  @Field(() => Int, { description: "1–20 whole years." })
  closedFamilyYears!: number;
}
