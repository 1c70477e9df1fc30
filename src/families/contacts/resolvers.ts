import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { authenticated, type RequestContext } from "../../context.js";
import { Family } from "../types.js";
import { contactsOf, correctMyContactDetail, myContactDetails, setContactDetail } from "./service.js";
import { ContactDetail, ContactDetailInput, MyContactDetailInput } from "./contact-types.js";

const FOR = { nullable: true, description: "A child you may ask for (myChildren); omitted: yourself." } as const;

@Resolver(() => Family)
export class FamilyContactsResolver {
  @FieldResolver(() => [ContactDetail], { nullable: true, description: "How to reach the household and its members now: process data (the regisseur, and partners at PROCESS)." })
  contactDetails(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<ContactDetail[]> {
    return contactsOf(ctx, family.familyId, false);
  }

  @FieldResolver(() => [ContactDetail], { nullable: true, description: "Every contact detail since the start, replaced ones included: the family's keepers." })
  contactHistory(@Root() family: Family, @Ctx() ctx: RequestContext): Promise<ContactDetail[]> {
    return contactsOf(ctx, family.familyId, true);
  }
}

@Resolver(() => ContactDetail)
export class ContactDetailResolver {
  @Mutation(() => ContactDetail, { description: "Records how to reach the household or a member (its regisseur or process lead): replaces the current one of its kind, keeping it in the history." })
  setContactDetail(@Arg("familyId", () => ID) familyId: string, @Arg("input", () => ContactDetailInput) input: ContactDetailInput, @Ctx() ctx: RequestContext) {
    return setContactDetail(authenticated(ctx), familyId, input);
  }

  @Query(() => [ContactDetail], { description: "Your own current contact details and your households' addresses (client only)." })
  myContactDetails(@Arg("for", () => ID, FOR) forId: string | null, @Ctx() ctx: RequestContext) {
    return myContactDetails(ctx, forId);
  }

  @Mutation(() => [ContactDetail], { description: "Corrects your own contact detail (client only): in every household you belong to; your regisseur is told." })
  correctMyContactDetail(@Arg("input", () => MyContactDetailInput) input: MyContactDetailInput, @Arg("for", () => ID, FOR) forId: string | null, @Ctx() ctx: RequestContext) {
    return correctMyContactDetail(ctx, input, forId);
  }
}
