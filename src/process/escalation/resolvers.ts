import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Partner } from "../../organisations/types.js";
import { PageArgsInput } from "../../pagination/connection.js";
import type { Page } from "../../pagination/page.js";
import { escalationLadderOf, setEscalationLadder } from "./ladder-config.js";
import type { EscalationTrack } from "./open.js";
import { escalationsToAct, findEscalation, isOverdue, listEscalations } from "./queries.js";
import { escalateFurther, raiseEscalation, resolveEscalation } from "./service.js";
import { CommissionerEnum, Escalation, EscalationConnection, EscalationLadderStep, EscalationLadderStepInput, EscalationStep, EscalationTrackEnum, LadderVariantEnum } from "./types.js";
import type { Commissioner, LadderVariant } from "./variants.js";

const EXPECTED_STEP = "The step you decide on, as you read it: CONFLICT if the escalation has moved on since (a second click does not decide twice).";

@Resolver(() => Escalation)
export class EscalationResolver {
  @Query(() => [EscalationLadderStep], { description: "Your region's escalation ladder for a track, first step first." })
  escalationLadder(
    @Arg("track", () => EscalationTrackEnum) track: EscalationTrack,
    @Arg("variant", () => LadderVariantEnum, { defaultValue: "DEFAULT", description: "The variant asked for: the nearest the region set is answered." }) variant: LadderVariant,
    @Ctx() ctx: RequestContext,
  ): Promise<EscalationLadderStep[]> {
    return escalationLadderOf(authenticated(ctx), track, variant);
  }

  @Mutation(() => [EscalationLadderStep], {
    description: "Replaces your region's ladder for a track (covenant administrator): 1 to 5 steps, the last one binding. Open escalations keep the steps they reached.",
  })
  setEscalationLadder(
    @Arg("track", () => EscalationTrackEnum) track: EscalationTrack,
    @Arg("steps", () => [EscalationLadderStepInput]) steps: EscalationLadderStepInput[],
    @Arg("variant", () => LadderVariantEnum, { defaultValue: "DEFAULT" }) variant: LadderVariant,
    @Ctx() ctx: RequestContext,
  ): Promise<EscalationLadderStep[]> {
    return setEscalationLadder(authenticated(ctx), track, steps, variant);
  }

  @Query(() => EscalationConnection, {
    description: "The escalations you are a party to, newest first (raised at, then id), a page at a time; with familyId, those about that family.",
  })
  escalations(
    @Arg("openOnly", () => Boolean, { defaultValue: true }) openOnly: boolean,
    @Arg("familyId", () => ID, { nullable: true }) familyId: string | null | undefined,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Escalation>> {
    return listEscalations(authenticated(ctx), openOnly, familyId, page);
  }

  @Query(() => EscalationConnection, {
    description: "Open escalations whose current step you decide, the most overdue first (the current step's deadline, then id), a page at a time.",
  })
  escalationsToAct(
    @Arg("overdueOnly", () => Boolean, { defaultValue: false }) overdueOnly: boolean,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Escalation>> {
    return escalationsToAct(authenticated(ctx), overdueOnly, page);
  }

  @Query(() => Escalation, { nullable: true, description: "An escalation you are a party to; null for any other id, exactly as for one that does not exist." })
  escalation(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Escalation | null> {
    return findEscalation(authenticated(ctx), id);
  }

  @Mutation(() => Escalation, {
    description: "Raises a conflict about a family's plan (its regisseur, its process lead, or a care worker of an involved partner): the first step of your region's ladder opens.",
  })
  raiseEscalation(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("track", () => EscalationTrackEnum) track: EscalationTrack,
    @Arg("subject", () => String, { description: "What the conflict is about, 10 to 2000 characters: the escalation dossier its parties read." }) subject: string,
    @Arg("partyPartnerIds", () => [ID], { description: "The partners in conflict." }) partyPartnerIds: string[],
    @Arg("commissioner", () => CommissionerEnum, { nullable: true, description: "Who commissions the care: picks the region's ladder for it." }) commissioner: Commissioner | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Escalation> {
    return raiseEscalation(authenticated(ctx), familyId, track, subject, partyPartnerIds, commissioner);
  }

  @Mutation(() => Escalation, { description: "No agreement at the current step (its deciders): the step closes with your decision and reasoning, and the next one opens." })
  escalateFurther(
    @Arg("escalationId", () => ID) escalationId: string,
    @Arg("decision", () => String) decision: string,
    @Arg("reasoning", () => String) reasoning: string,
    @Arg("expectedStep", () => Int, { nullable: true, description: EXPECTED_STEP }) expectedStep: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Escalation> {
    return escalateFurther(authenticated(ctx), escalationId, decision, reasoning, expectedStep);
  }

  @Mutation(() => Escalation, { description: "Settles the conflict at the current step (its deciders), with your decision and reasoning." })
  resolveEscalation(
    @Arg("escalationId", () => ID) escalationId: string,
    @Arg("decision", () => String) decision: string,
    @Arg("reasoning", () => String) reasoning: string,
    @Arg("expectedStep", () => Int, { nullable: true, description: EXPECTED_STEP }) expectedStep: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Escalation> {
    return resolveEscalation(authenticated(ctx), escalationId, decision, reasoning, expectedStep);
  }

  @FieldResolver(() => [Partner], { description: "The partners in the conflict." })
  async partyPartners(@Root() escalation: Escalation, @Ctx() ctx: RequestContext): Promise<Partner[]> {
    const found = await ctx.loaders.partner.loadMany(escalation.partyPartnerIds);
    return found.filter((partner): partner is Partner => partner !== null && !(partner instanceof Error));
  }
}

@Resolver(() => EscalationStep)
export class EscalationStepResolver {
  @FieldResolver(() => Boolean, { description: "Still open and past its deadline." })
  overdue(@Root() step: EscalationStep, @Ctx() ctx: RequestContext): boolean {
    return isOverdue(step, ctx.now());
  }
}
