import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { data, startTestApp, type TestApp } from "./app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./builders.js";

/*
 * What the plan tests share (domain brief §5, §6): the documents a client sends, the shapes it
 * reads, one region's organisations and professionals under a published covenant, and helpers that
 * go through HTTP.
 */

export const START = "2026-11-23T10:00:00+01:00";
export const TODAY = "2026-11-23";
// An id nobody has: whoever may not know a family gets exactly the answer this one gets.
export const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

// --- documents ---------------------------------------------------------------------------------

const REGISTER = `mutation($input: RegisterFamilyInput!) {
  registerFamily(input: $input) { id family { members { person { id givenName } } } }
}`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const CONSENT = `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce } }`;

const ANALYSIS = `id content { lifeDomain memberId text }`;
const GOAL = `id status content { lifeDomain memberIds ownWords target achievement }`;
const TASK = `id status dueDate overdue response content { lifeDomain memberIds description followUp responseReason goalId } leadPartner { id } leadProfessional { id }`;
const MILESTONE = `id content { title } dueDate reachedOn`;
const EVALUATION = `id heldOn content { overall } results { goalId content { result achievement } }`;
const REVISION = `version action partKind changedById
  analysis { ${ANALYSIS} } goal { ${GOAL} } task { ${TASK} } milestone { ${MILESTONE} } evaluation { ${EVALUATION} }`;

export const PLAN = `query($id: ID!) { family(id: $id) { plan {
  id version startedOn nextEvaluationDue evaluationMonths referringPartner { id }
  analyses { ${ANALYSIS} } goals { ${GOAL} } tasks { ${TASK} } milestones { ${MILESTONE} } evaluations { ${EVALUATION} }
  agreements { version party personId partnerId recordedById }
  history { ${REVISION} }
} } }`;
export const COACH_NOTES = `query($id: ID!) { family(id: $id) { plan { version coachNotes { text } } } }`;
export const REGIE = `query($id: ID!) { family(id: $id) {
  regisseur { id } processLead { id } myAccess { level causes { kind } }
  regieHistory { professionalId since until assignedById note }
} }`;

