import { authenticated, familyAccess, ownCoachNote, planContent, regisseurOnly, taskProcess, withRole } from "../access/rules.js";

const dat = familyAccess("DAT");
const process = familyAccess("PROCESS");
const full = familyAccess("FULL");
const content = planContent;
const regisseur = withRole("COACH");

/*
 * Who sees what of the plan (domain brief §5–6). PROCESS (the process lead, and everyone above
 * it) sees that parts exist, their dates, statuses and who leads: "overview on main lines, not
 * the content of the case". Content — the words, domains and members of a part — only where
 * the covenant opens that part kind or life domain for the caller (plan-content), which the
 * regisseur always has. Coach notes are the regisseur's alone, each note its author's. Edits are the regisseur's
 * (the service checks it is this family's regisseur); a partner answers and reports on its
 * own tasks (the service checks the task is its own).
 */
export const planPermissions = {
  Query: { lifeDomains: authenticated, myTasks: authenticated },
  Mutation: {
    defineLifeDomain: withRole("COVENANT_ADMIN"),
    startPlan: regisseur,
    setAnalysis: regisseur,
    addGoal: regisseur,
    updateGoal: regisseur,
    addTask: regisseur,
    updateTask: regisseur,
    addMilestone: regisseur,
    markMilestoneReached: regisseur,
    recordEvaluation: regisseur,
    addCoachNote: regisseur,
    agreeToPlan: authenticated,
    respondToTask: authenticated,
    setTaskStatus: authenticated,
    handOverRegie: authenticated,
    assignProcessLead: authenticated,
  },
  Family: { plan: process, involvements: dat, regieHistory: process },
  LifeDomain: { code: authenticated, name: authenticated, safetyRelevant: authenticated },
  Plan: {
    id: process,
    version: process,
    startedOn: process,
    updatedAt: process,
    evaluationMonths: process,
    nextEvaluationDue: process,
    referringPartner: process,
    analyses: process,
    goals: process,
    tasks: process,
    milestones: process,
    evaluations: process,
    agreements: process,
    history: process,
    coachNotes: regisseurOnly,
  },
  Analysis: { id: process, updatedAt: process, lifeDomain: content, memberId: content, text: content },
  Goal: {
    id: process,
    status: process,
    createdAt: process,
    lifeDomain: content,
    memberIds: content,
    ownWords: content,
    target: content,
    achievement: content,
  },
  Task: {
    id: taskProcess,
    status: taskProcess,
    dueDate: taskProcess,
    overdue: taskProcess,
    response: taskProcess,
    leadPartner: taskProcess,
    leadProfessional: taskProcess,
    lifeDomain: content,
    memberIds: content,
    description: content,
    followUp: content,
    responseReason: content,
    goalId: content,
  },
  Milestone: { id: process, dueDate: process, reachedOn: process, title: content },
  Evaluation: { id: process, heldOn: process, results: process, final: process, overall: content },
  GoalResult: { goalId: process, result: content, achievement: content },
  Agreement: { version: process, party: process, personId: process, partnerId: process, recordedById: process, agreedAt: process },
  CoachNote: { id: ownCoachNote, text: ownCoachNote, createdAt: ownCoachNote },
  PlanRevision: {
    version: process,
    action: process,
    partKind: process,
    changedById: process,
    changedAt: process,
    analysis: process,
    goal: process,
    task: process,
    milestone: process,
    evaluation: process,
  },
  RegieAssignment: { professionalId: process, since: process, until: process, assignedById: process, note: full },
  FamilyInvolvement: { organisation: dat, sector: dat, professional: dat, phone: dat, email: dat, member: dat, since: dat },
};
