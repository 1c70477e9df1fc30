import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import { CATEGORIES, CategoryEnum, HouseholdMemberInput, RelationEnum, type Category, type Relation } from "../../families/types.js";
import { Partner, Professional } from "../../organisations/types.js";
import { connectionOf } from "../../pagination/connection.js";

// --- the region's process settings ---------------------------------------------------------------

@ObjectType({ description: "Where a household without minor children belongs: the region's Meldpunt Zorg en Overlast." })
export class Meldpunt {
  @Field(() => String) name!: string;
  @Field(() => String, { description: "How to reach it: phone, email or address." }) contact!: string;
}

@ObjectType({ description: "A meeting that makes a family's plan in the region: local family meeting, MDO+, analysis team, …" })
export class PlanMeeting {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
}

@ObjectType({ description: "Per category: who leads the process and which meeting makes the plan." })
export class CategoryRoute {
  @Field(() => CategoryEnum) category!: Category;
  @Field(() => Professional, { nullable: true, description: "Null: whoever screens the family leads it." })
  processLead!: Professional | null;
  @Field(() => PlanMeeting) meeting!: PlanMeeting;
  processLeadId!: string | null;
}

@ObjectType({ description: "How the region takes a concern in and carries a family through the approach." })
export class ProcessSettings {
  @Field(() => Meldpunt) meldpunt!: Meldpunt;
  @Field(() => Partner, { nullable: true, description: "Youth care: a crisis goes here at once." }) crisisPartner!: Partner | null;
  @Field(() => Professional, { nullable: true, description: "The coordinator: screens every concern and leads the family until then." })
  intakeCoordinator!: Professional | null;
  @Field(() => Int, { description: "A positive exit: at least this share of the goals achieved." }) positiveExitPercent!: number;
  @Field(() => Int, { description: "Months of aftercare before the revisit, by default." }) aftercareMonths!: number;
  @Field(() => Int, { nullable: true, description: "At most this many open families per regisseur (000 §7: ten); null: no ceiling." })
  caseloadCeiling!: number | null;
  @Field(() => Int, { description: "A step taken under a legal duty is reported to the regisseur within this many days." }) stepReportDays!: number;
  @Field(() => Int, { description: "Help asked for and not started after this many days notifies the regisseur and the partner's managers." }) waitingNormDays!: number;
  @Field(() => Int, { nullable: true, description: "The most a family plan's approved budget commitments may add up to, in euro cents; null: no ceiling." })
  budgetCeilingCents!: number | null;
  @Field(() => [PlanMeeting]) meetings!: PlanMeeting[];
  @Field(() => [CategoryRoute]) categoryRoutes!: CategoryRoute[];
  crisisPartnerId!: string | null;
  intakeCoordinatorId!: string | null;
}

@InputType({ description: "The region's intake and closure settings (covenant administrator)." })
export class ProcessSettingsInput {
  @Field(() => String) meldpuntName!: string;
  @Field(() => String) meldpuntContact!: string;
  @Field(() => ID, { description: "A youth-care partner of the region." }) crisisPartnerId!: string;
  @Field(() => ID, { description: "A process lead or project leader of the region." }) intakeCoordinatorId!: string;
  @Field(() => Int, { defaultValue: 80, description: "1–100." }) positiveExitPercent!: number;
  @Field(() => Int, { defaultValue: 6, description: "1–24." }) aftercareMonths!: number;
  @Field(() => Int, { nullable: true, description: "1–50 open families per regisseur; omitted: no ceiling." }) caseloadCeiling?: number | null;
  @Field(() => Int, { defaultValue: 2, description: "1–14 days to report a step taken under a legal duty." }) stepReportDays!: number;
  @Field(() => Int, { defaultValue: 28, description: "1–365 days a family may wait for help to start." }) waitingNormDays!: number;
  @Field(() => Int, { nullable: true, description: "The budget ceiling per family plan, in euro cents; omitted: none." }) budgetCeilingCents?: number | null;
}

// --- concerns ------------------------------------------------------------------------------------

export const CONCERN_ROUTES = ["NOT_TAKEN_IN", "CRISIS", "SCREENING"] as const;
export type ConcernRoute = (typeof CONCERN_ROUTES)[number];
export const ConcernRouteEnum = asEnum(CONCERN_ROUTES);
registerEnumType(ConcernRouteEnum, {
  name: "ConcernRoute",
  description:
    "NOT_TAKEN_IN: no child under 18, the Meldpunt Zorg en Overlast is the place (nothing stored). CRISIS: at once to youth care, the coordinator told. SCREENING: to the coordinator.",
});

export const CONCERN_STATUSES = ["ROUTED", "SCREENED", "CLOSED_REGULAR"] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const ConcernStatusEnum = asEnum(CONCERN_STATUSES);
registerEnumType(ConcernStatusEnum, {
  name: "ConcernStatus",
  description: "ROUTED until screened; SCREENED (taken into the approach) or CLOSED_REGULAR (regular care suffices).",
});

export const CONCERN_ACKNOWLEDGEMENTS = ["TAKEN_INTO_PLAN", "REGULAR_CARE"] as const;
export type ConcernAcknowledgement = (typeof CONCERN_ACKNOWLEDGEMENTS)[number];
export const ConcernAcknowledgementEnum = asEnum(CONCERN_ACKNOWLEDGEMENTS);
registerEnumType(ConcernAcknowledgementEnum, {
  name: "ConcernAcknowledgement",
  description:
    "How a family's keepers settle a concern about a household already in the approach: TAKEN_INTO_PLAN (its status becomes SCREENED) or REGULAR_CARE (CLOSED_REGULAR) — the same statuses a new household's screening gives, so the submitter cannot tell the two apart.",
});

