import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The family plan's earmarked budget (000; 003 cost picture; issue 16 §6), through HTTP: the
 * regisseur proposes commitments for purchased services serving a task or goal, a project leader
 * approves within the region's ceiling per plan (also when two approvals race) or refuses with a
 * reason, the regisseur records what was spent; amounts are process data, what is bought content.
 */

const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";
const SETTINGS = `mutation($input: ProcessSettingsInput!) { setProcessSettings(input: $input) { budgetCeilingCents } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version } }`;
const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;
const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) { addTask(familyId: $familyId, expectedVersion: $v, input: $input) { task { id } } }`;
const ADD_GOAL = `mutation($familyId: ID!, $v: Int!, $input: GoalInput!) { addGoal(familyId: $familyId, expectedVersion: $v, input: $input) { goal { id } } }`;
const COMMITMENT = `id amountCents spentCents status reason`;
const PROPOSE = `mutation($familyId: ID!, $input: CommitmentInput!) { proposeCommitment(familyId: $familyId, input: $input) { ${COMMITMENT} content { service } } }`;
const DECIDE = `mutation($id: ID!, $approve: Boolean!, $reason: String) { decideCommitment(commitmentId: $id, approve: $approve, reason: $reason) { ${COMMITMENT} } }`;
const SPEND = `mutation($id: ID!, $spent: Int!) { recordSpending(commitmentId: $id, spentCents: $spent) { ${COMMITMENT} } }`;
const TO_DECIDE = `{ commitmentsToDecide(first: 50) { nodes { id familyId amountCents } } }`;
const BUDGET = `query($id: ID!) { family(id: $id) { budget { ceilingCents committedCents spentCents proposedCents commitments { id status content { service } } } } }`;
const INBOX = `{ notifications(first: 100) { nodes { kind subjectId } } }`;
const REPORT = `query($from: LocalDate!, $to: LocalDate!) { indicators(from: $from, to: $to) { themes { indicators { key unit suppressed } } } }`;

type Who = { id: string };
type Commitment = { id: string; amountCents: number; spentCents: number; status: string; reason: string | null };

describe("the family plan's budget", () => {
  let app: TestApp;
  let coach: Who;
  let projectLeader: Who;
  let housingWorker: Who;
  let housingId: string;
  let seed = 80_000_000;
  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, who: Who) => app.gql<T>(query, variables, who.id);
  const ok = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, who: Who) => data(await gql<T>(query, variables, who));

  /** A family led by the coach, its process by the project leader, a plan with one task for housing and one goal. */
  async function aFamilyWithPlan(): Promise<{ familyId: string; taskId: string; goalId: string }> {
    const base = (seed += 1_000);
    const members = [
      { bsn: bsnNumber(base), givenName: "Ans", familyName: "Geld", birthDate: "1984-01-01", relation: "PARENT", legalCustody: true },
      { bsn: bsnNumber(base + 100), givenName: "Tim", familyName: "Geld", birthDate: "2015-01-01", relation: "CHILD", legalCustody: false },
    ];
    const familyId = (await ok<{ registerFamily: { id: string } }>(REGISTER, { input: { name: "Gezin Geld", category: "MPG2", regisseurId: coach.id, members } }, projectLeader)).registerFamily.id;
    await ok(START_PLAN, { familyId }, coach);
    const taskId = (await ok<{ addTask: { task: { id: string } } }>(ADD_TASK, { familyId, v: 1, input: { lifeDomain: "FINANCES", description: "Budget course", leadPartnerId: housingId, dueDate: "2027-03-01" } }, coach)).addTask.task.id;
    const goalId = (await ok<{ addGoal: { goal: { id: string } } }>(ADD_GOAL, { familyId, v: 2, input: { lifeDomain: "FINANCES", memberIds: [], ownWords: "Overview of our money", target: "A budget plan" } }, coach)).addGoal.goal.id;
    return { familyId, taskId, goalId };
  }

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db, { code: "budget-town" });
    await aLifeDomain(db, region.id, "FINANCES");
    const municipality = await aPartner(db, region.id, { name: "Gemeente Budget", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id, { name: "Wijkteam Budget", sector: "SOCIAL_WORK" });
    const youthCare = await aPartner(db, region.id, { name: "Jeugdzorg Budget", sector: "YOUTH_CARE" });
    const housing = await aPartner(db, region.id, { name: "Woonstichting Budget", sector: "HOUSING" });
    housingId = housing.id;
    const admin = await aProfessional(db, municipality, ["COVENANT_ADMIN"]);
    projectLeader = await aProfessional(db, municipality, ["PROJECT_LEAD"]);
    coach = await aProfessional(db, socialWork, ["COACH"]);
    housingWorker = await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"]);
    const settings = { meldpuntName: "Meldpunt", meldpuntContact: "14 000", crisisPartnerId: youthCare.id, intakeCoordinatorId: projectLeader.id };
    refused(await gql(SETTINGS, { input: { ...settings, budgetCeilingCents: 0 } }, admin), "BAD_USER_INPUT", "input.budgetCeilingCents");
    expect(await ok(SETTINGS, { input: { ...settings, budgetCeilingCents: 100_000 } }, admin)).toEqual({ setProcessSettings: { budgetCeilingCents: 100_000 } });
    // Every signatory sees the process of every family; no content is opened to partners.
    const rules = [{ level: "PROCESS", requiresInvolvement: false, requiresConsentOrLegalGround: false, description: "The process is open to every signatory." }];
    await ok(PUBLISH, { input: { title: "Convenant", signatoryPartnerIds: [municipality.id, socialWork.id, housing.id], rules } }, admin);
  });
  afterAll(() => app?.close());

  it("is proposed by the regisseur, decided once by a project leader within the ceiling, and spent as recorded", async () => {
    const { familyId, taskId, goalId } = await aFamilyWithPlan();
    const course = { taskId, service: "Budget course at the debt counsellor", amountCents: 60_000 };
    refused(await gql(PROPOSE, { familyId, input: { ...course, goalId } }, coach), "BAD_USER_INPUT", "input.taskId");
    refused(await gql(PROPOSE, { familyId, input: { ...course, amountCents: 0 } }, coach), "BAD_USER_INPUT", "input.amountCents");
    refused(await gql(PROPOSE, { familyId, input: { ...course, taskId: NOBODY } }, coach), "BAD_USER_INPUT", "input.taskId");
    refused(await gql(PROPOSE, { familyId, input: course }, housingWorker), "FORBIDDEN");
    const first = (await ok<{ proposeCommitment: Commitment }>(PROPOSE, { familyId, input: course }, coach)).proposeCommitment;
    const second = (await ok<{ proposeCommitment: Commitment }>(PROPOSE, { familyId, input: { goalId, service: "Home administration help", amountCents: 50_000 } }, coach)).proposeCommitment;
    expect(first).toMatchObject({ amountCents: 60_000, spentCents: 0, status: "PROPOSED" });

    refused(await gql(TO_DECIDE, {}, housingWorker), "FORBIDDEN");
    const pending = (await ok<{ commitmentsToDecide: { nodes: { id: string; familyId: string }[] } }>(TO_DECIDE, {}, projectLeader)).commitmentsToDecide.nodes;
    expect(pending.map((commitment) => commitment.id)).toEqual(expect.arrayContaining([first.id, second.id]));

    expect((await ok<{ decideCommitment: Commitment }>(DECIDE, { id: first.id, approve: true }, projectLeader)).decideCommitment.status).toBe("APPROVED");
    // Together they would pass the ceiling of 1,000 euros: refused with what is left.
    expect(refused(await gql(DECIDE, { id: second.id, approve: true }, projectLeader), "CONFLICT")).toContain("40000 left");
    refused(await gql(DECIDE, { id: second.id, approve: false }, projectLeader), "BAD_USER_INPUT", "input.reason");
    expect((await ok<{ decideCommitment: Commitment }>(DECIDE, { id: second.id, approve: false, reason: "Past the ceiling; ask for less." }, projectLeader)).decideCommitment).toMatchObject({
      status: "REFUSED",
      reason: "Past the ceiling; ask for less.",
    });
    refused(await gql(DECIDE, { id: first.id, approve: false, reason: "Again" }, projectLeader), "CONFLICT");
    refused(await gql(DECIDE, { id: NOBODY, approve: true }, projectLeader), "NOT_FOUND");
    expect((await ok<{ notifications: { nodes: { kind: string; subjectId: string }[] } }>(INBOX, {}, coach)).notifications.nodes).toEqual(
      expect.arrayContaining([{ kind: "BUDGET_DECIDED", subjectId: first.id }, { kind: "BUDGET_DECIDED", subjectId: second.id }]),
    );

    refused(await gql(SPEND, { id: first.id, spent: 60_001 }, coach), "BAD_USER_INPUT", "spentCents");
    refused(await gql(SPEND, { id: second.id, spent: 1 }, coach), "CONFLICT");
    refused(await gql(SPEND, { id: first.id, spent: 1 }, housingWorker), "FORBIDDEN");
    expect((await ok<{ recordSpending: Commitment }>(SPEND, { id: first.id, spent: 30_000 }, coach)).recordSpending.spentCents).toBe(30_000);

    const asCoach = (await ok<{ family: { budget: Record<string, unknown> } }>(BUDGET, { id: familyId }, coach)).family.budget;
    expect(asCoach).toMatchObject({ ceilingCents: 100_000, committedCents: 60_000, spentCents: 30_000, proposedCents: 0 });
    // Housing sees the process (the amounts), not what is bought.
    const asHousing = await gql<{ family: { budget: { committedCents: number; commitments: { content: unknown }[] } } }>(BUDGET, { id: familyId }, housingWorker);
    expect(asHousing.body.data!.family.budget.committedCents).toBe(60_000);
    expect(asHousing.body.data!.family.budget.commitments.map((commitment) => commitment.content)).toEqual([null, null]);
    expect(new Set(codes(asHousing))).toEqual(new Set(["FORBIDDEN"]));

    // The cost picture is an indicator, suppressed below five families.
    const report = await ok<{ indicators: { themes: { indicators: { key: string; unit: string; suppressed: boolean }[] }[] } }>(REPORT, { from: "2026-11-01", to: "2026-11-30" }, projectLeader);
    const figures = report.indicators.themes.flatMap((theme) => theme.indicators);
    expect(figures.find((figure) => figure.key === "cost_per_family")).toEqual({ key: "cost_per_family", unit: "EUROS", suppressed: true });
    expect(figures.find((figure) => figure.key === "cost_per_completed_plan")).toBeDefined();
  });

  it("lets only one of two approvals at once take the last of the budget", async () => {
    const { familyId, taskId } = await aFamilyWithPlan();
    const one = (await ok<{ proposeCommitment: Commitment }>(PROPOSE, { familyId, input: { taskId, service: "A", amountCents: 60_000 } }, coach)).proposeCommitment;
    const two = (await ok<{ proposeCommitment: Commitment }>(PROPOSE, { familyId, input: { taskId, service: "B", amountCents: 60_000 } }, coach)).proposeCommitment;
    const both = await Promise.all([gql(DECIDE, { id: one.id, approve: true }, projectLeader), gql(DECIDE, { id: two.id, approve: true }, projectLeader)]);
    expect(both.map((response) => codes(response)).sort()).toEqual([[], ["CONFLICT"]]);
  });
});
