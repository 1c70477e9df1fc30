import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { families } from "../src/families/tables.js";
import { professionals, regions as regionsTable } from "../src/organisations/tables.js";
import { evaluations, plans } from "../src/plan/tables.js";
import { AMSTERDAM_PROCESS, GRONINGEN_PROCESS, installProcessDefaults } from "../src/process/intake/defaults.js";
import { closures, familyPhases, screenings } from "../src/process/tables.js";
import { buildBareSchema } from "../src/schema.js";
import { startTestApp, type GraphQLResponse, type TestApp } from "./support/app.js";

/*
 * The issue's required proof: a complete matrix through HTTP. For each kind of caller, against
 * every field of every type reachable from Family, in both demo regions: exactly the expected
 * fields visible, the rest hidden (docs/decisions/0001):
 *   - a family the caller may not know of is absent: left out of `families`, and `family(id)`
 *     answers byte for byte as for an id that does not exist;
 *   - inside a known family, "visible" is the true value with no error at its path, "hidden" is
 *     null with a FORBIDDEN error at exactly that path.
 *
 * The expectations below are written from the domain brief (../shared/domain.md §3, §5, §6) and
 * the permission files, never by asking the implementation. The only thing read from the API is
 * the ground truth of the data: the family's regisseur sees the whole plan, so their answer says
 * which life domain, members and lead partner each part has; the expectation per caller is then
 * computed from the tables here.
 */

type Level = "NONE" | "DAT" | "PROCESS" | "SECTION" | "FULL";
const LEVELS: readonly Level[] = ["NONE", "DAT", "PROCESS", "SECTION", "FULL"];
const atLeast = (level: Level, minimum: Level) => LEVELS.indexOf(level) >= LEVELS.indexOf(minimum);

// ---------------------------------------------------------------------------------------------
// Who sees which field (domain brief §6 levels; the field split of the permission files).
// ---------------------------------------------------------------------------------------------

type Rule =
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
  | "KEEPER";

