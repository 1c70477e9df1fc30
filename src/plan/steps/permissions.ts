import { authenticated, familyAccess, guardedAtEntry, partnerWorkProcess, planContent } from "../../access/rules.js";

/*
 * A coordinated step (000 §8): *that* a partner took or plans a step, and when, is process data
 * (PROCESS, and from DAT for the partner taking it); what it is — its life domain, the legal
 * duty, the words — is plan content of part STEP in that life domain, opened by the covenant
 * (and to the partner itself from SECTION, as its tasks are). Who may announce, report or await
 * a report is decided by the family gate in the service.
 */
const stepProcess = partnerWorkProcess;

export const stepPermissions = {
  Mutation: { announceStep: authenticated, reportStep: authenticated, expectStepReport: authenticated },
  // The list holds only the steps the caller may see: all from PROCESS, its own below.
  Family: { coordinatedSteps: familyAccess("DAT") },
  CoordinatedStep: {
    id: stepProcess,
    kind: stepProcess,
    status: stepProcess,
    partner: stepProcess,
    at: stepProcess,
    recordedAt: stepProcess,
    reportDueAt: stepProcess,
    reportedAt: stepProcess,
    overdue: stepProcess,
    late: stepProcess,
    content: planContent,
  },
  CoordinatedStepContent: { lifeDomain: guardedAtEntry, legalDuty: guardedAtEntry, description: guardedAtEntry, reportedBy: guardedAtEntry },
};

/** What a step says is reached only through its `content`. */
export const stepEntryGuards = { CoordinatedStepContent: [planContent] };
