import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { AccessLevelEnum, asEnum, RoleEnum } from "../access/graphql-enums.js";
import type { AccessLevel, PartKind } from "./decisions/levels.js";
import type { Role } from "../access/roles.js";
import { Partner } from "../organisations/types.js";
import { PartKindEnum } from "../plan/types.js";
import { CovenantAccessChanges } from "./preview/types.js";

export const CONSENT_RECORDERS = ["REGISSEUR", "REGISSEUR_OR_PROCESS_LEAD"] as const;
export type ConsentRecorders = (typeof CONSENT_RECORDERS)[number];
export const ConsentRecordersEnum = asEnum(CONSENT_RECORDERS);
registerEnumType(ConsentRecordersEnum, { name: "ConsentRecorders", description: "Who records consent: the regisseur, or also the process lead." });

export const LEGAL_GROUND_KINDS = ["CHILD_PROTECTION_MEASURE", "YOUTH_PROBATION", "COERCIVE_TRACK", "OTHER_STATUTORY_TASK"] as const;
export type LegalGroundKind = (typeof LEGAL_GROUND_KINDS)[number];
export const LegalGroundKindEnum = asEnum(LEGAL_GROUND_KINDS);
registerEnumType(LegalGroundKindEnum, { name: "LegalGroundKind", description: "A legal ground that stands in for consent." });

@ObjectType({ description: "A rule of the covenant: a level for signatories, over a part kind and/or life domain, under conditions." })
export class CovenantRuleView {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: "Only this partner; null for every signatory (or the sector)." })
  granteePartnerId!: string | null;
  @Field(() => String, { nullable: true, description: "Only signatories of this sector." }) granteeSector!: string | null;
  @Field(() => AccessLevelEnum) level!: AccessLevel;
  @Field(() => PartKindEnum, { nullable: true, description: "Null: every kind of plan part." }) partKind!: PartKind | null;
  @Field(() => String, { nullable: true, description: "Null: every life domain." }) lifeDomain!: string | null;
  @Field(() => Boolean) requiresInvolvement!: boolean;
  @Field(() => Boolean) requiresConsentOrLegalGround!: boolean;
  @Field(() => RoleEnum, { nullable: true }) requiredRole!: Role | null;
  @Field(() => String) description!: string;
}

@ObjectType({ description: "One version of the region's privacy covenant. Published versions never change; a change is a new version." })
export class CovenantVersion {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) title!: string;
  @Field(() => LocalDateResolver) inForceFrom!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "The first day it no longer applies." }) inForceUntil!: string | null;
  @Field(() => Boolean, { description: "Whether this is the version in force today." }) inForce!: boolean;
  @Field(() => [Partner]) signatories!: Partner[];
  @Field(() => [CovenantRuleView]) rules!: CovenantRuleView[];
  @Field(() => Int) consentAgeAlone!: number;
  @Field(() => Int) consentAgeJoint!: number;
  @Field(() => ConsentRecordersEnum) consentRecorders!: ConsentRecorders;
  @Field(() => Int, { description: "Hours emergency access lasts." }) emergencyHours!: number;
  @Field(() => DateTimeResolver) publishedAt!: Date;
  @Field(() => CovenantAccessChanges, {
    nullable: true,
    description:
      "Only in publishCovenantVersion's answer (null elsewhere): what this version changed against the one in force before it, as previewCovenantVersion would have shown (counts only, under five suppressed).",
  })
  accessChanges?: CovenantAccessChanges | null;
}

@InputType()
export class CovenantRuleInput {
  @Field(() => ID, { nullable: true }) granteePartnerId?: string | null;
  @Field(() => String, { nullable: true }) granteeSector?: string | null;
  @Field(() => AccessLevelEnum) level!: AccessLevel;
  @Field(() => PartKindEnum, { nullable: true }) partKind?: PartKind | null;
  @Field(() => String, { nullable: true }) lifeDomain?: string | null;
  @Field(() => Boolean) requiresInvolvement!: boolean;
  @Field(() => Boolean) requiresConsentOrLegalGround!: boolean;
  @Field(() => RoleEnum, { nullable: true }) requiredRole?: Role | null;
  @Field(() => String) description!: string;
}

