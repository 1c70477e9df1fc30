import { authenticated, familyAccess, familyKeeper } from "../../access/rules.js";
import { connectionRules } from "../../pagination/connection.js";

const process = familyAccess("PROCESS");
const full = familyAccess("FULL");

/*
 * A closure is process data (domain brief §3: the process lead watches deadlines and outcomes):
 * visible from PROCESS, like the phase. The warm handover note is for the next carer, written
 * by the regisseur: FULL only, as regie's own hand-over note (RegieAssignment.note). Who may
 * close, end aftercare or reopen is decided by the service. The aftercare note and the reason to
 * reopen are free text about the family: its keepers' (regisseur, process lead).
 */
export const closurePermissions = {
  Query: { dueEvaluations: authenticated },
  // A page of the caller's own caseload: each DueEvaluation field keeps its own rule.
  ...connectionRules("DueEvaluation", authenticated),
  Mutation: { closeFamily: authenticated, endAftercare: authenticated, reopenFamily: authenticated },
  Family: { closures: process },
  Closure: {
    id: process,
    closedAt: process,
    closedById: process,
    finalEvaluationId: process,
    goalsTotal: process,
    goalsAchieved: process,
    positiveExit: process,
    aftercareKeeperId: process,
    revisitOn: process,
    aftercareEndedAt: process,
    aftercareNote: familyKeeper,
    reopenedAt: process,
    reopenedById: process,
    reopenReason: familyKeeper,
    handoverPartner: process,
    handoverProfessionalId: process,
    handoverNote: full,
  },
  // Listed only for the families the caller keeps; the rule decides from the same entitlement.
  DueEvaluation: { familyId: process, family: process, planId: process, nextEvaluationDue: process, overdue: process, daysOverdue: process },
};
