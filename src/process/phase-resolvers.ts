import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../context.js";
import { Family } from "../families/types.js";
import type { Phase } from "./phase.js";
import { changePhase } from "./phase-service.js";
import { PhaseEnum, PhasePeriod } from "./phase-types.js";

/** A family's phase and the time it spent in each. */
@Resolver(() => Family)
export class FamilyPhaseResolver {
  @FieldResolver(() => PhaseEnum, { nullable: true, description: "Where the family is in the approach." })
  phase(@Root() family: Family): string {
    return family.phase;
  }

  @FieldResolver(() => [PhasePeriod], { nullable: true, description: "Every phase the family went through, with the days spent in it." })
  phaseHistory(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<PhasePeriod[]> {
    return ctx.loaders.phaseHistory.load(family.familyId);
  }

  @Mutation(() => Family, {
    description:
      "Moves a family on (regisseur or process lead): screened → planning → executing ⇄ evaluating → closing, or back from closing to executing. Screening, closing, ending aftercare and reopening have their own mutations.",
  })
  changePhase(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("to", () => PhaseEnum) to: Phase,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Family> {
    return changePhase(authenticated(ctx), familyId, to, note);
  }
}
