import { DateTimeResolver, JSONObjectResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";
import { connectionOf } from "../../pagination/connection.js";
import { ON_BEHALF_CHOICES, type OnBehalf } from "./settings.js";

/*
 * The rights of the people in the files (AVG art. 15–17). Objects a service hands out to one
 * reader (a client or a professional) carry `readerKey`, and every field rule checks it.
 */

export const RIGHTS_REQUEST_KINDS = ["RECTIFICATION", "ERASURE"] as const;
export type RightsRequestKind = (typeof RIGHTS_REQUEST_KINDS)[number];
export const RightsRequestKindEnum = asEnum(RIGHTS_REQUEST_KINDS);
registerEnumType(RightsRequestKindEnum, {
  name: "RightsRequestKind",
  description: "RECTIFICATION: correct what is held (AVG art. 16). ERASURE: remove it (art. 17), e.g. a reference-index signal.",
});

export const RIGHTS_REQUEST_STATUSES = ["OPEN", "GRANTED", "REFUSED"] as const;
export type RightsRequestStatus = (typeof RIGHTS_REQUEST_STATUSES)[number];
export const RightsRequestStatusEnum = asEnum(RIGHTS_REQUEST_STATUSES);
registerEnumType(RightsRequestStatusEnum, { name: "RightsRequestStatus", description: "OPEN until decided, once: GRANTED or REFUSED, with a reason." });

export const RIGHTS_DECISIONS = ["GRANTED", "REFUSED"] as const;
export type RightsDecision = (typeof RIGHTS_DECISIONS)[number];
export const RightsDecisionEnum = asEnum(RIGHTS_DECISIONS);
registerEnumType(RightsDecisionEnum, { name: "RightsDecision" });

export const OnBehalfEnum = asEnum(ON_BEHALF_CHOICES);
registerEnumType(OnBehalfEnum, {
  name: "RightsOnBehalf",
  description: "Who may ask on a client's behalf: the family's own REGISSEUR, or a professional with this role who may know the person.",
});

@ObjectType({ description: "A family member's own login." })
export class ClientAccount {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "The login name." }) email!: string;
  @Field(() => String, { description: "The person's name as the register holds it." }) name!: string;
  @Field(() => ID, { description: "The register row the account names." }) personId!: string;
  @Field(() => String, { description: "The region that holds the data." }) region!: string;
  @Field(() => Boolean) active!: boolean;
  @Field(() => DateTimeResolver) createdAt!: Date;
  readerKey!: string;
}

@ObjectType({ description: "A child you may ask for: below your region's age rule, in a household where you have legal custody." })
export class ClientChild {
  @Field(() => ID, { description: "Pass it as `for` to myData, myAccessLog, myRequests and submitMyRightsRequest." }) personId!: string;
  @Field(() => String) givenName!: string;
  @Field(() => String) familyName!: string;
  @Field(() => LocalDateResolver) birthDate!: string;
  readerKey!: string;
}

@ObjectType({ description: "Who decided a request: a professional and their organisation." })
export class RightsDecider {
  @Field(() => String) name!: string;
  @Field(() => String) organisation!: string;
  readerKey!: string;
}

export const CORRECTABLE_FIELDS = ["givenName", "familyName", "birthDate"] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

@ObjectType({ description: "One field of a person's register row that a granted rectification corrected: what it held, and what it holds since." })
export class PersonCorrection {
  @Field(() => String, { description: "givenName, familyName or birthDate." }) field!: CorrectableField;
  @Field(() => String) previous!: string;
  @Field(() => String) corrected!: string;
  @Field(() => DateTimeResolver) correctedAt!: Date;
  readerKey!: string;
}

@ObjectType({
  description:
    "A request to rectify or erase, and its decision. Seen by the client it is about (and a parent asking for a child), the professional who filed it on their behalf, and who decides it.",
})
export class RightsRequest {
  @Field(() => ID) id!: string;
  @Field(() => RightsRequestKindEnum) kind!: RightsRequestKind;
  @Field(() => RightsRequestStatusEnum) status!: RightsRequestStatus;
  @Field(() => ID, { nullable: true, description: "The reference-index signal it is about, if any (gone once an erasure is granted)." })
  signalId!: string | null;
  @Field(() => String, { nullable: true, description: "What it concerns, in the requester's words." }) description!: string | null;
  @Field(() => DateTimeResolver) filedAt!: Date;
  @Field(() => Boolean, { description: "Filed by a professional on the client's behalf (else by the client)." }) filedOnBehalf!: boolean;
  @Field(() => ID, {
    nullable: true,
    description: "The person it is about: for the professional who filed it and the family's keepers; null for a signal's organisation, which knows the BSN.",
  })
  personId!: string | null;
  // Not `familyId`: a request is about one person, and its reads are recorded on that person
  // (recording.ts), not as a read of the whole household.
  @Field(() => ID, { name: "familyId", nullable: true, description: "The household whose regisseur or process lead decides; null for a signal." })
  householdId!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) decidedAt!: Date | null;
  @Field(() => RightsDecider, { nullable: true }) decidedBy!: RightsDecider | null;
  @Field(() => String, { nullable: true, description: "Why it was granted or refused." }) reason!: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: "When a granted rectification was carried out (applyRectification); null until then." })
  appliedAt!: Date | null;
  @Field(() => [PersonCorrection], { description: "What the rectification corrected, field by field; empty until it is carried out." })
  corrections!: PersonCorrection[];
  readerKey!: string;
}

