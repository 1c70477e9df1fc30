import { authenticated, familyAccess, familyKeeper } from "../access/rules.js";

const process = familyAccess("PROCESS");

/*
 * The phase is process data (domain brief §3: the process lead watches "the process — is there
 * one plan, are deadlines met"): visible from PROCESS, like the plan's dates and statuses. Who
 * may move a family on is decided by the service (its regisseur or process lead).
 */
export const phasePermissions = {
  Mutation: { changePhase: authenticated },
  Family: { phase: process, phaseHistory: process },
  // A note is free text about the family (a reopening's reason, a meeting's outcome): its keepers'.
  PhasePeriod: { phase: process, since: process, until: process, days: process, setById: process, note: familyKeeper },
};
