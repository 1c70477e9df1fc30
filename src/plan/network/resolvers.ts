import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { LocalDateResolver } from "graphql-scalars";
import { authenticated, type RequestContext } from "../../context.js";
import { Family } from "../../families/types.js";
import { addNetworkMember, endNetworkMember } from "./service.js";
import { NetworkMember, NetworkMemberInput } from "./network-types.js";

@Resolver(() => Family)
export class FamilyNetworkResolver {
  @FieldResolver(() => [NetworkMember], { nullable: true, description: "The family's own network: who they are and what they do is plan content (part NETWORK)." })
  network(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<NetworkMember[]> {
    return ctx.loaders.network.load(family.familyId);
  }
}

@Resolver(() => NetworkMember)
export class NetworkMemberResolver {
  @Mutation(() => NetworkMember, { description: "Adds someone of the family's own network (the regisseur): a grandmother, a neighbour, a sports coach." })
  addNetworkMember(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => NetworkMemberInput) input: NetworkMemberInput, @Ctx() ctx: RequestContext) {
    return addNetworkMember(authenticated(ctx), familyId, input);
  }

  @Mutation(() => NetworkMember, { description: "Records that someone left the family's network (the regisseur); kept, with the day (default today)." })
  endNetworkMember(
    @Arg("networkMemberId", () => ID) networkMemberId: string,
    @Arg("endedOn", () => LocalDateResolver, { nullable: true }) endedOn: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return endNetworkMember(authenticated(ctx), networkMemberId, endedOn);
  }
}
