import type { Level } from "./callers.js";

/*
 * The covenant matrix's expectations: who sees which field of every type reachable from Family
 * (domain brief §6 levels; the field split of the permission files), and how list items are matched.
 */

export type Rule =
  /** At least this level: DAT (that others are involved), PROCESS (process metadata), FULL (the regisseur). */
  | Level
  /** The content of a plan part (its `content`): the regisseur, or a SECTION caller the covenant opens this part to. */
  | "CONTENT"
  /** A field of a part's content: readable wherever the content itself is (the content decides). */
  | "WITH_CONTENT"
  /** The regisseur's working notes: "nobody else reads them" (§5). */
  | "REGISSEUR"
  /** A task's process data: PROCESS, or from DAT the partner the task was given to. */
  | "TASK_PROCESS"
  /** A consent or legal ground: the regisseur, the process lead, and the partner it concerns. */
  | "PARTNER_RECORD"
  /** An emergency access and its reason: the regisseur, the process lead, and who opened it. */
  | "EMERGENCY_RECORD"
  /** The region's directory (partners, professionals): open to every professional of the region. */
  | "DIRECTORY"
  /** The family's keepers, its regisseur and process lead: its concerns (the submitter's words, the BSNs). */
  | "KEEPER"
  /** A coordinated step's process data: PROCESS, or from DAT the partner taking the step (000 §8). */
  | "STEP_PROCESS"
  /** That a case meeting was held, with whom: PROCESS, or from DAT a professional who attended it (002 §2.8). */
  | "MEETING_PROCESS"
  /** What a budget commitment buys: CONTENT, and the project leaders who decide it (from PROCESS). */
  | "BUDGET_CONTENT";

