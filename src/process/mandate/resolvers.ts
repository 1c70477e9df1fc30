import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Partner } from "../../organisations/types.js";
import { PageArgsInput } from "../../pagination/connection.js";
import type { Page } from "../../pagination/page.js";
import { answerAdvice, findAdvice, issueAdvice, listAdvicesToAnswer, listFamilyAdvices } from "./service.js";
import { defineMandate, listMandateTable, removeMandate } from "./table.js";
import { AdviceAnswerInput, AdviceInput, MandateAdvice, MandateAdviceConnection, MandateEntry, MandateEntryInput } from "./types.js";

@Resolver(() => MandateEntry)
export class MandateTableResolver {
  @Query(() => [MandateEntry], { description: "Your region's functional-mandate table: what the coach may decide, per life domain and institution." })
  mandateTable(
    @Arg("partnerId", () => ID, { nullable: true, description: "Only this institution's lines." }) partnerId: string | null,
    @Arg("lifeDomain", () => String, { nullable: true, description: "Only this life domain's lines." }) lifeDomain: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MandateEntry[]> {
    return listMandateTable(authenticated(ctx), { partnerId, lifeDomain });
  }

  @Mutation(() => MandateEntry, { description: "Adds a decision to the mandate table (covenant administrator)." })
  defineMandate(@Arg("input", () => MandateEntryInput) input: MandateEntryInput, @Ctx() ctx: RequestContext): Promise<MandateEntry> {
    return defineMandate(authenticated(ctx), input);
  }

  @Mutation(() => Boolean, { description: "Takes a decision out of the mandate table; advices already issued keep their standing (covenant administrator)." })
  removeMandate(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return removeMandate(authenticated(ctx), id);
  }
}

@Resolver(() => MandateAdvice)
export class MandateAdviceResolver {
  @Query(() => MandateAdviceConnection, {
    description: "A family's advices you may see: all of them as its regisseur or process lead, your institution's otherwise; newest first (then id), a page at a time.",
  })
  advices(@Arg("familyId", () => ID) familyId: string, @Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: RequestContext): Promise<Page<MandateAdvice>> {
    return listFamilyAdvices(authenticated(ctx), familyId, page);
  }

  @Query(() => MandateAdviceConnection, {
    description: "The advices addressed to your institution, the earliest answer date first (then the earliest issued, id), a page at a time.",
  })
  advicesToAnswer(
    @Arg("openOnly", () => Boolean, { defaultValue: true, description: "Only those still waiting for an answer." }) openOnly: boolean,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<MandateAdvice>> {
    return listAdvicesToAnswer(authenticated(ctx), openOnly, page);
  }

  @Query(() => MandateAdvice, { nullable: true, description: "One advice; null when there is none you may see." })
  advice(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<MandateAdvice | null> {
    return findAdvice(authenticated(ctx), id);
  }

  @Mutation(() => MandateAdvice, {
    description: "Advises an institution (the family's regisseur): binding when the mandate table holds the decision, advice only otherwise.",
  })
  issueAdvice(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => AdviceInput) input: AdviceInput, @Ctx() ctx: RequestContext): Promise<MandateAdvice> {
    return issueAdvice(authenticated(ctx), familyId, input);
  }

  @Mutation(() => MandateAdvice, {
    description: "Your institution's answer to an advice addressed to it, once. Deviating from a binding advice needs a legal ground and opens an escalation.",
  })
  answerAdvice(
    @Arg("adviceId", () => ID) adviceId: string,
    @Arg("input", () => AdviceAnswerInput) input: AdviceAnswerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MandateAdvice> {
    return answerAdvice(authenticated(ctx), adviceId, input);
  }

  @FieldResolver(() => Partner, { nullable: true, description: "The institution addressed." })
  partner(@Root() advice: MandateAdvice, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(advice.partnerId);
  }
}
