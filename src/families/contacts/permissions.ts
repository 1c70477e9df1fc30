import { authenticated, client, contactReader, familyAccess, familyKeeper } from "../../access/rules.js";

/*
 * How to reach the family (000 §10: the partners are actively given the NAW of the selected
 * families): its current contact details are process data, read from PROCESS as the covenant
 * sets it; the replaced ones are its keepers'. A client reads and corrects their own (made for
 * that reader). The keepers set them (the family gate).
 */
export const contactPermissions = {
  Query: { myContactDetails: client },
  Mutation: { setContactDetail: authenticated, correctMyContactDetail: client },
  Family: { contactDetails: familyAccess("PROCESS"), contactHistory: familyKeeper },
  ContactDetail: {
    id: contactReader,
    kind: contactReader,
    value: contactReader,
    memberId: contactReader,
    validFrom: contactReader,
    validTo: contactReader,
    byClient: contactReader,
  },
};
