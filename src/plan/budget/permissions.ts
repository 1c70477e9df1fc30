import { authenticated, commitmentContent, familyAccess, guardedAtEntry, withRole } from "../../access/rules.js";
import { connectionRules } from "../../pagination/connection.js";

/*
 * The plan's budget (000; 003 cost picture): what is committed, spent and proposed, and each
 * commitment's amounts and status, are process data (PROCESS); what is bought is plan content,
 * as open as the task or goal it serves, and open to the project leaders who decide it. The regisseur proposes (the family gate); project
 * leaders decide, each only for families whose process they see (the service).
 */
const process = familyAccess("PROCESS");
const projectLead = withRole("PROJECT_LEAD");

export const budgetPermissions = {
  Query: { commitmentsToDecide: projectLead },
  // A page of commitments to decide: each holds only families whose process the caller sees.
  ...connectionRules("BudgetCommitment", projectLead),
  Mutation: { proposeCommitment: authenticated, decideCommitment: projectLead, recordSpending: authenticated },
  Family: { budget: process },
  PlanBudget: { ceilingCents: process, committedCents: process, spentCents: process, proposedCents: process, commitments: process },
  BudgetCommitment: {
    id: process,
    familyId: process,
    amountCents: process,
    spentCents: process,
    status: process,
    proposedAt: process,
    decidedAt: process,
    reason: process,
    content: commitmentContent,
  },
  BudgetCommitmentContent: { service: guardedAtEntry, taskId: guardedAtEntry, goalId: guardedAtEntry, lifeDomain: guardedAtEntry },
};

export const budgetEntryGuards = { BudgetCommitmentContent: [commitmentContent] };
