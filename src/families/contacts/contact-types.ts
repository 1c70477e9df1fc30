import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { asEnum } from "../../access/graphql-enums.js";

export const CONTACT_KINDS = ["ADDRESS", "PHONE", "EMAIL"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const ContactKindEnum = asEnum(CONTACT_KINDS);
registerEnumType(ContactKindEnum, { name: "ContactKind" });

@ObjectType({ description: "How to reach a household or a member: an address, a phone number, an e-mail address, and since when." })
export class ContactDetail {
  @Field(() => ID) id!: string;
  @Field(() => ContactKindEnum) kind!: ContactKind;
  @Field(() => String) value!: string;
  @Field(() => ID, { nullable: true, description: "The member it is of; null: the household's." }) memberId!: string | null;
  @Field(() => DateTimeResolver) validFrom!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: "Replaced since; null while current." }) validTo!: Date | null;
  @Field(() => Boolean, { description: "Corrected by the client themself." }) byClient!: boolean;
  familyId!: string;
  /** A client's view: made for that reader only. */
  readerKey?: string;
}

@InputType({ description: "A contact detail: replaces the current one of its kind for the member (or the household)." })
export class ContactDetailInput {
  @Field(() => ID, { nullable: true, description: "A current member; omitted: the household's." }) memberId?: string | null;
  @Field(() => ContactKindEnum) kind!: ContactKind;
  @Field(() => String, { description: "At most 300 characters." }) value!: string;
}

@InputType({ description: "Your own contact detail, corrected: replaces the current one of its kind." })
export class MyContactDetailInput {
  @Field(() => ContactKindEnum) kind!: ContactKind;
  @Field(() => String, { description: "At most 300 characters." }) value!: string;
}
