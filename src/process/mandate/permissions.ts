import { adviceContent, adviceProcess, authenticated, withRole } from "../../access/rules.js";
import { connectionRules } from "../../pagination/connection.js";

const covenantAdmin = withRole("COVENANT_ADMIN");

/*
 * The mandate table is the region's agreement, like the covenant: every professional of the
 * region reads it, the covenant administrator keeps it. An advice's process data is for the
 * family's regisseur and process lead and the institution addressed ("overview on main lines,
 * not the content of the case"); what it says, for the regisseur and the institution only.
 * Issuing and answering are decided in the service, so that who may not know the family or the
 * advice is told it does not exist.
 */
export const mandatePermissions = {
  Query: { mandateTable: authenticated, advices: authenticated, advicesToAnswer: authenticated, advice: authenticated },
  // A page of advices the caller may see: each MandateAdvice field keeps its own rule.
  ...connectionRules("MandateAdvice", authenticated),
  Mutation: { defineMandate: covenantAdmin, removeMandate: covenantAdmin, issueAdvice: authenticated, answerAdvice: authenticated },
  MandateEntry: { id: authenticated, lifeDomain: authenticated, partner: authenticated, decisionType: authenticated, description: authenticated },
  MandateAdvice: {
    id: adviceProcess,
    familyId: adviceProcess,
    partner: adviceProcess,
    binding: adviceProcess,
    standing: adviceProcess,
    status: adviceProcess,
    issuedAt: adviceProcess,
    issuedById: adviceProcess,
    answerDue: adviceProcess,
    overdue: adviceProcess,
    answeredAt: adviceProcess,
    answeredById: adviceProcess,
    escalationId: adviceProcess,
    lifeDomain: adviceContent,
    decisionType: adviceContent,
    advice: adviceContent,
    answer: adviceContent,
    legalGround: adviceContent,
  },
};
