import { authenticated, familyAccess, guardedAtEntry, ownCoachNote, ownTasks, planContent, regisseurOnly, withRole } from "../access/rules.js";
import { connectionRules } from "../pagination/connection.js";

const dat = familyAccess("DAT");
const process = familyAccess("PROCESS");
const full = familyAccess("FULL");
const content = planContent;
const regisseur = withRole("COACH");
const atEntry = guardedAtEntry;

/*
 * Who sees what of the plan (domain brief §5–6). PROCESS (the process lead, and everyone above
 * it) sees that parts exist, their dates, statuses and who leads: "overview on main lines, not
 * the content of the case". Content — the words, domains and members of a part — only where
 * the covenant opens that part kind or life domain for the caller (plan-content), which the
 * regisseur always has: one object per part, `content`, null with one FORBIDDEN where closed.
 * Coach notes are the regisseur's alone, each note its author's. Edits are the regisseur's (the
 * service checks it is this family's regisseur); a partner answers and reports on its own tasks
 * (the service checks the task is its own).
 *
 * A part's process data is decided where the part is reached: every field that returns a part
 * carries PROCESS for the part's own family (Plan.goals, PlanRevision.goal, …), or for a task
 * also own-tasks (the partner's own tasks, whose process it reads from DAT). The part's process
 * fields are therefore guarded at entry (see planEntryGuards): the same decision, made once per
 * list instead of once per field. So are the fields of a part's content, behind its `content`.
 */
export const planPermissions = {
  Query: { lifeDomains: authenticated, myTasks: ownTasks },
  // A page of the organisation's own tasks: the entry decided (own-tasks) per task.
  ...connectionRules("Task", ownTasks),
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
    respondToTask: ownTasks,
    setTaskStatus: ownTasks,
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
  Analysis: { id: atEntry, updatedAt: atEntry, content },
  AnalysisContent: { lifeDomain: atEntry, memberId: atEntry, text: atEntry },
  Goal: { id: atEntry, status: atEntry, createdAt: atEntry, content },
  GoalContent: { lifeDomain: atEntry, memberIds: atEntry, ownWords: atEntry, target: atEntry, achievement: atEntry, leadMemberId: atEntry, leadNetworkMemberId: atEntry },
  Task: {
    id: atEntry,
    status: atEntry,
    dueDate: atEntry,
    askedOn: atEntry,
    startedOn: atEntry,
    waitingDays: atEntry,
    overdue: atEntry,
    response: atEntry,
    leadPartner: atEntry,
    leadProfessional: atEntry,
    content,
  },
  TaskContent: {
    lifeDomain: atEntry,
    memberIds: atEntry,
    description: atEntry,
    followUp: atEntry,
    responseReason: atEntry,
    goalId: atEntry,
    leadMemberId: atEntry,
    leadNetworkMemberId: atEntry,
  },
  Milestone: { id: atEntry, dueDate: atEntry, reachedOn: atEntry, content },
  MilestoneContent: { title: atEntry },
  // Evaluation.results keeps its own rule: it is GoalResult's entry.
  Evaluation: { id: atEntry, heldOn: atEntry, final: atEntry, results: process, content },
  EvaluationContent: { overall: atEntry },
  GoalResult: { goalId: atEntry, content },
  GoalResultContent: { result: atEntry, achievement: atEntry },
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
  RegieAssignment: { professionalId: process, professional: process, since: process, until: process, assignedById: process, assignedBy: process, note: full },
  FamilyInvolvement: { organisation: dat, sector: dat, professional: dat, phone: dat, email: dat, member: dat, since: dat },
};

/**
 * The rules that may guard the way into each type whose fields are guarded at entry. PROCESS is
 * what the parts' process fields would ask themselves (for a task: PROCESS, or DAT for its lead
 * partner, which own-tasks keeps to); every field returning a part reads it from its own
 * family's plan, so the entry decides for the same family the field would.
 */
export const planEntryGuards = {
  // What a part says is one object, reached only through the part's `content` field.
  AnalysisContent: [content],
  GoalContent: [content],
  TaskContent: [content],
  MilestoneContent: [content],
  EvaluationContent: [content],
  GoalResultContent: [content],
  Analysis: [process],
  Goal: [process],
  Task: [process, ownTasks],
  Milestone: [process],
  Evaluation: [process],
  GoalResult: [process],
};
