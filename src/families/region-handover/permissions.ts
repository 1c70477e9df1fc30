import { REGISTER_ROLES } from "../../access/roles.js";
import { authenticated, withRole } from "../../access/rules.js";

/*
 * Hand-overs between regions: sent by a family's keepers (the family gate), listed and taken in
 * by the process leads and project leaders of the regions involved. The household's personal data
 * is handed only to the receiving region, while it is offered (the service).
 */
const registrar = withRole(...REGISTER_ROLES);

export const regionHandoverPermissions = {
  Query: { regionHandovers: registrar },
  Mutation: { handOverToRegion: authenticated, acceptRegionHandover: registrar },
  // A hand-over as the service hands it out: to its sender, or to the regions' process leads.
  RegionHandover: {
    id: authenticated,
    direction: authenticated,
    fromRegion: authenticated,
    status: authenticated,
    offeredAt: authenticated,
    acceptedAt: authenticated,
    note: authenticated,
    household: registrar,
  },
  HandedOverHousehold: { name: registrar, address: registrar, members: registrar },
  HandedOverMember: { bsn: registrar, givenName: registrar, familyName: registrar, birthDate: registrar, relation: registrar, legalCustody: registrar },
  AcceptedHandover: { handover: registrar, family: registrar },
};
