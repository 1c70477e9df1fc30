import { CARE_ROLES } from "../../access/roles.js";
import { connectionRules } from "../../pagination/connection.js";
import { authenticated, concernFamily, concernIdentity, concernReader, familyAccess, familyKeeper, ownedByCaller, withRole } from "../../access/rules.js";

const process = familyAccess("PROCESS");
const covenantAdmin = withRole("COVENANT_ADMIN");

/*
 * Intake (domain brief §4, §8). The region's settings are how the region works, not case data:
 * every professional of the region reads them, the covenant administrator sets them. A concern
 * holds the submitter's words and the household's identities: it is read by who submitted it,
 * by the family's regisseur and process lead, and for a crisis by the crisis partner — the
 * BSNs not by the submitter, and the family it went to only by its keepers, so a submitter
 * never learns whether the household was known. The screening is process data (PROCESS).
 * Who may screen (the family's process lead) is decided by the service.
 */
export const intakePermissions = {
  Query: { processSettings: authenticated, concerns: authenticated },
  // A page of the concerns the caller may see: each Concern field keeps its own rule.
  ...connectionRules("Concern", authenticated),
  Mutation: {
    setProcessSettings: covenantAdmin,
    definePlanMeeting: covenantAdmin,
    setCategoryRoute: covenantAdmin,
    registerConcern: withRole(...CARE_ROLES),
    screenFamily: authenticated,
    // The family's keepers; decided in the service, NOT_FOUND to anyone else.
    acknowledgeConcern: authenticated,
  },
  ProcessSettings: {
    meldpunt: authenticated,
    crisisPartner: authenticated,
    intakeCoordinator: authenticated,
    positiveExitPercent: authenticated,
    aftercareMonths: authenticated,
    caseloadCeiling: authenticated,
    stepReportDays: authenticated,
    waitingNormDays: authenticated,
    budgetCeilingCents: authenticated,
    meetings: authenticated,
    categoryRoutes: authenticated,
  },
  Meldpunt: { name: authenticated, contact: authenticated },
  PlanMeeting: { code: authenticated, name: authenticated },
  CategoryRoute: { category: authenticated, processLead: authenticated, meeting: authenticated },
  ConcernReceipt: { route: ownedByCaller, concern: ownedByCaller, meldpunt: ownedByCaller },
  Concern: {
    id: concernReader,
    route: concernReader,
    crisis: concernReader,
    status: concernReader,
    submittedAt: concernReader,
    submittedById: concernReader,
    submittedBy: concernReader,
    partner: concernReader,
    label: concernReader,
    description: concernReader,
    discussedWithFamily: concernReader,
    notDiscussedReason: concernReader,
    members: concernReader,
    familyId: concernFamily,
  },
  ConcernMember: {
    bsn: concernIdentity,
    givenName: concernReader,
    familyName: concernReader,
    birthDate: concernIdentity,
    relation: concernReader,
    legalCustody: concernReader,
  },
  Family: { concerns: familyKeeper, screening: process },
  // The reasoning is free text about the family: its keepers', not every PROCESS reader's.
  Screening: { outcome: process, meeting: process, reasoning: familyKeeper, screenedAt: process, screenedById: process },
};