@ObjectType({ description: "The region's rules for the rights of the people in the files." })
export class RightsSettings {
  @Field(() => Int, {
    description: "From this age a person reads their own data; below it only a parent with legal custody asks for them (default 16).",
  })
  selfAccessAge!: number;
  @Field(() => [OnBehalfEnum], { description: "Who may ask on a client's behalf (default: the family's regisseur and the process leads)." })
  onBehalf!: OnBehalf[];
}

@InputType({ description: "A request to rectify or erase." })
export class RightsRequestInput {
  @Field(() => RightsRequestKindEnum) kind!: RightsRequestKind;
  @Field(() => ID, { nullable: true, description: "A reference-index signal on the person (its id is in the export): its organisation decides." })
  signalId?: string | null;
  @Field(() => String, { nullable: true, description: "What is wrong, or what to remove; required unless a signal is named. At most 2000 characters." })
  description?: string | null;
}

@InputType({ description: "The decision on a request: always with its reason." })
export class RightsDecisionInput {
  @Field(() => RightsDecisionEnum) decision!: RightsDecision;
  @Field(() => String, { nullable: true, description: "Required: why (the requester reads it). At most 2000 characters." }) reason?: string | null;
}

@InputType({ description: "The corrected details of the person a granted rectification is about: give at least one, each differing from what is held." })
export class RectificationInput {
  @Field(() => String, { nullable: true, description: "At most 100 characters." }) givenName?: string | null;
  @Field(() => String, { nullable: true, description: "At most 100 characters." }) familyName?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) birthDate?: string | null;
}

@InputType({ description: "The region's age rule and who may ask on a client's behalf (covenant administrator)." })
export class RightsSettingsInput {
  @Field(() => Int, { description: "12 to 18." }) selfAccessAge!: number;
  @Field(() => [OnBehalfEnum]) onBehalf!: OnBehalf[];
}

export const ACCESS_LOG_ACTORS = ["PROFESSIONAL", "CLIENT", "SYSTEM"] as const;
export const AccessLogActorEnum = asEnum(ACCESS_LOG_ACTORS);
registerEnumType(AccessLogActorEnum, {
  name: "AccessLogActor",
  description: "A professional on behalf of their organisation, a client (a family member's own login), or the system itself (retention).",
});

export const ACCESS_LOG_ACTIONS = ["READ", "WRITE", "LOOKUP", "MATCH", "ERASE"] as const;
export const AccessLogActionEnum = asEnum(ACCESS_LOG_ACTIONS);
registerEnumType(AccessLogActionEnum, {
  name: "AccessLogAction",
  description: "READ or WRITE data; LOOKUP and MATCH in the reference index; ERASE (retention, or a granted erasure).",
});

@ObjectType({ description: "One access to a person's data (NEN 7513): when, who, for which organisation, what, and on which basis." })
export class AccessLogEntry {
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => AccessLogActorEnum) actorKind!: (typeof ACCESS_LOG_ACTORS)[number];
  @Field(() => String, { nullable: true, description: "The professional's name." }) professional!: string | null;
  @Field(() => String, { nullable: true, description: "A client's login: the person it belongs to (you, or a parent)." }) client!: string | null;
  @Field(() => String, { nullable: true, description: "The organisation the professional acted for." }) organisation!: string | null;
  @Field(() => [String], { description: "The professional's roles at the time." }) roles!: string[];
  @Field(() => AccessLogActionEnum) action!: (typeof ACCESS_LOG_ACTIONS)[number];
  @Field(() => String, { nullable: true, description: "The change or job that wrote; null for a read." }) operation!: string | null;
  @Field(() => [String], { description: "Which data: the fields read (Type.field), or the kinds written." }) data!: string[];
  @Field(() => JSONObjectResolver, {
    description:
      "Why it was open: the permission rules, the access level, and the causes (regie, process lead, covenant rule and version, consent, legal ground, emergency access).",
  })
  basis!: Record<string, unknown>;
  @Field(() => Boolean, { description: "Emergency access (break the glass) opened it." }) emergency!: boolean;
  @Field(() => String, { nullable: true, description: "The household it concerns, if any." }) family!: string | null;
  readerKey!: string;
}

export const AccessLogEntryConnection = connectionOf(AccessLogEntry, "AccessLogEntry");
export const RightsRequestConnection = connectionOf(RightsRequest, "RightsRequest");
