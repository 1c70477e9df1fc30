import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { CategoryEnum, Family, type Category } from "../../families/types.js";
import { Partner, Professional } from "../../organisations/types.js";
import { PageArgsInput } from "../../pagination/connection.js";
import type { Page } from "../../pagination/page.js";
import { acknowledgeConcern } from "./acknowledge.js";
import { screenFamily } from "./screening.js";
import { listConcerns, membersOfConcern, registerConcern } from "./service.js";
import { definePlanMeeting, findProcessSettings, setCategoryRoute, setProcessSettings } from "./settings.js";
import {
  CategoryRoute,
  Concern,
  ConcernAcknowledgementEnum,
  ConcernConnection,
  ConcernInput,
  ConcernMember,
  ConcernReceipt,
  PlanMeeting,
  ProcessSettings,
  ProcessSettingsInput,
  Screening,
  ScreeningInput,
  type ConcernAcknowledgement,
} from "./types.js";

/** The region's process settings: read by every professional of the region, set by the covenant administrator. */
@Resolver(() => ProcessSettings)
export class ProcessSettingsResolver {
  @Query(() => ProcessSettings, { nullable: true, description: "Your region's intake and process settings; null while none are set." })
  processSettings(@Ctx() ctx: RequestContext): Promise<ProcessSettings | null> {
    return findProcessSettings(authenticated(ctx));
  }

  @Mutation(() => ProcessSettings, { description: "Sets your region's Meldpunt, crisis partner, coordinator, exit and aftercare settings (covenant administrator)." })
  setProcessSettings(@Arg("input", () => ProcessSettingsInput) input: ProcessSettingsInput, @Ctx() ctx: RequestContext): Promise<ProcessSettings> {
    return setProcessSettings(authenticated(ctx), input);
  }

  @Mutation(() => PlanMeeting, { description: "Adds or renames a meeting that makes plans in your region (covenant administrator)." })
  definePlanMeeting(@Arg("code", () => String) code: string, @Arg("name", () => String) name: string, @Ctx() ctx: RequestContext): Promise<PlanMeeting> {
    return definePlanMeeting(authenticated(ctx), code, name);
  }

  @Mutation(() => CategoryRoute, { description: "Sets a category's process lead (null: whoever screens) and plan meeting (covenant administrator)." })
  setCategoryRoute(
    @Arg("category", () => CategoryEnum) category: Category,
    @Arg("processLeadId", () => ID, { nullable: true }) processLeadId: string | null,
    @Arg("meeting", () => String) meeting: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CategoryRoute> {
    return setCategoryRoute(authenticated(ctx), category, processLeadId, meeting);
  }

  @FieldResolver(() => Partner, { nullable: true })
  crisisPartner(@Root() settings: ProcessSettings, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return settings.crisisPartnerId ? ctx.loaders.partner.load(settings.crisisPartnerId) : Promise.resolve(null);
  }

  @FieldResolver(() => Professional, { nullable: true })
  intakeCoordinator(@Root() settings: ProcessSettings, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    return settings.intakeCoordinatorId ? ctx.loaders.professional.load(settings.intakeCoordinatorId) : Promise.resolve(null);
  }
}

@Resolver(() => CategoryRoute)
export class CategoryRouteResolver {
  @FieldResolver(() => Professional, { nullable: true })
  processLead(@Root() route: CategoryRoute, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    return route.processLeadId ? ctx.loaders.professional.load(route.processLeadId) : Promise.resolve(null);
  }
}

/** Concerns (aanmeldingen): registering, routing, and who reads them. */
@Resolver(() => Concern)
export class ConcernResolver {
  @Mutation(() => ConcernReceipt, {
    description:
      "Registers a concern about a household (coach or partner professional) and routes it: NOT_TAKEN_IN (no child under 18: the Meldpunt, nothing stored), CRISIS (youth care at once) or SCREENING (the coordinator).",
  })
  registerConcern(@Arg("input", () => ConcernInput) input: ConcernInput, @Ctx() ctx: RequestContext): Promise<ConcernReceipt> {
    return registerConcern(authenticated(ctx), input);
  }

  @Query(() => ConcernConnection, {
    description:
      "The concerns you may see: your own, those of the families you lead or watch, and at the crisis partner the crises routed to it; newest first (then id), a page at a time.",
  })
  concerns(
    @Arg("openOnly", () => Boolean, { defaultValue: false, description: "Only those not yet screened." }) openOnly: boolean,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Concern>> {
    return listConcerns(authenticated(ctx), openOnly, page);
  }

  @Mutation(() => Concern, {
    description:
      "Settles a concern about a household already in the approach (its regisseur or process lead): TAKEN_INTO_PLAN or REGULAR_CARE, the statuses a screening gives, so it does not stay ROUTED.",
  })
  acknowledgeConcern(
    @Arg("concernId", () => ID) concernId: string,
    @Arg("acknowledgement", () => ConcernAcknowledgementEnum) acknowledgement: ConcernAcknowledgement,
    @Ctx() ctx: RequestContext,
  ): Promise<Concern> {
    return acknowledgeConcern(authenticated(ctx), concernId, acknowledgement);
  }

  @FieldResolver(() => Professional, { nullable: true })
  submittedBy(@Root() concern: Concern, @Ctx() ctx: RequestContext): Promise<Professional | null> {
    return ctx.loaders.professional.load(concern.submittedById);
  }

  @FieldResolver(() => Partner, { nullable: true })
  partner(@Root() concern: Concern, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(concern.partnerId);
  }

  @FieldResolver(() => [ConcernMember], { nullable: true })
  members(@Root() concern: Concern, @Ctx() ctx: RequestContext): Promise<ConcernMember[]> {
    return membersOfConcern(ctx, concern);
  }
}

/** A family's concerns and screening, and the screening itself. */
@Resolver(() => Family)
export class FamilyIntakeResolver {
  @FieldResolver(() => [Concern], { nullable: true, description: "The concerns about this household: its regisseur and process lead only." })
  concerns(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Concern[]> {
    return ctx.loaders.concernsOfFamily.load(family.familyId);
  }

  @FieldResolver(() => Screening, { nullable: true, description: "How the family was screened; null until it is." })
  screening(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<Screening | null> {
    return ctx.loaders.screening.load(family.familyId);
  }

  @Mutation(() => Family, {
    nullable: true,
    description:
      "Screens a signalled family, once (its process lead): REGULAR closes it; a category takes it in, with its plan meeting, regisseur and process lead. Null when you handed the process to another and may no longer see the family.",
  })
  screenFamily(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => ScreeningInput) input: ScreeningInput, @Ctx() ctx: RequestContext): Promise<Family | null> {
    return screenFamily(authenticated(ctx), familyId, input);
  }
}
