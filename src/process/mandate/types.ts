import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import { Partner } from "../../organisations/types.js";
import { connectionOf } from "../../pagination/connection.js";

/** ISSUED, then the institution's answer: EXECUTED or DEVIATED (binding), FOLLOWED or NOT_FOLLOWED (advice only). */
export const ADVICE_STATUSES = ["ISSUED", "EXECUTED", "DEVIATED", "FOLLOWED", "NOT_FOLLOWED"] as const;
export type AdviceStatus = (typeof ADVICE_STATUSES)[number];
export const AdviceStatusEnum = asEnum(ADVICE_STATUSES);
registerEnumType(AdviceStatusEnum, { name: "AdviceStatus", description: "ISSUED until the institution answers; then its answer." });

export const ADVICE_OUTCOMES = ["EXECUTED", "DEVIATED", "FOLLOWED", "NOT_FOLLOWED"] as const;
export type AdviceOutcome = (typeof ADVICE_OUTCOMES)[number];
export const AdviceOutcomeEnum = asEnum(ADVICE_OUTCOMES);
registerEnumType(AdviceOutcomeEnum, {
  name: "AdviceOutcome",
  description: "A binding advice is EXECUTED, or DEVIATED on a stated legal ground; an advice only is FOLLOWED or NOT_FOLLOWED.",
});

@ObjectType({ description: "One line of the region's functional-mandate table: a decision the coach may take for an institution, in a life domain." })
export class MandateEntry {
  @Field(() => ID) id!: string;
  @Field(() => String) lifeDomain!: string;
  @Field(() => Partner, { description: "The institution that turns the coach's advice into its formal decision." }) partner!: Partner;
  @Field(() => String, { description: "e.g. SPECIAL_ASSISTANCE_GRANT." }) decisionType!: string;
  @Field(() => String) description!: string;
}

@InputType()
export class MandateEntryInput {
  @Field(() => String, { description: "A life domain of your region." }) lifeDomain!: string;
  @Field(() => ID, { description: "A partner of your region." }) partnerId!: string;
  @Field(() => String, { description: "3–60 capitals, digits or underscores, starting with a letter: e.g. DEBT_HELP." }) decisionType!: string;
  @Field(() => String) description!: string;
}

/*
 * An advice carries, unexposed, its family (the entitlement's key) and the addressed partner:
 * the field rules decide from those. Process data — who addressed whom, when, by when, whether
 * it is binding, its status — is for the regisseur, the process lead and the institution
 * addressed; what it says (domain, decision, advice, answer, legal ground) for the regisseur
 * and the institution only. Guarded fields are nullable.
 */
@ObjectType({ description: "The regisseur's advice to an institution: binding within the region's mandate table, advice only outside it." })
export class MandateAdvice {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => ID, { nullable: true }) familyId!: string;
  @Field(() => Boolean, { nullable: true, description: "In the region's mandate table: the institution executes it, or deviates only on a legal ground." })
  binding!: boolean;
  @Field(() => String, { nullable: true, description: "What the advice obliges the institution to, in words." }) standing!: string;
  @Field(() => AdviceStatusEnum, { nullable: true }) status!: AdviceStatus;
  @Field(() => DateTimeResolver, { nullable: true }) issuedAt!: Date;
  @Field(() => ID, { nullable: true, description: "The regisseur who issued it." }) issuedById!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "The last day for the institution's answer." }) answerDue!: string;
  @Field(() => Boolean, { nullable: true, description: "Still unanswered after its answer date (derived)." }) overdue!: boolean;
  @Field(() => DateTimeResolver, { nullable: true }) answeredAt!: Date | null;
  @Field(() => ID, { nullable: true }) answeredById!: string | null;
  @Field(() => ID, { nullable: true, description: "The escalation a deviation opened." }) escalationId!: string | null;
  @Field(() => String, { nullable: true }) lifeDomain!: string;
  @Field(() => String, { nullable: true }) decisionType!: string;
  @Field(() => String, { nullable: true, description: "The advice, in the regisseur's words." }) advice!: string;
  @Field(() => String, { nullable: true, description: "The institution's answer." }) answer!: string | null;
  @Field(() => String, { nullable: true, description: "The legal ground that forbids the advised decision (a deviation only)." })
  legalGround!: string | null;
  partnerId!: string;
}

@InputType()
export class AdviceInput {
  @Field(() => ID, { description: "The institution addressed." }) partnerId!: string;
  @Field(() => String) lifeDomain!: string;
  @Field(() => String, { description: "A decision type of the mandate table makes the advice binding; any other is advice only." })
  decisionType!: string;
  @Field(() => String) advice!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "Today or later; by default ten days from today." }) answerDue?: string | null;
}

@InputType()
export class AdviceAnswerInput {
  @Field(() => AdviceOutcomeEnum) outcome!: AdviceOutcome;
  @Field(() => String, { nullable: true, description: "Required when not following an advice only." }) answer?: string | null;
  @Field(() => String, { nullable: true, description: "Required when deviating from a binding advice: the law that forbids the decision." })
  legalGround?: string | null;
}

export const MandateAdviceConnection = connectionOf(MandateAdvice, "MandateAdvice");
