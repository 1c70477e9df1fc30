import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Family } from "../../families/types.js";
import { Partner, Professional } from "../../organisations/types.js";
import { confirmRound, listRounds, nominate, nominatedFamily, openRound } from "./service.js";
import { NominationInput, SelectionNomination, SelectionRound } from "./types.js";

/** The joint selection of the families the approach takes on (000: the top 10). */
@Resolver(() => SelectionRound)
export class SelectionRoundResolver {
  @Query(() => [SelectionRound], { description: "Your region's latest selection rounds (at most 20), newest first." })
  selectionRounds(@Ctx() ctx: RequestContext): Promise<SelectionRound[]> {
    return listRounds(authenticated(ctx));
  }

  @Mutation(() => SelectionRound, {
    description: "Opens a selection round (project leader); one open at a time. Its size defaults to the region's caseload ceiling, else 10.",
  })
  openSelectionRound(
    @Arg("title", () => String) title: string,
    @Arg("size", () => Int, { nullable: true }) size: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<SelectionRound> {
    return openRound(authenticated(ctx), { title, size });
  }

  @Mutation(() => SelectionRound, { description: "Nominates a family you know, or the household of your own concern, for an open round, with a reason." })
  nominateFamily(
    @Arg("roundId", () => ID) roundId: string,
    @Arg("input", () => NominationInput) input: NominationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SelectionRound> {
    return nominate(authenticated(ctx), roundId, input);
  }

  @Mutation(() => SelectionRound, { description: "Confirms the round's list (project leader), once: at most its size, each a nominated family. The nominators are told." })
  confirmSelection(
    @Arg("roundId", () => ID) roundId: string,
    @Arg("familyIds", () => [ID]) familyIds: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<SelectionRound> {
    return confirmRound(authenticated(ctx), roundId, familyIds);
  }
}

@Resolver(() => SelectionNomination)
export class SelectionNominationResolver {
  @FieldResolver(() => Family, { nullable: true })
  family(@Root() nomination: SelectionNomination, @Ctx() ctx: RequestContext): Promise<Family | null> {
    return nominatedFamily(authenticated(ctx), nomination);
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() nomination: SelectionNomination, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(nomination.partnerId);
  }

  @FieldResolver(() => Professional, { nullable: true })
  nominatedBy(@Root() nomination: SelectionNomination, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    return ctx.loaders.professional.load(nomination.nominatedById);
  }
}
