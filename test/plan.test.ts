import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp, data, refused } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The family's one plan (domain brief §5), through HTTP against the real server and database:
 * only the regisseur edits, every edit is a new version kept in the history, an edit on an old
 * version is refused and loses nothing, partners answer and report on their own tasks, and the
 * covenant (§6) decides what the others read.
 */

const START = "2026-11-23T10:00:00+01:00";
const TODAY = "2026-11-23";
// An id nobody has: whoever may not know a family gets exactly the answer this one gets.
const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

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

const PLAN = `query($id: ID!) { family(id: $id) { plan {
  id version startedOn nextEvaluationDue evaluationMonths referringPartner { id }
  analyses { ${ANALYSIS} } goals { ${GOAL} } tasks { ${TASK} } milestones { ${MILESTONE} } evaluations { ${EVALUATION} }
  agreements { version party personId partnerId recordedById }
  history { ${REVISION} }
} } }`;
const COACH_NOTES = `query($id: ID!) { family(id: $id) { plan { version coachNotes { text } } } }`;
const REGIE = `query($id: ID!) { family(id: $id) {
  regisseur { id } processLead { id } myAccess { level causes { kind } }
  regieHistory { professionalId since until assignedById note }
} }`;

const START_PLAN = `mutation($familyId: ID!, $referrer: ID) { startPlan(familyId: $familyId, referringPartnerId: $referrer) { ${REVISION} } }`;
const SET_ANALYSIS = `mutation($familyId: ID!, $v: Int!, $input: AnalysisInput!) {
  setAnalysis(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
const ADD_GOAL = `mutation($familyId: ID!, $v: Int!, $input: GoalInput!) {
  addGoal(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
const UPDATE_GOAL = `mutation($goalId: ID!, $v: Int!, $input: GoalUpdate!) {
  updateGoal(goalId: $goalId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) {
  addTask(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
const UPDATE_TASK = `mutation($taskId: ID!, $v: Int!, $input: TaskUpdate!) {
  updateTask(taskId: $taskId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
const ADD_MILESTONE = `mutation($familyId: ID!, $v: Int!, $input: MilestoneInput!) {
  addMilestone(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
const REACH_MILESTONE = `mutation($milestoneId: ID!, $v: Int!, $on: LocalDate) {
  markMilestoneReached(milestoneId: $milestoneId, expectedVersion: $v, reachedOn: $on) { ${REVISION} } }`;
const RECORD_EVALUATION = `mutation($familyId: ID!, $v: Int!, $input: EvaluationInput!) {
  recordEvaluation(familyId: $familyId, expectedVersion: $v, input: $input) { ${REVISION} } }`;
const ADD_NOTE = `mutation($familyId: ID!, $text: String!) { addCoachNote(familyId: $familyId, text: $text) { id text } }`;
const AGREE = `mutation($familyId: ID!, $version: Int!, $party: AgreementParty!, $personId: ID) {
  agreeToPlan(familyId: $familyId, version: $version, party: $party, personId: $personId) { version party personId partnerId recordedById } }`;
const RESPOND = `mutation($taskId: ID!, $response: TaskResponse!, $reason: String) {
  respondToTask(taskId: $taskId, response: $response, reason: $reason) { id status response overdue } }`;
const SET_STATUS = `mutation($taskId: ID!, $status: TaskStatus!) { setTaskStatus(taskId: $taskId, status: $status) { id status response overdue } }`;
const HAND_OVER = `mutation($familyId: ID!, $to: ID!, $note: String) { handOverRegie(familyId: $familyId, toProfessionalId: $to, note: $note) }`;
const ASSIGN_LEAD = `mutation($familyId: ID!, $to: ID!) { assignProcessLead(familyId: $familyId, toProfessionalId: $to) }`;
const PROCESS_VIEW = `query($id: ID!) { family(id: $id) { regisseur { id } processLead { id } myAccess { level causes { kind } } } }`;
const MY_TASKS = `{ myTasks { id status overdue response leadPartner { id } } }`;

// --- the shapes a client reads -----------------------------------------------------------------

// What a part says is one object, `content`: null (with one FORBIDDEN) where the covenant closes it.
interface AnalysisView {
  id: string;
  content: { lifeDomain: string; memberId: string | null; text: string } | null;
}
interface GoalView {
  id: string;
  status: string | null;
  content: { lifeDomain: string; memberIds: string[]; ownWords: string; target: string; achievement: number | null } | null;
}
interface TaskView {
  id: string;
  status: string | null;
  dueDate: string | null;
  overdue: boolean | null;
  response: string | null;
  content: { lifeDomain: string; memberIds: string[]; description: string; followUp: string | null; responseReason: string | null; goalId: string | null } | null;
  leadPartner: { id: string } | null;
  leadProfessional: { id: string } | null;
}
interface MilestoneView {
  id: string;
  content: { title: string } | null;
  dueDate: string | null;
  reachedOn: string | null;
}
interface EvaluationView {
  id: string;
  heldOn: string | null;
  content: { overall: string } | null;
  results: { goalId: string | null; content: { result: string; achievement: number | null } | null }[] | null;
}
interface AgreementView {
  version: number | null;
  party: string | null;
  personId: string | null;
  partnerId: string | null;
  recordedById: string | null;
}
interface Revision {
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
interface PlanView {
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
interface RegieView {
  regisseur: { id: string } | null;
  processLead: { id: string } | null;
  myAccess: { level: string; causes: { kind: string }[] };
  regieHistory: { professionalId: string; since: string; until: string | null; assignedById: string; note: string | null }[];
}
interface Household {
  familyId: string;
  parentId: string;
  teenId: string;
  childId: string;
}
type Vars = Record<string, unknown>;
type Who = { id: string };
type PartnerRef = { id: string; regionId: string };

describe("the family's one plan", () => {
  let app: TestApp;
  let housing: PartnerRef;
  let youthCare: PartnerRef;
  let police: PartnerRef;
  let foreignPartner: PartnerRef;
  let coach: Who;
  let coach2: Who;
  let youthCoach: Who;
  let foreignCoach: Who;
  let processLead: Who;
  let processLead2: Who;
  let housingPro: Who;
  let housingPro2: Who;
  let youthPro: Who;
  let policePro: Who;
  let healthPro: Who;
  let formerHousingPro: Who;
  let formerCoach: Who;

  const gql = <T = Record<string, unknown>>(query: string, variables: Vars, as: Who) => app.gql<T>(query, variables, as.id);


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

  const goalInput = (overrides: Vars = {}) => ({
    lifeDomain: "HOUSING",
    memberIds: [],
    ownWords: "We want to keep our home",
    target: "No rent arrears by June 2027",
    ...overrides,
  });
  const taskInput = (overrides: Vars = {}) => ({
    lifeDomain: "HOUSING",
    memberIds: [],
    description: "Arrange a payment plan for the rent",
    leadPartnerId: housing.id,
    dueDate: "2026-12-15",
    ...overrides,
  });
  const evaluationInput = (overrides: Vars = {}) => ({ heldOn: TODAY, overall: "First steps taken", results: [], ...overrides });

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

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set(START);
    const db = app.database.db;
    const region = await aRegion(db, { code: "plan-region" });
    for (const code of ["HOUSING", "FINANCES", "PARENTING"]) await aLifeDomain(db, region.id, code);
    await aLifeDomain(db, region.id, "SAFETY", true);
    const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id, { name: "MJD", sector: "SOCIAL_WORK" });
    housing = await aPartner(db, region.id, { name: "Lefier", sector: "HOUSING" });
    youthCare = await aPartner(db, region.id, { name: "Elker", sector: "YOUTH_CARE" });
    police = await aPartner(db, region.id, { name: "Politie", sector: "POLICE_JUSTICE" });
    const health = await aPartner(db, region.id, { name: "GGD", sector: "HEALTH" });

    coach = await aProfessional(db, socialWork, ["COACH"]);
    coach2 = await aProfessional(db, socialWork, ["COACH"]);
    youthCoach = await aProfessional(db, youthCare, ["COACH"]);
    processLead = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    processLead2 = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    const covenantAdmin = await aProfessional(db, municipality, ["COVENANT_ADMIN"]);
    housingPro = await aProfessional(db, housing);
    housingPro2 = await aProfessional(db, housing);
    youthPro = await aProfessional(db, youthCare);
    policePro = await aProfessional(db, police);
    healthPro = await aProfessional(db, health);
    formerHousingPro = await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"], { active: false });
    formerCoach = await aProfessional(db, socialWork, ["COACH"], { active: false });

    const elsewhere = await aRegion(db, { code: "other-region" });
    await aLifeDomain(db, elsewhere.id, "CLIMATE");
    foreignPartner = await aPartner(db, elsewhere.id, { name: "Elders", sector: "HOUSING" });
    foreignCoach = await aProfessional(db, foreignPartner, ["COACH"]);

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
    const published = await gql<{ publishCovenantVersion: { version: number; inForce: boolean } }>(PUBLISH, { input: covenant }, covenantAdmin);
    expect(data(published).publishCovenantVersion).toEqual({ version: 1, inForce: true });
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());

  describe("versions and history", () => {
    it("starts one plan per family, at version 1, by the regisseur only", async () => {
      const family = await aFamily("Smits", { plan: false });
      expect(codes(await gql(START_PLAN, { familyId: family.familyId }, processLead))).toEqual(["FORBIDDEN"]);
      const started = await edit(START_PLAN, { familyId: family.familyId });
      expect(started).toMatchObject({ version: 1, action: "PLAN_STARTED", partKind: null, changedById: coach.id });

      refused(await gql(START_PLAN, { familyId: family.familyId }, coach), "CONFLICT");
      const plan = await planOf(family.familyId);
      expect(plan).toMatchObject({ version: 1, startedOn: TODAY, evaluationMonths: 3, referringPartner: null, goals: [], tasks: [] });
      expect(plan.history.map((revision) => [revision.version, revision.action])).toEqual([[1, "PLAN_STARTED"]]);

      // Two starts at the same moment: one plan.
      const other = await aFamily("Peeters", { plan: false });
      const answers = await Promise.all([1, 2].map(() => gql(START_PLAN, { familyId: other.familyId }, coach)));
      expect(answers.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
      expect((await planOf(other.familyId)).history).toHaveLength(1);
    });

    it("raises the version by one with every edit and keeps each part as it was right after the change", async () => {
      const { familyId, parentId, teenId } = await aFamily("Jansen");
      const analysis = await edit(SET_ANALYSIS, { familyId, v: 1, input: { lifeDomain: "HOUSING", text: "Rent arrears; an eviction notice." } });
      expect(analysis).toMatchObject({ version: 2, action: "ANALYSIS_ADDED", partKind: "ANALYSIS", changedById: coach.id });
      expect(analysis.analysis).toMatchObject({ content: { lifeDomain: "HOUSING", memberId: null, text: "Rent arrears; an eviction notice." } });
      const rewritten = await edit(SET_ANALYSIS, { familyId, v: 2, input: { lifeDomain: "HOUSING", text: "Rent arrears of four months." } });
      expect(rewritten).toMatchObject({ version: 3, action: "ANALYSIS_CHANGED", analysis: { id: analysis.analysis!.id, content: { text: "Rent arrears of four months." } } });

      const goal = await edit(ADD_GOAL, { familyId, v: 3, input: goalInput({ memberIds: [parentId, teenId] }) });
      expect(goal).toMatchObject({ version: 4, action: "GOAL_ADDED", partKind: "GOAL" });
      expect(goal.goal).toMatchObject({ status: "OPEN", content: { ownWords: "We want to keep our home", memberIds: [parentId, teenId], achievement: null } });
      const goalId = goal.goal!.id;
      const changed = await edit(UPDATE_GOAL, { goalId, v: 4, input: { ownWords: "We want to stay in this house", status: "IN_PROGRESS", achievement: 40 } });
      expect(changed).toMatchObject({ version: 5, action: "GOAL_CHANGED" });
      // Only the fields given change.
      expect(changed.goal).toMatchObject({ id: goalId, status: "IN_PROGRESS", content: { ownWords: "We want to stay in this house", target: "No rent arrears by June 2027", achievement: 40 } });

      const task = await edit(ADD_TASK, {
        familyId,
        v: 5,
        input: taskInput({ goalId, memberIds: [parentId], leadProfessionalId: housingPro.id, followUp: "Discuss in the family meeting" }),
      });
      expect(task).toMatchObject({ version: 6, action: "TASK_ADDED", partKind: "TASK" });
      expect(task.task).toMatchObject({
        status: "OPEN",
        response: "PENDING",
        overdue: false,
        content: { goalId, description: "Arrange a payment plan for the rent", followUp: "Discuss in the family meeting" },
        dueDate: "2026-12-15",
        leadPartner: { id: housing.id },
        leadProfessional: { id: housingPro.id },
      });
      const taskId = task.task!.id;
      const retasked = await edit(UPDATE_TASK, { taskId, v: 6, input: { description: "Arrange a payment plan with Lefier", dueDate: "2026-12-20" } });
      expect(retasked).toMatchObject({ version: 7, action: "TASK_CHANGED", task: { id: taskId, dueDate: "2026-12-20", content: { description: "Arrange a payment plan with Lefier", followUp: "Discuss in the family meeting" } } });

      const milestone = await edit(ADD_MILESTONE, { familyId, v: 7, input: { title: "Family meeting", dueDate: "2026-12-01" } });
      expect(milestone).toMatchObject({ version: 8, action: "MILESTONE_ADDED", partKind: "SCHEDULE", milestone: { content: { title: "Family meeting" }, reachedOn: null } });
      const reached = await edit(REACH_MILESTONE, { milestoneId: milestone.milestone!.id, v: 8, on: TODAY });
      expect(reached).toMatchObject({ version: 9, action: "MILESTONE_REACHED", milestone: { id: milestone.milestone!.id, reachedOn: TODAY } });

      const evaluation = await edit(RECORD_EVALUATION, { familyId, v: 9, input: evaluationInput({ results: [{ goalId, result: "Payment plan drafted", achievement: 40 }] }) });
      expect(evaluation).toMatchObject({
        version: 10,
        action: "EVALUATION_RECORDED",
        partKind: "EVALUATION",
        evaluation: { heldOn: TODAY, content: { overall: "First steps taken" }, results: [{ goalId, content: { result: "Payment plan drafted", achievement: 40 } }] },
      });

      const plan = await planOf(familyId);
      expect(plan.version).toBe(10);
      expect(plan.history.map((revision) => [revision.version, revision.action])).toEqual([
        [1, "PLAN_STARTED"],
        [2, "ANALYSIS_ADDED"],
        [3, "ANALYSIS_CHANGED"],
        [4, "GOAL_ADDED"],
        [5, "GOAL_CHANGED"],
        [6, "TASK_ADDED"],
        [7, "TASK_CHANGED"],
        [8, "MILESTONE_ADDED"],
        [9, "MILESTONE_REACHED"],
        [10, "EVALUATION_RECORDED"],
      ]);
      expect(plan.history.every((revision) => revision.changedById === coach.id)).toBe(true);
      // Nothing overwritten silently: what was there before each change is still readable.
      const at = (version: number) => plan.history.find((revision) => revision.version === version)!;
      expect(at(2).analysis!.content!.text).toBe("Rent arrears; an eviction notice.");
      expect(at(3).analysis!.content!.text).toBe("Rent arrears of four months.");
      expect(at(4).goal).toMatchObject({ status: "OPEN", content: { ownWords: "We want to keep our home", achievement: null } });
      expect(at(5).goal).toMatchObject({ status: "IN_PROGRESS", content: { ownWords: "We want to stay in this house", achievement: 40 } });
      expect(at(6).task).toMatchObject({ dueDate: "2026-12-15", content: { description: "Arrange a payment plan for the rent" } });
      expect(at(7).task).toMatchObject({ dueDate: "2026-12-20", content: { description: "Arrange a payment plan with Lefier" } });
      expect(at(8).milestone!.reachedOn).toBeNull();
      expect(at(9).milestone!.reachedOn).toBe(TODAY);
      // The current parts are the latest ones.
      expect(plan.analyses.map((part) => part.content?.text)).toEqual(["Rent arrears of four months."]);
      expect(plan.goals.map((part) => part.content?.ownWords)).toEqual(["We want to stay in this house"]);
      expect(plan.tasks.map((part) => part.content?.description)).toEqual(["Arrange a payment plan with Lefier"]);
      expect(plan.milestones.map((part) => part.reachedOn)).toEqual([TODAY]);
      expect(plan.evaluations).toHaveLength(1);
    });

    it("refuses every kind of edit on an old version as CONFLICT, writes nothing, and takes it again on the current one", async () => {
      const { familyId } = await aFamily("DeVries");
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      const taskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput() })).task!.id;
      const milestoneId = (await edit(ADD_MILESTONE, { familyId, v: 3, input: { title: "Meeting", dueDate: "2026-12-01" } })).milestone!.id;
      const before = await planOf(familyId);
      expect(before.version).toBe(4);

      const stale: [string, Vars][] = [
        [SET_ANALYSIS, { familyId, input: { lifeDomain: "FINANCES", text: "Debts" } }],
        [ADD_GOAL, { familyId, input: goalInput({ ownWords: "A goal nobody saw" }) }],
        [UPDATE_GOAL, { goalId, input: { ownWords: "Overwritten" } }],
        [ADD_TASK, { familyId, input: taskInput({ description: "A task nobody saw" }) }],
        [UPDATE_TASK, { taskId, input: { description: "Overwritten" } }],
        [ADD_MILESTONE, { familyId, input: { title: "Another", dueDate: "2027-01-01" } }],
        [REACH_MILESTONE, { milestoneId, on: TODAY }],
        [RECORD_EVALUATION, { familyId, input: evaluationInput() }],
      ];
      for (const [mutation, variables] of stale) {
        const response = await gql(mutation, { ...variables, v: 3 }, coach);
        refused(response, "CONFLICT");
        expect(response.body.errors![0]!.message).toContain("version 4");
      }
      // A version that never was is just as stale.
      refused(await gql(UPDATE_GOAL, { goalId, v: 5, input: { ownWords: "From the future" } }, coach), "CONFLICT");
      expect(await planOf(familyId)).toEqual(before);

      // The client reloads, sees version 4 and applies its change again: nothing lost.
      const reapplied = await edit(UPDATE_GOAL, { goalId, v: before.version, input: { ownWords: "Overwritten, knowingly" } });
      expect(reapplied.version).toBe(5);
      const after = await planOf(familyId);
      expect(after.goals.map((goal) => goal.content?.ownWords)).toEqual(["Overwritten, knowingly"]);
      expect(after.history.map((revision) => revision.version)).toEqual([1, 2, 3, 4, 5]);
    });

    it("lets exactly one of two edits made on the same version through", async () => {
      const { familyId } = await aFamily("Bos");
      const same = await Promise.all(["Our own words A", "Our own words B"].map((ownWords) => gql(ADD_GOAL, { familyId, v: 1, input: goalInput({ ownWords }) }, coach)));
      expect(same.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
      let plan = await planOf(familyId);
      expect(plan.version).toBe(2);
      expect(plan.goals).toHaveLength(1);
      expect(plan.history).toHaveLength(2);
      const goalId = plan.goals[0]!.id;

      // Different edits on the same version, too: one wins, the others must reload.
      const mixed = await Promise.all([
        gql(UPDATE_GOAL, { goalId, v: 2, input: { achievement: 10 } }, coach),
        gql(ADD_TASK, { familyId, v: 2, input: taskInput() }, coach),
        gql(SET_ANALYSIS, { familyId, v: 2, input: { lifeDomain: "HOUSING", text: "Analysis" } }, coach),
        gql(ADD_MILESTONE, { familyId, v: 2, input: { title: "Meeting", dueDate: "2026-12-01" } }, coach),
      ]);
      expect(mixed.map(codes).filter((found) => found.length === 0)).toHaveLength(1);
      expect(mixed.map(codes).filter((found) => found[0] === "CONFLICT")).toHaveLength(3);
      plan = await planOf(familyId);
      expect(plan.version).toBe(3);
      expect(plan.history.map((revision) => revision.version)).toEqual([1, 2, 3]);
      expect(plan.tasks.length + plan.analyses.length + plan.milestones.length + (plan.goals[0]!.content?.achievement === 10 ? 1 : 0)).toBe(1);
    });
  });

  describe("who edits", () => {
    it("lets only the regisseur edit: FORBIDDEN to those who know the family, NOT_FOUND (as for any id) to those who do not", async () => {
      const { familyId } = await aFamily("Visser");
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      const taskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput() })).task!.id;
      const milestoneId = (await edit(ADD_MILESTONE, { familyId, v: 3, input: { title: "Meeting", dueDate: "2026-12-01" } })).milestone!.id;
      const before = await planOf(familyId);
      const v = before.version;
      const real = { familyId, goalId, taskId, milestoneId };
      const random = { familyId: NOBODY, goalId: NOBODY, taskId: NOBODY, milestoneId: NOBODY };
      const attempts: [string, (ids: typeof real) => Vars][] = [
        [START_PLAN, (ids) => ({ familyId: ids.familyId })],
        [SET_ANALYSIS, (ids) => ({ familyId: ids.familyId, v, input: { lifeDomain: "HOUSING", text: "Not mine to write" } })],
        [ADD_GOAL, (ids) => ({ familyId: ids.familyId, v, input: goalInput() })],
        [UPDATE_GOAL, (ids) => ({ goalId: ids.goalId, v, input: { ownWords: "Not mine to write" } })],
        [ADD_TASK, (ids) => ({ familyId: ids.familyId, v, input: taskInput() })],
        [UPDATE_TASK, (ids) => ({ taskId: ids.taskId, v, input: { status: "CANCELLED" } })],
        [ADD_MILESTONE, (ids) => ({ familyId: ids.familyId, v, input: { title: "Not mine", dueDate: "2027-01-01" } })],
        [REACH_MILESTONE, (ids) => ({ milestoneId: ids.milestoneId, v })],
        [RECORD_EVALUATION, (ids) => ({ familyId: ids.familyId, v, input: evaluationInput() })],
        [ADD_NOTE, (ids) => ({ familyId: ids.familyId, text: "Not mine to write" })],
      ];
      // They know the family: the process lead (PROCESS), Lefier and a coach of Elker (involved, DAT).
      for (const caller of [processLead, housingPro, youthCoach]) {
        for (const [mutation, variables] of attempts) refused(await gql(mutation, variables(real), caller), "FORBIDDEN");
      }
      // They do not: another coach of the regisseur's own organisation, a coach of another region,
      // an uninvolved partner. Their answer is the one for an id that does not exist.
      for (const caller of [coach2, foreignCoach, healthPro]) {
        for (const [mutation, variables] of attempts) {
          const hidden = await gql(mutation, variables(real), caller);
          expect(codes(hidden)[0]).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
          expect(hidden.text).toBe((await gql(mutation, variables(random), caller)).text);
        }
      }
      expect(await planOf(familyId)).toEqual(before);
    });
  });

  describe("tasks", () => {
    it("derives overdue from the due date and the status", async () => {
      const { familyId } = await aFamily("Mulder");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ dueDate: "2026-12-01" }) })).task!.id;
      const cancelledId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ dueDate: "2026-12-01", description: "Visit" }) })).task!.id;
      const overdue = async () => Object.fromEntries((await planOf(familyId)).tasks.map((task) => [task.id, task.overdue]));
      expect(await overdue()).toEqual({ [taskId]: false, [cancelledId]: false });

      // On the due date itself it is not yet overdue; the day after, it is.
      app.clock.set("2026-12-01T12:00:00+01:00");
      expect(await overdue()).toEqual({ [taskId]: false, [cancelledId]: false });
      app.clock.set("2026-12-02T12:00:00+01:00");
      expect(await overdue()).toEqual({ [taskId]: true, [cancelledId]: true });
      const mine = data(await gql<{ myTasks: { id: string; overdue: boolean }[] }>(MY_TASKS, {}, housingPro)).myTasks;
      expect(mine.find((task) => task.id === taskId)?.overdue).toBe(true);

      data(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro));
      const done = data(await gql<{ setTaskStatus: { status: string; overdue: boolean } }>(SET_STATUS, { taskId, status: "DONE" }, housingPro));
      expect(done.setTaskStatus).toMatchObject({ status: "DONE", overdue: false });
      await edit(UPDATE_TASK, { taskId: cancelledId, v: 5, input: { status: "CANCELLED" } });
      expect(await overdue()).toEqual({ [taskId]: false, [cancelledId]: false });
    });

    it("lets the lead partner accept or decline once, a reason required to decline", async () => {
      const { familyId } = await aFamily("Kok");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ leadProfessionalId: housingPro.id }) })).task!.id;
      const youthTaskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ lifeDomain: "PARENTING", leadPartnerId: youthCare.id, description: "Parenting support" }) })).task!.id;
      const before = await planOf(familyId);

      refused(await gql(RESPOND, { taskId, response: "DECLINED" }, housingPro), "BAD_USER_INPUT", "reason");
      refused(await gql(RESPOND, { taskId, response: "DECLINED", reason: "   " }, housingPro), "BAD_USER_INPUT", "reason");
      refused(await gql(RESPOND, { taskId, response: "DECLINED", reason: "No\u0000way" }, housingPro), "BAD_USER_INPUT", "reason");
      refused(await gql(RESPOND, { taskId, response: "PENDING" }, housingPro), "BAD_USER_INPUT", "response");
      // Another partner that knows the family, and one that does not (the same answer as for any id).
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, youthPro), "FORBIDDEN");
      const hidden = await gql(RESPOND, { taskId, response: "ACCEPTED" }, healthPro);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(RESPOND, { taskId: NOBODY, response: "ACCEPTED" }, healthPro)).text);
      // The regisseur gives tasks; the partner answers them.
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, coach), "FORBIDDEN");
      expect(await planOf(familyId)).toEqual(before);

      // Any professional of the lead partner answers for it.
      const accepted = data(await gql<{ respondToTask: { response: string; status: string } }>(RESPOND, { taskId, response: "ACCEPTED" }, housingPro2));
      expect(accepted.respondToTask).toEqual({ id: taskId, response: "ACCEPTED", status: "OPEN", overdue: false });
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro), "CONFLICT");
      refused(await gql(RESPOND, { taskId, response: "DECLINED", reason: "Changed our mind" }, housingPro), "CONFLICT");

      const declined = data(await gql<{ respondToTask: { response: string } }>(RESPOND, { taskId: youthTaskId, response: "DECLINED", reason: "No capacity before January" }, youthPro));
      expect(declined.respondToTask.response).toBe("DECLINED");
      refused(await gql(RESPOND, { taskId: youthTaskId, response: "ACCEPTED" }, youthPro), "CONFLICT");

      const plan = await planOf(familyId);
      expect(plan.version).toBe(before.version + 2);
      const youthTask = plan.tasks.find((task) => task.id === youthTaskId)!;
      expect(youthTask).toMatchObject({ response: "DECLINED", content: { responseReason: "No capacity before January" } });
      const answers = plan.history.slice(-2);
      expect(answers.map((revision) => [revision.action, revision.changedById, revision.task?.response])).toEqual([
        ["TASK_ACCEPTED", housingPro2.id, "ACCEPTED"],
        ["TASK_DECLINED", youthPro.id, "DECLINED"],
      ]);

      // Two answers at the same moment: one counts.
      const raceId = (await edit(ADD_TASK, { familyId, v: (await planOf(familyId)).version, input: taskInput({ description: "Race" }) })).task!.id;
      const race = await Promise.all([
        gql(RESPOND, { taskId: raceId, response: "ACCEPTED" }, housingPro),
        gql(RESPOND, { taskId: raceId, response: "DECLINED", reason: "Busy" }, housingPro2),
      ]);
      expect(race.map(codes).sort()).toEqual([[], ["CONFLICT"]]);
    });

    it("refuses an answer to a task the regisseur cancelled before it was answered", async () => {
      const { familyId } = await aFamily("Koster");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ description: "Cancelled before an answer" }) })).task!.id;
      await edit(UPDATE_TASK, { taskId, v: 2, input: { status: "CANCELLED" } });
      const before = await planOf(familyId);
      // Lefier still knows the family through its signal, and the task is still its own.
      refused(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro), "CONFLICT");
      expect(await planOf(familyId)).toEqual(before);
    });

    it("lets the lead partner report progress on an accepted task, and nobody else", async () => {
      const { familyId } = await aFamily("Dijkstra");
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput() })).task!.id;

      refused(await gql(SET_STATUS, { taskId, status: "IN_PROGRESS" }, housingPro), "CONFLICT");
      data(await gql(RESPOND, { taskId, response: "ACCEPTED" }, housingPro));
      const before = await planOf(familyId);

      refused(await gql(SET_STATUS, { taskId, status: "CANCELLED" }, housingPro), "BAD_USER_INPUT", "status");
      refused(await gql(SET_STATUS, { taskId, status: "OPEN" }, housingPro), "BAD_USER_INPUT", "status");
      refused(await gql(SET_STATUS, { taskId, status: "DONE" }, youthPro), "FORBIDDEN");
      refused(await gql(SET_STATUS, { taskId, status: "DONE" }, coach), "FORBIDDEN");
      const hidden = await gql(SET_STATUS, { taskId, status: "DONE" }, healthPro);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(SET_STATUS, { taskId: NOBODY, status: "DONE" }, healthPro)).text);
      expect(await planOf(familyId)).toEqual(before);

      const started = data(await gql<{ setTaskStatus: { status: string } }>(SET_STATUS, { taskId, status: "IN_PROGRESS" }, housingPro));
      expect(started.setTaskStatus.status).toBe("IN_PROGRESS");
      const done = data(await gql<{ setTaskStatus: { status: string } }>(SET_STATUS, { taskId, status: "DONE" }, housingPro));
      expect(done.setTaskStatus.status).toBe("DONE");
      const plan = await planOf(familyId);
      expect(plan.version).toBe(before.version + 2);
      expect(plan.tasks[0]!.status).toBe("DONE");
      expect(plan.history.slice(-2).map((revision) => [revision.action, revision.task?.status, revision.changedById])).toEqual([
        ["TASK_STATUS_CHANGED", "IN_PROGRESS", housingPro.id],
        ["TASK_STATUS_CHANGED", "DONE", housingPro.id],
      ]);

      // Once the regisseur cancels it, the partner reports on it no more.
      await edit(UPDATE_TASK, { taskId, v: plan.version, input: { status: "CANCELLED" } });
      refused(await gql(SET_STATUS, { taskId, status: "IN_PROGRESS" }, housingPro), "CONFLICT");
    });

    it("lists in myTasks the tasks given to the caller's organisation", async () => {
      const { familyId } = await aFamily("Hendriks");
      const housingTask = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput() })).task!.id;
      const youthTask = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput({ leadPartnerId: youthCare.id }) })).task!.id;
      // The police had no signal here; the task alone makes it involved.
      const policeTask = (await edit(ADD_TASK, { familyId, v: 3, input: taskInput({ lifeDomain: "SAFETY", leadPartnerId: police.id }) })).task!.id;

      const tasksOf = async (caller: Who) => data(await gql<{ myTasks: { id: string; leadPartner: { id: string } }[] }>(MY_TASKS, {}, caller)).myTasks;
      for (const [caller, partner, own, others] of [
        [housingPro, housing, housingTask, [youthTask, policeTask]],
        [housingPro2, housing, housingTask, [youthTask, policeTask]],
        [youthPro, youthCare, youthTask, [housingTask, policeTask]],
        [policePro, police, policeTask, [housingTask, youthTask]],
      ] as const) {
        const mine = await tasksOf(caller);
        expect(mine.map((task) => task.id)).toContain(own);
        for (const other of others) expect(mine.map((task) => task.id)).not.toContain(other);
        expect(mine.every((task) => task.leadPartner.id === partner.id)).toBe(true);
      }
      expect(await tasksOf(healthPro)).toEqual([]);
      // A coach's organisation was given nothing.
      expect(await tasksOf(coach)).toEqual([]);
    });

    it("answers a partner that declines its only involvement with the task it declined, and then no longer knows the family", async () => {
      const { familyId } = await aFamily("Brouwer");
      // The police had no signal here: the task is its only involvement, and its only access (DAT).
      const taskId = (await edit(ADD_TASK, { familyId, v: 1, input: taskInput({ lifeDomain: "SAFETY", leadPartnerId: police.id }) })).task!.id;
      const mine = async () => data(await gql<{ myTasks: { id: string }[] }>(MY_TASKS, {}, policePro)).myTasks.map((task) => task.id);
      expect(await mine()).toContain(taskId);
      const answer = await gql<{ respondToTask: { id: string; response: string } }>(
        `mutation($taskId: ID!) { respondToTask(taskId: $taskId, response: DECLINED, reason: "Not ours") { id response content { description } } }`,
        { taskId },
        policePro,
      );
      // Its own task, decided when it answered; the content stays closed as it was (DAT opens none).
      expect(answer.body.data!.respondToTask).toEqual({ id: taskId, response: "DECLINED", content: null });
      expect(codes(answer)).toEqual(["FORBIDDEN"]);
      expect(await mine()).not.toContain(taskId);
      const family = await gql<{ family: unknown }>(`query($id: ID!) { family(id: $id) { id } }`, { id: familyId }, policePro);
      expect(data(family).family).toBeNull();
    });
  });

  describe("evaluations", () => {
    it("records evaluations of the plan's own goals, held today or earlier", async () => {
      const { familyId } = await aFamily("Vos");
      const other = await aFamily("Meijer");
      const otherGoal = (await edit(ADD_GOAL, { familyId: other.familyId, v: 1, input: goalInput() })).goal!.id;
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      const before = await planOf(familyId);

      const bad: [Vars, string][] = [
        [{ results: [{ goalId: otherGoal, result: "Not ours" }] }, "input.results[0].goalId"],
        [{ results: [{ goalId: NOBODY, result: "Nobody's" }] }, "input.results[0].goalId"],
        [{ results: [{ goalId, result: "Fine" }, { goalId: goalId.toUpperCase(), result: "Twice" }] }, "input.results[1].goalId"],
        [{ results: [{ goalId, result: "Too good", achievement: 101 }] }, "input.results[0].achievement"],
        [{ results: [{ goalId, result: "  " }] }, "input.results[0].result"],
        [{ heldOn: "2026-11-24" }, "input.heldOn"],
        [{ overall: "" }, "input.overall"],
      ];
      for (const [overrides, field] of bad) {
        refused(await gql(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput(overrides) }, coach), "BAD_USER_INPUT", field);
      }
      expect(await planOf(familyId)).toEqual(before);

      app.clock.set("2027-01-12T10:00:00+01:00");
      refused(await gql(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput({ heldOn: "2027-01-13" }) }, coach), "BAD_USER_INPUT", "input.heldOn");
      const first = await edit(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput({ heldOn: "2027-01-10", results: [{ goalId, result: "Half way", achievement: 50 }] }) });
      expect(first.version).toBe(3);
      expect((await planOf(familyId)).evaluations).toEqual([
        { id: first.evaluation!.id, heldOn: "2027-01-10", content: { overall: "First steps taken" }, results: [{ goalId, content: { result: "Half way", achievement: 50 } }] },
      ]);
      await edit(RECORD_EVALUATION, { familyId, v: 3, input: evaluationInput({ heldOn: "2027-01-12", overall: "Second look" }) });
      expect((await planOf(familyId)).evaluations.map((evaluation) => [evaluation.heldOn, evaluation.content?.overall])).toEqual([
        ["2027-01-10", "First steps taken"],
        ["2027-01-12", "Second look"],
      ]);
    });

    it("falls due three months after the start, then three months after the last evaluation", async () => {
      const { familyId } = await aFamily("Prins");
      const plan = await planOf(familyId);
      expect(plan).toMatchObject({ startedOn: TODAY, evaluationMonths: 3, nextEvaluationDue: "2027-02-23" });

      app.clock.set("2027-01-12T10:00:00+01:00");
      await edit(RECORD_EVALUATION, { familyId, v: 1, input: evaluationInput({ heldOn: "2027-01-10" }) });
      expect((await planOf(familyId)).nextEvaluationDue).toBe("2027-04-10");
      app.clock.set("2027-04-20T10:00:00+02:00");
      await edit(RECORD_EVALUATION, { familyId, v: 2, input: evaluationInput({ heldOn: "2027-04-15", overall: "Second look" }) });
      expect((await planOf(familyId)).nextEvaluationDue).toBe("2027-07-15");
    });
  });

  describe("coach notes", () => {
    it("are read by the regisseur who wrote them alone, and do not pass with regie", async () => {
      const { familyId } = await aFamily("Smit", { consent: true });
      const note = data(await gql<{ addCoachNote: { text: string } }>(ADD_NOTE, { familyId, text: "Mother seems exhausted; ask about her network." }, coach));
      expect(note.addCoachNote.text).toBe("Mother seems exhausted; ask about her network.");
      const notes = async (caller: Who) => gql<{ family: { plan: { version: number; coachNotes: { text: string }[] | null } } | null }>(COACH_NOTES, { id: familyId }, caller);

      const own = data(await notes(coach)).family!.plan;
      // A working note is no plan change.
      expect(own).toEqual({ version: 1, coachNotes: [{ text: "Mother seems exhausted; ask about her network." }] });

      // The process lead, and Lefier reading the housing parts, see the plan but not the notes.
      for (const caller of [processLead, housingPro]) {
        const response = await notes(caller);
        expect(response.body.data!.family!.plan).toEqual({ version: 1, coachNotes: null });
        expect(response.body.errors!.map((error) => [error.path!.join("."), error.extensions?.code])).toEqual([["family.plan.coachNotes", "FORBIDDEN"]]);
      }
      refused(await gql(ADD_NOTE, { familyId, text: "Mine too" }, processLead), "FORBIDDEN");

      expect(data(await gql(HAND_OVER, { familyId, to: coach2.id, note: "Warm hand-over after the meeting" }, coach))).toEqual({ handOverRegie: true });
      // "The coach's own working notes": what passes with regie is the hand-over note, not these.
      expect(data(await notes(coach2)).family!.plan.coachNotes).toEqual([]);
      const former = await notes(coach);
      expect(former.body.data?.family ?? null).toBeNull();
      expect(JSON.stringify(former.body)).not.toContain("exhausted");
      const hidden = await gql(ADD_NOTE, { familyId, text: "Still mine?" }, coach);
      expect(codes(hidden)[0]).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      expect(data(await gql<{ addCoachNote: { text: string } }>(ADD_NOTE, { familyId, text: "New coach's own note" }, coach2)).addCoachNote.text).toBe("New coach's own note");
      expect(data(await notes(coach2)).family!.plan.coachNotes).toEqual([{ text: "New coach's own note" }]);
    });
  });

  describe("regie", () => {
    it("passes to another coach, keeps every period, and takes the old coach's rights with it", async () => {
      const { familyId } = await aFamily("Willems");
      const goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      app.clock.set("2026-11-23T15:00:00+01:00");

      refused(await gql(HAND_OVER, { familyId, to: housingPro.id }, coach), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(HAND_OVER, { familyId, to: processLead.id }, coach), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(HAND_OVER, { familyId, to: foreignCoach.id }, coach), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(HAND_OVER, { familyId, to: NOBODY }, coach), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(HAND_OVER, { familyId, to: formerCoach.id }, coach), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(HAND_OVER, { familyId, to: "not-an-id" }, coach), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(HAND_OVER, { familyId, to: coach.id }, coach), "CONFLICT");
      refused(await gql(HAND_OVER, { familyId, to: coach2.id }, housingPro), "FORBIDDEN");
      const hidden = await gql(HAND_OVER, { familyId, to: coach2.id }, healthPro);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(HAND_OVER, { familyId: NOBODY, to: coach2.id }, healthPro)).text);
      const regie = async (caller: Who) => gql<{ family: RegieView | null }>(REGIE, { id: familyId }, caller);
      expect(data(await regie(coach)).family!.regieHistory).toHaveLength(1);

      expect(data(await gql(HAND_OVER, { familyId, to: coach2.id.toUpperCase(), note: "Warm hand-over: the family trusts Noa's mentor" }, coach))).toEqual({ handOverRegie: true });
      const family = data(await regie(coach2)).family!;
      expect(family.regisseur).toEqual({ id: coach2.id });
      expect(family.myAccess).toEqual({ level: "FULL", causes: [{ kind: "REGISSEUR" }] });
      expect(family.regieHistory).toHaveLength(2);
      const [first, second] = family.regieHistory;
      expect(first).toMatchObject({ professionalId: coach.id, assignedById: processLead.id });
      expect(new Date(first!.since).getTime()).toBe(new Date(START).getTime());
      expect(new Date(first!.until!).getTime()).toBe(new Date("2026-11-23T15:00:00+01:00").getTime());
      expect(second).toMatchObject({ professionalId: coach2.id, until: null, assignedById: coach.id, note: "Warm hand-over: the family trusts Noa's mentor" });
      expect(second!.since).toBe(first!.until);

      // The old coach no longer leads, sees or edits the family.
      const former = await regie(coach);
      expect(former.body.data?.family ?? null).toBeNull();
      expect(former.text).toBe((await gql(REGIE, { id: NOBODY }, coach)).text);
      const before = await planOf(familyId, coach2);
      for (const [mutation, variables] of [
        [ADD_GOAL, { familyId, v: before.version, input: goalInput() }],
        [UPDATE_GOAL, { goalId, v: before.version, input: { ownWords: "The old coach's words" } }],
        [START_PLAN, { familyId }],
      ] as const) {
        expect(codes(await gql(mutation, variables, coach))[0]).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      }
      expect(await planOf(familyId, coach2)).toEqual(before);
      // The new one does.
      expect((await edit(UPDATE_GOAL, { goalId, v: before.version, input: { ownWords: "Our words, again" } }, coach2)).version).toBe(before.version + 1);

      // The process lead may hand regie over too.
      app.clock.set("2026-11-24T09:00:00+01:00");
      expect(data(await gql(HAND_OVER, { familyId, to: coach.id }, processLead))).toEqual({ handOverRegie: true });
      const back = data(await regie(coach)).family!;
      expect(back.regieHistory.map((period) => [period.professionalId, period.until === null])).toEqual([
        [coach.id, false],
        [coach2.id, false],
        [coach.id, true],
      ]);
    });

    it("lets the process lead hand the process to another process lead", async () => {
      const { familyId } = await aFamily("Brouwer");
      refused(await gql(ASSIGN_LEAD, { familyId, to: processLead2.id }, coach), "FORBIDDEN");
      refused(await gql(ASSIGN_LEAD, { familyId, to: coach2.id }, processLead), "BAD_USER_INPUT", "toProfessionalId");
      refused(await gql(ASSIGN_LEAD, { familyId, to: processLead.id }, processLead), "CONFLICT");
      const hidden = await gql(ASSIGN_LEAD, { familyId, to: processLead2.id }, processLead2);
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(ASSIGN_LEAD, { familyId: NOBODY, to: processLead2.id }, processLead2)).text);

      expect(data(await gql(ASSIGN_LEAD, { familyId, to: processLead2.id }, processLead))).toEqual({ assignProcessLead: true });
      const family = data(await gql<{ family: Omit<RegieView, "regieHistory"> | null }>(PROCESS_VIEW, { id: familyId }, processLead2)).family;
      expect(family).toEqual({ processLead: { id: processLead2.id }, regisseur: { id: coach.id }, myAccess: { level: "PROCESS", causes: [{ kind: "PROCESS_LEAD" }] } });
      // The former process lead no longer knows the family.
      const former = await gql(PROCESS_VIEW, { id: familyId }, processLead);
      expect(former.body.data?.family ?? null).toBeNull();
      expect(former.text).toBe((await gql(PROCESS_VIEW, { id: NOBODY }, processLead)).text);
      // The hand-over note is for the regisseur: the process lead reads the periods, not the note.
      const periods = await gql<{ family: RegieView }>(REGIE, { id: familyId }, processLead2);
      expect(periods.body.data!.family.regieHistory).toEqual([{ professionalId: coach.id, since: expect.any(String), until: null, assignedById: processLead.id, note: null }]);
      expect(periods.body.errors!.map((error) => [error.path!.join("."), error.extensions?.code])).toEqual([["family.regieHistory.0.note", "FORBIDDEN"]]);
    });
  });

  describe("agreement", () => {
    it("records who agreed to which version: the coach, clients of 16 and over, the referring partner", async () => {
      const { familyId, parentId, teenId, childId } = await aFamily("Bakker", { referrer: housing.id, consent: true });
      const stranger = await aFamily("Gerritsen");
      await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() });
      const plan = await planOf(familyId);
      expect(plan).toMatchObject({ version: 2, referringPartner: { id: housing.id } });
      const agree = (caller: Who, party: string, version = 2, personId: string | null = null) =>
        gql<{ agreeToPlan: AgreementView }>(AGREE, { familyId, version, party, personId }, caller);

      refused(await agree(coach, "COACH", 1), "CONFLICT");
      refused(await agree(coach, "COACH", 3), "CONFLICT");
      expect(data(await agree(coach, "COACH")).agreeToPlan).toEqual({ version: 2, party: "COACH", personId: null, partnerId: null, recordedById: coach.id });
      refused(await agree(coach, "COACH"), "CONFLICT");
      refused(await agree(processLead, "COACH"), "FORBIDDEN");
      const hidden = await agree(coach2, "COACH");
      refused(hidden, "NOT_FOUND");
      expect(hidden.text).toBe((await gql(AGREE, { familyId: NOBODY, version: 2, party: "COACH" }, coach2)).text);

      refused(await agree(coach, "CLIENT"), "BAD_USER_INPUT", "personId");
      refused(await agree(coach, "CLIENT", 2, childId), "BAD_USER_INPUT", "personId");
      expect(codes(await agree(coach, "CLIENT", 2, stranger.parentId))).toEqual(["BAD_USER_INPUT"]);
      refused(await agree(coach, "COACH", 2, teenId), "BAD_USER_INPUT", "personId");
      expect(data(await agree(coach, "CLIENT", 2, teenId)).agreeToPlan).toMatchObject({ party: "CLIENT", personId: teenId });
      expect(data(await agree(coach, "CLIENT", 2, parentId.toUpperCase())).agreeToPlan).toMatchObject({ party: "CLIENT", personId: parentId });
      refused(await agree(coach, "CLIENT", 2, teenId), "CONFLICT");
      // A partner records no client's agreement.
      refused(await agree(housingPro, "CLIENT", 2, teenId), "FORBIDDEN");

      refused(await agree(coach, "REFERRING_PARTNER"), "FORBIDDEN");
      refused(await agree(youthPro, "REFERRING_PARTNER"), "FORBIDDEN");
      expect(data(await agree(housingPro, "REFERRING_PARTNER")).agreeToPlan).toEqual({
        version: 2,
        party: "REFERRING_PARTNER",
        personId: null,
        partnerId: housing.id,
        recordedById: housingPro.id,
      });
      refused(await agree(housingPro2, "REFERRING_PARTNER"), "CONFLICT");

      const agreed = await planOf(familyId);
      // Agreeing is no change to the plan.
      expect(agreed.version).toBe(2);
      const key = (agreement: AgreementView) => `${agreement.party}:${agreement.personId ?? agreement.partnerId ?? ""}`;
      expect(agreed.agreements.map(key).sort()).toEqual([`CLIENT:${parentId}`, `CLIENT:${teenId}`, "COACH:", `REFERRING_PARTNER:${housing.id}`].sort());
      expect(agreed.agreements.every((agreement) => agreement.version === 2)).toBe(true);

      // A new version needs agreeing again; the old agreements stay.
      await edit(ADD_GOAL, { familyId, v: 2, input: goalInput({ lifeDomain: "FINANCES" }) });
      refused(await agree(coach, "CLIENT", 2, parentId), "CONFLICT");
      expect(data(await agree(coach, "COACH", 3)).agreeToPlan.version).toBe(3);
      expect((await planOf(familyId)).agreements.map((agreement) => agreement.version).sort()).toEqual([2, 2, 2, 2, 3]);
    });

    it("names personId when the client is no member of the family", async () => {
      const { familyId } = await aFamily("Lammers");
      const stranger = await aFamily("Huisman", { plan: false });
      for (const personId of [stranger.teenId, NOBODY, "not-an-id"]) {
        refused(await gql(AGREE, { familyId, version: 1, party: "CLIENT", personId }, coach), "BAD_USER_INPUT", "personId");
      }
      expect((await planOf(familyId)).agreements).toEqual([]);
    });

    it("tells a partner who is no party nothing about the plan, not even its version", async () => {
      const { familyId } = await aFamily("Kramer", { referrer: housing.id });
      await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() });
      // Elker knows the family (DAT) but not its plan: the version is process data it may not read.
      const planView = await gql<{ family: { plan: unknown } | null }>(`query($id: ID!) { family(id: $id) { plan { version } } }`, { id: familyId }, youthPro);
      expect(planView.body.data!.family!.plan).toBeNull();
      const right = await gql(AGREE, { familyId, version: 2, party: "COACH" }, youthPro);
      const wrong = await gql(AGREE, { familyId, version: 7, party: "COACH" }, youthPro);
      refused(right, "FORBIDDEN");
      refused(wrong, "FORBIDDEN");
      expect(wrong.body.errors![0]!.message).not.toMatch(/version 2/);
    });
  });

  describe("what others read of the plan", () => {
    it("shows a partner the parts the covenant opens, in the history too, and the process lead no content", async () => {
      const { familyId, teenId } = await aFamily("Dekker", { consent: true });
      const housingGoal = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput({ memberIds: [teenId], ownWords: "A room of my own" }) })).goal!.id;
      const debtGoal = (await edit(ADD_GOAL, { familyId, v: 2, input: goalInput({ lifeDomain: "FINANCES", memberIds: [teenId], ownWords: "No more debt collectors" }) })).goal!.id;
      const ownTask = (await edit(ADD_TASK, { familyId, v: 3, input: taskInput({ lifeDomain: "FINANCES", description: "Pause the eviction" }) })).task!.id;

      const response = await gql<{ family: { plan: PlanView } }>(PLAN, { id: familyId }, housingPro);
      const plan = response.body.data!.family.plan;
      const words = (goals: (GoalView | null)[]) => Object.fromEntries(goals.map((goal) => [goal!.id, goal!.content?.ownWords ?? null]));
      expect(words(plan.goals)).toEqual({ [housingGoal]: "A room of my own", [debtGoal]: null });
      expect(plan.tasks.find((task) => task.id === ownTask)!.content?.description).toBe("Pause the eviction");
      expect(words(plan.history.filter((revision) => revision.goal).map((revision) => revision.goal))).toEqual({ [housingGoal]: "A room of my own", [debtGoal]: null });
      expect(JSON.stringify(response.body)).not.toContain("No more debt collectors");
      expect(new Set(codes(response))).toEqual(new Set(["FORBIDDEN"]));

      const lead = await gql<{ family: { plan: PlanView } }>(PLAN, { id: familyId }, processLead);
      const seen = lead.body.data!.family.plan;
      expect(seen.version).toBe(4);
      expect(seen.goals.map((goal) => [goal.status, goal.content])).toEqual([
        ["OPEN", null],
        ["OPEN", null],
      ]);
      expect(JSON.stringify(lead.body)).not.toMatch(/room of my own|debt collectors|eviction/);
    });

    it("answers each closed part with one FORBIDDEN of its own, at its own content, and the open ones without", async () => {
      const { familyId, teenId } = await aFamily("Wouters", { consent: true });
      let v = 1;
      const domains = ["FINANCES", "HOUSING", "FINANCES", "PARENTING", "FINANCES"];
      for (const lifeDomain of domains) await edit(ADD_GOAL, { familyId, v: v++, input: goalInput({ lifeDomain, memberIds: [teenId], ownWords: `About ${lifeDomain}` }) });
      const response = await gql<{ family: { plan: { goals: { id: string; status: string; content: { ownWords: string } | null }[] } } }>(
        `query($id: ID!) { family(id: $id) { plan { goals { id status content { ownWords } } } } }`,
        { id: familyId },
        housingPro,
      );
      const goals = response.body.data!.family.plan.goals;
      // Lefier reads the housing goal; the others are listed with their status, their content closed.
      expect(goals.map((goal) => [goal.status, goal.content?.ownWords ?? null])).toEqual(domains.map((domain) => ["OPEN", domain === "HOUSING" ? "About HOUSING" : null]));
      const closed = goals.flatMap((goal, index) => (goal.content === null ? [index] : []));
      const errors = (response.body.errors ?? []) as { message: string; locations?: { line: number; column: number }[]; path?: (string | number)[]; extensions?: { code?: string } }[];
      expect(errors.map((error) => error.path)).toEqual(closed.map((index) => ["family", "plan", "goals", index, "content"]));
      for (const error of errors) {
        expect(Object.keys(error).sort()).toEqual(["extensions", "locations", "message", "path"]);
        expect(error).toMatchObject({ message: "The covenant does not open this part of the plan to you.", extensions: { code: "FORBIDDEN" }, locations: errors[0]!.locations });
      }
      expect(errors[0]!.locations).toEqual([{ line: 1, column: 62 }]);
    });
  });

  describe("bad input", () => {
    let household: Household;
    let stranger: Household;
    let goalId: string;
    let taskId: string;
    let milestoneId: string;
    let strangerGoal: string;
    let before: PlanView;

    beforeAll(async () => {
      household = await aFamily("Jacobs");
      stranger = await aFamily("Vermeulen");
      strangerGoal = (await edit(ADD_GOAL, { familyId: stranger.familyId, v: 1, input: goalInput() })).goal!.id;
      const familyId = household.familyId;
      goalId = (await edit(ADD_GOAL, { familyId, v: 1, input: goalInput() })).goal!.id;
      taskId = (await edit(ADD_TASK, { familyId, v: 2, input: taskInput() })).task!.id;
      milestoneId = (await edit(ADD_MILESTONE, { familyId, v: 3, input: { title: "Meeting", dueDate: "2026-12-01" } })).milestone!.id;
      before = await planOf(familyId);
    });

    const v = 4;
    const cases: [string, () => [string, Vars], string][] = [
      ["an unknown life domain", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ lifeDomain: "SPACE_TRAVEL" }) }], "input.lifeDomain"],
      ["a life domain of another region", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ lifeDomain: "CLIMATE" }) }], "input.lifeDomain"],
      ["a life domain in the wrong case", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "housing", text: "x" } }], "input.lifeDomain"],
      ["a member of another family", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ memberIds: [stranger.parentId] }) }], "input.memberIds[0]"],
      ["a second member of another family", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ memberIds: [household.parentId, stranger.teenId] }) }], "input.memberIds[1]"],
      ["a member id that is no id", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ memberIds: ["Noa"] }) }], "input.memberIds[0]"],
      ["a member named twice", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ memberIds: [household.teenId, household.teenId.toUpperCase()] }) }], "input.memberIds"],
      ["an analysis about someone outside the family", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "HOUSING", memberId: stranger.teenId, text: "x" } }], "input.memberId"],
      ["a lead partner of another region", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadPartnerId: foreignPartner.id }) }], "input.leadPartnerId"],
      ["a lead partner that does not exist", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadPartnerId: NOBODY }) }], "input.leadPartnerId"],
      ["a professional of another partner as lead", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadProfessionalId: youthPro.id }) }], "input.leadProfessionalId"],
      ["a professional of another partner as new lead", () => [UPDATE_TASK, { taskId, v, input: { leadProfessionalId: youthPro.id } }], "input.leadProfessionalId"],
      ["a professional who left the lead partner", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ leadProfessionalId: formerHousingPro.id }) }], "input.leadProfessionalId"],
      ["a referring partner of another region", () => [START_PLAN, { familyId: household.familyId, referrer: foreignPartner.id }], "referringPartnerId"],
      ["a goal of another plan", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ goalId: strangerGoal }) }], "input.goalId"],
      ["achievement 101", () => [UPDATE_GOAL, { goalId, v, input: { achievement: 101 } }], "input.achievement"],
      ["achievement -1", () => [UPDATE_GOAL, { goalId, v, input: { achievement: -1 } }], "input.achievement"],
      ["empty own words", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ ownWords: "   " }) }], "input.ownWords"],
      ["an empty analysis", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "HOUSING", text: "" } }], "input.text"],
      ["an empty update", () => [UPDATE_GOAL, { goalId, v, input: { target: " " } }], "input.target"],
      ["a NUL character", () => [ADD_GOAL, { familyId: household.familyId, v, input: goalInput({ target: "Pay the rent\u0000" }) }], "input.target"],
      ["a bell character", () => [SET_ANALYSIS, { familyId: household.familyId, v, input: { lifeDomain: "HOUSING", text: "Debts\u0007" } }], "input.text"],
      ["an escape character in a task", () => [UPDATE_TASK, { taskId, v, input: { description: "\u001b[31mred" } }], "input.description"],
      ["a title that is too long", () => [ADD_MILESTONE, { familyId: household.familyId, v, input: { title: "x".repeat(501), dueDate: "2027-01-01" } }], "input.title"],
      ["a due date in the year 3000", () => [ADD_TASK, { familyId: household.familyId, v, input: taskInput({ dueDate: "3000-01-01" }) }], "input.dueDate"],
      ["a reached date before 1900", () => [REACH_MILESTONE, { milestoneId, v, on: "1899-12-31" }], "reachedOn"],
      ["version 0", () => [ADD_GOAL, { familyId: household.familyId, v: 0, input: goalInput() }], "expectedVersion"],
      ["a negative version", () => [UPDATE_GOAL, { goalId, v: -3, input: { achievement: 5 } }], "expectedVersion"],
      ["own words of only a tab", () => [UPDATE_GOAL, { goalId, v, input: { ownWords: "\t" } }], "input.ownWords"],
    ];

    it.each(cases)("names the field for %s, never a 500, and writes nothing", async (_label, make, field) => {
      const [mutation, variables] = make();
      const response = await gql(mutation, variables, coach);
      refused(response, "BAD_USER_INPUT", field);
      expect(response.text).not.toContain("INTERNAL_SERVER_ERROR");
      expect(await planOf(household.familyId)).toEqual(before);
    });

    it("takes ids in capitals as the same ids", async () => {
      const upper = (id: string) => id.toUpperCase();
      const familyId = upper(household.familyId);
      const goal = await edit(ADD_GOAL, { familyId, v: 4, input: goalInput({ memberIds: [upper(household.teenId), upper(household.parentId)] }) });
      expect(goal.goal!.content!.memberIds).toEqual([household.teenId, household.parentId]);
      const changed = await edit(UPDATE_GOAL, { goalId: upper(goal.goal!.id), v: 5, input: { achievement: 20 } });
      expect(changed.goal).toMatchObject({ id: goal.goal!.id, content: { achievement: 20 } });
      const task = await edit(ADD_TASK, {
        familyId,
        v: 6,
        input: taskInput({ goalId: upper(goalId), memberIds: [upper(household.childId)], leadPartnerId: upper(housing.id), leadProfessionalId: upper(housingPro.id) }),
      });
      expect(task.task).toMatchObject({ content: { goalId, memberIds: [household.childId] }, leadPartner: { id: housing.id }, leadProfessional: { id: housingPro.id } });
      expect((await edit(UPDATE_TASK, { taskId: upper(task.task!.id), v: 7, input: { leadProfessionalId: upper(housingPro2.id) } })).task!.leadProfessional).toEqual({ id: housingPro2.id });
      expect((await edit(REACH_MILESTONE, { milestoneId: upper(milestoneId), v: 8 })).milestone).toMatchObject({ id: milestoneId, reachedOn: TODAY });
      expect((await edit(SET_ANALYSIS, { familyId, v: 9, input: { lifeDomain: "HOUSING", memberId: upper(household.teenId), text: "Noa sleeps on the couch" } })).analysis!.content!.memberId).toBe(household.teenId);
      const evaluation = await edit(RECORD_EVALUATION, { familyId, v: 10, input: evaluationInput({ results: [{ goalId: upper(goalId), result: "Started" }] }) });
      expect(evaluation.evaluation!.results).toEqual([{ goalId, content: { result: "Started", achievement: null } }]);
      expect(data(await gql<{ respondToTask: { id: string } }>(RESPOND, { taskId: upper(task.task!.id), response: "ACCEPTED" }, housingPro)).respondToTask.id).toBe(task.task!.id);
      data(await gql(SET_STATUS, { taskId: upper(task.task!.id), status: "IN_PROGRESS" }, housingPro));
      expect(data(await gql<{ addCoachNote: { text: string } }>(ADD_NOTE, { familyId, text: "Capitals" }, coach)).addCoachNote.text).toBe("Capitals");
      const agreement = await gql<{ agreeToPlan: AgreementView }>(AGREE, { familyId, version: 13, party: "CLIENT", personId: upper(household.parentId) }, coach);
      expect(data(agreement).agreeToPlan).toMatchObject({ version: 13, personId: household.parentId });

      const plan = await planOf(household.familyId);
      expect(plan.version).toBe(13);
      expect(plan.history.map((revision) => revision.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      before = plan;
    });

    it("writes nothing when a mutation fails half way", async () => {
      const plan = await planOf(household.familyId);
      // Everything before the bad lead professional is fine.
      const failed = await gql(ADD_TASK, { familyId: household.familyId, v: plan.version, input: taskInput({ description: "Half a task", leadProfessionalId: policePro.id }) }, coach);
      refused(failed, "BAD_USER_INPUT", "input.leadProfessionalId");
      const evaluation = await gql(
        RECORD_EVALUATION,
        { familyId: household.familyId, v: plan.version, input: evaluationInput({ results: [{ goalId, result: "Fine" }, { goalId: strangerGoal, result: "Not ours" }] }) },
        coach,
      );
      refused(evaluation, "BAD_USER_INPUT", "input.results[1].goalId");
      const after = await planOf(household.familyId);
      expect(after).toEqual(plan);
      expect(after.tasks.map((task) => task.content?.description)).not.toContain("Half a task");
      // And the plan goes on from the same version.
      expect((await edit(ADD_TASK, { familyId: household.familyId, v: plan.version, input: taskInput({ description: "A whole task" }) })).version).toBe(plan.version + 1);
    });
  });
});
