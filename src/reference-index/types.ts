import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../access/graphql-enums.js";
import { connectionOf } from "../pagination/connection.js";

export const NOT_DISCUSSED_REASONS = ["SAFETY_RISK", "NOT_YET_REACHED", "OTHER_LEGAL_GROUND"] as const;
export type NotDiscussedReason = (typeof NOT_DISCUSSED_REASONS)[number];
export const NotDiscussedReasonEnum = asEnum(NOT_DISCUSSED_REASONS);
registerEnumType(NotDiscussedReasonEnum, {
  name: "NotDiscussedReason",
  description:
    "Why a signal was not discussed with the family: a fixed list, never free text, so a signal can hold no content.",
});

export const SIGNAL_STATUSES = ["ACTIVE", "HISTORICAL"] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];
export const SignalStatusEnum = asEnum(SIGNAL_STATUSES);
registerEnumType(SignalStatusEnum, {
  name: "SignalStatus",
  description: "ACTIVE signals match and answer lookups; HISTORICAL ones (expired or withdrawn) do neither.",
});

export const MATCH_KINDS = ["PERSON_MATCH", "FAMILY_MATCH"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];
export const MatchKindEnum = asEnum(MATCH_KINDS);
registerEnumType(MatchKindEnum, {
  name: "MatchKind",
  description: "PERSON_MATCH: another organisation signalled the same person. FAMILY_MATCH: it signalled a child who shares a parent with yours.",
});

@ObjectType({ description: "Your signal: that your organisation is involved with a person. Never a reason, never content." })
export class Signal {
  @Field(() => ID) id!: string;
  @Field(() => String) bsn!: string;
  @Field(() => LocalDateResolver) birthDate!: string;
  @Field(() => LocalDateResolver) signalledOn!: string;
  @Field(() => LocalDateResolver, { description: "The last day the signal is active, unless withdrawn earlier." })
  activeUntil!: string;
  @Field(() => SignalStatusEnum) status!: SignalStatus;
  @Field(() => Boolean) discussedWithFamily!: boolean;
  @Field(() => NotDiscussedReasonEnum, { nullable: true }) notDiscussedReason!: NotDiscussedReason | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) withdrawnAt!: Date | null;
  ownerId!: string;
}

@ObjectType({ description: "That an organisation is involved, since when, and how to reach its professional." })
export class Involvement {
  @Field(() => String) organisation!: string;
  @Field(() => String) sector!: string;
  @Field(() => String) professional!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => LocalDateResolver) since!: string;

}

@ObjectType({ description: "A match on one of your signals: whom to contact. What is going on, you ask them." })
export class MatchNotification {
  @Field(() => ID) id!: string;
  @Field(() => MatchKindEnum) kind!: MatchKind;
  @Field(() => String, { description: "The BSN of your own signal this match concerns." }) bsn!: string;
  @Field(() => Involvement) other!: Involvement;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) readAt!: Date | null;
  ownerId!: string;
}

@InputType({ description: "Registers that your organisation is involved with a person. There is no field for a reason." })
export class SignalInput {
  @Field(() => String) bsn!: string;
  @Field(() => LocalDateResolver, { description: "Needed to destroy everything at the region's age limit." })
  birthDate!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "Defaults to today." }) signalledOn?: string | null;
  @Field(() => Boolean) discussedWithFamily!: boolean;
  @Field(() => NotDiscussedReasonEnum, { nullable: true, description: "Required when not discussed." })
  notDiscussedReason?: NotDiscussedReason | null;
  @Field(() => String, { nullable: true, description: "Defaults to your phone in the directory." })
  contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: "Defaults to your email in the directory." })
  contactEmail?: string | null;
}

export const SignalConnection = connectionOf(Signal, "Signal");
export const MatchNotificationConnection = connectionOf(MatchNotification, "MatchNotification");