const EXPECTED: Record<string, Record<string, Rule>> = {
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
    screening: "PROCESS",
    concerns: "KEEPER",
  },
  // Free-text notes about the family are its keepers'; the rest is process data.
  PhasePeriod: { phase: "PROCESS", since: "PROCESS", until: "PROCESS", days: "PROCESS", setById: "PROCESS", note: "KEEPER" },
  Screening: { outcome: "PROCESS", meeting: "PROCESS", reasoning: "KEEPER", screenedAt: "PROCESS", screenedById: "PROCESS" },
  PlanMeeting: { code: "DIRECTORY", name: "DIRECTORY" },
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
  RegieAssignment: { professionalId: "PROCESS", since: "PROCESS", until: "PROCESS", assignedById: "PROCESS", note: "FULL" },
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
    coachNotes: "REGISSEUR",
  },
  Analysis: { id: "PROCESS", updatedAt: "PROCESS", content: "CONTENT" },
  AnalysisContent: { lifeDomain: "WITH_CONTENT", memberId: "WITH_CONTENT", text: "WITH_CONTENT" },
  Goal: { id: "PROCESS", status: "PROCESS", createdAt: "PROCESS", content: "CONTENT" },
  GoalContent: { lifeDomain: "WITH_CONTENT", memberIds: "WITH_CONTENT", ownWords: "WITH_CONTENT", target: "WITH_CONTENT", achievement: "WITH_CONTENT" },
  Task: {
    id: "TASK_PROCESS",
    status: "TASK_PROCESS",
    dueDate: "TASK_PROCESS",
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

const keepsTheFamily = (caller: CallerKind) => caller.level === "FULL" || caller.kind === "the process lead";
/**
 * §6 PROCESS is "phase, category, regisseur, deadlines, escalations": not which partner holds
 * consent for what, a child-protection measure's basis, or someone's emergency reason. Those
 * are for the regisseur, the process lead and the partner (or professional) concerned.
 */
const RECORDS: Record<string, (caller: CallerKind, record: JsonObject, partnerId: string | undefined) => boolean> = {
  Consent: (caller, record, partnerId) => keepsTheFamily(caller) || record.partnerId === partnerId,
  LegalGround: (caller, record, partnerId) => keepsTheFamily(caller) || record.partnerId === partnerId,
  EmergencyAccess: (caller, record) => keepsTheFamily(caller) || record.professionalId === demoProfessionalId(caller.email),
};

/** How the items of a list are matched between two answers (the order of equal sort keys is not fixed). */
const LIST_KEYS: Record<string, readonly string[]> = {
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
  Concern: ["id"],
  ConcernMember: ["givenName"],
};

// ---------------------------------------------------------------------------------------------
// The kinds of caller, per region and moment, and what the covenant gives each (domain brief §3, §6).
// ---------------------------------------------------------------------------------------------

/** Which plan parts a SECTION caller may read beyond its own tasks and the goals it works on. */
type ContentGrant =
  /** Groningen: "the information in the family recovery plans is accessible to all partners". */
  | "EVERY_PART"
  /**
   * Parts of these life domains, where every member the part is about (the household when it
   * names none) is covered for that domain by consent or a legal ground (`cover`, by BSN) — or
   * without that condition (emergency access). A part without a life domain is not opened.
   */
  | { domains: readonly string[]; cover: Record<string, readonly string[]> | "NOT_NEEDED" };

interface CallerKind {
  kind: string;
  email: string;
  level: Level;
  /** The caller's organisation: "the goals it works on and the tasks given to it" (§6 SECTION). */
  partner?: string;
  content?: ContentGrant;
  /** Why, in the words of the domain brief. */
  why: string;
}

type Phase = "before" | "during" | "after";

interface RegionCase {
  region: string;
  family: string;
  regisseur: string;
  callers: (phase: Phase) => CallerKind[];
}

// Gezin Jansen's members by BSN (src/demo/scenario.ts).
const PATRICK = "999995200";
const SAMIRA = "999996058";
const TESS = "999996071";
const MEES = "999996149";

// Gezin Bakker's members by BSN.
const ERIK = "999990299";
const LINDA = "999990494";
const DAAN = "999990585";
const LOTTE = "999990676";

/** Ymere: housing, with consent of all four members for HOUSING (recorded in the demo). */
const HOUSING_WITH_CONSENT: ContentGrant = {
  domains: ["HOUSING"],
  cover: { [PATRICK]: ["HOUSING"], [SAMIRA]: ["HOUSING"], [TESS]: ["HOUSING"], [MEES]: ["HOUSING"] },
};
/** Youth protection: parenting, safety, school, on the child-protection measure for Tess and Mees. */
const YOUTH_CARE_ON_LEGAL_GROUND: ContentGrant = {
  domains: ["PARENTING", "SAFETY", "SCHOOL"],
  cover: { [TESS]: ["PARENTING", "SAFETY", "SCHOOL"], [MEES]: ["PARENTING", "SAFETY", "SCHOOL"] },
};
/** Break the glass: the region's safety-relevant domain, without consent. */
const SAFETY_IN_AN_EMERGENCY: ContentGrant = { domains: ["SAFETY"], cover: "NOT_NEEDED" };

const AMSTERDAM: RegionCase = {
  region: "Amsterdam",
  family: "Gezin Jansen",
  regisseur: "coach2@amsterdam.demo",
  callers: (phase) => [
    { kind: "the family's regisseur", email: "coach2@amsterdam.demo", level: "FULL", why: "the regisseur sees the whole plan (§3, §6 FULL)" },
    {
      kind: "a regisseur of another family",
      email: "coach1@amsterdam.demo",
      level: "NONE",
      why: "Combiwel is not involved with Gezin Jansen, and Amsterdam's covenant grants only involved signatories",
    },
    {
      kind: "an involved partner with consent",
      email: "ymere@amsterdam.demo",
      level: "SECTION",
      partner: "Ymere",
      content: HOUSING_WITH_CONSENT,
      why: "housing corporations: the housing parts, with consent (all four members consented for HOUSING); plus its own tasks and the goals they serve",
    },
    phase === "before"
      ? {
          kind: "an involved partner without consent",
          email: "politie@amsterdam.demo",
          level: "DAT",
          partner: "Politie Amsterdam",
          why: "involved (a signal on Tess): learns only that the others are involved",
        }
      : phase === "during"
        ? {
            kind: "an involved partner with emergency access (open)",
            email: "politie@amsterdam.demo",
            level: "SECTION",
            partner: "Politie Amsterdam",
            content: SAFETY_IN_AN_EMERGENCY,
            why: "break the glass: the safety-relevant parts (SAFETY), for a short time, without consent",
          }
        : {
            kind: "an involved partner whose emergency access ended",
            email: "politie@amsterdam.demo",
            level: "DAT",
            partner: "Politie Amsterdam",
            why: "the emergency access is over: back to DAT",
          },
    {
      kind: "an involved partner with a legal ground",
      email: "jeugdbescherming@amsterdam.demo",
      level: "SECTION",
      partner: "Jeugdbescherming Regio Amsterdam",
      content: YOUTH_CARE_ON_LEGAL_GROUND,
      why: "youth care: parenting, safety and school, for the children under the child-protection measure; plus its own task and the goal it serves",
    },
    { kind: "an uninvolved partner", email: "werkeninkomen@amsterdam.demo", level: "NONE", why: "not involved: Amsterdam's covenant grants it nothing" },
    { kind: "the process lead", email: "procesmanager@amsterdam.demo", level: "PROCESS", why: "process metadata, not the content of the case (§3)" },
    { kind: "the covenant administrator", email: "beheer@amsterdam.demo", level: "NONE", why: "partners, users, covenant rules; no case content (§3)" },
    { kind: "a professional of the other region", email: "coach1@groningen.demo", level: "NONE", why: "no query ever crosses regions (§2)" },
  ],
};

const GRONINGEN: RegionCase = {
  region: "Groningen",
  family: "Gezin Bakker",
  regisseur: "coach1@groningen.demo",
  callers: (phase) => [
    { kind: "the family's regisseur", email: "coach1@groningen.demo", level: "FULL", why: "the regisseur sees the whole plan (§3, §6 FULL)" },
    {
      kind: "a regisseur of another family",
      email: "coach2@groningen.demo",
      level: "SECTION",
      partner: "Elker",
      content: "EVERY_PART",
      why: "Groningen's covenant opens the plans to every signatory, involved or not",
    },
    {
      kind: "an involved partner with consent",
      email: "lefier@groningen.demo",
      level: "SECTION",
      partner: "Lefier",
      content: "EVERY_PART",
      why: "every signatory sees every part; the consent (recorded here) makes no difference in Groningen",
    },
    phase === "before"
      ? {
          kind: "an involved partner without consent",
          email: "ocsw@groningen.demo",
          level: "SECTION",
          partner: "Gemeente Groningen – OCSW",
          content: "EVERY_PART",
          why: "every signatory sees every part, consent or not",
        }
      : {
          kind: phase === "during" ? "an involved partner with emergency access (open)" : "an involved partner whose emergency access ended",
          email: "ocsw@groningen.demo",
          level: "SECTION",
          partner: "Gemeente Groningen – OCSW",
          content: "EVERY_PART",
          why: "it already sees every part: emergency access adds nothing and its end takes nothing away",
        },
    {
      kind: "an involved partner with a legal ground",
      email: "gkb@groningen.demo",
      level: "SECTION",
      partner: "Gemeente Groningen – GKB",
      content: "EVERY_PART",
      why: "every signatory sees every part; the legal ground (recorded here) makes no difference in Groningen",
    },
    {
      kind: "an uninvolved partner",
      email: "thuiszorg@groningen.demo",
      level: "SECTION",
      partner: "Thuiszorg Groningen",
      content: "EVERY_PART",
      why: "the covenant asks no involvement: every signatory sees every part",
    },
    {
      kind: "the process lead",
      email: "projectleider@groningen.demo",
      level: "PROCESS",
      why: "the process lead — 'or the Groningen project leader' — sees process metadata, not plan content (§3)",
    },
    { kind: "the covenant administrator", email: "beheer@groningen.demo", level: "NONE", why: "partners, users, covenant rules; no case content (§3)" },
    { kind: "a professional of the other region", email: "coach2@amsterdam.demo", level: "NONE", why: "no query ever crosses regions (§2)" },
  ],
};

const REGIONS = [AMSTERDAM, GRONINGEN] as const;
const PHASES: readonly { phase: Phase; title: string }[] = [
  { phase: "before", title: "before any emergency access" },
  { phase: "during", title: "while the emergency accesses are open" },
  { phase: "after", title: "after the emergency accesses have ended" },
];

// ---------------------------------------------------------------------------------------------
// The query: every field of every object type reachable from Family, generated from the schema.
// ---------------------------------------------------------------------------------------------

interface Selection {
  name: string;
  type: string;
  children?: Selection[];
}

function selectEverything(type: GraphQLObjectType, path: readonly string[]): Selection[] {
  return Object.values(type.getFields()).map((field) => {
    if (field.args.length > 0) throw new Error(`${type.name}.${field.name} takes arguments: give it a value in the matrix`);
    const named = getNamedType(field.type);
    if (isLeafType(named)) return { name: field.name, type: named.name };
    if (!isObjectType(named)) throw new Error(`${type.name}.${field.name}: interfaces and unions are not handled by the matrix`);
    if (path.includes(named.name)) throw new Error(`${type.name}.${field.name} leads back to ${named.name}: break the cycle in the matrix`);
    return { name: field.name, type: named.name, children: selectEverything(named, [...path, named.name]) };
  });
}

const printSelection = (selection: readonly Selection[]): string =>
  selection.map((field) => (field.children ? `${field.name} { ${printSelection(field.children)} }` : field.name)).join(" ");

// ---------------------------------------------------------------------------------------------
// Answers, ground truth and the comparison.
// ---------------------------------------------------------------------------------------------

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type GqlError = NonNullable<GraphQLResponse["body"]["errors"]>[number];

/** What the regisseur's answer says about the family's data: the facts the expectations need. */
interface World {
  goals: Map<string, { lifeDomain: string; memberIds: string[] }>;
  /** Goals served by a task given to a partner (by partner name), unless it declined or it was cancelled. */
  goalsWorkedOn: (partner: string) => Set<string>;
  currentMembers: string[];
  bsnOf: Map<string, string>;
}

interface Part {
  kind: "ANALYSIS" | "GOAL" | "TASK" | "SCHEDULE" | "EVALUATION";
  lifeDomain: string | null;
  memberIds: readonly string[];
  goalId?: string;
  leadPartner?: string;
}

const asObject = (value: Json | undefined): JsonObject => (value !== null && typeof value === "object" && !Array.isArray(value) ? value : {});
const asList = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
const asString = (value: Json | undefined): string | null => (typeof value === "string" ? value : null);

function worldOf(family: JsonObject, today: string): World {
  const plan = asObject(family.plan);
  const goals = new Map(
    asList(plan.goals).map((goal) => {
      const object = asObject(goal);
      const content = asObject(object.content);
      return [String(object.id), { lifeDomain: String(content.lifeDomain), memberIds: asList(content.memberIds).map(String) }] as const;
    }),
  );
  const tasks = asList(plan.tasks).map(asObject);
  const members = asList(family.members).map(asObject);
  return {
    goals,
    goalsWorkedOn: (partner) =>
      new Set(
        tasks
          .filter((task) => asString(asObject(task.leadPartner).name) === partner && task.response !== "DECLINED" && task.status !== "CANCELLED")
          .map((task) => asString(asObject(task.content).goalId))
          .filter((id): id is string => id !== null),
      ),
    currentMembers: members
      .filter((member) => String(member.validFrom) <= today && (member.validTo === null || String(member.validTo) >= today))
      .map((member) => String(asObject(member.person).id)),
    bsnOf: new Map(members.map((member) => [String(asObject(member.person).id), String(asObject(member.person).bsn)])),
  };
}

/** Which plan part an object of the plan is, read from the regisseur's copy of it. */
function partOf(type: string, truth: JsonObject, world: World): Part | undefined {
  const content = asObject(truth.content);
  const lifeDomain = asString(content.lifeDomain);
  const memberIds = asList(content.memberIds).map(String);
  switch (type) {
    case "Analysis":
      return { kind: "ANALYSIS", lifeDomain, memberIds: content.memberId ? [String(content.memberId)] : [] };
    case "Goal":
      return { kind: "GOAL", lifeDomain, memberIds, goalId: String(truth.id) };
    case "Task":
      return { kind: "TASK", lifeDomain, memberIds, leadPartner: asString(asObject(truth.leadPartner).name) ?? undefined };
    case "Milestone":
      return { kind: "SCHEDULE", lifeDomain: null, memberIds: [] };
    case "Evaluation":
      return { kind: "EVALUATION", lifeDomain: null, memberIds: [] };
    case "GoalResult": {
      // A goal's result in an evaluation is as open as the goal itself.
      const goalId = String(truth.goalId);
      const goal = world.goals.get(goalId);
      if (!goal) throw new Error(`an evaluation result names goal ${goalId}, which the plan does not have`);
      return { kind: "GOAL", lifeDomain: goal.lifeDomain, memberIds: goal.memberIds, goalId };
    }
    default:
      return undefined;
  }
}

/** The content rule of §6, per caller: whether it may read the words of this part. */
function mayReadContent(caller: CallerKind, part: Part | undefined, world: World): boolean {
  if (caller.level === "FULL") return true;
  if (!atLeast(caller.level, "SECTION") || !part) return false;
  const grant = caller.content;
  if (grant === "EVERY_PART") return true;
  if (grant && part.lifeDomain !== null && grant.domains.includes(part.lifeDomain)) {
    if (grant.cover === "NOT_NEEDED") return true;
    const cover = grant.cover;
    const domain = part.lifeDomain;
    const concerned = part.memberIds.length > 0 ? part.memberIds : world.currentMembers;
    if (concerned.length > 0 && concerned.every((member) => cover[world.bsnOf.get(member) ?? ""]?.includes(domain))) return true;
  }
  if (caller.partner !== undefined) {
    if (part.kind === "TASK" && part.leadPartner === caller.partner) return true;
    if (part.kind === "GOAL" && part.goalId !== undefined && world.goalsWorkedOn(caller.partner).has(part.goalId)) return true;
  }
  return false;
}

function expectVisible(rule: Rule, caller: CallerKind, type: string, truth: JsonObject, world: World): boolean {
  switch (rule) {
    case "DIRECTORY":
      return true;
    case "CONTENT":
      return mayReadContent(caller, partOf(type, truth, world), world);
    case "WITH_CONTENT":
      // Reached only inside a content the walk already found visible.
      return true;
    case "REGISSEUR":
      return caller.level === "FULL";
    case "TASK_PROCESS":
      return atLeast(caller.level, "PROCESS") || (atLeast(caller.level, "DAT") && asString(asObject(truth.leadPartner).name) === caller.partner);
    case "KEEPER":
      return keepsTheFamily(caller);
    case "PARTNER_RECORD":
    case "EMERGENCY_RECORD":
      // The lists carry only the records the caller may see (RECORDS), all of them readable.
      return atLeast(caller.level, "DAT");
    default:
      return atLeast(caller.level, rule);
  }
}

const show = (value: Json | undefined) => {
  const text = JSON.stringify(value ?? null);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
};
const pathText = (path: readonly (string | number)[]) =>
  path.map((step, index) => (typeof step === "number" ? `[${step}]` : index === 0 ? step : `.${step}`)).join("");
const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every (type, field) the matrix checked, and how often it was expected visible and hidden. */
const coverage = new Map<string, { visible: number; hidden: number }>();
let checks = 0;

interface Walk {
  caller: CallerKind;
  world: World;
  errors: Map<string, GqlError[]>;
  mismatches: string[];
  /** Every path compared: an error anywhere else is unexpected. */
  visited: Set<string>;
  /** Whether this walk counts towards the matrix's coverage (not so for describing a leak). */
  counts: boolean;
  /** The caller's organisation's id. */
  partnerId?: string;
}

function errorsAt(walk: Walk, path: readonly (string | number)[]): GqlError[] {
  return walk.errors.get(pathText(path)) ?? [];
}

function errorsBelow(walk: Walk, path: readonly (string | number)[]): string {
  const prefix = pathText(path);
  const below = [...walk.errors.entries()].filter(([at]) => at.startsWith(`${prefix}.`) || at.startsWith(`${prefix}[`));
  return below.length === 0 ? "" : ` (errors below: ${below.map(([at, list]) => `${at} ${list.map((error) => error.extensions?.code).join("/")}`).join(", ")})`;
}

/** Compares one object of the caller's answer with the regisseur's, field by field. */
function walkObject(walk: Walk, type: string, selection: readonly Selection[], truth: JsonObject, actual: JsonObject, path: (string | number)[], selfTruth: boolean) {
  for (const field of selection) {
    const rule = EXPECTED[type]?.[field.name];
    const at = [...path, field.name];
    if (rule === undefined) {
      walk.mismatches.push(`${pathText(at)}: no expectation for ${type}.${field.name} in the matrix`);
      continue;
    }
    const visible = expectVisible(rule, walk.caller, type, truth, walk.world);
    walk.visited.add(pathText(at));
    if (walk.counts) {
      const tally = coverage.get(`${type}.${field.name}`) ?? { visible: 0, hidden: 0 };
      tally[visible ? "visible" : "hidden"] += 1;
      coverage.set(`${type}.${field.name}`, tally);
      checks += 1;
    }

    const errors = errorsAt(walk, at);
    const value = actual[field.name];
    if (!visible) {
      if (errors.length === 0) {
        walk.mismatches.push(`${pathText(at)}: expected hidden (FORBIDDEN), got ${value === null || value === undefined ? "null without an error" : `visible ${show(value)}`}`);
      } else if (errors.some((error) => error.extensions?.code !== "FORBIDDEN")) {
        walk.mismatches.push(`${pathText(at)}: expected hidden (FORBIDDEN), got ${errors.map((error) => error.extensions?.code).join("/")}`);
      } else if (value !== null && value !== undefined) {
        walk.mismatches.push(`${pathText(at)}: expected hidden, got FORBIDDEN but also the value ${show(value)}`);
      }
      continue;
    }
    if (errors.length > 0) {
      walk.mismatches.push(`${pathText(at)}: expected visible ${show(truth[field.name])}, got ${errors.map((error) => error.extensions?.code).join("/")}`);
      continue;
    }
    // The caller's own access is the caller's own: only that it is readable is compared.
    const ownTruth = selfTruth || (type === "Family" && field.name === "myAccess");
    const expected = ownTruth ? value : truth[field.name];
    if (!field.children) {
      if (!same(value, expected)) walk.mismatches.push(`${pathText(at)}: expected visible ${show(expected)}, got ${show(value)}`);
      continue;
    }
    if (expected === null || expected === undefined) {
      if (value !== null && value !== undefined) walk.mismatches.push(`${pathText(at)}: expected null, got ${show(value)}`);
      continue;
    }
    if (value === null || value === undefined) {
      walk.mismatches.push(`${pathText(at)}: expected visible ${show(expected)}, got null without an error${errorsBelow(walk, at)}`);
      continue;
    }
    if (Array.isArray(expected)) {
      walkList(walk, field, expected, asList(value), at, ownTruth);
    } else {
      walkObject(walk, field.type, field.children, asObject(expected), asObject(value), at, ownTruth);
    }
  }
}

/** Lists are matched item by item on their keys: the order of equal sort keys is not part of the contract. */
function walkList(walk: Walk, field: Selection, truth: Json[], actual: Json[], path: (string | number)[], selfTruth: boolean) {
  if (selfTruth) {
    actual.forEach((item, index) => walkObject(walk, field.type, field.children!, asObject(item), asObject(item), [...path, index], true));
    return;
  }
  const keys = LIST_KEYS[field.type];
  if (!keys) throw new Error(`no list key for ${field.type}: add one to LIST_KEYS`);
  // Records between the family and one partner, or one professional: only those the caller may see.
  const mayHold = RECORDS[field.type];
  if (mayHold) truth = truth.filter((item) => mayHold(walk.caller, asObject(item), walk.partnerId));
  const keyOf = (item: Json) => JSON.stringify(keys.map((key) => asObject(item)[key] ?? null));
  const remaining = new Map(actual.map((item, index) => [keyOf(item), index]));
  for (const item of truth) {
    const index = remaining.get(keyOf(item));
    if (index === undefined) {
      walk.mismatches.push(`${pathText(path)}: expected an item ${keyOf(item)}, missing from the answer${errorsBelow(walk, path)}`);
      continue;
    }
    remaining.delete(keyOf(item));
    walkObject(walk, field.type, field.children!, asObject(item), asObject(actual[index]), [...path, index], false);
  }
  for (const [key] of remaining) walk.mismatches.push(`${pathText(path)}: unexpected item ${key}`);
}

// ---------------------------------------------------------------------------------------------
// The test.
// ---------------------------------------------------------------------------------------------

const FAMILY_IDS = `{ families { id name } }`;

describe("the covenant matrix: every kind of caller against every field of the plan, in both regions", () => {
  let app: TestApp;
  let selection: Selection[];
  let matrixQuery: string;
  const familyIds = new Map<string, string>();
  const truths = new Map<string, { family: JsonObject; world: World }>();
  const emergencyEnds: Date[] = [];

  const gql = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, email: string) =>
    app.gql<T>(query, variables, demoProfessionalId(email));

  /** A setup step that must work: its errors fail the test with their messages. */
  async function must<T>(query: string, variables: Record<string, unknown>, email: string): Promise<T> {
    const response = await gql<T>(query, variables, email);
    if (response.body.errors?.length || !response.body.data) throw new Error(`${email}: ${query}\n${response.text}`);
    return response.body.data;
  }

  /** The regisseur's own answer: the ground truth of the family's data at this moment. */
  async function loadTruths() {
    for (const region of REGIONS) {
      const response = await gql<{ family: JsonObject | null }>(matrixQuery, { id: familyIds.get(region.family) }, region.regisseur);
      const family = response.body.data?.family;
      if (!family) throw new Error(`${region.regisseur} cannot read ${region.family}: ${response.text}`);
      truths.set(region.region, { family, world: worldOf(family, app.clock.today()) });
    }
  }

  async function check(region: RegionCase, caller: CallerKind): Promise<string[]> {
    const familyId = familyIds.get(region.family)!;
    const truth = truths.get(region.region)!;
    const mismatches: string[] = [];
    const listed = await gql<{ families: { id: string }[] }>(FAMILY_IDS, {}, caller.email);
    const inList = (listed.body.data?.families ?? []).some((family) => family.id === familyId);
    const response = await gql<{ family: JsonObject | null }>(matrixQuery, { id: familyId }, caller.email);
    const family = response.body.data?.family ?? null;

    if (caller.level === "NONE") {
      // Not there at all: not listed, and the answer for its id is the answer for no family.
      const unknown = await gql(matrixQuery, { id: randomUUID() }, caller.email);
      if (inList) mismatches.push(`families: expected ${region.family} absent, it is listed`);
      if (response.status !== unknown.status || response.text !== unknown.text) {
        const level = asString(asObject(family?.myAccess).level);
        mismatches.push(`family(id): expected the same answer as for an unknown id (${unknown.text.trim()}), got ${family ? `the family at level ${level}` : response.text.slice(0, 200)}`);
        if (family) {
          // Say what leaks: which of the family's own fields the caller can read.
          const leak: Walk = { caller, world: truth.world, errors: errorMap(response), mismatches: [], visited: new Set(), counts: false };
          walkObject(leak, "Family", selection, truth.family, family, ["family"], false);
          const readable = leak.mismatches.filter((line) => line.includes("got visible")).map((line) => line.replace(": expected hidden (FORBIDDEN), got visible", " ="));
          mismatches.push(`  readable family fields: ${readable.join("; ")}`);
        }
      }
      return mismatches;
    }

    if (!inList) mismatches.push(`families: expected ${region.family} listed, it is absent`);
    if (!family) {
      mismatches.push(`family(id): expected the family at level ${caller.level}, got ${response.text.slice(0, 300)}`);
      return mismatches;
    }
    const level = asString(asObject(family.myAccess).level);
    if (level !== caller.level) mismatches.push(`family.myAccess.level: expected ${caller.level}, got ${level}`);
    const me = await gql<{ me: { partner: { id: string } } }>(`{ me { partner { id } } }`, {}, caller.email);
    const partnerId = me.body.data?.me.partner.id;
    const walk: Walk = { caller, world: truth.world, errors: errorMap(response), mismatches, visited: new Set(), counts: true, partnerId };
    walkObject(walk, "Family", selection, truth.family, family, ["family"], false);
    // An error the walk did not account for (at a path it never compared) is a mismatch too.
    const unexpected = (response.body.errors ?? []).filter((error) => !walk.visited.has(pathText(error.path ?? [])));
    for (const error of unexpected) mismatches.push(`${pathText(error.path ?? [])}: unexpected error ${error.extensions?.code}: ${error.message}`);
    return mismatches;
  }

  const errorMap = (response: GraphQLResponse) => {
    const map = new Map<string, GqlError[]>();
    for (const error of response.body.errors ?? []) {
      const key = pathText(error.path ?? []);
      map.set(key, [...(map.get(key) ?? []), error]);
    }
    return map;
  };

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.database.db, app.clock.now());
    const schema = await buildBareSchema();
    selection = selectEverything(schema.getType("Family") as GraphQLObjectType, ["Family"]);
    matrixQuery = `query Matrix($id: ID!) { family(id: $id) { ${printSelection(selection)} } }`;

    for (const region of REGIONS) {
      const { families } = await must<{ families: { id: string; name: string }[] }>(FAMILY_IDS, {}, region.regisseur);
      const family = families.find((candidate) => candidate.name === region.family);
      if (!family) throw new Error(`${region.regisseur} does not lead ${region.family}`);
      familyIds.set(region.family, family.id);
    }

    // Groningen has no consent or legal ground in the demo: the regisseur records them through
    // the API, so that "with consent" and "with a legal ground" are real there too.
    const bakker = familyIds.get(GRONINGEN.family)!;
    const coach = GRONINGEN.regisseur;
    const { partners } = await must<{ partners: { id: string; name: string }[] }>(`{ partners { id name } }`, {}, coach);
    const partnerId = (name: string) => partners.find((partner) => partner.name === name)!.id;
    const { family } = await must<{ family: { members: { person: { id: string; bsn: string } }[] } }>(
      `query($id: ID!) { family(id: $id) { members { person { id bsn } } } }`,
      { id: bakker },
      coach,
    );
    const person = (bsn: string) => family.members.find((member) => member.person.bsn === bsn)!.person.id;
    const consent = `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`;
    // The age rule: adults alone; Daan (15) and Lotte (12) together with a parent with custody.
    for (const [member, givenBy] of [[ERIK, [ERIK]], [LINDA, [LINDA]], [DAAN, [DAAN, ERIK]], [LOTTE, [LOTTE, LINDA]]] as const) {
      await must(consent, { input: { familyId: bakker, personId: person(member), partnerId: partnerId("Lefier"), lifeDomains: ["HOUSING"], givenBy: givenBy.map(person) } }, coach);
    }
    for (const member of [ERIK, LINDA]) {
      await must(
        `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id } }`,
        {
          input: {
            familyId: bakker,
            personId: person(member),
            partnerId: partnerId("Gemeente Groningen – GKB"),
            lifeDomains: ["FINANCES"],
            kind: "OTHER_STATUTORY_TASK",
            basis: "Wet gemeentelijke schuldhulpverlening, art. 3: beschikking schuldhulp",
          },
        },
        coach,
      );
    }

    // The intake side of each family: the region's process settings, a concern about the household
    // (attached to the family, as any concern about a known household is), its screening and its
    // first phase, so that every field below Family is reached.
    const db = app.database.db;
    for (const [region, submitter, defaults] of [[AMSTERDAM, "ymere@amsterdam.demo", AMSTERDAM_PROCESS], [GRONINGEN, "lefier@groningen.demo", GRONINGEN_PROCESS]] as const) {
      const [regionRow] = await db.select({ id: regionsTable.id }).from(regionsTable).where(eq(regionsTable.code, defaults.regionCode));
      await installProcessDefaults(db, regionRow!.id, defaults);
      const familyId = familyIds.get(region.family)!;
      const { family: household } = await must<{ family: { members: { relation: string; legalCustody: boolean; validTo: string | null; person: { bsn: string; givenName: string; familyName: string; birthDate: string } }[] } }>(
        `query($id: ID!) { family(id: $id) { members { relation legalCustody validTo person { bsn givenName familyName birthDate } } } }`,
        { id: familyId },
        region.regisseur,
      );
      const members = household.members
        .filter((member) => member.validTo === null)
        .map((member) => ({ ...member.person, relation: member.relation, legalCustody: member.legalCustody }));
      await must(
        `mutation($input: ConcernInput!) { registerConcern(input: $input) { route } }`,
        { input: { label: region.family, members, description: "Zorgen over huur en schoolverzuim.", discussedWithFamily: false, notDiscussedReason: "Nog niet bereikt." } },
        submitter,
      );
      const [row] = await db.select().from(families).where(eq(families.id, familyId));
      const meeting = defaults.meetings[0]!.code;
      await db
        .insert(screenings)
        .values({ familyId, regionId: row!.regionId, outcome: "MPG2", meeting, reasoning: "Meer dan drie problemen tegelijk.", screenedBy: row!.registeredBy, screenedAt: row!.registeredAt })
        .onConflictDoNothing();
      const phases = await db.select({ id: familyPhases.id }).from(familyPhases).where(eq(familyPhases.familyId, familyId));
      if (phases.length === 0) {
        await db.insert(familyPhases).values({ regionId: row!.regionId, familyId, phase: row!.phase, since: row!.registeredAt, setBy: row!.registeredBy });
      }
      // An earlier closure, reopened since, with a warm handover: so every Closure field has a value to guard.
      const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.familyId, familyId));
      const [evaluation] = await db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.planId, plan!.id)).limit(1);
      const partnerId = (await db.select({ partnerId: professionals.partnerId }).from(professionals).where(eq(professionals.id, row!.regisseurId!)))[0]!.partnerId;
      await db.insert(closures).values({
        regionId: row!.regionId,
        familyId,
        closedAt: new Date("2025-06-01T10:00:00Z"),
        closedBy: row!.regisseurId!,
        finalEvaluationId: evaluation!.id,
        goalsTotal: 3,
        goalsAchieved: 2,
        positiveExit: false,
        aftercareKeeperId: row!.regisseurId!,
        revisitOn: "2025-12-01",
        handoverPartnerId: partnerId,
        handoverProfessionalId: row!.regisseurId!,
        handoverNote: "Warme overdracht aan de eigen hulpverlener.",
        aftercareEndedAt: new Date("2025-08-01T10:00:00Z"),
        aftercareNote: "Nieuwe zorgen; het gezin is heropend.",
        reopenedAt: new Date("2025-08-01T10:00:00Z"),
        reopenedBy: row!.processLeadId!,
        reopenReason: "Nieuwe zorgen na een melding van school.",
      });
    }
  });
  afterAll(() => app?.close());

  it("asks for every field of every type reachable from Family in one query, within the server's limits", async () => {
    const expected = Object.entries(EXPECTED).flatMap(([type, fields]) => Object.keys(fields).map((field) => `${type}.${field}`));
    const selected = new Set<string>();
    const collect = (type: string, fields: readonly Selection[]) =>
      fields.forEach((field) => {
        selected.add(`${type}.${field.name}`);
        if (field.children) collect(field.type, field.children);
      });
    collect("Family", selection);
    // The expectation table and the schema name the same fields: none unexpected, none stale.
    expect([...selected].filter((name) => !expected.includes(name)), "fields without an expectation").toEqual([]);
    expect(expected.filter((name) => !selected.has(name)), "expectations for fields the schema does not have").toEqual([]);
    for (const region of REGIONS) {
      const response = await gql(matrixQuery, { id: familyIds.get(region.family) }, region.regisseur);
      expect(response.status).toBe(200);
      expect(response.body.errors ?? []).toEqual([]);
    }
  });

  for (const { phase, title } of PHASES) {
    describe(title, () => {
      beforeAll(async () => {
        if (phase === "during") {
          // Break the glass: an involved partner of each region opens the safety-relevant parts.
          const open = `mutation($familyId: ID!, $reason: String!) { openEmergencyAccess(familyId: $familyId, reason: $reason) { id expiresAt } }`;
          for (const [region, email] of [[AMSTERDAM, "politie@amsterdam.demo"], [GRONINGEN, "ocsw@groningen.demo"]] as const) {
            const { openEmergencyAccess } = await must<{ openEmergencyAccess: { expiresAt: string } }>(
              open,
              { familyId: familyIds.get(region.family), reason: "Melding huiselijk geweld vannacht; kind direct in gevaar, veiligheidsplan nodig." },
              email,
            );
            emergencyEnds.push(new Date(openEmergencyAccess.expiresAt));
          }
          app.clock.set(new Date(app.clock.now().getTime() + 60 * 60_000));
        }
        if (phase === "after") {
          // Past the end of every emergency access (24 hours), by a minute.
          app.clock.set(new Date(Math.max(...emergencyEnds.map((end) => end.getTime())) + 60_000));
        }
        await loadTruths();
      });

      for (const region of REGIONS) {
        for (const caller of region.callers(phase)) {
          it(`${region.region}, ${region.family}: ${caller.kind} (${caller.email}) — ${caller.level}`, async () => {
            const mismatches = await check(region, caller);
            expect(mismatches, `${caller.kind} (${caller.email}), expected ${caller.level}: ${caller.why}`).toEqual([]);
          });
        }
      }
    });
  }

  it("reached every field of the query, and saw every guarded field both visible and hidden", () => {
    const unreached = [...coverage.keys()].length === 0 ? ["nothing"] : [];
    const collect = (type: string, fields: readonly Selection[]) =>
      fields.forEach((field) => {
        if (!coverage.has(`${type}.${field.name}`)) unreached.push(`${type}.${field.name}`);
        if (field.children) collect(field.type, field.children);
      });
    collect("Family", selection);
    expect(unreached, `${checks} field checks in all`).toEqual([]);
    // Every field was expected visible somewhere, and every field that a caller who reaches its
    // object may still be refused (content, FULL-only data) was expected hidden too. (Coach notes
    // reach the regisseur alone: the list itself, Plan.coachNotes, is the one seen hidden.)
    const ruleOf = (name: string) => EXPECTED[name.split(".")[0]!]?.[name.split(".")[1]!];
    const neverVisible = [...coverage.entries()].filter(([, tally]) => tally.visible === 0).map(([name]) => name);
    const neverHidden = [...coverage.entries()]
      .filter(([name, tally]) => tally.hidden === 0 && ["CONTENT", "REGISSEUR", "FULL"].includes(ruleOf(name) ?? "") && !name.startsWith("CoachNote."))
      .map(([name]) => name);
    expect({ neverVisible, neverHidden }).toEqual({ neverVisible: [], neverHidden: [] });
  });
});