@InputType({ description: "A new version of the covenant; it replaces the current one from its first day." })
export class CovenantVersionInput {
  @Field(() => String) title!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "Defaults to today." }) inForceFrom?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) inForceUntil?: string | null;
  @Field(() => [ID]) signatoryPartnerIds!: string[];
  @Field(() => [CovenantRuleInput]) rules!: CovenantRuleInput[];
  @Field(() => Int, { defaultValue: 16 }) consentAgeAlone!: number;
  @Field(() => Int, { defaultValue: 12 }) consentAgeJoint!: number;
  @Field(() => ConsentRecordersEnum, { defaultValue: "REGISSEUR" }) consentRecorders!: ConsentRecorders;
  @Field(() => Int, { defaultValue: 24 }) emergencyHours!: number;
}

@ObjectType({ description: "Consent of (or for) a member: which partner may see which life domains." })
export class Consent {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => ID, { nullable: true, description: "The member it is about." }) personId!: string;
  @Field(() => ID, { nullable: true }) partnerId!: string;
  @Field(() => [String], { nullable: true }) lifeDomains!: string[];
  @Field(() => [ID], { nullable: true, description: "The member(s) who gave it (the age rule)." }) givenBy!: string[];
  @Field(() => LocalDateResolver, { nullable: true }) givenOn!: string;
  @Field(() => ID, { nullable: true }) recordedById!: string;
  @Field(() => LocalDateResolver, { nullable: true }) withdrawnOn!: string | null;
  @Field(() => [ID], { nullable: true }) withdrawnBy!: string[] | null;
  familyId!: string;
}

@InputType()
export class ConsentInput {
  @Field(() => ID) familyId!: string;
  @Field(() => ID, { description: "The member it is about." }) personId!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => [String]) lifeDomains!: string[];
  @Field(() => [ID], { description: "Who gave it: the member, a parent with custody, or both, as the age rule says." })
  givenBy!: string[];
  @Field(() => LocalDateResolver, { nullable: true, description: "Defaults to today." }) givenOn?: string | null;
}

@ObjectType({ description: "A legal ground standing in for consent, with its basis." })
export class LegalGround {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => ID, { nullable: true }) personId!: string;
  @Field(() => ID, { nullable: true }) partnerId!: string;
  @Field(() => [String], { nullable: true }) lifeDomains!: string[];
  @Field(() => LegalGroundKindEnum, { nullable: true }) kind!: LegalGroundKind;
  @Field(() => String, { nullable: true, description: "The legal basis, e.g. the court order or article." }) basis!: string;
  @Field(() => LocalDateResolver, { nullable: true }) validFrom!: string;
  @Field(() => LocalDateResolver, { nullable: true }) validUntil!: string | null;
  @Field(() => ID, { nullable: true }) recordedById!: string;
  familyId!: string;
}

@InputType()
export class LegalGroundInput {
  @Field(() => ID) familyId!: string;
  @Field(() => ID) personId!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => [String]) lifeDomains!: string[];
  @Field(() => LegalGroundKindEnum) kind!: LegalGroundKind;
  @Field(() => String) basis!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "Defaults to today." }) validFrom?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) validUntil?: string | null;
}

@ObjectType({ description: "Emergency access (break the glass): safety-relevant parts, for a short time, with a written reason." })
export class EmergencyAccess {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => ID, { nullable: true }) professionalId!: string;
  @Field(() => ID, { nullable: true }) partnerId!: string;
  @Field(() => String, { nullable: true }) reason!: string;
  @Field(() => DateTimeResolver, { nullable: true }) openedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) expiresAt!: Date;
  @Field(() => [String], { nullable: true, description: "The life domains it opens." }) lifeDomains!: string[];
  familyId!: string;
  ownerId!: string;
}
