import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Family } from "../../families/types.js";
import { Partner, Professional } from "../../organisations/types.js";
import { announceStep, expectStepReport, reportStep, timelineOf } from "./service.js";
import { CoordinatedStep, CoordinatedStepContent, ExpectedReportInput, StepAnnouncementInput, StepReportInput } from "./step-types.js";

/** The family's timeline of steps coordinated with the regisseur. */
@Resolver(() => Family)
export class FamilyStepsResolver {
  @FieldResolver(() => [CoordinatedStep], {
    nullable: true,
    description: "The partners' steps coordinated with the regisseur, earliest first: all of them from PROCESS; an involved partner below it sees its own.",
  })
  coordinatedSteps(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<CoordinatedStep[]> {
    return timelineOf(authenticated(ctx), family.familyId);
  }
}

@Resolver(() => CoordinatedStep)
export class CoordinatedStepResolver {
  @Mutation(() => CoordinatedStep, { description: "Announces a planned contact or step to the family's regisseur, before it is taken (000 §8 I)." })
  announceStep(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => StepAnnouncementInput) input: StepAnnouncementInput, @Ctx() ctx: RequestContext) {
    return announceStep(authenticated(ctx), familyId, input);
  }

  @Mutation(() => CoordinatedStep, { description: "Reports a step taken under a legal duty, afterwards and as soon as possible (000 §8 V–VI); the regisseur is told." })
  reportStep(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => StepReportInput) input: StepReportInput, @Ctx() ctx: RequestContext) {
    return reportStep(authenticated(ctx), familyId, input);
  }

  @Mutation(() => CoordinatedStep, {
    description: "Records that a partner took a step under a legal duty and owes its report (regisseur or process lead): past the region's norm it raises a deadline.",
  })
  expectStepReport(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => ExpectedReportInput) input: ExpectedReportInput, @Ctx() ctx: RequestContext) {
    return expectStepReport(authenticated(ctx), familyId, input);
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() step: CoordinatedStep, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(step.leadPartnerId);
  }
}

@Resolver(() => CoordinatedStepContent)
export class CoordinatedStepContentResolver {
  @FieldResolver(() => Professional, { nullable: true })
  reportedBy(@Root() content: CoordinatedStepContent, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    return content.reportedById ? ctx.loaders.professional.load(content.reportedById) : Promise.resolve(null);
  }
}
