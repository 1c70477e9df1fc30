import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { codes, data, refused, type TestApp } from "./support/app.js";
import { coach, foreignCoach, healthPro, housingPro, NOBODY, planClient, police, policePro, processLead, START, startPlanServer, youthCare, youthPro } from "./support/plan.js";

/*
 * Contacts and steps coordinated with the regisseur (000 §8 I, V–VI), through HTTP: a partner
 * announces a planned step, a partner under a legal duty reports afterwards, the regisseur
 * records an awaited report that turns into a deadline; the timeline shows *that* steps were
 * taken from PROCESS, and what they are only where the covenant opens their life domain.
 */

const STEP = `id kind status at reportDueAt reportedAt overdue late partner { name } content { lifeDomain legalDuty description reportedBy { id } }`;
const ANNOUNCE = `mutation($familyId: ID!, $input: StepAnnouncementInput!) { announceStep(familyId: $familyId, input: $input) { ${STEP} } }`;
const REPORT = `mutation($familyId: ID!, $input: StepReportInput!) { reportStep(familyId: $familyId, input: $input) { id status late } }`;
const EXPECT = `mutation($familyId: ID!, $input: ExpectedReportInput!) { expectStepReport(familyId: $familyId, input: $input) { id status reportDueAt overdue } }`;
const TIMELINE = `query($id: ID!) { family(id: $id) { coordinatedSteps { ${STEP} } } }`;
const BSNS = `query($id: ID!) { family(id: $id) { members { person { givenName bsn birthDate } } } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const INBOX = `{ notifications(first: 100) { nodes { kind familyId subjectId } } }`;

interface StepView {
  id: string;
  kind: string;
  status: string;
  reportDueAt: string | null;
  overdue: boolean;
  late: boolean;
  partner: { name: string } | null;
  content: { lifeDomain: string; legalDuty: string | null; description: string | null } | null;
}

const hoursAfterStart = (hours: number) => new Date(new Date(START).getTime() + hours * 3_600_000).toISOString();

describe("steps coordinated with the regisseur", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startPlanServer();
  });
  afterEach(() => app.clock.set(START));
  afterAll(() => app?.close());
  const { gql, aFamily } = planClient(() => app);
  const inbox = async (who: { id: string }) => data(await gql<{ notifications: { nodes: { kind: string; familyId: string; subjectId: string }[] } }>(INBOX, {}, who)).notifications.nodes;
  const timeline = async (familyId: string, who: { id: string }) => gql<{ family: { coordinatedSteps: StepView[] } | null }>(TIMELINE, { id: familyId }, who);

  it("puts an announced step and a step reported afterwards in the regisseur's timeline, with a notification each", async () => {
    const { familyId } = await aFamily("Stap", { consent: true });
    // The police are involved too: they signalled the youngest child.
    const parent = data(await gql<{ family: { members: { person: { givenName: string; bsn: string; birthDate: string } }[] } }>(BSNS, { id: familyId }, coach)).family.members.find(
      (member) => member.person.givenName === "Finn",
    )!.person;
    data(await gql(SIGNAL, { input: { bsn: parent.bsn, birthDate: parent.birthDate, discussedWithFamily: true } }, policePro));

    const visit = { lifeDomain: "HOUSING", plannedFor: hoursAfterStart(48), description: "Home visit about the rent arrears" };
    refused(await gql(ANNOUNCE, { familyId, input: { ...visit, plannedFor: hoursAfterStart(-1) } }, housingPro), "BAD_USER_INPUT", "input.plannedFor");
    refused(await gql(ANNOUNCE, { familyId, input: { ...visit, lifeDomain: "CLIMATE" } }, housingPro), "BAD_USER_INPUT", "input.lifeDomain");
    refused(await gql(ANNOUNCE, { familyId, input: { ...visit, description: " " } }, housingPro), "BAD_USER_INPUT", "input.description");
    // Who may not know the family gets what no family gives; a process lead takes no steps.
    const none = refused(await gql(ANNOUNCE, { familyId: NOBODY, input: visit }, housingPro), "NOT_FOUND");
    for (const stranger of [healthPro, foreignCoach]) expect(refused(await gql(ANNOUNCE, { familyId, input: visit }, stranger), "NOT_FOUND")).toBe(none);
    refused(await gql(ANNOUNCE, { familyId, input: visit }, processLead), "FORBIDDEN");

    const announced = data(await gql<{ announceStep: StepView }>(ANNOUNCE, { familyId, input: visit }, housingPro)).announceStep;
    expect(announced).toMatchObject({ kind: "ANNOUNCED", status: "ANNOUNCED", partner: { name: "Lefier" }, content: { lifeDomain: "HOUSING", description: "Home visit about the rent arrears" } });

    const ban = { lifeDomain: "SAFETY", legalDuty: "HOUSE_BAN", takenAt: hoursAfterStart(-3), description: "Ten-day house ban imposed on the father" };
    refused(await gql(REPORT, { familyId, input: { ...ban, takenAt: hoursAfterStart(2) } }, policePro), "BAD_USER_INPUT", "input.takenAt");
    const reported = data(await gql<{ reportStep: { id: string; status: string; late: boolean } }>(REPORT, { familyId, input: ban }, policePro)).reportStep;
    expect(reported).toEqual({ id: expect.any(String), status: "REPORTED", late: false });

    // The regisseur is told of both, by id, and reads them whole.
    const notices = (await inbox(coach)).filter((notice) => notice.familyId === familyId);
    expect(notices).toEqual(expect.arrayContaining([
      { kind: "STEP_ANNOUNCED", familyId, subjectId: announced.id },
      { kind: "STEP_REPORTED", familyId, subjectId: reported.id },
    ]));
    const seen = data(await timeline(familyId, coach)).family!.coordinatedSteps;
    expect(seen.map((step) => [step.kind, step.partner?.name, step.content?.description])).toEqual([
      ["AFTERWARDS", "Politie", "Ten-day house ban imposed on the father"],
      ["ANNOUNCED", "Lefier", "Home visit about the rent arrears"],
    ]);
    expect(seen[0]!.reportDueAt).toBe(hoursAfterStart(-3 + 48));

    // The process lead sees *that* both steps were taken, and by whom, but not what they are.
    const asLead = await timeline(familyId, processLead);
    expect(asLead.body.data!.family!.coordinatedSteps.map((step) => [step.kind, step.partner?.name, step.content])).toEqual([
      ["AFTERWARDS", "Politie", null],
      ["ANNOUNCED", "Lefier", null],
    ]);
    expect(new Set(codes(asLead))).toEqual(new Set(["FORBIDDEN"]));
    // Housing reads its own step's content, not the police's (SAFETY is not opened to it).
    const asHousing = (await timeline(familyId, housingPro)).body.data!.family!.coordinatedSteps;
    expect(asHousing.map((step) => [step.partner?.name, step.content?.description ?? null])).toEqual([
      ["Politie", null],
      ["Lefier", "Home visit about the rent arrears"],
    ]);
    // The police, involved at DAT, see their own step in the timeline and nothing of the others'.
    const asPolice = (await timeline(familyId, policePro)).body.data!.family!.coordinatedSteps;
    expect(asPolice.map((step) => [step.id, step.partner?.name])).toEqual([[reported.id, "Politie"]]);
    const asYouth = (await timeline(familyId, youthPro)).body.data!.family!.coordinatedSteps;
    expect(asYouth).toEqual([]);
  });

  it("turns an awaited report into a deadline, and marks it late when it comes", async () => {
    const { familyId } = await aFamily("Wacht");
    const measure = { partnerId: youthCare.id, lifeDomain: "PARENTING", legalDuty: "CHILD_PROTECTION", takenAt: hoursAfterStart(-72) };
    refused(await gql(EXPECT, { familyId, input: measure }, housingPro), "FORBIDDEN");
    refused(await gql(EXPECT, { familyId, input: { ...measure, partnerId: NOBODY } }, coach), "BAD_USER_INPUT", "input.partnerId");
    // A partner not in the family's work is not named: its managers would learn of the family.
    refused(await gql(EXPECT, { familyId, input: { ...measure, partnerId: police.id } }, coach), "BAD_USER_INPUT", "input.partnerId");
    const awaited = data(await gql<{ expectStepReport: { id: string; status: string; reportDueAt: string; overdue: boolean } }>(EXPECT, { familyId, input: measure }, coach)).expectStepReport;
    expect(awaited).toEqual({ id: expect.any(String), status: "AWAITING_REPORT", reportDueAt: hoursAfterStart(-24), overdue: true });

    // The deadline job tells the regisseur, once.
    await raiseDeadlines(app.database.db, new Date(START));
    await raiseDeadlines(app.database.db, new Date(START));
    expect((await inbox(coach)).filter((notice) => notice.subjectId === awaited.id)).toEqual([{ kind: "STEP_REPORT_OVERDUE", familyId, subjectId: awaited.id }]);

    // Only the partner it is awaited from answers it; two answers at once: one.
    const answer = { stepId: awaited.id, lifeDomain: "PARENTING", legalDuty: "CHILD_PROTECTION", takenAt: hoursAfterStart(-72), description: "Supervision order served" };
    refused(await gql(REPORT, { familyId, input: answer }, housingPro), "NOT_FOUND");
    const both = await Promise.all([gql(REPORT, { familyId, input: answer }, youthPro), gql(REPORT, { familyId, input: answer }, youthPro)]);
    expect(both.map((response) => codes(response)).sort()).toEqual([[], ["CONFLICT"]]);
    const [step] = data(await timeline(familyId, coach)).family!.coordinatedSteps;
    expect(step).toMatchObject({ id: awaited.id, status: "REPORTED", overdue: false, late: true, content: { description: "Supervision order served", legalDuty: "CHILD_PROTECTION" } });
    // Reported, it raises nothing more.
    expect((await raiseDeadlines(app.database.db, new Date(START)))["step-report-overdue"]).toBe(0);
  });
});
