import { authenticated, everyone, familyAccess, ownedByCaller, withRole } from "../access/rules.js";
import { connectionRules } from "../pagination/connection.js";
import { REGISTER_ROLES } from "../access/roles.js";

const dat = familyAccess("DAT");
const process = familyAccess("PROCESS");
const full = familyAccess("FULL");

/*
 * Who sees what of a family (domain brief §6). DAT: that the family is there and why you may
 * know it. PROCESS: who is in the household, its category, who leads. FULL (the regisseur):
 * also the identifying data, BSN and birth date. Families below DAT are filtered out in the
 * service, so they never reach these rules.
 */
export const familyPermissions = {
  Query: { family: authenticated, families: authenticated },
  Mutation: {
    registerFamily: withRole(...REGISTER_ROLES),
    // The service checks that the caller is this family's regisseur or process lead.
    changeFamilyCategory: authenticated,
    addFamilyMember: authenticated,
    endFamilyMembership: authenticated,
  },
  // A page holds only families the service let through (at least DAT).
  ...connectionRules("Family", authenticated),
  // Shared by every connection: a flag and an opaque cursor bound to its caller, nothing about people.
  PageInfo: { hasNextPage: everyone, endCursor: everyone },
  Family: {
    id: dat,
    name: dat,
    myAccess: dat,
    category: process,
    categoryHistory: process,
    regisseur: process,
    processLead: process,
    members: process,
  },
  // The registrar always learns the new family's id, so a retry is never needed; the family
  // itself then answers to its own rules (registering grants no access).
  RegisteredFamily: { id: ownedByCaller, family: ownedByCaller },
  FamilyAccess: { level: dat, causes: dat },
  // The caller's own access and its causes: "why can I see this?".
  EntitlementCause: {
    kind: dat,
    level: dat,
    covenantVersion: dat,
    ruleId: dat,
    description: dat,
    partKind: dat,
    lifeDomains: dat,
    consentId: dat,
    legalGroundId: dat,
    emergencyAccessId: dat,
    personId: dat,
    basis: dat,
    until: dat,
  },
  FamilyMember: {
    id: process,
    person: process,
    relation: process,
    legalCustody: process,
    validFrom: process,
    validTo: process,
  },
  CategoryChange: { category: process, since: process, setById: process },
  Person: { id: process, givenName: process, familyName: process, bsn: full, birthDate: full },
};
