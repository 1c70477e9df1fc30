import { authenticated, escalationParty, familyAccess, withRole } from "../../access/rules.js";
import { connectionRules } from "../../pagination/connection.js";

const party = escalationParty;
const process = familyAccess("PROCESS");

/*
 * Escalations (domain brief §8): the ladder is the region's public arrangement, read by every
 * professional of the region and set by the covenant administrator. An escalation is seen by its
 * parties alone (the service leaves it out for anyone else), at process level: the dossier, the
 * steps, their deadlines, decisions and reasoning — never the family's plan or members, which
 * keep their own rules. The mutations check in the service who may raise or decide, because that
 * depends on the family and the step.
 */
export const escalationPermissions = {
  Query: { escalationLadder: authenticated, escalations: authenticated, escalationsToAct: authenticated, escalation: authenticated },
  // That escalations are open, their track, step and deadline, is process data (domain brief §6); the dossier is the parties'.
  Family: { openEscalations: process },
  OpenEscalation: { track: process, currentStep: process, raisedAt: process, dueAt: process, overdue: process },
  // A page of escalations the caller is a party to: each Escalation field keeps its party rule.
  ...connectionRules("Escalation", authenticated),
  Mutation: {
    setEscalationLadder: withRole("COVENANT_ADMIN"),
    raiseEscalation: authenticated,
    escalateFurther: authenticated,
    resolveEscalation: authenticated,
  },
  EscalationLadderStep: {
    step: authenticated,
    title: authenticated,
    deciders: authenticated,
    informed: authenticated,
    deadlineDays: authenticated,
    binding: authenticated,
  },
  Escalation: {
    id: party,
    familyId: party,
    track: party,
    subject: party,
    status: party,
    currentStep: party,
    ladderVariant: party,
    binding: party,
    raisedAt: party,
    raisedById: party,
    resolvedAt: party,
    partyPartners: party,
    steps: party,
  },
  EscalationStep: {
    step: party,
    title: party,
    startedAt: party,
    dueAt: party,
    overdue: party,
    outcome: party,
    decision: party,
    reasoning: party,
    decidedById: party,
    decidedAt: party,
  },
};
