import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../context.js";
import { normalizeId } from "../ids.js";
import { findRegion, listPartners } from "./service.js";
import { Partner, Professional, Region } from "./types.js";

@Resolver(() => Professional)
export class ProfessionalResolver {
  @Query(() => Professional, { description: "The calling professional, with partner, region and roles." })
  async me(@Ctx() ctx: RequestContext): Promise<Professional> {
    const caller = authenticated(ctx).caller;
    const me = await ctx.loaders.professional.load(caller.professionalId);
    if (!me) throw new Error("The caller vanished between authentication and resolution.");
    return me;
  }

  @Query(() => Professional, { nullable: true, description: "A professional of your region; null for any other id." })
  professional(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    const professionalId = normalizeId(id);
    return professionalId ? ctx.loaders.professional.load(professionalId) : Promise.resolve(null);
  }

  @FieldResolver(() => Partner)
  async partner(@Root() professional: Professional, @Ctx() ctx: RequestContext): Promise<Partner> {
    const partner = await ctx.loaders.partner.load(professional.partnerId);
    if (!partner) throw new Error("A professional's partner is missing.");
    return partner;
  }

  @FieldResolver(() => Region)
  region(@Ctx() ctx: RequestContext): Promise<Region> {
    // Professionals are only ever loaded within the caller's region.
    return findRegion(authenticated(ctx));
  }
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => [Partner], { description: "The partner organisations of your region." })
  partners(@Ctx() ctx: RequestContext): Promise<Partner[]> {
    return listPartners(authenticated(ctx));
  }

  @Query(() => Partner, { nullable: true, description: "A partner organisation of your region; null for any other id." })
  partner(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    const partnerId = normalizeId(id);
    return partnerId ? ctx.loaders.partner.load(partnerId) : Promise.resolve(null);
  }
}
