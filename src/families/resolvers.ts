import { LocalDateResolver } from "graphql-scalars";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../context.js";
import { Professional } from "../organisations/types.js";
import { addMember, changeCategory, endMembership } from "./register-changes.js";
import type { Page } from "../pagination/page.js";
import { pageFamilies } from "./listing.js";
import { FamilyConnection, FamilyFilter } from "./listing-types.js";
import { findFamily, registerFamily } from "./service.js";
import {
  CategoryChange,
  CategoryEnum,
  Family,
  FamilyAccess,
  FamilyMember,
  MemberInput,
  RegisterFamilyInput,
  RegisteredFamily,
  type Category,
} from "./types.js";

@Resolver(() => Family)
export class FamilyResolver {
  @Query(() => Family, {
    nullable: true,
    description: "A family you may know of; null for any other id, exactly as for one that does not exist.",
  })
  family(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Family | null> {
    return findFamily(authenticated(ctx), id);
  }

  @Query(() => FamilyConnection, {
    description: "The families you may know of, by name, a page at a time. Others are not there, not even as a count.",
  })
  families(
    @Arg("first", () => Int, { nullable: true, description: "Page size: 50 unless given, at most 100." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the page before." }) after: string | null,
    @Arg("filter", () => FamilyFilter, { nullable: true }) filter: FamilyFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Family>> {
    return pageFamilies(authenticated(ctx), { first, after }, filter);
  }

  @Mutation(() => RegisteredFamily, {
    description:
      "Takes a household into the approach (process lead or project leader). You become its process lead unless you name another; the answer always carries the new family's id.",
  })
  registerFamily(
    @Arg("input", () => RegisterFamilyInput) input: RegisterFamilyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RegisteredFamily> {
    return registerFamily(authenticated(ctx), input);
  }

  @Mutation(() => Family, { description: "Moves a family to another category; the history is kept." })
  changeFamilyCategory(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("category", () => CategoryEnum) category: Category,
    @Ctx() ctx: RequestContext,
  ): Promise<Family> {
    return changeCategory(authenticated(ctx), familyId, category);
  }

  @Mutation(() => Family, { description: "A person joins the household (a newborn, a new partner)." })
  addFamilyMember(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("member", () => MemberInput) member: MemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Family> {
    return addMember(authenticated(ctx), familyId, member);
  }

  @Mutation(() => Family, { description: "A member leaves the household; the membership gets an end date." })
  endFamilyMembership(
    @Arg("membershipId", () => ID) membershipId: string,
    @Arg("validTo", () => LocalDateResolver) validTo: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Family> {
    return endMembership(authenticated(ctx), membershipId, validTo);
  }

  @FieldResolver(() => [FamilyMember], { nullable: true, description: "Members, past and present." })
  members(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<FamilyMember[]> {
    return ctx.loaders.members.load(family.familyId);
  }

  @FieldResolver(() => CategoryEnum, { nullable: true, description: "The current category." })
  async category(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Category | null> {
    const history = await ctx.loaders.categoryHistory.load(family.familyId);
    return history.at(-1)?.category ?? null;
  }

  @FieldResolver(() => [CategoryChange], { nullable: true })
  categoryHistory(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<CategoryChange[]> {
    return ctx.loaders.categoryHistory.load(family.familyId);
  }

  @FieldResolver(() => Professional, { nullable: true, description: "The coach who leads the plan." })
  regisseur(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    return family.regisseurId ? ctx.loaders.professional.load(family.regisseurId) : Promise.resolve(null);
  }

  @FieldResolver(() => Professional, { nullable: true, description: "Who watches the process." })
  processLead(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    return family.processLeadId ? ctx.loaders.professional.load(family.processLeadId) : Promise.resolve(null);
  }

  @FieldResolver(() => FamilyAccess, { description: "What you may see of this family, and why." })
  async myAccess(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<FamilyAccess> {
    const entitlement = await ctx.entitlements.load(family.familyId);
    return {
      familyId: family.familyId,
      level: entitlement.level,
      causes: entitlement.causes.map((cause) => ({ ...cause, familyId: family.familyId })),
    };
  }
}
