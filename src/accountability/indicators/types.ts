import { LocalDateResolver } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import { THEMES, UNITS, type Theme, type Unit } from "./definitions.js";

/*
 * The indicator report: aggregates of the caller's region only, theme by theme. Nothing in it
 * names or dates a single family; a figure resting on fewer than five families is suppressed.
 */

export const IndicatorThemeEnum = asEnum(THEMES);
registerEnumType(IndicatorThemeEnum, {
  name: "IndicatorThemeKey",
  description:
    "The inspection's five themes (Samenwerkend Toezicht Jeugd): REACH (toeleiding), FAMILY_CENTRAL (gezin centraal), APPROACH (planned, coherent, persistent, with an equipped regisseur), COOPERATION (samenwerking and escalation), CONTINUITY (continu).",
});

export const IndicatorUnitEnum = asEnum(UNITS);
registerEnumType(IndicatorUnitEnum, {
  name: "IndicatorUnit",
  description: "What a figure counts (FAMILIES, CONCERNS, TASKS, ESCALATIONS, CLOSURES), or a PERCENT (0–100), or a median in DAYS.",
});

@ObjectType({ description: "One figure of the report, with its definition." })
export class Indicator {
  @Field(() => String, { description: "Stable key, e.g. one_plan or families_in_view.MPG2." }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: "The definition: what is counted, over which families, and the families it rests on." })
  description!: string;
  @Field(() => Float, {
    nullable: true,
    description: "Null when suppressed, or when there is nothing to measure (a share or median of none). Percentages and medians to one decimal.",
  })
  value!: number | null;
  @Field(() => IndicatorUnitEnum) unit!: Unit;
  @Field(() => Int, { nullable: true, description: "The number of families the figure rests on; null when suppressed." })
  families!: number | null;
  @Field(() => Boolean, { description: "Rests on fewer than five families (or is the next smallest part of a total beside one that does): value and families withheld." })
  suppressed!: boolean;
}

@ObjectType({ description: "The figures of one of the inspection's themes." })
export class IndicatorTheme {
  @Field(() => IndicatorThemeEnum) theme!: Theme;
  @Field(() => String) label!: string;
  @Field(() => [Indicator]) indicators!: Indicator[];
}

@ObjectType({ description: "Indicators of your region over a period: aggregates only, small numbers suppressed." })
export class IndicatorReport {
  @Field(() => LocalDateResolver) from!: string;
  @Field(() => LocalDateResolver) to!: string;
  @Field(() => LocalDateResolver, {
    description: "The reference day for figures as at the end of the period (open tasks, overdue, coverage): `to`, or today when the period runs on.",
  })
  asOf!: string;
  @Field(() => Int, { description: "A figure resting on fewer families than this is suppressed." }) minimumFamilies!: number;
  @Field(() => [IndicatorTheme]) themes!: IndicatorTheme[];
  @Field(() => String, {
    description: "The same figures as CSV (RFC 4180): theme,key,label,value,unit,families,suppressed; one row per figure, a suppressed value left empty.",
  })
  csv!: string;
}