export const START_PLAN = `mutation($familyId: ID!, $referrer: ID) { startPlan(familyId: $familyId, referringPartnerId: $referrer) { ${REVISION} } }`;
export const SET_ANALYSIS = `mutation($familyId: ID!, $v: Int!, $input: AnalysisInput!) {
  setAnalysis(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
export const ADD_GOAL = `mutation($familyId: ID!, $v: Int!, $input: GoalInput!) {
  addGoal(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
export const UPDATE_GOAL = `mutation($goalId: ID!, $v: Int!, $input: GoalUpdate!) {
  updateGoal(goalId: $goalId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
export const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) {
  addTask(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
export const UPDATE_TASK = `mutation($taskId: ID!, $v: Int!, $input: TaskUpdate!) {
  updateTask(taskId: $taskId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
export const ADD_MILESTONE = `mutation($familyId: ID!, $v: Int!, $input: MilestoneInput!) {
  addMilestone(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
export const REACH_MILESTONE = `mutation($milestoneId: ID!, $v: Int!, $on: LocalDate) {
  markMilestoneReached(milestoneId: $milestoneId, expectedVersion: $v, reachedOn: $on) { ${REVISION} } }`;
export const RECORD_EVALUATION = `mutation($familyId: ID!, $v: Int!, $input: EvaluationInput!) {
  recordEvaluation(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
export const ADD_NOTE = `mutation($familyId: ID!, $text: String!) { addCoachNote(familyId: $familyId, text: $text) { id text } }`;
export const AGREE = `mutation($familyId: ID!, $version: Int!, $party: AgreementParty!, $personId: ID) {
  agreeToPlan(familyId: $familyId, version: $version, party: $party, personId: $personId) { version party personId partnerId recordedById } }`;
export const RESPOND = `mutation($taskId: ID!, $response: TaskResponse!, $reason: String) {
  respondToTask(taskId: $taskId, response: $response, reason: $reason) { id status response overdue } }`;
export const SET_STATUS = `mutation($taskId: ID!, $status: TaskStatus!) { setTaskStatus(taskId: $taskId, status: $status) { id status response overdue } }`;
export const HAND_OVER = `mutation($familyId: ID!, $to: ID!, $note: String) { handOverRegie(familyId: $familyId, toProfessionalId: $to, note: $note) }`;
export const ASSIGN_LEAD = `mutation($familyId: ID!, $to: ID!) { assignProcessLead(familyId: $familyId, toProfessionalId: $to) }`;
export const PROCESS_VIEW = `query($id: ID!) { family(id: $id) { regisseur { id } processLead { id } myAccess { level causes { kind } } } }`;
export const MY_TASKS = `{ myTasks { nodes { id status overdue response leadPartner { id } } } }`;

// --- the shapes a client reads -----------------------------------------------------------------

// What a part says is one object, `content`: null (with one FORBIDDEN) where the covenant closes it.
export interface AnalysisView {
  id: string;
  content: { lifeDomain: string; memberId: string | null; text: string } | null;
}
export interface GoalView {
  id: string;
  status: string | null;
  content: { lifeDomain: string; memberIds: string[]; ownWords: string; target: string; achievement: number | null } | null;
}
export interface TaskView {
  id: string;
  status: string | null;
  dueDate: string | null;
  overdue: boolean | null;
  response: string | null;
  content: { lifeDomain: string; memberIds: string[]; description: string; followUp: string | null; responseReason: string | null; goalId: string | null } | null;
  leadPartner: { id: string } | null;
  leadProfessional: { id: string } | null;
}
export interface MilestoneView {
  id: string;
  content: { title: string } | null;
  dueDate: string | null;
  reachedOn: string | null;
}
export interface EvaluationView {
  id: string;
  heldOn: string | null;
  content: { overall: string } | null;
  results: { goalId: string | null; content: { result: string; achievement: number | null } | null }[] | null;
}
export interface AgreementView {
  version: number | null;
  party: string | null;
  personId: string | null;
  partnerId: string | null;
  recordedById: string | null;
}
export interface Revision {
  version: number;
  action: string;
  partKind: string | null;
  changedById: string;
  analysis: AnalysisView | null;
  goal: GoalView | null;
  task: TaskView | null;
  milestone: MilestoneView | null;
  evaluation: EvaluationView | null;
}
export interface PlanView {
  id: string;
  version: number;
  startedOn: string;
  nextEvaluationDue: string;
  evaluationMonths: number;
  referringPartner: { id: string } | null;
  analyses: AnalysisView[];
  goals: GoalView[];
  tasks: TaskView[];
  milestones: MilestoneView[];
  evaluations: EvaluationView[];
  agreements: AgreementView[];
  history: Revision[];
}
export interface RegieView {
  regisseur: { id: string } | null;
  processLead: { id: string } | null;
  myAccess: { level: string; causes: { kind: string }[] };
  regieHistory: { professionalId: string; since: string; until: string | null; assignedById: string; note: string | null }[];
}
export interface Household {
  familyId: string;
  parentId: string;
  teenId: string;
  childId: string;
}
export type Vars = Record<string, unknown>;
export type Who = { id: string };
export type PartnerRef = { id: string; regionId: string };

// --- the world ---------------------------------------------------------------------------------

/*
 * Ids are chosen when this module loads (each test file loads it anew), so that tables of cases
 * can name the world's organisations and professionals before the server runs; startPlanServer
 * writes them.
 */
const region = { id: randomUUID(), code: "plan-region" };
const elsewhere = { id: randomUUID(), code: "other-region" };
const partnerOf = (regionId: string): PartnerRef => ({ id: randomUUID(), regionId });
const someone = (): Who => ({ id: randomUUID() });

const municipality = partnerOf(region.id);
const socialWork = partnerOf(region.id);
export const housing = partnerOf(region.id);
export const youthCare = partnerOf(region.id);
export const police = partnerOf(region.id);
const health = partnerOf(region.id);
export const foreignPartner = partnerOf(elsewhere.id);

export const coach = someone();
export const coach2 = someone();
export const youthCoach = someone();
export const processLead = someone();
export const processLead2 = someone();
const covenantAdmin = someone();
export const housingPro = someone();
export const housingPro2 = someone();
export const youthPro = someone();
export const policePro = someone();
export const healthPro = someone();
export const formerHousingPro = someone();
export const formerCoach = someone();
export const foreignCoach = someone();

/** The real server over a fresh database holding the world, its covenant in force, the clock at START. */
export async function startPlanServer(): Promise<TestApp> {
  const app = await startTestApp();
  app.clock.set(START);
  const db = app.database.db;
  await aRegion(db, region);
  for (const code of ["HOUSING", "FINANCES", "PARENTING"]) await aLifeDomain(db, region.id, code);
  await aLifeDomain(db, region.id, "SAFETY", true);
  await aPartner(db, region.id, { id: municipality.id, name: "Gemeente", sector: "MUNICIPALITY" });
  await aPartner(db, region.id, { id: socialWork.id, name: "MJD", sector: "SOCIAL_WORK" });
  await aPartner(db, region.id, { id: housing.id, name: "Lefier", sector: "HOUSING" });
  await aPartner(db, region.id, { id: youthCare.id, name: "Elker", sector: "YOUTH_CARE" });
  await aPartner(db, region.id, { id: police.id, name: "Politie", sector: "POLICE_JUSTICE" });
  await aPartner(db, region.id, { id: health.id, name: "GGD", sector: "HEALTH" });

  await aProfessional(db, socialWork, ["COACH"], coach);
  await aProfessional(db, socialWork, ["COACH"], coach2);
  await aProfessional(db, youthCare, ["COACH"], youthCoach);
  await aProfessional(db, municipality, ["PROCESS_LEAD"], processLead);
  await aProfessional(db, municipality, ["PROCESS_LEAD"], processLead2);
  await aProfessional(db, municipality, ["COVENANT_ADMIN"], covenantAdmin);
  await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"], housingPro);
  await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"], housingPro2);
  await aProfessional(db, youthCare, ["PARTNER_PROFESSIONAL"], youthPro);
  await aProfessional(db, police, ["PARTNER_PROFESSIONAL"], policePro);
  await aProfessional(db, health, ["PARTNER_PROFESSIONAL"], healthPro);
  await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"], { ...formerHousingPro, active: false });
  await aProfessional(db, socialWork, ["COACH"], { ...formerCoach, active: false });

  await aRegion(db, elsewhere);
  await aLifeDomain(db, elsewhere.id, "CLIMATE");
  await aPartner(db, elsewhere.id, { id: foreignPartner.id, name: "Elders", sector: "HOUSING" });
  await aProfessional(db, foreignPartner, ["COACH"], foreignCoach);

  const covenant = {
    title: "Convenant één gezin, één plan",
    signatoryPartnerIds: [municipality.id, socialWork.id, housing.id, youthCare.id, police.id],
    rules: [
      { level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know who else is involved." },
      {
        granteeSector: "HOUSING",
        level: "SECTION",
        lifeDomain: "HOUSING",
        requiresInvolvement: true,
        requiresConsentOrLegalGround: true,
        description: "Housing reads the housing parts, with consent.",
      },
    ],
  };
  const published = await app.gql<{ publishCovenantVersion: { version: number; inForce: boolean } }>(PUBLISH, { input: covenant }, covenantAdmin.id);
  expect(data(published).publishCovenantVersion).toEqual({ version: 1, inForce: true });
  return app;
}

// --- input -------------------------------------------------------------------------------------

export const goalInput = (overrides: Vars = {}) => ({
  lifeDomain: "HOUSING",
  memberIds: [],
  ownWords: "We want to keep our home",
  target: "No rent arrears by June 2027",
  ...overrides,
});
export const taskInput = (overrides: Vars = {}) => ({
  lifeDomain: "HOUSING",
  memberIds: [],
  description: "Arrange a payment plan for the rent",
  leadPartnerId: housing.id,
  dueDate: "2026-12-15",
  ...overrides,
});
export const evaluationInput = (overrides: Vars = {}) => ({ heldOn: TODAY, overall: "First steps taken", results: [], ...overrides });

// --- helpers over HTTP -------------------------------------------------------------------------

/** The helpers on the file's server, started in its beforeAll after these are made: they read it when called. */
export function planClient(server: () => TestApp) {
  const gql = <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => server().gql<T>(query, variables, as.id);

  /** A plan edit that must succeed; returns the revision it made. */
  async function edit(mutation: string, variables: Vars, as: Who = coach): Promise<Revision> {
    const result = data(await gql<Record<string, Revision>>(mutation, variables, as));
    return Object.values(result)[0]!;
  }

  async function planOf(familyId: string, as: Who = coach): Promise<PlanView> {
    const response = await gql<{ family: { plan: PlanView | null } | null }>(PLAN, { id: familyId }, as);
    const plan = data(response).family?.plan;
    expect(plan, "the caller reads the plan").toBeTruthy();
    return plan!;
  }

  let seed = 30_000_000;
  /**
   * A household of a parent, a teenager of 17 and a child of 10, led by `coach`, its process
   * watched by `processLead`. Lefier (housing) has signalled the teenager and Elker (youth care)
   * the child, so both are involved; the plan is started unless asked otherwise.
   */
  async function aFamily(name: string, options: { plan?: boolean; referrer?: string; consent?: boolean } = {}): Promise<Household> {
    const base = (seed += 1_000);
    const parent = { bsn: bsnNumber(base), givenName: "Mirjam", familyName: name, birthDate: "1985-02-14", relation: "PARENT", legalCustody: true };
    const teen = { bsn: bsnNumber(base + 100), givenName: "Noa", familyName: name, birthDate: "2009-03-15", relation: "CHILD" };
    const child = { bsn: bsnNumber(base + 200), givenName: "Finn", familyName: name, birthDate: "2016-06-01", relation: "CHILD" };
    const registered = data(
      await gql<{ registerFamily: { id: string; family: { members: { person: { id: string; givenName: string } }[] } } }>(
        REGISTER,
        { input: { name: `Gezin ${name}`, category: "MPG2", regisseurId: coach.id, members: [parent, teen, child] } },
        processLead,
      ),
    ).registerFamily;
    const person = (givenName: string) => registered.family.members.find((member) => member.person.givenName === givenName)!.person.id;
    const household = { familyId: registered.id, parentId: person("Mirjam"), teenId: person("Noa"), childId: person("Finn") };
    data(await gql(SIGNAL, { input: { bsn: teen.bsn, birthDate: teen.birthDate, discussedWithFamily: true } }, housingPro));
    data(await gql(SIGNAL, { input: { bsn: child.bsn, birthDate: child.birthDate, discussedWithFamily: true } }, youthPro));
    if (options.consent) {
      const consent = { familyId: household.familyId, personId: household.teenId, partnerId: housing.id, lifeDomains: ["HOUSING"], givenBy: [household.teenId] };
      data(await gql(CONSENT, { input: consent }, coach));
    }
    if (options.plan !== false) {
      const started = await edit(START_PLAN, { familyId: household.familyId, referrer: options.referrer ?? null });
      expect(started.version).toBe(1);
    }
    return household;
  }

  return { gql, edit, planOf, aFamily };
}
