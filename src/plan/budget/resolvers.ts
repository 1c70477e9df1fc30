import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Family } from "../../families/types.js";
import { PageArgsInput } from "../../pagination/connection.js";
import type { Page } from "../../pagination/page.js";
import { budgetOf, commitmentsToDecide, decideCommitment, proposeCommitment, recordSpending } from "./service.js";
import { BudgetCommitment, BudgetCommitmentConnection, CommitmentInput, PlanBudget } from "./budget-types.js";

@Resolver(() => Family)
export class FamilyBudgetResolver {
  @FieldResolver(() => PlanBudget, { nullable: true, description: "The family plan's earmarked budget: committed, spent and proposed, against the region's ceiling." })
  budget(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<PlanBudget> {
    return budgetOf(authenticated(ctx), family.familyId);
  }
}

@Resolver(() => BudgetCommitment)
export class BudgetCommitmentResolver {
  @Mutation(() => BudgetCommitment, { description: "Proposes a commitment of the plan's budget for a purchased service serving a task or a goal (the regisseur)." })
  proposeCommitment(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => CommitmentInput) input: CommitmentInput, @Ctx() ctx: RequestContext) {
    return proposeCommitment(authenticated(ctx), familyId, input);
  }

  @Mutation(() => BudgetCommitment, {
    description: "Approves or refuses a proposed commitment, once (a project leader who sees the family's process): approving past the region's ceiling is CONFLICT; a refusal needs its reason.",
  })
  decideCommitment(
    @Arg("commitmentId", () => ID) commitmentId: string,
    @Arg("approve", () => Boolean) approve: boolean,
    @Arg("reason", () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return decideCommitment(authenticated(ctx), commitmentId, { approve, reason });
  }

  @Mutation(() => BudgetCommitment, { description: "Records what was spent on an approved commitment so far, in euro cents (the regisseur): at most what was committed." })
  recordSpending(@Arg("commitmentId", () => ID) commitmentId: string, @Arg("spentCents", () => Int) spentCents: number, @Ctx() ctx: RequestContext) {
    return recordSpending(authenticated(ctx), commitmentId, spentCents);
  }

  @Query(() => BudgetCommitmentConnection, {
    description: "The proposed commitments you may decide (a project leader): of the families whose process you see, earliest first, a page at a time.",
  })
  commitmentsToDecide(@Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<BudgetCommitment>> {
    return commitmentsToDecide(authenticated(ctx), page);
  }
}