export const EXPECTED: Record<string, Record<string, Rule>> = {
  Family: {
    id: "DAT",
    name: "DAT",
    myAccess: "DAT",
    involvements: "DAT",
    // PROCESS: "phase, category, who is regisseur, deadlines, open escalations" and the household.
    category: "PROCESS",
    categoryHistory: "PROCESS",
    regisseur: "PROCESS",
    processLead: "PROCESS",
    members: "PROCESS",
    // The lists hold only the records the caller may see (see RECORDS below).
    consents: "DAT",
    legalGrounds: "DAT",
    emergencyAccesses: "DAT",
    regieHistory: "PROCESS",
    plan: "PROCESS",
    // The phase, how the family was screened and its closures are process data; the concerns are the keepers'.
    closures: "PROCESS",
    phase: "PROCESS",
    phaseHistory: "PROCESS",
    openEscalations: "PROCESS",
    screening: "PROCESS",
    concerns: "KEEPER",
    // The list holds only the steps the caller may see: all from PROCESS, its own organisation's below (RECORDS).
    coordinatedSteps: "DAT",
    // *That* the family has a network is process data; who they are, content (part NETWORK).
    network: "PROCESS",
    // The list holds only the meetings the caller may see: all from PROCESS, those attended below (RECORDS).
    caseMeetings: "DAT",
    // The cost picture is process data; what a commitment buys is as open as its task or goal.
    budget: "PROCESS",
    // How to reach the family now is process data (000 §10); its history is the keepers'.
    contactDetails: "PROCESS",
    contactHistory: "KEEPER",
  },
  ContactDetail: { id: "PROCESS", kind: "PROCESS", value: "PROCESS", memberId: "PROCESS", validFrom: "PROCESS", validTo: "PROCESS", byClient: "PROCESS" },
  PlanBudget: { ceilingCents: "PROCESS", committedCents: "PROCESS", spentCents: "PROCESS", proposedCents: "PROCESS", commitments: "PROCESS" },
  BudgetCommitment: {
    id: "PROCESS",
    familyId: "PROCESS",
    amountCents: "PROCESS",
    spentCents: "PROCESS",
    status: "PROCESS",
    proposedAt: "PROCESS",
    decidedAt: "PROCESS",
    reason: "PROCESS",
    content: "BUDGET_CONTENT",
  },
  BudgetCommitmentContent: { service: "WITH_CONTENT", taskId: "WITH_CONTENT", goalId: "WITH_CONTENT", lifeDomain: "WITH_CONTENT" },
  CaseMeeting: {
    id: "MEETING_PROCESS",
    meeting: "MEETING_PROCESS",
    heldOn: "MEETING_PROCESS",
    attendees: "MEETING_PROCESS",
    memberIds: "MEETING_PROCESS",
    networkMemberIds: "MEETING_PROCESS",
    adoptedPlanVersion: "MEETING_PROCESS",
    recordedAt: "MEETING_PROCESS",
    content: "CONTENT",
  },
  CaseMeetingContent: { minutes: "WITH_CONTENT", decisions: "WITH_CONTENT" },
  NetworkMember: { id: "PROCESS", addedAt: "PROCESS", endedOn: "PROCESS", content: "CONTENT" },
  NetworkMemberContent: { name: "WITH_CONTENT", relation: "WITH_CONTENT", relatedMemberId: "WITH_CONTENT", contact: "WITH_CONTENT", support: "WITH_CONTENT" },
  // *That* a partner took a step, and when, is process data; what it is, plan content of its life domain.
  CoordinatedStep: {
    id: "STEP_PROCESS",
    kind: "STEP_PROCESS",
    status: "STEP_PROCESS",
    partner: "STEP_PROCESS",
    at: "STEP_PROCESS",
    recordedAt: "STEP_PROCESS",
    reportDueAt: "STEP_PROCESS",
    reportedAt: "STEP_PROCESS",
    overdue: "STEP_PROCESS",
    late: "STEP_PROCESS",
    content: "CONTENT",
  },
  CoordinatedStepContent: { lifeDomain: "WITH_CONTENT", legalDuty: "WITH_CONTENT", description: "WITH_CONTENT", reportedBy: "WITH_CONTENT" },
  // Free-text notes about the family are its keepers'; the rest is process data.
  PhasePeriod: { phase: "PROCESS", since: "PROCESS", until: "PROCESS", days: "PROCESS", setById: "PROCESS", note: "KEEPER" },
  Screening: { outcome: "PROCESS", meeting: "PROCESS", reasoning: "KEEPER", screenedAt: "PROCESS", screenedById: "PROCESS" },
  PlanMeeting: { code: "DIRECTORY", name: "DIRECTORY" },
  OpenEscalation: { track: "PROCESS", currentStep: "PROCESS", raisedAt: "PROCESS", dueAt: "PROCESS", overdue: "PROCESS" },
  // Reached here only through Family.concerns; the submitter's and the crisis partner's own views
  // of a concern are tested in intake.test.ts.
  Concern: {
    id: "KEEPER",
    route: "KEEPER",
    crisis: "KEEPER",
    status: "KEEPER",
    submittedAt: "KEEPER",
    submittedById: "KEEPER",
    submittedBy: "KEEPER",
    partner: "KEEPER",
    label: "KEEPER",
    description: "KEEPER",
    discussedWithFamily: "KEEPER",
    notDiscussedReason: "KEEPER",
    members: "KEEPER",
    familyId: "KEEPER",
  },
  // Identities as a member's (FULL); the coordinator reads them only while screening, and these families are screened.
  ConcernMember: { bsn: "FULL", givenName: "KEEPER", familyName: "KEEPER", birthDate: "FULL", relation: "KEEPER", legalCustody: "KEEPER" },
  // "Why can I see this?": every caller who knows of the family may ask.
  FamilyAccess: { level: "DAT", causes: "DAT" },
  EntitlementCause: {
    kind: "DAT",
    level: "DAT",
    covenantVersion: "DAT",
    ruleId: "DAT",
    description: "DAT",
    partKind: "DAT",
    lifeDomains: "DAT",
    consentId: "DAT",
    legalGroundId: "DAT",
    emergencyAccessId: "DAT",
    personId: "DAT",
    basis: "DAT",
    until: "DAT",
  },
  // DAT: *that* partner X / professional Y is involved with member Z, since when, how to reach them.
  FamilyInvolvement: { organisation: "DAT", sector: "DAT", professional: "DAT", phone: "DAT", email: "DAT", member: "DAT", since: "DAT" },
  FamilyMember: { id: "PROCESS", person: "PROCESS", relation: "PROCESS", legalCustody: "PROCESS", validFrom: "PROCESS", validTo: "PROCESS" },
  // The identifying data (BSN, birth date) only for the whole-plan level.
  Person: { id: "PROCESS", givenName: "PROCESS", familyName: "PROCESS", bsn: "FULL", birthDate: "FULL" },
  CategoryChange: { category: "PROCESS", since: "PROCESS", setById: "PROCESS" },
  Consent: {
    id: "PARTNER_RECORD",
    personId: "PARTNER_RECORD",
    partnerId: "PARTNER_RECORD",
    lifeDomains: "PARTNER_RECORD",
    givenBy: "PARTNER_RECORD",
    givenOn: "PARTNER_RECORD",
    recordedById: "PARTNER_RECORD",
    withdrawnOn: "PARTNER_RECORD",
    withdrawnBy: "PARTNER_RECORD",
  },
  LegalGround: {
    id: "PARTNER_RECORD",
    personId: "PARTNER_RECORD",
    partnerId: "PARTNER_RECORD",
    lifeDomains: "PARTNER_RECORD",
    kind: "PARTNER_RECORD",
    basis: "PARTNER_RECORD",
    validFrom: "PARTNER_RECORD",
    validUntil: "PARTNER_RECORD",
    recordedById: "PARTNER_RECORD",
  },
  EmergencyAccess: {
    id: "EMERGENCY_RECORD",
    professionalId: "EMERGENCY_RECORD",
    partnerId: "EMERGENCY_RECORD",
    reason: "EMERGENCY_RECORD",
    openedAt: "EMERGENCY_RECORD",
    expiresAt: "EMERGENCY_RECORD",
    lifeDomains: "EMERGENCY_RECORD",
  },
  // Who led the plan is process data; the hand-over note is for the regisseur.
  RegieAssignment: { professionalId: "PROCESS", professional: "PROCESS", since: "PROCESS", until: "PROCESS", assignedById: "PROCESS", assignedBy: "PROCESS", note: "FULL" },
  // The plan: that parts exist, their dates, statuses and who leads from PROCESS; what a part
  // says (its words, domain and members: one `content` object) only where the covenant opens the
  // part; coach notes for the regisseur alone.
  Plan: {
    id: "PROCESS",
    version: "PROCESS",
    startedOn: "PROCESS",
    updatedAt: "PROCESS",
    evaluationMonths: "PROCESS",
    nextEvaluationDue: "PROCESS",
    referringPartner: "PROCESS",
    analyses: "PROCESS",
    goals: "PROCESS",
    tasks: "PROCESS",
    milestones: "PROCESS",
    evaluations: "PROCESS",
    agreements: "PROCESS",
    history: "PROCESS",
    adoptedIn: "PROCESS",
    coachNotes: "REGISSEUR",
  },
  Analysis: { id: "PROCESS", updatedAt: "PROCESS", content: "CONTENT" },
  AnalysisContent: { lifeDomain: "WITH_CONTENT", memberId: "WITH_CONTENT", text: "WITH_CONTENT" },
  Goal: { id: "PROCESS", status: "PROCESS", createdAt: "PROCESS", content: "CONTENT" },
  GoalContent: {
    lifeDomain: "WITH_CONTENT",
    memberIds: "WITH_CONTENT",
    ownWords: "WITH_CONTENT",
    target: "WITH_CONTENT",
    achievement: "WITH_CONTENT",
    leadMemberId: "WITH_CONTENT",
    leadNetworkMemberId: "WITH_CONTENT",
  },
  Task: {
    id: "TASK_PROCESS",
    status: "TASK_PROCESS",
    dueDate: "TASK_PROCESS",
    askedOn: "TASK_PROCESS",
    startedOn: "TASK_PROCESS",
    waitingDays: "TASK_PROCESS",
    overdue: "TASK_PROCESS",
    response: "TASK_PROCESS",
    leadPartner: "TASK_PROCESS",
    leadProfessional: "TASK_PROCESS",
    content: "CONTENT",
  },
  TaskContent: {
    lifeDomain: "WITH_CONTENT",
    memberIds: "WITH_CONTENT",
    description: "WITH_CONTENT",
    followUp: "WITH_CONTENT",
    responseReason: "WITH_CONTENT",
    goalId: "WITH_CONTENT",
    leadMemberId: "WITH_CONTENT",
    leadNetworkMemberId: "WITH_CONTENT",
  },
  Milestone: { id: "PROCESS", dueDate: "PROCESS", reachedOn: "PROCESS", content: "CONTENT" },
  MilestoneContent: { title: "WITH_CONTENT" },
  Evaluation: { id: "PROCESS", heldOn: "PROCESS", results: "PROCESS", final: "PROCESS", content: "CONTENT" },
  EvaluationContent: { overall: "WITH_CONTENT" },
  GoalResult: { goalId: "PROCESS", content: "CONTENT" },
  GoalResultContent: { result: "WITH_CONTENT", achievement: "WITH_CONTENT" },
  Agreement: { version: "PROCESS", party: "PROCESS", personId: "PROCESS", partnerId: "PROCESS", recordedById: "PROCESS", agreedAt: "PROCESS" },
  CoachNote: { id: "REGISSEUR", text: "REGISSEUR", createdAt: "REGISSEUR" },
  // A revision's own data is process data; the part it carries answers to that part's rules.
  PlanRevision: {
    version: "PROCESS",
    action: "PROCESS",
    partKind: "PROCESS",
    changedById: "PROCESS",
    changedAt: "PROCESS",
    analysis: "PROCESS",
    goal: "PROCESS",
    task: "PROCESS",
    milestone: "PROCESS",
    evaluation: "PROCESS",
  },
  // A closure's outcome and aftercare are process data (§8); the warm handover note, like regie's
  // hand-over note, is for the regisseur.
  Closure: {
    id: "PROCESS",
    closedAt: "PROCESS",
    closedById: "PROCESS",
    finalEvaluationId: "PROCESS",
    goalsTotal: "PROCESS",
    goalsAchieved: "PROCESS",
    positiveExit: "PROCESS",
    aftercareKeeperId: "PROCESS",
    revisitOn: "PROCESS",
    aftercareEndedAt: "PROCESS",
    aftercareNote: "KEEPER",
    reopenedAt: "PROCESS",
    reopenedById: "PROCESS",
    reopenReason: "KEEPER",
    handoverPartner: "PROCESS",
    handoverProfessionalId: "PROCESS",
    handoverNote: "FULL",
  },
  Professional: { id: "DIRECTORY", name: "DIRECTORY", email: "DIRECTORY", phone: "DIRECTORY", roles: "DIRECTORY", partner: "DIRECTORY", region: "DIRECTORY" },
  Partner: { id: "DIRECTORY", name: "DIRECTORY", sector: "DIRECTORY", covenantSignatory: "DIRECTORY" },
  Region: { id: "DIRECTORY", code: "DIRECTORY", name: "DIRECTORY", referenceIndex: "DIRECTORY", retention: "DIRECTORY" },
  ReferenceIndexSettings: { activeMonths: "DIRECTORY", historicalMonths: "DIRECTORY", ageLimitYears: "DIRECTORY" },
  RetentionSettings: { closedFamilyYears: "DIRECTORY" },
};

/** How the items of a list are matched between two answers (the order of equal sort keys is not fixed). */
export const LIST_KEYS: Record<string, readonly string[]> = {
  FamilyMember: ["id"],
  CategoryChange: ["since", "category"],
  FamilyInvolvement: ["organisation", "professional", "member"],
  Consent: ["id"],
  LegalGround: ["id"],
  EmergencyAccess: ["id"],
  RegieAssignment: ["professionalId", "since"],
  Analysis: ["id"],
  Goal: ["id"],
  Task: ["id"],
  Milestone: ["id"],
  Evaluation: ["id"],
  GoalResult: ["goalId"],
  Agreement: ["version", "party", "personId", "partnerId", "agreedAt"],
  CoachNote: ["id"],
  PlanRevision: ["version"],
  Closure: ["id"],
  PhasePeriod: ["since", "phase"],
  OpenEscalation: ["raisedAt", "track"],
  Concern: ["id"],
  CoordinatedStep: ["id"],
  NetworkMember: ["id"],
  CaseMeeting: ["id"],
  BudgetCommitment: ["id"],
  ContactDetail: ["id"],
  Professional: ["id"],
  ConcernMember: ["givenName"],
};
