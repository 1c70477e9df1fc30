import { authenticated, emergencyRecord, familyAccess, partnerRecord, withRole } from "../access/rules.js";

const dat = familyAccess("DAT");
export const covenantAdmin = withRole("COVENANT_ADMIN");

/*
 * The covenant itself is the region's public agreement: every professional of the region may
 * read every version of it; only the covenant administrator publishes or ends one. A consent or
 * legal ground concerns one partner and may name a child-protection measure: the regisseur,
 * the process lead and that partner see it (the lists hold only what the caller may see). An
 * emergency access, with its reason: the regisseur, the process lead and who opened it.
 */
export const covenantPermissions = {
  Query: { covenantVersions: authenticated, covenant: authenticated, previewCovenantVersion: covenantAdmin },
  Mutation: {
    publishCovenantVersion: covenantAdmin,
    endCovenantVersion: covenantAdmin,
    recordConsent: authenticated,
    withdrawConsent: authenticated,
    recordLegalGround: authenticated,
    endLegalGround: authenticated,
    openEmergencyAccess: authenticated,
  },
  Family: { consents: dat, legalGrounds: dat, emergencyAccesses: dat },
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
    accessChanges: covenantAdmin,
  },
  // What a draft would change: counts of the region's families per partner, for the covenant
  // administrator who drafts it (publishCovenantVersion's answer carries the same).
  CovenantAccessChanges: { comparedWithVersion: covenantAdmin, asOf: covenantAdmin, minimumFamilies: covenantAdmin, partners: covenantAdmin },
  PartnerAccessChange: { partner: covenantAdmin, signatoryNow: covenantAdmin, signatoryInDraft: covenantAdmin, levels: covenantAdmin, parts: covenantAdmin },
  LevelAccessChange: { level: covenantAdmin, gaining: covenantAdmin, losing: covenantAdmin },
  PartAccessChange: { partKind: covenantAdmin, lifeDomain: covenantAdmin, gaining: covenantAdmin, losing: covenantAdmin },
  FamilyCount: { families: covenantAdmin, suppressed: covenantAdmin },
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
    id: partnerRecord,
    personId: partnerRecord,
    partnerId: partnerRecord,
    lifeDomains: partnerRecord,
    givenBy: partnerRecord,
    givenOn: partnerRecord,
    recordedById: partnerRecord,
    withdrawnOn: partnerRecord,
    withdrawnBy: partnerRecord,
  },
  LegalGround: {
    id: partnerRecord,
    personId: partnerRecord,
    partnerId: partnerRecord,
    lifeDomains: partnerRecord,
    kind: partnerRecord,
    basis: partnerRecord,
    validFrom: partnerRecord,
    validUntil: partnerRecord,
    recordedById: partnerRecord,
  },
  EmergencyAccess: {
    id: emergencyRecord,
    professionalId: emergencyRecord,
    partnerId: emergencyRecord,
    reason: emergencyRecord,
    openedAt: emergencyRecord,
    expiresAt: emergencyRecord,
    lifeDomains: emergencyRecord,
  },
};