@ObjectType({ description: "A member of the household as the concern listed them." })
export class ConcernMember {
  @Field(() => String, { nullable: true, description: "The family's regisseur and process lead, and for a crisis the crisis partner." })
  bsn!: string;
  @Field(() => String, { nullable: true }) givenName!: string;
  @Field(() => String, { nullable: true }) familyName!: string;
  @Field(() => LocalDateResolver, { nullable: true }) birthDate!: string;
  @Field(() => RelationEnum, { nullable: true }) relation!: Relation;
  @Field(() => Boolean, { nullable: true }) legalCustody!: boolean;
  /** The concern's: the rules decide from it. */
  familyId!: string;
  ownerId!: string;
  crisisPartnerId!: string | null;
  /** The family is still SIGNALLED: its coordinator screens it, with the BSNs. */
  awaitingScreening!: boolean;
}

@ObjectType({
  description:
    "A concern (aanmelding) about a household: seen by who submitted it, the family's regisseur and process lead, and for a crisis by the crisis partner.",
})
export class Concern {
  @Field(() => ID) id!: string;
  @Field(() => ConcernRouteEnum, { nullable: true }) route!: ConcernRoute;
  @Field(() => Boolean, { nullable: true, description: "A direct concern for a child's safety." }) crisis!: boolean;
  @Field(() => ConcernStatusEnum, { nullable: true }) status!: ConcernStatus;
  @Field(() => DateTimeResolver, { nullable: true }) submittedAt!: Date;
  @Field(() => ID, { nullable: true }) submittedById!: string;
  @Field(() => Professional, { nullable: true }) submittedBy!: Professional | null;
  @Field(() => Partner, { nullable: true, description: "The submitter's organisation." }) partner!: Partner | null;
  @Field(() => String, { nullable: true, description: "What the submitter called the household." }) label!: string;
  @Field(() => String, { nullable: true, description: "The concern in the submitter's words." }) description!: string;
  @Field(() => Boolean, { nullable: true }) discussedWithFamily!: boolean;
  @Field(() => String, { nullable: true, description: "Why it was not discussed with the family." }) notDiscussedReason!: string | null;
  @Field(() => [ConcernMember], { nullable: true, description: "The household as the concern listed it." }) members!: ConcernMember[];
  @Field(() => ID, {
    nullable: true,
    description: "The family it went to: its regisseur and process lead only (a submitter must not learn whether the household was known).",
  })
  familyId!: string;
  ownerId!: string;
  partnerId!: string;
  crisisPartnerId!: string | null;
}

@ObjectType({ description: "What registering a concern answers: where it went. The same whether or not the household was known." })
export class ConcernReceipt {
  @Field(() => ConcernRouteEnum) route!: ConcernRoute;
  @Field(() => Concern, { nullable: true, description: "Null when not taken in: nothing was stored." }) concern!: Concern | null;
  @Field(() => Meldpunt, { nullable: true, description: "When not taken in: where the household belongs." }) meldpunt!: Meldpunt | null;
  ownerId!: string;
}

@InputType({ description: "A member of the household the concern is about." })
export class ConcernMemberInput extends HouseholdMemberInput {}

@InputType({ description: "A concern (aanmelding) about a household, by a coach or partner professional." })
export class ConcernInput {
  @Field(() => String, { description: "A label for the household, e.g. 'Gezin Bakker'." }) label!: string;
  @Field(() => [ConcernMemberInput]) members!: ConcernMemberInput[];
  @Field(() => String, { description: "The concern in your words." }) description!: string;
  @Field(() => Boolean) discussedWithFamily!: boolean;
  @Field(() => String, { nullable: true, description: "Required when not discussed with the family: why not." })
  notDiscussedReason?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: "A direct concern for a child's safety: goes to youth care at once." })
  crisis!: boolean;
}

// --- screening -----------------------------------------------------------------------------------

export const SCREENING_OUTCOMES = ["REGULAR", ...CATEGORIES] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];
export const ScreeningOutcomeEnum = asEnum(SCREENING_OUTCOMES);
registerEnumType(ScreeningOutcomeEnum, {
  name: "ScreeningOutcome",
  description: "REGULAR: regular care suffices (\"regulier, tenzij\"), the family is closed; or the category it enters the approach with.",
});

@ObjectType({ description: "How the family was screened: process data." })
export class Screening {
  @Field(() => ScreeningOutcomeEnum, { nullable: true }) outcome!: ScreeningOutcome;
  @Field(() => PlanMeeting, { nullable: true, description: "The meeting that makes the plan; null for REGULAR." }) meeting!: PlanMeeting | null;
  @Field(() => String, { nullable: true }) reasoning!: string;
  @Field(() => DateTimeResolver, { nullable: true }) screenedAt!: Date;
  @Field(() => ID, { nullable: true }) screenedById!: string;
  familyId!: string;
}

@InputType({ description: "The screening's outcome and, for a category, who and which meeting carry the family on." })
export class ScreeningInput {
  @Field(() => ScreeningOutcomeEnum) outcome!: ScreeningOutcome;
  @Field(() => String) reasoning!: string;
  @Field(() => String, { nullable: true, description: "A meeting code of the region; defaults to the category's route." })
  meeting?: string | null;
  @Field(() => ID, { nullable: true, description: "The regisseur: a coach of the region. Or name the dominant partner." })
  regisseurId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "The partner with the dominant problem: its coach with the fewest families becomes regisseur, unless regisseurId is given.",
  })
  dominantPartnerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Defaults to the category's process lead, else you." }) processLeadId?: string | null;
}

export const ConcernConnection = connectionOf(Concern, "Concern");
