import { LocalDateResolver } from "graphql-scalars";
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { indicatorReport } from "./service.js";
import { IndicatorReport } from "./types.js";

@Resolver(() => IndicatorReport)
export class IndicatorResolver {
  @Query(() => IndicatorReport, {
    nullable: true,
    description:
      "Your region's indicators over a period of at most 366 days, by the inspection's five themes and Amsterdam's measures (process leads, the project leader, evaluators). Each figure carries its definition; one resting on fewer than five families is suppressed.",
  })
  indicators(
    @Arg("from", () => LocalDateResolver, { description: "The first day of the period; not after today." }) from: string,
    @Arg("to", () => LocalDateResolver, { description: "The last day; may lie after today (figures are then as of today)." }) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<IndicatorReport> {
    return indicatorReport(authenticated(ctx), from, to);
  }
}
