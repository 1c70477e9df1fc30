import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { findFamily } from "../service.js";
import { acceptHandover, handOverToRegion, listHandovers } from "./service.js";
import { AcceptedHandover, RegionHandover } from "./handover-types.js";

@Resolver(() => RegionHandover)
export class RegionHandoverResolver {
  @Mutation(() => RegionHandover, {
    description: "Hands a household moving away over to another region (its regisseur or process lead): the family closes here; the other region takes the household in. Not a copy.",
  })
  handOverToRegion(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("toRegion", () => String, { description: "The receiving region's code." }) toRegion: string,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return handOverToRegion(authenticated(ctx), familyId, toRegion, note);
  }

  @Query(() => [RegionHandover], { description: "The hand-overs your region sent or receives, newest first (process leads and project leaders; at most 100)." })
  regionHandovers(@Ctx() ctx: RequestContext) {
    return listHandovers(authenticated(ctx));
  }

  @Mutation(() => AcceptedHandover, { description: "Takes an offered household in as a new family here, SIGNALLED with you as its process lead (process lead or project leader)." })
  async acceptRegionHandover(@Arg("handoverId", () => ID) handoverId: string, @Ctx() ctx: RequestContext): Promise<AcceptedHandover> {
    const caller = authenticated(ctx);
    const { handover, familyId } = await acceptHandover(caller, handoverId);
    return { handover, family: await findFamily(caller, familyId) };
  }
}
