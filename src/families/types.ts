import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { AccessLevelEnum, asEnum } from "../access/graphql-enums.js";
import { CAUSE_KINDS, type AccessLevel, type CauseKind, type PartKind } from "../covenant/decisions/levels.js";
import { PartKindEnum } from "../plan/types.js";

export const RELATIONS = ["PARENT", "CHILD", "PARTNER", "OTHER"] as const;
export type Relation = (typeof RELATIONS)[number];
export const RelationEnum = asEnum(RELATIONS);
registerEnumType(RelationEnum, { name: "Relation", description: "A member's place in the household." });

// Amsterdam's pyramid (domain brief §4): it decides process lead, plan meeting and escalation route.
export const CATEGORIES = ["RISK", "MPG1", "MPG2", "MPG3", "MPG4"] as const;
export type Category = (typeof CATEGORIES)[number];
export const CategoryEnum = asEnum(CATEGORIES);
registerEnumType(CategoryEnum, { name: "FamilyCategory", description: "RISK, or multi-problem family MPG1–MPG4." });

export const CauseKindEnum = asEnum(CAUSE_KINDS);
registerEnumType(CauseKindEnum, {
  name: "EntitlementCauseKind",
  description:
    "Why a caller has access: regisseur of the family, its process lead, a covenant rule, consent, a legal ground, or emergency access.",
});

/*
 * Every object below carries the id of the family it belongs to (not exposed): the field rules
 * in permissions.ts decide each field from the caller's entitlement for that family.
 */

@ObjectType({ description: "A household taken into the approach." })
export class Family {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: "A label for the household, e.g. 'Gezin Bakker'." })
  name!: string | null;
  familyId!: string;
  regisseurId!: string | null;
  processLeadId!: string | null;
  /** The current phase; exposed (with its rule) by src/process. */
  phase!: string;
}

@ObjectType({
  description:
    "What registerFamily answers its caller: the new family's id always, the family itself as far as the caller may see it.",
})
export class RegisteredFamily {
  @Field(() => ID, { description: "The new family's id; registering the same household again is refused as CONFLICT." })
  id!: string;
  @Field(() => Family, {
    nullable: true,
    description: "The family as you may see it: null when you may not know of it (you named another process lead: registering grants no access).",
  })
  family!: Family | null;
  /** The registrar: this answer is theirs alone. */
  ownerId!: string;
}

@ObjectType({ description: "A person in the family register." })
export class Person {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => String, { nullable: true }) bsn!: string;
  @Field(() => String, { nullable: true }) givenName!: string;
  @Field(() => String, { nullable: true }) familyName!: string;
  @Field(() => LocalDateResolver, { nullable: true }) birthDate!: string;
  familyId!: string;
}

@ObjectType({ description: "A person's membership of a household over time." })
export class FamilyMember {
  @Field(() => ID, { nullable: true }) id!: string;
  @Field(() => Person, { nullable: true }) person!: Person;
  @Field(() => RelationEnum, { nullable: true }) relation!: Relation;
  @Field(() => Boolean, { nullable: true, description: "Whether this member has legal custody (gezag)." })
  legalCustody!: boolean;
  @Field(() => LocalDateResolver, { nullable: true }) validFrom!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: "Null while the membership lasts." })
  validTo!: string | null;
  familyId!: string;
}

@ObjectType({ description: "A family's category from a moment on; the latest is the current one." })
export class CategoryChange {
  @Field(() => CategoryEnum, { nullable: true }) category!: Category;
  @Field(() => DateTimeResolver, { nullable: true }) since!: Date;
  @Field(() => ID, { nullable: true, description: "The professional who set it." }) setById!: string;
  familyId!: string;
}

@ObjectType({ description: "One reason the caller has access to a family: the covenant rule, consent, legal ground or emergency behind it." })
export class EntitlementCause {
  @Field(() => CauseKindEnum) kind!: CauseKind;
  @Field(() => AccessLevelEnum) level!: AccessLevel;
  @Field(() => Int, { nullable: true, description: "The covenant version of a COVENANT_RULE." }) covenantVersion?: number;
  @Field(() => ID, { nullable: true }) ruleId?: string;
  @Field(() => String, { nullable: true, description: "The rule's own description." }) description?: string;
  @Field(() => PartKindEnum, { nullable: true, description: "The plan part kind it opens; null for every kind." }) partKind?: PartKind | null;
  @Field(() => [String], { nullable: true, description: "The life domains it covers; empty for every domain." }) lifeDomains?: string[];
  @Field(() => ID, { nullable: true }) consentId?: string;
  @Field(() => ID, { nullable: true }) legalGroundId?: string;
  @Field(() => ID, { nullable: true }) emergencyAccessId?: string;
  @Field(() => ID, { nullable: true, description: "The member a consent or legal ground is about." }) personId?: string;
  @Field(() => String, { nullable: true, description: "A legal ground's kind and basis." }) basis?: string;
  @Field(() => DateTimeResolver, { nullable: true, description: "When emergency access ends." }) until?: Date;
  familyId!: string;
}

@ObjectType({ description: "What the caller may see of a family, and why." })
export class FamilyAccess {
  @Field(() => AccessLevelEnum) level!: AccessLevel;
  @Field(() => [EntitlementCause]) causes!: EntitlementCause[];
  familyId!: string;
}

/** A household member as a registration or a concern lists one. */
@InputType()
export class HouseholdMemberInput {
  @Field(() => String) bsn!: string;
  @Field(() => String) givenName!: string;
  @Field(() => String) familyName!: string;
  @Field(() => LocalDateResolver) birthDate!: string;
  @Field(() => RelationEnum) relation!: Relation;
  @Field(() => Boolean, { defaultValue: false }) legalCustody!: boolean;
}

@InputType({ description: "A household member to register." })
export class MemberInput extends HouseholdMemberInput {
  @Field(() => LocalDateResolver, { nullable: true, description: "Defaults to today." }) validFrom?: string | null;
}

@InputType({ description: "A household to take into the approach: at least one parent and one child under 18." })
export class RegisterFamilyInput {
  @Field(() => String) name!: string;
  @Field(() => CategoryEnum) category!: Category;
  @Field(() => ID, { description: "The coach who leads the plan (a professional with the COACH role)." })
  regisseurId!: string;
  @Field(() => ID, { nullable: true, description: "Defaults to the caller." }) processLeadId?: string | null;
  @Field(() => [MemberInput]) members!: MemberInput[];
}
