import { authenticated } from "../access/rules.js";

/*
 * The region's directory — partners and professionals with their work contact details — is
 * open to every professional of the region: the covenant is about families, and knowing whom
 * to call is what the reference index is for. Region scoping happens in the loaders.
 */
export const organisationPermissions = {
  Query: {
    me: authenticated,
    professional: authenticated,
    partners: authenticated,
    partner: authenticated,
  },
  Region: { id: authenticated, code: authenticated, name: authenticated, referenceIndex: authenticated },
  ReferenceIndexSettings: { activeMonths: authenticated, historicalMonths: authenticated, ageLimitYears: authenticated },
  Partner: { id: authenticated, name: authenticated, sector: authenticated, covenantSignatory: authenticated },
  Professional: {
    id: authenticated,
    name: authenticated,
    email: authenticated,
    phone: authenticated,
    roles: authenticated,
    partner: authenticated,
    region: authenticated,
  },
};
