import { authenticated, familyAccess, familyAccessOrOwn, withRole } from "../access/rules.js";

const process = familyAccess("PROCESS");
const processOrOwn = familyAccessOrOwn("PROCESS");
const covenantAdmin = withRole("COVENANT_ADMIN");

/*
 * The covenant itself is the region's public agreement: every professional of the region may
 * read every version of it; only the covenant administrator publishes or ends one. Consent,
 * legal grounds and emergency accesses are process data of a family (PROCESS); the service
 * decides who records them (the regisseur, and the process lead where the region allows).
 * Whoever broke the glass sees their own emergency access.
 */
export const covenantPermissions = {
  Query: { covenantVersions: authenticated, covenant: authenticated },
  Mutation: {
    publishCovenantVersion: covenantAdmin,
    endCovenantVersion: covenantAdmin,
    recordConsent: authenticated,
    withdrawConsent: authenticated,
    recordLegalGround: authenticated,
    endLegalGround: authenticated,
    openEmergencyAccess: authenticated,
  },
  Family: { consents: process, legalGrounds: process, emergencyAccesses: process },
  CovenantVersion: {
    id: authenticated,
    version: authenticated,
    title: authenticated,
    inForceFrom: authenticated,
    inForceUntil: authenticated,
    inForce: authenticated,
    signatories: authenticated,
    rules: authenticated,
    consentAgeAlone: authenticated,
    consentAgeJoint: authenticated,
    consentRecorders: authenticated,
    emergencyHours: authenticated,
    publishedAt: authenticated,
  },
  CovenantRuleView: {
    id: authenticated,
    granteePartnerId: authenticated,
    granteeSector: authenticated,
    level: authenticated,
    partKind: authenticated,
    lifeDomain: authenticated,
    requiresInvolvement: authenticated,
    requiresConsentOrLegalGround: authenticated,
    requiredRole: authenticated,
    description: authenticated,
  },
  Consent: {
    id: process,
    personId: process,
    partnerId: process,
    lifeDomains: process,
    givenBy: process,
    givenOn: process,
    recordedById: process,
    withdrawnOn: process,
    withdrawnBy: process,
  },
  LegalGround: {
    id: process,
    personId: process,
    partnerId: process,
    lifeDomains: process,
    kind: process,
    basis: process,
    validFrom: process,
    validUntil: process,
    recordedById: process,
  },
  EmergencyAccess: {
    id: processOrOwn,
    professionalId: processOrOwn,
    partnerId: processOrOwn,
    reason: processOrOwn,
    openedAt: processOrOwn,
    expiresAt: processOrOwn,
    lifeDomains: processOrOwn,
  },
};
