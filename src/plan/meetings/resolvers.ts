import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Family } from "../../families/types.js";
import { Professional } from "../../organisations/types.js";
import { PlanMeeting } from "../../process/intake/types.js";
import { Plan } from "../types.js";
import { meetingsOf, recordCaseMeeting } from "./service.js";
import { CaseMeeting, CaseMeetingInput } from "./meeting-types.js";

@Resolver(() => Family)
export class FamilyMeetingsResolver {
  @FieldResolver(() => [CaseMeeting], {
    nullable: true,
    description: "The case meetings held about the family, earliest first: all from PROCESS; below it, those you attended.",
  })
  caseMeetings(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<CaseMeeting[]> {
    return meetingsOf(authenticated(ctx), family.familyId);
  }
}

@Resolver(() => Plan)
export class PlanAdoptionResolver {
  @FieldResolver(() => CaseMeeting, { nullable: true, description: "The case meeting that adopted the plan's current version; null if none did." })
  async adoptedIn(@Root() plan: Plan, @Ctx() ctx: RequestContext): Promise<CaseMeeting | null> {
    const meetings = await ctx.loaders.caseMeetings.load(plan.familyId);
    return meetings.filter((meeting) => meeting.adoptedPlanVersion === plan.version).at(-1) ?? null;
  }
}

@Resolver(() => CaseMeeting)
export class CaseMeetingResolver {
  @Mutation(() => CaseMeeting, {
    description: "Records a case meeting held (the family's regisseur or process lead): kind, day, attendees, minutes, decisions, and the plan version it adopted.",
  })
  recordCaseMeeting(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => CaseMeetingInput) input: CaseMeetingInput, @Ctx() ctx: RequestContext) {
    return recordCaseMeeting(authenticated(ctx), familyId, input);
  }

  @FieldResolver(() => PlanMeeting, { nullable: true })
  async meeting(@Root() meeting: CaseMeeting, @Ctx() ctx: RequestContext): Promise<PlanMeeting | null> {
    const kinds = await ctx.loaders.planMeetingKinds.load(meeting.meetingCode);
    return kinds;
  }

  @FieldResolver(() => [Professional], { nullable: true })
  async attendees(@Root() meeting: CaseMeeting, @Ctx() ctx: RequestContext): Promise<Professional[]> {
    const found = await ctx.loaders.professional.loadMany(meeting.professionalIds);
    return found.filter((professional): professional is Professional => professional !== null && !(professional instanceof Error));
  }
}
