import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatedOperations } from "../src/covenant/decisions/gate.js";
import { data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The family gate's one rule (src/covenant/README.md), through HTTP, for every operation the
 * gates declare: a caller who may not know the family — a partner of the region that is not
 * involved, a professional of another region — gets NOT_FOUND, word for word as for an id that
 * names nothing; a caller who knows the family (DAT) but lacks what the operation needs gets
 * FORBIDDEN. An operation reached through a record of the family (a goal, a task, a consent, a
 * membership) answers NOT_FOUND as that record.
 */

const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c12";

/** What an operation names: the family, or a record of it. */
type Target = "family" | "goal" | "task" | "otherTask" | "milestone" | "consent" | "ground" | "membership" | "networkMember" | "commitment";

interface Case {
  operation: string;
  target: Target;
  /** The mutation, with `$id` for what it names; `$extra` for anything else it needs. */
  query: string;
  extra?: () => Record<string, unknown>;
  /** Who knows the family but lacks the need (FORBIDDEN); null where no such caller is to be had. */
  knower?: "partner" | "lead" | null;
}

let app: TestApp;
let coach: string;
let lead: string;
let partnerWorker: string;
let stranger: string;
let elsewhere: string;
let youthCareId: string;
let municipalityId: string;
let parentId: string;
const ids = {} as Record<Target, string>;

const FAMILY_ARGUMENT = "familyId: $id";
const CASES: Case[] = [
  { operation: "startPlan", target: "family", query: `mutation($id: ID!) { startPlan(${FAMILY_ARGUMENT}) { version } }` },
  {
    operation: "setAnalysis",
    target: "family",
    query: `mutation($id: ID!) { setAnalysis(${FAMILY_ARGUMENT}, expectedVersion: 1, input: { lifeDomain: "HOUSING", text: "Rent arrears." }) { version } }`,
  },
  {
    operation: "addGoal",
    target: "family",
    query: `mutation($id: ID!) { addGoal(${FAMILY_ARGUMENT}, expectedVersion: 1, input: { lifeDomain: "HOUSING", memberIds: [], ownWords: "A home.", target: "No arrears." }) { version } }`,
  },
  {
    operation: "addTask",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!) { addTask(${FAMILY_ARGUMENT}, expectedVersion: 1, input: { lifeDomain: "HOUSING", description: "Visit.", leadPartnerId: $extra, dueDate: "2027-01-10" }) { version } }`,
    extra: () => ({ extra: youthCareId }),
  },
  {
    operation: "addMilestone",
    target: "family",
    query: `mutation($id: ID!) { addMilestone(${FAMILY_ARGUMENT}, expectedVersion: 1, input: { title: "First review", dueDate: "2027-02-01" }) { version } }`,
  },
  {
    operation: "recordEvaluation",
    target: "family",
    query: `mutation($id: ID!) { recordEvaluation(${FAMILY_ARGUMENT}, expectedVersion: 1, input: { heldOn: "2026-11-20", overall: "On track." }) { version } }`,
  },
  { operation: "addCoachNote", target: "family", query: `mutation($id: ID!) { addCoachNote(${FAMILY_ARGUMENT}, text: "A note.") { id } }` },
  {
    operation: "agreeToPlan",
    target: "family",
    query: `mutation($id: ID!) { agreeToPlan(${FAMILY_ARGUMENT}, version: 1, party: REFERRING_PARTNER) { agreedAt } }`,
  },
  { operation: "updateGoal", target: "goal", query: `mutation($id: ID!) { updateGoal(goalId: $id, expectedVersion: 1, input: { target: "Sooner." }) { version } }` },
  { operation: "updateTask", target: "task", query: `mutation($id: ID!) { updateTask(taskId: $id, expectedVersion: 1, input: { description: "Call." }) { version } }` },
  { operation: "markMilestoneReached", target: "milestone", query: `mutation($id: ID!) { markMilestoneReached(milestoneId: $id, expectedVersion: 1) { version } }` },
  { operation: "respondToTask", target: "otherTask", query: `mutation($id: ID!) { respondToTask(taskId: $id, response: ACCEPTED) { id } }` },
  { operation: "setTaskStatus", target: "otherTask", query: `mutation($id: ID!) { setTaskStatus(taskId: $id, status: IN_PROGRESS) { id } }` },
  {
    operation: "handOverRegie",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!) { handOverRegie(${FAMILY_ARGUMENT}, toProfessionalId: $extra) }`,
    extra: () => ({ extra: coach }),
  },
  {
    operation: "assignProcessLead",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!) { assignProcessLead(${FAMILY_ARGUMENT}, toProfessionalId: $extra) }`,
    extra: () => ({ extra: lead }),
  },
  { operation: "changeFamilyCategory", target: "family", query: `mutation($id: ID!) { changeFamilyCategory(${FAMILY_ARGUMENT}, category: MPG3) { id } }` },
  {
    operation: "addFamilyMember",
    target: "family",
    query: `mutation($id: ID!, $extra: String!) { addFamilyMember(${FAMILY_ARGUMENT}, member: { bsn: $extra, givenName: "Cas", familyName: "Poort", birthDate: "2026-01-05", relation: CHILD }) { id } }`,
    extra: () => ({ extra: bsnNumber(4_200) }),
  },
  { operation: "endFamilyMembership", target: "membership", query: `mutation($id: ID!) { endFamilyMembership(membershipId: $id, validTo: "2026-11-23") { id } }` },
  { operation: "changePhase", target: "family", query: `mutation($id: ID!) { changePhase(${FAMILY_ARGUMENT}, to: PLANNING) { id } }` },
  {
    operation: "screenFamily",
    target: "family",
    query: `mutation($id: ID!) { screenFamily(${FAMILY_ARGUMENT}, input: { outcome: REGULAR, reasoning: "Regular care suffices." }) { id } }`,
  },
  { operation: "closeFamily", target: "family", query: `mutation($id: ID!) { closeFamily(${FAMILY_ARGUMENT}, input: {}) { id } }` },
  { operation: "endAftercare", target: "family", query: `mutation($id: ID!) { endAftercare(${FAMILY_ARGUMENT}, note: "Doing well.") { id } }` },
  { operation: "reopenFamily", target: "family", query: `mutation($id: ID!) { reopenFamily(${FAMILY_ARGUMENT}, reason: "New concerns at school.") { id } }` },
  {
    operation: "issueAdvice",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!) { issueAdvice(${FAMILY_ARGUMENT}, input: { partnerId: $extra, lifeDomain: "HOUSING", decisionType: "PAYMENT_PLAN", advice: "Offer a payment plan." }) { id } }`,
    extra: () => ({ extra: municipalityId }),
  },
  {
    operation: "raiseEscalation",
    target: "family",
    query: `mutation($id: ID!, $extra: [ID!]!) { raiseEscalation(${FAMILY_ARGUMENT}, track: PLAN_EXECUTION, subject: "The visits do not happen.", partyPartnerIds: $extra) { id } }`,
    extra: () => ({ extra: [municipalityId] }),
    // A care worker of an involved partner may raise one: every caller who knows the family here does.
    knower: null,
  },
  {
    operation: "openEmergencyAccess",
    target: "family",
    query: `mutation($id: ID!) { openEmergencyAccess(${FAMILY_ARGUMENT}, reason: "A child is not safe at home tonight.") { id } }`,
    // The involved care worker may open it; the process lead knows the family and is no care worker.
    knower: "lead",
  },
  {
    operation: "recordConsent",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!, $partner: ID!) { recordConsent(input: { familyId: $id, personId: $extra, partnerId: $partner, lifeDomains: ["HOUSING"], givenBy: [$extra] }) { id } }`,
    extra: () => ({ extra: parentId, partner: youthCareId }),
  },
  {
    operation: "withdrawConsent",
    target: "consent",
    query: `mutation($id: ID!, $extra: [ID!]!) { withdrawConsent(id: $id, withdrawnBy: $extra) { id } }`,
    extra: () => ({ extra: [parentId] }),
  },
  {
    operation: "recordLegalGround",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!, $partner: ID!) { recordLegalGround(input: { familyId: $id, personId: $extra, partnerId: $partner, lifeDomains: ["HOUSING"], kind: CHILD_PROTECTION_MEASURE, basis: "Supervision order." }) { id } }`,
    extra: () => ({ extra: parentId, partner: youthCareId }),
  },
  { operation: "endLegalGround", target: "ground", query: `mutation($id: ID!) { endLegalGround(id: $id) { id } }` },
  {
    operation: "announceStep",
    target: "family",
    query: `mutation($id: ID!) { announceStep(${FAMILY_ARGUMENT}, input: { lifeDomain: "HOUSING", plannedFor: "2027-01-10T10:00:00Z", description: "Home visit." }) { id } }`,
    // Any care worker who knows the family may; the process lead knows it and is no care worker.
    knower: "lead",
  },
  {
    operation: "reportStep",
    target: "family",
    query: `mutation($id: ID!) { reportStep(${FAMILY_ARGUMENT}, input: { lifeDomain: "HOUSING", legalDuty: EVICTION, takenAt: "2026-11-01T10:00:00Z", description: "Eviction served." }) { id } }`,
    knower: "lead",
  },
  {
    operation: "expectStepReport",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!) { expectStepReport(${FAMILY_ARGUMENT}, input: { partnerId: $extra, lifeDomain: "HOUSING", legalDuty: EVICTION, takenAt: "2026-11-01T10:00:00Z" }) { id } }`,
    extra: () => ({ extra: youthCareId }),
  },
  {
    operation: "addNetworkMember",
    target: "family",
    query: `mutation($id: ID!) { addNetworkMember(${FAMILY_ARGUMENT}, input: { name: "Oma Poort", relation: "grandmother" }) { id } }`,
  },
  {
    operation: "recordCaseMeeting",
    target: "family",
    query: `mutation($id: ID!) { recordCaseMeeting(${FAMILY_ARGUMENT}, input: { meeting: "MDO_PLUS", heldOn: "2026-11-20", minutes: "Discussed." }) { id } }`,
  },
  {
    operation: "proposeCommitment",
    target: "family",
    query: `mutation($id: ID!, $extra: ID!) { proposeCommitment(${FAMILY_ARGUMENT}, input: { taskId: $extra, service: "Budget course", amountCents: 5000 }) { id } }`,
    extra: () => ({ extra: ids.task }),
  },
  { operation: "recordSpending", target: "commitment", query: `mutation($id: ID!) { recordSpending(commitmentId: $id, spentCents: 1) { id } }` },
  {
    operation: "setContactDetail",
    target: "family",
    query: `mutation($id: ID!) { setContactDetail(${FAMILY_ARGUMENT}, input: { kind: PHONE, value: "06-12345678" }) { id } }`,
  },
  {
    operation: "handOverToRegion",
    target: "family",
    query: `mutation($id: ID!) { handOverToRegion(${FAMILY_ARGUMENT}, toRegion: "elsewhere-region", note: "Moving.") { id } }`,
  },
  { operation: "endNetworkMember", target: "networkMember", query: `mutation($id: ID!) { endNetworkMember(networkMemberId: $id) { id } }` },
];

const MISSING: Record<Target, string> = {
  family: "Family",
  goal: "Goal",
  task: "Task",
  otherTask: "Task",
  milestone: "Milestone",
  consent: "Consent",
  ground: "Legal ground",
  membership: "Membership",
  networkMember: "Network member",
  commitment: "Budget commitment",
};

beforeAll(async () => {
  app = await startTestApp();
  const db = app.database.db;
  const region = await aRegion(db);
  await aLifeDomain(db, region.id, "HOUSING");
  const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY" });
  const youthCare = await aPartner(db, region.id, { name: "Jeugdzorg", sector: "YOUTH_CARE" });
  const housing = await aPartner(db, region.id, { name: "Woningcorporatie", sector: "HOUSING" });
  municipalityId = municipality.id;
  youthCareId = youthCare.id;
  coach = (await aProfessional(db, municipality, ["COACH"])).id;
  lead = (await aProfessional(db, municipality, ["PROCESS_LEAD"])).id;
  // Coaches, so that the operations open to coaches only are refused by the gate, not by their role.
  partnerWorker = (await aProfessional(db, youthCare, ["COACH"])).id;
  stranger = (await aProfessional(db, housing, ["COACH"])).id;
  const admin = (await aProfessional(db, municipality, ["COVENANT_ADMIN"])).id;
  const otherRegion = await aRegion(db);
  elsewhere = (await aProfessional(db, await aPartner(db, otherRegion.id), ["COACH"])).id;

  // Involved signatories know that the family is in the approach (DAT), no more; housing signed but is not involved.
  data(
    await app.gql(
      `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version } }`,
      {
        input: {
          title: "Convenant",
          signatoryPartnerIds: [municipality.id, youthCare.id, housing.id],
          rules: [{ level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know who else is involved." }],
        },
      },
      admin,
    ),
  );
  const registered = data(
    await app.gql<{ registerFamily: { id: string } }>(
      `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`,
      {
        input: {
          name: "Gezin Poort",
          category: "MPG2",
          regisseurId: coach,
          members: [
            { bsn: bsnNumber(4_100), givenName: "Iris", familyName: "Poort", birthDate: "1985-03-01", relation: "PARENT", legalCustody: true },
            { bsn: bsnNumber(4_110), givenName: "Jip", familyName: "Poort", birthDate: "2016-09-01", relation: "CHILD" },
          ],
        },
      },
      lead,
    ),
  );
  ids.family = registered.registerFamily.id;
  const members = data(
    await app.gql<{ family: { members: { id: string; relation: string; person: { id: string } }[] } }>(
      `query($id: ID!) { family(id: $id) { members { id relation person { id } } } }`,
      { id: ids.family },
      coach,
    ),
  ).family.members;
  const parent = members.find((member) => member.relation === "PARENT")!;
  parentId = parent.person.id;
  ids.membership = members.find((member) => member.relation === "CHILD")!.id;

  // The regisseur's plan: a goal, a task for youth care (which makes it involved), one for the municipality, a milestone.
  const edit = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => data(await app.gql<T>(query, variables, coach));
  await edit(`mutation($id: ID!) { startPlan(familyId: $id) { version } }`, { id: ids.family });
  const part = `{ version goal { id } task { id } milestone { id } }`;
  type Revision = { version: number; goal: { id: string } | null; task: { id: string } | null; milestone: { id: string } | null };
  ids.goal = (
    await edit<{ addGoal: Revision }>(
      `mutation($id: ID!) { addGoal(familyId: $id, expectedVersion: 1, input: { lifeDomain: "HOUSING", memberIds: [], ownWords: "A home.", target: "No arrears." }) ${part} }`,
      { id: ids.family },
    )
  ).addGoal.goal!.id;
  const task = `mutation($id: ID!, $version: Int!, $partner: ID!) { addTask(familyId: $id, expectedVersion: $version, input: { lifeDomain: "HOUSING", description: "Visit.", leadPartnerId: $partner, dueDate: "2027-01-10" }) ${part} }`;
  ids.task = (await edit<{ addTask: Revision }>(task, { id: ids.family, version: 2, partner: youthCare.id })).addTask.task!.id;
  ids.otherTask = (await edit<{ addTask: Revision }>(task, { id: ids.family, version: 3, partner: municipality.id })).addTask.task!.id;
  ids.milestone = (
    await edit<{ addMilestone: Revision }>(
      `mutation($id: ID!) { addMilestone(familyId: $id, expectedVersion: 4, input: { title: "First review", dueDate: "2027-02-01" }) ${part} }`,
      { id: ids.family },
    )
  ).addMilestone.milestone!.id;
  ids.consent = (
    await edit<{ recordConsent: { id: string } }>(
      `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`,
      { input: { familyId: ids.family, personId: parentId, partnerId: youthCare.id, lifeDomains: ["HOUSING"], givenBy: [parentId] } },
    )
  ).recordConsent.id;
  ids.networkMember = (
    await edit<{ addNetworkMember: { id: string } }>(
      `mutation($id: ID!) { addNetworkMember(familyId: $id, input: { name: "Buurvrouw Els", relation: "neighbour" }) { id } }`,
      { id: ids.family },
    )
  ).addNetworkMember.id;
  ids.commitment = (
    await edit<{ proposeCommitment: { id: string } }>(
      `mutation($id: ID!, $task: ID!) { proposeCommitment(familyId: $id, input: { taskId: $task, service: "Home help", amountCents: 10000 }) { id } }`,
      { id: ids.family, task: ids.task },
    )
  ).proposeCommitment.id;
  ids.ground = (
    await edit<{ recordLegalGround: { id: string } }>(
      `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id } }`,
      { input: { familyId: ids.family, personId: parentId, partnerId: youthCare.id, lifeDomains: ["HOUSING"], kind: "CHILD_PROTECTION_MEASURE", basis: "Supervision order." } },
    )
  ).recordLegalGround.id;
});

afterAll(() => app?.close());

describe("the family gate", () => {
  it("is tried here for every operation the gates declare", () => {
    const declared = new Set(gatedOperations().map((gated) => gated.operation));
    expect(new Set(CASES.map((entry) => `Mutation.${entry.operation}`))).toEqual(declared);
  });

  it("knows who is who: the partner given a task knows the family (DAT), the others do not", async () => {
    const levels = async (as: string) =>
      (await app.gql<{ family: { myAccess: { level: string } } | null }>(`query($id: ID!) { family(id: $id) { myAccess { level } } }`, { id: ids.family }, as)).body.data
        ?.family?.myAccess.level ?? null;
    expect(await levels(partnerWorker)).toBe("DAT");
    expect(await levels(lead)).toBe("PROCESS");
    expect(await levels(stranger)).toBeNull();
    expect(await levels(elsewhere)).toBeNull();
  });

  for (const entry of CASES) {
    it(`${entry.operation}: NOT_FOUND as for no ${MISSING[entry.target].toLowerCase()} to who may not know the family, FORBIDDEN to who knows it but lacks the need`, async () => {
      const ask = (id: string, as: string) => app.gql(entry.query, { id, ...(entry.extra?.() ?? {}) }, as);
      const none = refused(await ask(NOBODY, stranger), "NOT_FOUND");
      expect(none).toBe(`${MISSING[entry.target]} not found.`);
      expect(refused(await ask("not-an-id", stranger), "NOT_FOUND")).toBe(none);
      expect(refused(await ask(ids[entry.target], stranger), "NOT_FOUND")).toBe(none);
      expect(refused(await ask(ids[entry.target], elsewhere), "NOT_FOUND")).toBe(none);
      const knower = entry.knower === undefined ? partnerWorker : entry.knower === "lead" ? lead : null;
      // The operation's own reason, not a role rule's refusal before the gate was reached.
      if (knower) expect(refused(await ask(ids[entry.target], knower), "FORBIDDEN")).not.toBe("You are not allowed to do this.");
    });
  }
});
