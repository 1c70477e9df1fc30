import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Family } from "../../families/types.js";
import { Partner } from "../../organisations/types.js";
import { PageArgsInput } from "../../pagination/connection.js";
import type { Page } from "../../pagination/page.js";
import { dueEvaluations } from "./due-evaluations.js";
import { closeFamily, endAftercare, reopenFamily } from "./service.js";
import { CloseFamilyInput, Closure, DueEvaluation, DueEvaluationConnection } from "./types.js";

/** Closure, aftercare and reopening, as fields and mutations of a family. */
@Resolver(() => Family)
export class FamilyClosureResolver {
  @FieldResolver(() => [Closure], { nullable: true, description: "Every closure of the family, oldest first; reopening keeps them." })
  closures(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Closure[]> {
    return ctx.loaders.closures.load(family.familyId);
  }

  @Mutation(() => Family, {
    description:
      "Closes the family's approach (regisseur, from CLOSING): needs a final evaluation recorded since it entered CLOSING; counts the goals for a positive exit; sets aftercare and, when regie passes to a regular partner, the handover. The family moves to AFTERCARE.",
  })
  closeFamily(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("input", () => CloseFamilyInput) input: CloseFamilyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Family> {
    return closeFamily(authenticated(ctx), familyId, input);
  }

  @Mutation(() => Family, {
    nullable: true,
    description:
      "Ends aftercare (its keeper, the regisseur or the process lead): AFTERCARE → CLOSED. Null only for a keeper who may no longer know of the family.",
  })
  endAftercare(@Arg("familyId", () => ID) familyId: string, @Arg("note", () => String) note: string, @Ctx() ctx: RequestContext): Promise<Family | null> {
    return endAftercare(authenticated(ctx), familyId, note);
  }

  @Mutation(() => Family, {
    description: "Reopens a family in aftercare or closed (regisseur or process lead): back to PLANNING; its closures and phases stay.",
  })
  reopenFamily(@Arg("familyId", () => ID) familyId: string, @Arg("reason", () => String) reason: string, @Ctx() ctx: RequestContext): Promise<Family> {
    return reopenFamily(authenticated(ctx), familyId, reason);
  }
}

@Resolver(() => Closure)
export class ClosureResolver {
  @FieldResolver(() => Partner, { nullable: true, description: "The regular partner regie passed to, if it did." })
  handoverPartner(@Root() closure: Closure, @Ctx() ctx: RequestContext): Promise<Partner | null> | null {
    return closure.handoverPartnerId ? ctx.loaders.partner.load(closure.handoverPartnerId) : null;
  }
}

@Resolver(() => DueEvaluation)
export class DueEvaluationResolver {
  @Query(() => DueEvaluationConnection, {
    description:
      "The families you lead or watch (regisseur or process lead) whose plan's next evaluation is due within so many days, or overdue: soonest first (then name, id), a page at a time.",
  })
  dueEvaluations(
    @Arg("withinDays", () => Int, { defaultValue: 14 }) withinDays: number,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<DueEvaluation>> {
    return dueEvaluations(authenticated(ctx), withinDays, page);
  }
}
