import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAccounts } from "../src/accountability/rights/tables.js";
import { createTokenVerifier, signClientToken, signToken } from "../src/auth/tokens.js";
import { demoClientAccountId, demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { processSettings } from "../src/process/tables.js";
import { codes, data, refused, startTestApp, type GraphQLResponse, type TestApp } from "./support/app.js";

const execFileAsync = promisify(execFile);
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The rights of the people in the files (AVG art. 15–17), through HTTP against the real server:
 * a family member's own login, their export, the age rule for children, the same requests by a
 * professional on their behalf, and rectification and erasure with their decisions.
 */

const NOBODY = "2b1f1f4e-9c1e-4c4e-8f57-3f1f4b7a0c11";

// --- documents ---------------------------------------------------------------------------------

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const MEMBERS = `query($id: ID!) { family(id: $id) { members { relation person { id bsn givenName } } } }`;
const PUBLISH = `mutation($input: CovenantVersionInput!) { publishCovenantVersion(input: $input) { version inForce } }`;
const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;
const SET_ANALYSIS = `mutation($familyId: ID!, $v: Int!, $input: AnalysisInput!) { setAnalysis(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
const ADD_GOAL = `mutation($familyId: ID!, $v: Int!, $input: GoalInput!) { addGoal(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) { addTask(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
const COACH_NOTE = `mutation($familyId: ID!, $text: String!) { addCoachNote(familyId: $familyId, text: $text) { __typename } }`;
const PLAN_VERSION = `query($id: ID!) { family(id: $id) { plan { version } } }`;
const CONSENT = `mutation($input: ConsentInput!) { recordConsent(input: $input) { id } }`;
const LEGAL_GROUND = `mutation($input: LegalGroundInput!) { recordLegalGround(input: $input) { id } }`;
const CONCERN = `mutation($input: ConcernInput!) { registerConcern(input: $input) { route } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const MY_SIGNALS = `{ mySignals { nodes { id } } }`;
const MATCHES = `{ matchNotifications { nodes { id kind } } }`;
const INBOX = `{ notifications { nodes { kind familyId subjectId reason } } }`;

const MY_ACCOUNT = `{ myAccount { id email name personId region active } }`;
const MY_CHILDREN = `{ myChildren { personId givenName familyName birthDate } }`;
const MY_DATA = `query($for: ID) { myData(for: $for) }`;
const MY_LOG = `query($for: ID) { myAccessLog(for: $for, first: 100) { nodes { at actorKind professional client organisation roles action operation data basis emergency family } } }`;
const CLIENT_LOG = `query($personId: ID!) { clientAccessLog(personId: $personId, first: 100) { nodes { at actorKind professional client organisation action data basis family } } }`;
const READ_FAMILY = `query($id: ID!) { family(id: $id) { name members { person { givenName bsn } } plan { goals { content { ownWords } } } } }`;
const READ_SAFETY = `query($id: ID!) { family(id: $id) { plan { analyses { content { lifeDomain text } } } } }`;
const EMERGENCY = `mutation($familyId: ID!, $reason: String!) { openEmergencyAccess(familyId: $familyId, reason: $reason) { id } }`;
const MY_REQUESTS = `query($for: ID) { myRequests(for: $for, first: 100) { nodes { id kind status signalId description filedOnBehalf decidedAt decidedBy { name organisation } reason } } }`;
const SUBMIT_MINE = `mutation($input: RightsRequestInput!, $for: ID) { submitMyRightsRequest(input: $input, for: $for) { id kind status signalId } }`;
const SETTINGS = `{ rightsSettings { selfAccessAge onBehalf } }`;
const SET_SETTINGS = `mutation($input: RightsSettingsInput!) { setRightsSettings(input: $input) { selfAccessAge onBehalf } }`;
const OPEN_ACCOUNT = `mutation($personId: ID!, $email: String!) { openClientAccount(personId: $personId, email: $email) { id email name personId active } }`;
const CLIENT_EXPORT = `query($personId: ID!) { clientExport(personId: $personId) }`;
const CLIENT_REQUESTS = `query($personId: ID!) { clientRightsRequests(personId: $personId, first: 100) { nodes { id status reason filedOnBehalf } } }`;
const SUBMIT = `mutation($personId: ID!, $input: RightsRequestInput!) { submitRightsRequest(personId: $personId, input: $input) { id status personId familyId filedOnBehalf } }`;
const TO_DECIDE = `query($openOnly: Boolean) { rightsRequestsToDecide(openOnly: $openOnly, first: 100) { nodes { id kind status signalId personId familyId description } } }`;
const APPLY = `mutation($id: ID!, $correction: RectificationInput!) { applyRectification(requestId: $id, correction: $correction) { id status appliedAt corrections { field previous corrected } } }`;
const MY_REQUESTS_APPLIED = `{ myRequests(first: 100) { nodes { id appliedAt corrections { field previous corrected } } } }`;
const BIRTH_DATES = `query($id: ID!) { family(id: $id) { members { person { id birthDate } } } }`;
const DECIDE = `mutation($id: ID!, $input: RightsDecisionInput!) { decideRightsRequest(requestId: $id, input: $input) { id status reason decidedBy { name organisation } } }`;

// --- shapes ------------------------------------------------------------------------------------

type Vars = Record<string, unknown>;
type Who = { id: string; name: string };
interface Member {
  givenName: string;
  familyName: string;
  relation: string;
  legalCustody: boolean;
  bsn?: string;
  birthDate?: string;
}
interface Household {
  familyId: string;
  name: string;
  members: Member[];
  yourMembership: { relation: string; legalCustody: boolean }[];
  regisseur: { name: string; organisation: string } | null;
  plan: {
    analyses: { about: string; text: string }[];
    goals: { ownWords: string; members: string[] }[];
    tasks: { description: string; organisation: string }[];
  } | null;
  consents: { organisation: string; lifeDomains: string[]; givenBy: string[] }[];
  legalGrounds: { organisation: string; kind: string; basis: string }[];
}
interface Export {
  about: { bsn: string; givenName: string; birthDate: string };
  households: Household[];
  concerns: { description: string; organisation: string; listedYouAs: { bsn: string } }[];
  referenceIndex: { signalId: string; organisation: string; since: string; status: string }[];
  rightsRequests: { kind: string; status: string; reason: string | null }[];
  notIncluded: { what: string; count?: number }[];
}
interface LogEntry {
  at: string;
  actorKind: string;
  professional: string | null;
  client: string | null;
  organisation: string | null;
  roles: string[];
  action: string;
  operation: string | null;
  data: string[];
  basis: { rules: string[]; level: string | null; causes: { kind: string }[] };
  emergency: boolean;
  family: string | null;
}
interface Correction {
  field: string;
  previous: string;
  corrected: string;
}
interface Request {
  id: string;
  kind: string;
  status: string;
  signalId: string | null;
  personId?: string | null;
  familyId?: string | null;
  reason?: string | null;
  decidedBy?: { name: string; organisation: string } | null;
}

describe("the rights of the people in the files", () => {
  let app: TestApp;
  let coach: Who;
  let otherCoach: Who;
  let lead: Who;
  let admin: Who;
  let housingPro: Who;
  let policePro: Who;
  let youthPro: Who;
  let otherRegionLead: Who;

  // Gezin Aa: two parents with custody, a partner without, a child of 15 and one of 16.
  let aa: string;
  const AA = {
    mother: { bsn: bsnNumber(61_000_001), givenName: "Mirjam", familyName: "Aa", birthDate: "1984-03-01", relation: "PARENT", legalCustody: true },
    father: { bsn: bsnNumber(61_000_101), givenName: "Frank", familyName: "Aa", birthDate: "1982-07-14", relation: "PARENT", legalCustody: true },
    stepfather: { bsn: bsnNumber(61_000_201), givenName: "Stefan", familyName: "Stiefvader", birthDate: "1980-02-02", relation: "PARTNER", legalCustody: false },
    child: { bsn: bsnNumber(61_000_301), givenName: "Kees", familyName: "Aa", birthDate: "2011-06-01", relation: "CHILD", legalCustody: false },
    teen: { bsn: bsnNumber(61_000_401), givenName: "Tara", familyName: "Aa", birthDate: "2010-01-15", relation: "CHILD", legalCustody: false },
  };
  // Gezin Bee: another household of the same coach, with its own plan and signal.
  let bee: string;
  const BEE = {
    parent: { bsn: bsnNumber(62_000_001), givenName: "Bertha", familyName: "Bee", birthDate: "1979-09-09", relation: "PARENT", legalCustody: true },
    child: { bsn: bsnNumber(62_000_101), givenName: "Bob", familyName: "Bee", birthDate: "2014-04-04", relation: "CHILD", legalCustody: false },
  };
  const CEE_CHILD = { bsn: bsnNumber(63_000_001), givenName: "Cor", familyName: "Stiefvader", birthDate: "2016-03-03", relation: "CHILD", legalCustody: false };
  const ids: Record<string, string> = {};
  const accounts: Record<string, string> = {};

  const as = <T = Record<string, unknown>>(query: string, variables: Vars, who: Who) => app.gql<T>(query, variables, who.id);
  const ok = async <T = Record<string, unknown>>(query: string, variables: Vars, who: Who) => data(await as<T>(query, variables, who));
  const asClient = <T = Record<string, unknown>>(query: string, variables: Vars, accountId: string) =>
    app.gqlWithHeader<T>(query, `Bearer ${signClientToken(app.config, accountId)}`, variables);
  const okClient = async <T = Record<string, unknown>>(query: string, variables: Vars, accountId: string) => data(await asClient<T>(query, variables, accountId));
  const exportOf = async (accountId: string, forId?: string) => (await okClient<{ myData: Export }>(MY_DATA, { for: forId ?? null }, accountId)).myData;
  const version = async (familyId: string) => (await ok<{ family: { plan: { version: number } } }>(PLAN_VERSION, { id: familyId }, coach)).family.plan.version;
  const edit = async (document: string, familyId: string, input: Vars) => ok(document, { familyId, v: await version(familyId), input }, coach);
  const setAgeTo = (selfAccessAge: number) => ok(SET_SETTINGS, { input: { selfAccessAge, onBehalf: ["REGISSEUR", "PROCESS_LEAD"] } }, admin);

  async function register(name: string, members: Record<string, Vars>, regisseur: Who = coach): Promise<string> {
    const input = { name, category: "MPG2", regisseurId: regisseur.id, members: Object.values(members) };
    const familyId = (await ok<{ registerFamily: { id: string } }>(REGISTER, { input }, lead)).registerFamily.id;
    const listed = (await ok<{ family: { members: { person: { id: string; bsn: string } }[] } }>(MEMBERS, { id: familyId }, regisseur)).family.members;
    for (const [key, member] of Object.entries(members)) ids[`${name}.${key}`] = listed.find((each) => each.person.bsn === member.bsn)!.person.id;
    return familyId;
  }

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    // No age limit: the reference index may hold signals on the adults too.
    const region = await aRegion(db, { code: "rights-town", signalAgeLimitYears: null });
    for (const domain of ["HOUSING", "FINANCES", "SAFETY"]) await aLifeDomain(db, region.id, domain, domain === "SAFETY");
    const municipality = await aPartner(db, region.id, { name: "Gemeente Rechtstad", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id, { name: "Wijkteam Rechtstad", sector: "SOCIAL_WORK" });
    const housing = await aPartner(db, region.id, { name: "Woonstede", sector: "HOUSING" });
    const police = await aPartner(db, region.id, { name: "Politie Rechtstad", sector: "POLICE_JUSTICE" });
    const youthCare = await aPartner(db, region.id, { name: "Jeugdzorg Rechtstad", sector: "YOUTH_CARE" });
    coach = await aProfessional(db, socialWork, ["COACH"], { name: "Carla Coach" });
    otherCoach = await aProfessional(db, youthCare, ["COACH"], { name: "Olga Andere" });
    lead = await aProfessional(db, municipality, ["PROCESS_LEAD"], { name: "Lars Leider" });
    admin = await aProfessional(db, municipality, ["COVENANT_ADMIN"], { name: "Anton Beheer" });
    housingPro = await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"], { name: "Hanna Huis" });
    policePro = await aProfessional(db, police, ["PARTNER_PROFESSIONAL"], { name: "Piet Politie" });
    youthPro = await aProfessional(db, youthCare, ["PARTNER_PROFESSIONAL"], { name: "Jet Jeugd" });
    const elsewhere = await aRegion(db, { code: "elsewhere" });
    otherRegionLead = await aProfessional(db, await aPartner(db, elsewhere.id), ["PROCESS_LEAD"], { name: "Otto Elders" });
    await db.insert(processSettings).values({ regionId: region.id, meldpuntName: "Meldpunt Rechtstad", meldpuntContact: "14 000", intakeCoordinatorId: lead.id });
    // Amsterdam-like: involved signatories know only that the others are involved.
    const covenant = {
      title: "Convenant Rechtstad",
      signatoryPartnerIds: [municipality.id, socialWork.id, housing.id, police.id, youthCare.id],
      rules: [{ level: "DAT", requiresInvolvement: true, requiresConsentOrLegalGround: false, description: "Involved signatories know who else is involved." }],
    };
    await ok(PUBLISH, { input: covenant }, admin);

    aa = await register("Gezin Aa", AA);
    bee = await register("Gezin Bee", BEE);
    // Stefan is a parent in a household of his own too, led by another coach.
    await register("Gezin Cee", { stefan: { ...AA.stepfather, relation: "PARENT", legalCustody: true }, child: CEE_CHILD }, otherCoach);
    for (const familyId of [aa, bee]) await ok(START_PLAN, { familyId }, coach);
    // Gezin Aa's plan: a household analysis, one about the mother, one about the father; goals and tasks likewise.
    await edit(SET_ANALYSIS, aa, { lifeDomain: "HOUSING", text: "Aa household: rent arrears of two months." });
    await edit(SET_ANALYSIS, aa, { lifeDomain: "FINANCES", memberId: ids["Gezin Aa.mother"], text: "Mirjam keeps the accounts alone." });
    await edit(SET_ANALYSIS, aa, { lifeDomain: "SAFETY", memberId: ids["Gezin Aa.father"], text: "Frank's anger at home: private to him." });
    await edit(ADD_GOAL, aa, { lifeDomain: "HOUSING", memberIds: [], ownWords: "Aa: we want to stay in our house", target: "No new arrears" });
    await edit(ADD_GOAL, aa, { lifeDomain: "FINANCES", memberIds: [ids["Gezin Aa.mother"]], ownWords: "Mirjam: overview of my money", target: "A budget" });
    await edit(ADD_GOAL, aa, { lifeDomain: "SAFETY", memberIds: [ids["Gezin Aa.father"]], ownWords: "Frank: calm at home", target: "Anger management" });
    await edit(ADD_TASK, aa, { lifeDomain: "HOUSING", memberIds: [], description: "Aa: payment plan with Woonstede", leadPartnerId: housing.id, dueDate: "2027-01-31" });
    await edit(ADD_TASK, aa, { lifeDomain: "SAFETY", memberIds: [ids["Gezin Aa.father"]], description: "Frank: referral to a course", leadPartnerId: socialWork.id, dueDate: "2027-02-28" });
    await ok(COACH_NOTE, { familyId: aa, text: "Coach's own note on Gezin Aa" }, coach);
    await edit(SET_ANALYSIS, bee, { lifeDomain: "HOUSING", text: "Bee household: noise complaints." });
    await edit(ADD_GOAL, bee, { lifeDomain: "HOUSING", memberIds: [], ownWords: "Bee: quiet neighbours", target: "No complaints" });
    // Consent and a legal ground, for the mother and for the father.
    const consent = (person: string, givenBy: string[]) => ({ familyId: aa, personId: ids[person], partnerId: housing.id, lifeDomains: ["HOUSING"], givenBy });
    await ok(CONSENT, { input: consent("Gezin Aa.mother", [ids["Gezin Aa.mother"]!]) }, coach);
    await ok(CONSENT, { input: consent("Gezin Aa.father", [ids["Gezin Aa.father"]!]) }, coach);
    const ground = (person: string, basis: string) => ({ familyId: aa, personId: ids[person], partnerId: youthCare.id, lifeDomains: ["SAFETY"], kind: "COERCIVE_TRACK", basis });
    await ok(LEGAL_GROUND, { input: ground("Gezin Aa.mother", "Mirjam: housing-contract conditions") }, coach);
    await ok(LEGAL_GROUND, { input: ground("Gezin Aa.father", "Frank: probation conditions") }, coach);
    // A concern listing the mother and the child (attached to Gezin Aa), and one about Gezin Bee.
    const concern = (label: string, members: Vars[], description: string) => ({ label, members, description, discussedWithFamily: true });
    await ok(CONCERN, { input: concern("Aa", [AA.mother, AA.child], "Aa: the children miss school") }, youthPro);
    await ok(CONCERN, { input: concern("Bee", [BEE.parent, BEE.child], "Bee: neighbours worried") }, youthPro);
    // Signals: the police on the mother; housing on the mother too (a match); police on Bertha Bee.
    await ok(SIGNAL, { input: { bsn: AA.mother.bsn, birthDate: AA.mother.birthDate, discussedWithFamily: false, notDiscussedReason: "NOT_YET_REACHED" } }, policePro);
    await ok(SIGNAL, { input: { bsn: AA.mother.bsn, birthDate: AA.mother.birthDate, discussedWithFamily: true } }, housingPro);
    await ok(SIGNAL, { input: { bsn: BEE.parent.bsn, birthDate: BEE.parent.birthDate, discussedWithFamily: true } }, policePro);

    // Logins: the regisseur opens them (the region's default lets the family's regisseur).
    for (const key of ["mother", "father", "stepfather", "teen"]) {
      const opened = await ok<{ openClientAccount: { id: string } }>(OPEN_ACCOUNT, { personId: ids[`Gezin Aa.${key}`], email: `${key}@aa.example` }, coach);
      accounts[key] = opened.openClientAccount.id;
    }
    accounts.bee = (await ok<{ openClientAccount: { id: string } }>(OPEN_ACCOUNT, { personId: ids["Gezin Bee.parent"], email: "bertha@bee.example" }, coach)).openClientAccount.id;
  });
  afterAll(() => app?.close());

  // --- the login -------------------------------------------------------------------------------

  describe("a client's own login", () => {
    it("answers the client who they are", async () => {
      const { myAccount } = await okClient<{ myAccount: { email: string; name: string; personId: string; region: string; active: boolean } }>(MY_ACCOUNT, {}, accounts.mother!);
      expect(myAccount).toMatchObject({ email: "mother@aa.example", name: "Mirjam Aa", personId: ids["Gezin Aa.mother"], region: "rights-town", active: true });
    });

    it("refuses every professional field to a client with FORBIDDEN, and shows nothing", async () => {
      for (const query of [`{ me { id } }`, `{ families { nodes { id name } } }`, `query($id: ID!) { family(id: $id) { id name } }`, `{ notifications { nodes { id } } }`, `{ mySignals { nodes { id } } }`, SETTINGS]) {
        const response = await asClient(query, { id: aa }, accounts.mother!);
        expect(codes(response), query).toEqual(["FORBIDDEN"]);
        // A nullable root field answers null, a non-null one nulls the whole answer: nothing either way.
        expect(Object.values(response.body.data ?? {}).every((value) => value === null), query).toBe(true);
      }
      const registered = await asClient(REGISTER, { input: { name: "x", category: "MPG1", regisseurId: coach.id, members: [] } }, accounts.mother!);
      expect(codes(registered)).toEqual(["FORBIDDEN"]);
      refused(await asClient(CLIENT_EXPORT, { personId: ids["Gezin Aa.father"] }, accounts.mother!), "FORBIDDEN");
      refused(await asClient(DECIDE, { id: NOBODY, input: { decision: "GRANTED", reason: "x" } }, accounts.mother!), "FORBIDDEN");
    });

    it("refuses the client fields to a professional with FORBIDDEN, and to nobody with UNAUTHENTICATED", async () => {
      refused(await as(MY_DATA, {}, coach), "FORBIDDEN");
      refused(await as(MY_ACCOUNT, {}, lead), "FORBIDDEN");
      refused(await as(SUBMIT_MINE, { input: { kind: "RECTIFICATION", description: "x" } }, coach), "FORBIDDEN");
      refused(await app.gqlWithHeader(MY_DATA, null), "UNAUTHENTICATED");
      refused(await app.gqlWithHeader(`{ families { nodes { id } } }`, null), "UNAUTHENTICATED");
    });

    it("refuses a deactivated login at once", async () => {
      const token = signClientToken(app.config, accounts.bee!);
      expect(codes(await app.gqlWithHeader(MY_ACCOUNT, `Bearer ${token}`))).toEqual([]);
      await app.database.db.update(clientAccounts).set({ active: false }).where(eq(clientAccounts.id, accounts.bee!));
      try {
        refused(await app.gqlWithHeader(MY_ACCOUNT, `Bearer ${token}`), "UNAUTHENTICATED");
      } finally {
        await app.database.db.update(clientAccounts).set({ active: true }).where(eq(clientAccounts.id, accounts.bee!));
      }
    });
  });

  describe("tokens of the two kinds are never confused", () => {
    const claims = () => ({ iss: app.config.JWT_ISSUER, aud: app.config.JWT_AUDIENCE });
    const secret = () => app.config.JWT_SECRET!;

    it("does not take a professional's token for a client's, nor a client's for a professional's", () => {
      const verifier = createTokenVerifier(app.config);
      const professional = signToken(app.config, coach.id);
      const client = signClientToken(app.config, accounts.mother!);
      expect(verifier.verify(professional)).toBe(coach.id);
      expect(verifier.verifyClient(professional)).toBeNull();
      expect(verifier.verifyClient(client)).toBe(accounts.mother);
      expect(verifier.verify(client)).toBeNull();
    });

    const forged: [string, () => string][] = [
      ["a professional's token naming a client account's id", () => signToken(app.config, accounts.mother!)],
      ["a client's token naming a professional's id", () => signClientToken(app.config, coach.id)],
      ["a client-typed token with a bare id", () => jwt.sign({ ...claims(), typ: "client", sub: accounts.mother }, secret(), { expiresIn: 600 })],
      ["an untyped token with a client subject", () => jwt.sign({ ...claims(), sub: `client:${accounts.mother}` }, secret(), { expiresIn: 600 })],
      ["a token of another type", () => jwt.sign({ ...claims(), typ: "admin", sub: coach.id }, secret(), { expiresIn: 600 })],
    ];
    for (const [what, token] of forged) {
      it(`refuses ${what} with UNAUTHENTICATED, for client and professional fields alike`, async () => {
        refused(await app.gqlWithHeader(MY_DATA, `Bearer ${token()}`), "UNAUTHENTICATED");
        refused(await app.gqlWithHeader(`{ me { id } }`, `Bearer ${token()}`), "UNAUTHENTICATED");
      });
    }
  });

  // --- the export ------------------------------------------------------------------------------

  describe("myData: everything held on the person", () => {
    let mine: Export;
    let household: Household;
    beforeAll(async () => {
      mine = await exportOf(accounts.mother!);
      household = mine.households.find((each) => each.familyId === aa)!;
    });

    it("holds the person's own record, with their BSN", () => {
      expect(mine.about).toMatchObject({ bsn: AA.mother.bsn, givenName: "Mirjam", birthDate: AA.mother.birthDate });
      expect(mine.households.map((each) => each.name)).toEqual(["Gezin Aa"]);
      expect(household.yourMembership).toEqual([expect.objectContaining({ relation: "PARENT", legalCustody: true })]);
      expect(household.regisseur).toEqual({ name: "Carla Coach", organisation: "Wijkteam Rechtstad" });
    });

    it("lists the household, with the BSN and birth date only of the children she asks for", () => {
      const byName = new Map(household.members.map((member) => [member.givenName, member]));
      expect([...byName.keys()].sort()).toEqual(["Frank", "Kees", "Stefan", "Tara"]);
      // Kees is 15 (below the age rule) and she has custody: his identifiers are hers to see.
      expect(byName.get("Kees")).toMatchObject({ bsn: AA.child.bsn, birthDate: AA.child.birthDate });
      // Another adult's, and a child of 16 (who asks for themselves), are not.
      for (const name of ["Frank", "Stefan", "Tara"]) {
        expect(byName.get(name)!.bsn, name).toBeUndefined();
        expect(byName.get(name)!.birthDate, name).toBeUndefined();
      }
      const text = JSON.stringify(mine);
      for (const other of [AA.father, AA.stepfather, AA.teen]) {
        expect(text).not.toContain(other.bsn);
        expect(text).not.toContain(other.birthDate);
      }
    });

    it("holds the plan's parts about her or the whole household, all their content, and nothing about the father alone", () => {
      const plan = household.plan!;
      expect(plan.analyses.map((analysis) => analysis.text).sort()).toEqual(["Aa household: rent arrears of two months.", "Mirjam keeps the accounts alone."]);
      expect(plan.goals.map((goal) => goal.ownWords).sort()).toEqual(["Aa: we want to stay in our house", "Mirjam: overview of my money"]);
      expect(plan.tasks).toEqual([expect.objectContaining({ description: "Aa: payment plan with Woonstede", organisation: "Woonstede" })]);
      expect(JSON.stringify(mine)).not.toContain("Frank's anger");
      expect(JSON.stringify(mine)).not.toContain("Frank: ");
    });

    it("holds her consents and legal grounds, not the father's", () => {
      expect(household.consents).toEqual([expect.objectContaining({ organisation: "Woonstede", lifeDomains: ["HOUSING"], givenBy: ["Mirjam Aa"] })]);
      expect(household.legalGrounds).toEqual([expect.objectContaining({ organisation: "Jeugdzorg Rechtstad", kind: "COERCIVE_TRACK", basis: "Mirjam: housing-contract conditions" })]);
      expect(JSON.stringify(mine)).not.toContain("probation conditions");
    });

    it("holds the concern that lists her, in the submitter's words", () => {
      expect(mine.concerns).toEqual([
        expect.objectContaining({ description: "Aa: the children miss school", organisation: "Jeugdzorg Rechtstad", listedYouAs: expect.objectContaining({ bsn: AA.mother.bsn }) }),
      ]);
    });

    it("holds the reference-index signals on her BSN: which organisation, since when", () => {
      expect(mine.referenceIndex.map((signal) => signal.organisation).sort()).toEqual(["Politie Rechtstad", "Woonstede"]);
      expect(mine.referenceIndex.every((signal) => signal.since === app.clock.today() && signal.status === "ACTIVE")).toBe(true);
    });

    it("holds nothing of another family, and says what it leaves out", () => {
      const text = JSON.stringify(mine);
      for (const foreign of ["Gezin Bee", "Bee household", "Bee: ", BEE.parent.bsn, BEE.child.bsn, "Bertha", "Coach's own note"]) expect(text).not.toContain(foreign);
      expect(mine.notIncluded).toContainEqual(expect.objectContaining({ what: "coachNotes", count: 1 }));
    });

    it("gives another family's member their own, and nothing of Gezin Aa", async () => {
      const theirs = await exportOf(accounts.bee!);
      expect(theirs.households.map((each) => each.name)).toEqual(["Gezin Bee"]);
      const text = JSON.stringify(theirs);
      for (const foreign of ["Gezin Aa", "Aa household", "Mirjam", AA.mother.bsn, AA.child.bsn]) expect(text).not.toContain(foreign);
      expect(theirs.referenceIndex.map((signal) => signal.organisation)).toEqual(["Politie Rechtstad"]);
    });
  });

  // --- the age rule ----------------------------------------------------------------------------

  describe("children: the region's age rule", () => {
    const setAge = (selfAccessAge: number) => ok(SET_SETTINGS, { input: { selfAccessAge, onBehalf: ["REGISSEUR", "PROCESS_LEAD"] } }, admin);

    it("defaults to 16, and only the covenant administrator changes it, within 12 to 18", async () => {
      expect((await ok<{ rightsSettings: unknown }>(SETTINGS, {}, coach)).rightsSettings).toEqual({ selfAccessAge: 16, onBehalf: ["REGISSEUR", "PROCESS_LEAD"] });
      refused(await as(SET_SETTINGS, { input: { selfAccessAge: 16, onBehalf: [] } }, coach), "FORBIDDEN");
      refused(await as(SET_SETTINGS, { input: { selfAccessAge: 11, onBehalf: [] } }, admin), "BAD_USER_INPUT", "input.selfAccessAge");
    });

    it("lets a parent with custody ask for a child below the age; the child, the stepfather without custody and an adult of another family may not", async () => {
      await setAge(17);
      try {
        const children = (await okClient<{ myChildren: { personId: string; givenName: string }[] }>(MY_CHILDREN, {}, accounts.mother!)).myChildren;
        expect(children.map((child) => child.givenName).sort()).toEqual(["Kees", "Tara"]);
        const forTara = await exportOf(accounts.mother!, ids["Gezin Aa.teen"]);
        expect(forTara.about).toMatchObject({ bsn: AA.teen.bsn, givenName: "Tara" });
        // Tara's export names her parents, without their BSNs.
        expect(JSON.stringify(forTara)).not.toContain(AA.mother.bsn);

        const own = refused(await asClient(MY_DATA, {}, accounts.teen!), "FORBIDDEN");
        expect(own).toMatch(/parent with legal custody/);
        refused(await asClient(MY_DATA, { for: ids["Gezin Aa.mother"] }, accounts.teen!), "NOT_FOUND");
        // The stepfather has custody in his own household only: Cor, not Tara.
        const his = (await okClient<{ myChildren: { givenName: string }[] }>(MY_CHILDREN, {}, accounts.stepfather!)).myChildren;
        expect(his.map((child) => child.givenName)).toEqual(["Cor"]);
        const stepfather = refused(await asClient(MY_DATA, { for: ids["Gezin Aa.teen"] }, accounts.stepfather!), "NOT_FOUND");
        const stranger = refused(await asClient(MY_DATA, { for: ids["Gezin Aa.teen"] }, accounts.bee!), "NOT_FOUND");
        const nobody = refused(await asClient(MY_DATA, { for: NOBODY }, accounts.bee!), "NOT_FOUND");
        expect(stepfather).toBe(nobody);
        expect(stranger).toBe(nobody);
      } finally {
        await setAge(16);
      }
    });

    it("lets the child read their own from the age on, and then no longer the parent", async () => {
      const own = await exportOf(accounts.teen!);
      expect(own.about).toMatchObject({ bsn: AA.teen.bsn });
      refused(await asClient(MY_DATA, { for: ids["Gezin Aa.teen"] }, accounts.mother!), "NOT_FOUND");
      const children = (await okClient<{ myChildren: { givenName: string }[] }>(MY_CHILDREN, {}, accounts.mother!)).myChildren;
      expect(children.map((child) => child.givenName)).toEqual(["Kees"]);
    });

    it("opens no login for a person below the age", async () => {
      refused(await as(OPEN_ACCOUNT, { personId: ids["Gezin Aa.child"], email: "kees@aa.example" }, coach), "BAD_USER_INPUT", "personId");
      refused(await as(OPEN_ACCOUNT, { personId: ids["Gezin Aa.mother"], email: "again@aa.example" }, coach), "CONFLICT");
      refused(await as(OPEN_ACCOUNT, { personId: ids["Gezin Bee.child"], email: "mother@aa.example" }, coach), "BAD_USER_INPUT", "personId");
      refused(await as(OPEN_ACCOUNT, { personId: ids["Gezin Aa.mother"], email: "not an email" }, coach), "BAD_USER_INPUT", "email");
    });
  });

  // --- on a client's behalf --------------------------------------------------------------------

  describe("a professional on a client's behalf", () => {
    it("lets the family's regisseur read the export", async () => {
      const document = (await ok<{ clientExport: Export }>(CLIENT_EXPORT, { personId: ids["Gezin Aa.mother"] }, coach)).clientExport;
      expect(document.about.bsn).toBe(AA.mother.bsn);
      expect(document.households[0]!.plan!.goals.length).toBe(2);
    });

    it("refuses the export to a process lead the covenant gives PROCESS only, who may still read the log and file for the client", async () => {
      // Through the family the covenant withholds BSNs and plan content from the process lead ...
      const direct = await as<{ family: { members: { person: { bsn: string | null } }[] } }>(MEMBERS, { id: aa }, lead);
      expect(JSON.stringify(direct.body.data ?? null)).not.toContain(AA.mother.bsn);
      // ... so the export, which holds all of it, is not theirs to make either.
      const message = refused(await as(CLIENT_EXPORT, { personId: ids["Gezin Aa.mother"] }, lead), "FORBIDDEN");
      expect(message).toMatch(/^personId: .*in full/);
      const log = (await ok<{ clientAccessLog: { nodes: LogEntry[] } }>(CLIENT_LOG, { personId: ids["Gezin Aa.mother"] }, lead)).clientAccessLog.nodes;
      expect(log.length).toBeGreaterThan(0);
    });

    it("answers a person the professional may not know exactly as an id nobody has", async () => {
      const nobody = refused(await as(CLIENT_EXPORT, { personId: NOBODY }, housingPro), "NOT_FOUND");
      // Housing signalled the mother: it is involved (DAT), it does not see the members.
      for (const who of [housingPro, policePro, youthPro, otherRegionLead]) {
        expect(refused(await as(CLIENT_EXPORT, { personId: ids["Gezin Aa.mother"] }, who), "NOT_FOUND"), who.name).toBe(nobody);
        expect(refused(await as(SUBMIT, { personId: ids["Gezin Aa.mother"], input: { kind: "RECTIFICATION", description: "x" } }, who), "NOT_FOUND")).toBe(nobody);
        expect(refused(await as(OPEN_ACCOUNT, { personId: ids["Gezin Aa.child"], email: "x@y.example" }, who), "NOT_FOUND")).toBe(nobody);
      }
      refused(await as(CLIENT_EXPORT, { personId: "not-an-id" }, coach), "NOT_FOUND");
    });

    it("hands a professional only the households they may know; the client's own login gives them all", async () => {
      const own = await exportOf(accounts.stepfather!);
      expect(own.households.map((household) => household.name).sort()).toEqual(["Gezin Aa", "Gezin Cee"]);
      // He has custody of Cor (7) in his own household: Cor's BSN is his to see.
      expect(own.households.find((household) => household.name === "Gezin Cee")!.members).toEqual([expect.objectContaining({ givenName: "Cor", bsn: CEE_CHILD.bsn })]);
      const byCoach = (await ok<{ clientExport: Export }>(CLIENT_EXPORT, { personId: ids["Gezin Aa.stepfather"] }, coach)).clientExport;
      expect(byCoach.households.map((household) => household.name)).toEqual(["Gezin Aa"]);
      expect(JSON.stringify(byCoach)).not.toContain("Gezin Cee");
      expect(JSON.stringify(byCoach)).not.toContain("Cor");
      const byOther = (await ok<{ clientExport: Export }>(CLIENT_EXPORT, { personId: ids["Gezin Cee.stefan"] }, otherCoach)).clientExport;
      expect(byOther.households.map((household) => household.name)).toEqual(["Gezin Cee"]);
      // The other coach does not know Gezin Aa's row of him: NOT_FOUND, as for nobody.
      refused(await as(CLIENT_EXPORT, { personId: ids["Gezin Aa.stepfather"] }, otherCoach), "NOT_FOUND");
    });

    it("refuses a professional who knows the person but whom the region does not list", async () => {
      await ok(SET_SETTINGS, { input: { selfAccessAge: 16, onBehalf: ["REGISSEUR"] } }, admin);
      try {
        refused(await as(CLIENT_EXPORT, { personId: ids["Gezin Aa.mother"] }, lead), "FORBIDDEN");
        expect((await ok<{ clientExport: Export }>(CLIENT_EXPORT, { personId: ids["Gezin Aa.mother"] }, coach)).clientExport.about.bsn).toBe(AA.mother.bsn);
      } finally {
        await ok(SET_SETTINGS, { input: { selfAccessAge: 16, onBehalf: ["REGISSEUR", "PROCESS_LEAD"] } }, admin);
      }
    });
  });

  // --- the access log --------------------------------------------------------------------------

  describe("myAccessLog: who looked at the person's data", () => {
    const logOf = async (accountId: string, forId?: string) => (await okClient<{ myAccessLog: { nodes: LogEntry[] } }>(MY_LOG, { for: forId ?? null }, accountId)).myAccessLog.nodes;

    it("shows the regisseur's read of the household: when, who, for which organisation, in which role, what, on which basis", async () => {
      data(await as(READ_FAMILY, { id: aa }, coach));
      const log = await logOf(accounts.mother!);
      // What is about the household, and what is about her alone (her own BSN), as two entries.
      const read = log.filter((entry) => entry.professional === "Carla Coach" && entry.action === "READ" && entry.data.includes("Family.members"))[0]!;
      expect(read).toMatchObject({ actorKind: "PROFESSIONAL", organisation: "Wijkteam Rechtstad", roles: ["COACH"], emergency: false, family: "Gezin Aa", operation: null });
      expect(read.data).toEqual(expect.arrayContaining(["Family.members", "Plan.goals"]));
      const own = log.filter((entry) => entry.professional === "Carla Coach" && entry.action === "READ" && entry.data.includes("Person.bsn"))[0]!;
      expect(own.data).toEqual(expect.arrayContaining(["Person.bsn", "Person.givenName"]));
      expect(read.basis.level).toBe("FULL");
      expect(read.basis.causes.map((cause) => cause.kind)).toContain("REGISSEUR");
      // Newest first (the newest read is the first of its kind): the registration and the plan came before.
      const times = log.map((entry) => entry.at);
      expect([...times].sort().reverse()).toEqual(times);
      expect(log.some((entry) => entry.action === "WRITE" && entry.operation === "registerFamily" && entry.professional === "Lars Leider")).toBe(true);
    });

    it("flags a read that emergency access opened", async () => {
      data(await as(EMERGENCY, { familyId: aa, reason: "Melding van geweld in de woning, acuut." }, policePro));
      // The safety part opens; the others stay closed (FORBIDDEN at their content).
      const safety = (await as<{ family: { plan: { analyses: { content: { lifeDomain: string } | null }[] } } }>(READ_SAFETY, { id: aa }, policePro)).body.data!;
      expect(safety.family.plan.analyses.filter((analysis) => analysis.content !== null).map((analysis) => analysis.content!.lifeDomain)).toEqual(["SAFETY"]);
      const log = await logOf(accounts.mother!);
      const emergency = log.filter((entry) => entry.professional === "Piet Politie" && entry.action === "READ")[0]!;
      expect(emergency).toMatchObject({ organisation: "Politie Rechtstad", emergency: true, family: "Gezin Aa" });
      expect(emergency.basis.causes.map((cause) => cause.kind)).toContain("EMERGENCY_ACCESS");
    });

    it("records the client's own reads, and a parent's read of a child's file in the child's log", async () => {
      await exportOf(accounts.teen!);
      await setAgeTo(17);
      try {
        await exportOf(accounts.mother!, ids["Gezin Aa.teen"]);
      } finally {
        await setAgeTo(16);
      }
      const log = await logOf(accounts.teen!);
      expect(log).toContainEqual(expect.objectContaining({ actorKind: "CLIENT", client: "Tara Aa", action: "READ", data: ["export"], basis: expect.objectContaining({ rules: ["rights:client-self"] }) }));
      expect(log).toContainEqual(
        expect.objectContaining({ actorKind: "CLIENT", client: "Mirjam Aa", professional: null, organisation: null, data: ["export"], basis: expect.objectContaining({ rules: ["rights:client-legal-custody"] }) }),
      );
      // The mother's read of Tara's file is Tara's business, not the father's.
      const fathers = await logOf(accounts.father!);
      expect(fathers.some((entry) => entry.actorKind === "CLIENT" && entry.client !== "Frank Aa")).toBe(false);
    });

    it("records an export made on a client's behalf, with the allowance as its basis", async () => {
      data(await as(CLIENT_EXPORT, { personId: ids["Gezin Aa.father"] }, coach));
      const log = await logOf(accounts.father!);
      expect(log).toContainEqual(
        expect.objectContaining({ professional: "Carla Coach", organisation: "Wijkteam Rechtstad", data: ["export"], basis: expect.objectContaining({ rules: ["rights:on-behalf:REGISSEUR"] }) }),
      );
      const onBehalf = (await ok<{ clientAccessLog: { nodes: LogEntry[] } }>(CLIENT_LOG, { personId: ids["Gezin Aa.father"] }, lead)).clientAccessLog.nodes;
      expect(onBehalf.some((entry) => entry.professional === "Carla Coach" && entry.data.includes("export"))).toBe(true);
    });

    it("shows another household's member nothing of Gezin Aa, and a professional on behalf only the households they know", async () => {
      const bees = await logOf(accounts.bee!);
      expect(bees.length).toBeGreaterThan(0);
      expect(bees.every((entry) => entry.family === null || entry.family === "Gezin Bee")).toBe(true);
      const stefans = await logOf(accounts.stepfather!);
      expect(new Set(stefans.map((entry) => entry.family))).toEqual(new Set([null, "Gezin Aa", "Gezin Cee"]));
      const byCoach = (await ok<{ clientAccessLog: { nodes: LogEntry[] } }>(CLIENT_LOG, { personId: ids["Gezin Aa.stepfather"] }, coach)).clientAccessLog.nodes;
      expect(byCoach.some((entry) => entry.family === "Gezin Cee")).toBe(false);
      refused(await as(CLIENT_LOG, { personId: ids["Gezin Aa.stepfather"] }, housingPro), "NOT_FOUND");
      refused(await as(MY_LOG, {}, coach), "FORBIDDEN");
    });
  });

  // --- rectification and erasure ---------------------------------------------------------------

  describe("rectification and erasure", () => {
    it("records a client's rectification, decided once by the household's keeper with a reason the client reads", async () => {
      const filed = (await okClient<{ submitMyRightsRequest: Request }>(SUBMIT_MINE, { input: { kind: "RECTIFICATION", description: "My name is Mirjam, not Miriam" } }, accounts.mother!))
        .submitMyRightsRequest;
      expect(filed).toMatchObject({ kind: "RECTIFICATION", status: "OPEN", signalId: null });
      const toDecide = (await ok<{ rightsRequestsToDecide: { nodes: Request[] } }>(TO_DECIDE, {}, coach)).rightsRequestsToDecide.nodes;
      expect(toDecide).toContainEqual(expect.objectContaining({ id: filed.id, personId: ids["Gezin Aa.mother"], familyId: aa }));
      expect((await ok<{ rightsRequestsToDecide: { nodes: Request[] } }>(TO_DECIDE, {}, housingPro)).rightsRequestsToDecide.nodes).toEqual([]);
      // The keepers are told of it, by id.
      const inbox = (await ok<{ notifications: { nodes: { kind: string; subjectId: string; reason: string | null }[] } }>(INBOX, {}, lead)).notifications.nodes;
      expect(inbox).toContainEqual({ kind: "RIGHTS_REQUEST_FILED", familyId: aa, subjectId: filed.id, reason: null });

      refused(await as(DECIDE, { id: filed.id, input: { decision: "GRANTED" } }, coach), "BAD_USER_INPUT", "input.reason");
      refused(await as(DECIDE, { id: filed.id, input: { decision: "GRANTED", reason: "   " } }, coach), "BAD_USER_INPUT", "input.reason");
      const notFound = refused(await as(DECIDE, { id: NOBODY, input: { decision: "GRANTED", reason: "ok" } }, housingPro), "NOT_FOUND");
      expect(refused(await as(DECIDE, { id: filed.id, input: { decision: "GRANTED", reason: "ok" } }, housingPro), "NOT_FOUND")).toBe(notFound);

      const decided = (await ok<{ decideRightsRequest: Request }>(DECIDE, { id: filed.id, input: { decision: "GRANTED", reason: "Corrected in the register today." } }, coach))
        .decideRightsRequest;
      expect(decided).toMatchObject({ status: "GRANTED", reason: "Corrected in the register today.", decidedBy: { name: "Carla Coach", organisation: "Wijkteam Rechtstad" } });
      refused(await as(DECIDE, { id: filed.id, input: { decision: "REFUSED", reason: "changed my mind" } }, lead), "CONFLICT");

      const mine = (await okClient<{ myRequests: { nodes: Request[] } }>(MY_REQUESTS, {}, accounts.mother!)).myRequests.nodes;
      expect(mine).toContainEqual(expect.objectContaining({ id: filed.id, status: "GRANTED", reason: "Corrected in the register today.", decidedBy: { name: "Carla Coach", organisation: "Wijkteam Rechtstad" } }));
      // Another client does not see it.
      expect((await okClient<{ myRequests: { nodes: Request[] } }>(MY_REQUESTS, {}, accounts.father!)).myRequests.nodes).toEqual([]);
    });

    it("erases a reference-index signal when its organisation grants it, with the matches it caused", async () => {
      const before = await exportOf(accounts.mother!);
      const police = before.referenceIndex.find((signal) => signal.organisation === "Politie Rechtstad")!;
      expect((await ok<{ matchNotifications: { nodes: unknown[] } }>(MATCHES, {}, housingPro)).matchNotifications.nodes).toHaveLength(1);

      refused(await asClient(SUBMIT_MINE, { input: { kind: "ERASURE", signalId: NOBODY } }, accounts.mother!), "BAD_USER_INPUT", "input.signalId");
      const filed = (await okClient<{ submitMyRightsRequest: Request }>(SUBMIT_MINE, { input: { kind: "ERASURE", signalId: police.signalId } }, accounts.mother!))
        .submitMyRightsRequest;
      refused(await asClient(SUBMIT_MINE, { input: { kind: "ERASURE", signalId: police.signalId } }, accounts.mother!), "CONFLICT");

      // The signalling organisation decides; the keepers do not even learn of the request.
      const forPolice = (await ok<{ rightsRequestsToDecide: { nodes: Request[] } }>(TO_DECIDE, {}, policePro)).rightsRequestsToDecide.nodes;
      expect(forPolice).toEqual([expect.objectContaining({ id: filed.id, kind: "ERASURE", signalId: police.signalId, personId: null, familyId: null })]);
      expect((await ok<{ rightsRequestsToDecide: { nodes: Request[] } }>(TO_DECIDE, {}, coach)).rightsRequestsToDecide.nodes.map((request) => request.id)).not.toContain(filed.id);
      refused(await as(DECIDE, { id: filed.id, input: { decision: "GRANTED", reason: "x" } }, coach), "NOT_FOUND");

      data(await as(DECIDE, { id: filed.id, input: { decision: "GRANTED", reason: "No longer involved; removed." } }, policePro));
      const after = await exportOf(accounts.mother!);
      expect(after.referenceIndex.map((signal) => signal.organisation)).toEqual(["Woonstede"]);
      expect((await ok<{ mySignals: { nodes: { id: string }[] } }>(MY_SIGNALS, {}, policePro)).mySignals.nodes.map((signal) => signal.id)).not.toContain(police.signalId);
      expect((await ok<{ matchNotifications: { nodes: unknown[] } }>(MATCHES, {}, housingPro)).matchNotifications.nodes).toEqual([]);
      expect(after.rightsRequests).toContainEqual(expect.objectContaining({ kind: "ERASURE", status: "GRANTED", reason: "No longer involved; removed." }));
      // Filing and deciding are in her log, and so is the erasure.
      const log = (await okClient<{ myAccessLog: { nodes: LogEntry[] } }>(MY_LOG, {}, accounts.mother!)).myAccessLog.nodes;
      expect(log).toContainEqual(expect.objectContaining({ actorKind: "CLIENT", client: "Mirjam Aa", action: "WRITE", operation: "submitMyRightsRequest", data: ["RightsRequest"] }));
      expect(log).toContainEqual(expect.objectContaining({ professional: "Piet Politie", action: "ERASE", operation: "decideRightsRequest", data: ["MatchNotification", "Signal"] }));
      refused(await as(DECIDE, { id: filed.id, input: { decision: "GRANTED", reason: "again" } }, policePro), "CONFLICT");
    });

    it("keeps a refused erasure's signal", async () => {
      const signal = (await exportOf(accounts.mother!)).referenceIndex[0]!;
      const filed = (await okClient<{ submitMyRightsRequest: Request }>(SUBMIT_MINE, { input: { kind: "ERASURE", signalId: signal.signalId, description: "Please remove" } }, accounts.mother!))
        .submitMyRightsRequest;
      data(await as(DECIDE, { id: filed.id, input: { decision: "REFUSED", reason: "The payment plan still runs." } }, housingPro));
      expect((await exportOf(accounts.mother!)).referenceIndex.map((each) => each.signalId)).toEqual([signal.signalId]);
    });

    it("tells the professional who filed on a client's behalf of the decision, by id and without content", async () => {
      const filed = (await ok<{ submitRightsRequest: Request & { filedOnBehalf: boolean } }>(SUBMIT, { personId: ids["Gezin Aa.father"], input: { kind: "ERASURE", description: "Remove the old address" } }, lead))
        .submitRightsRequest;
      expect(filed).toMatchObject({ status: "OPEN", personId: ids["Gezin Aa.father"], familyId: aa, filedOnBehalf: true });
      data(await as(DECIDE, { id: filed.id, input: { decision: "REFUSED", reason: "The address is needed for the payment plan." } }, coach));
      const inbox = (await ok<{ notifications: { nodes: { kind: string; subjectId: string; reason: string | null }[] } }>(INBOX, {}, lead)).notifications.nodes;
      expect(inbox).toContainEqual({ kind: "RIGHTS_REQUEST_DECIDED", familyId: aa, subjectId: filed.id, reason: null });
      const onBehalf = (await ok<{ clientRightsRequests: { nodes: { id: string; status: string; reason: string }[] } }>(CLIENT_REQUESTS, { personId: ids["Gezin Aa.father"] }, lead)).clientRightsRequests.nodes;
      expect(onBehalf).toEqual([expect.objectContaining({ id: filed.id, status: "REFUSED", reason: "The address is needed for the payment plan." })]);
      // The father reads it too.
      const his = (await okClient<{ myRequests: { nodes: Request[] } }>(MY_REQUESTS, {}, accounts.father!)).myRequests.nodes;
      expect(his).toEqual([expect.objectContaining({ id: filed.id, status: "REFUSED" })]);
    });

    it("carries out a granted rectification once, by the one who decided it: the register row is corrected, its history kept, and the client reads both", async () => {
      const filed = (
        await ok<{ submitRightsRequest: Request }>(SUBMIT, { personId: ids["Gezin Bee.parent"], input: { kind: "RECTIFICATION", description: "Born on the 19th, named Berta" } }, lead)
      ).submitRightsRequest;
      const correction = { givenName: "Berta", birthDate: "1979-09-19" };
      // Not before it is granted.
      refused(await as(APPLY, { id: filed.id, correction }, coach), "CONFLICT");
      data(await as(DECIDE, { id: filed.id, input: { decision: "GRANTED", reason: "The birth certificate says so." } }, coach));

      // Who does not decide it learns nothing (as for no request); the other keeper may not carry out the coach's decision.
      const none = refused(await as(APPLY, { id: NOBODY, correction }, housingPro), "NOT_FOUND");
      expect(refused(await as(APPLY, { id: filed.id, correction }, housingPro), "NOT_FOUND")).toBe(none);
      expect(refused(await as(APPLY, { id: filed.id, correction }, otherRegionLead), "NOT_FOUND")).toBe(none);
      refused(await as(APPLY, { id: filed.id, correction }, lead), "FORBIDDEN");
      refused(await as(APPLY, { id: filed.id, correction: {} }, coach), "BAD_USER_INPUT", "correction");
      refused(await as(APPLY, { id: filed.id, correction: { familyName: "Bee" } }, coach), "BAD_USER_INPUT", "correction.familyName");
      refused(await as(APPLY, { id: filed.id, correction: { givenName: "  " } }, coach), "BAD_USER_INPUT", "correction.givenName");
      // A refused attempt wrote nothing.
      expect((await okClient<{ myAccount: { name: string } }>(MY_ACCOUNT, {}, accounts.bee!)).myAccount.name).toBe("Bertha Bee");

      const applied = (await ok<{ applyRectification: Request & { appliedAt: string; corrections: Correction[] } }>(APPLY, { id: filed.id, correction }, coach)).applyRectification;
      expect(applied.appliedAt).toEqual(expect.any(String));
      expect(applied.corrections).toEqual([
        { field: "birthDate", previous: "1979-09-09", corrected: "1979-09-19" },
        { field: "givenName", previous: "Bertha", corrected: "Berta" },
      ]);
      refused(await as(APPLY, { id: filed.id, correction: { givenName: "Bertje" } }, coach), "CONFLICT");

      // The register holds the corrected details; the client reads the result and what it held before.
      const members = (await ok<{ family: { members: { person: { id: string; givenName: string } }[] } }>(MEMBERS, { id: bee }, coach)).family.members;
      expect(members.find((member) => member.person.id === ids["Gezin Bee.parent"])!.person.givenName).toBe("Berta");
      expect((await okClient<{ myAccount: { name: string } }>(MY_ACCOUNT, {}, accounts.bee!)).myAccount.name).toBe("Berta Bee");
      const hers = (await okClient<{ myRequests: { nodes: (Request & { corrections: Correction[] })[] } }>(MY_REQUESTS_APPLIED, {}, accounts.bee!)).myRequests.nodes;
      expect(hers).toContainEqual(expect.objectContaining({ id: filed.id, appliedAt: applied.appliedAt, corrections: applied.corrections }));
      const exported = await exportOf(accounts.bee!);
      expect(exported.about).toMatchObject({ givenName: "Berta", birthDate: "1979-09-19" });
      expect(exported.rightsRequests).toContainEqual(expect.objectContaining({ kind: "RECTIFICATION", corrections: [expect.objectContaining({ field: "birthDate", previous: "1979-09-09" }), expect.objectContaining({ field: "givenName", previous: "Bertha" })] }));
      // Whoever filed it on her behalf is told, by id; the write is in her log.
      const inbox = (await ok<{ notifications: { nodes: { kind: string; subjectId: string; reason: string | null }[] } }>(INBOX, {}, lead)).notifications.nodes;
      expect(inbox).toContainEqual({ kind: "RIGHTS_REQUEST_APPLIED", familyId: bee, subjectId: filed.id, reason: null });
      const log = (await okClient<{ myAccessLog: { nodes: LogEntry[] } }>(MY_LOG, {}, accounts.bee!)).myAccessLog.nodes;
      expect(log).toContainEqual(expect.objectContaining({ professional: "Carla Coach", action: "WRITE", operation: "applyRectification", data: ["Person", "RightsRequest"] }));
    });

    it("carries out only a rectification of a person's details", async () => {
      const erasure = (await ok<{ submitRightsRequest: Request }>(SUBMIT, { personId: ids["Gezin Bee.child"], input: { kind: "ERASURE", description: "Remove the old school" } }, coach)).submitRightsRequest;
      data(await as(DECIDE, { id: erasure.id, input: { decision: "GRANTED", reason: "Removed from the notes." } }, coach));
      refused(await as(APPLY, { id: erasure.id, correction: { givenName: "Bobby" } }, coach), "CONFLICT");
      const refusedOne = (await ok<{ submitRightsRequest: Request }>(SUBMIT, { personId: ids["Gezin Bee.child"], input: { kind: "RECTIFICATION", description: "Bob is Bobby" } }, coach)).submitRightsRequest;
      data(await as(DECIDE, { id: refusedOne.id, input: { decision: "REFUSED", reason: "The register says Bob." } }, coach));
      refused(await as(APPLY, { id: refusedOne.id, correction: { givenName: "Bobby" } }, coach), "CONFLICT");

      // Two at once: the first carries it out, the second finds it done.
      const once = (await ok<{ submitRightsRequest: Request }>(SUBMIT, { personId: ids["Gezin Bee.child"], input: { kind: "RECTIFICATION", description: "Born the 5th" } }, coach)).submitRightsRequest;
      data(await as(DECIDE, { id: once.id, input: { decision: "GRANTED", reason: "Checked." } }, coach));
      const both = await Promise.all([as(APPLY, { id: once.id, correction: { birthDate: "2014-04-05" } }, coach), as(APPLY, { id: once.id, correction: { birthDate: "2014-04-06" } }, coach)]);
      expect(both.map((response) => codes(response)).sort()).toEqual([[], ["CONFLICT"]]);
      const held = (await ok<{ family: { members: { person: { id: string; birthDate: string } }[] } }>(BIRTH_DATES, { id: bee }, coach)).family.members;
      const winner = both.find((response) => codes(response).length === 0)!.body.data as { applyRectification: { corrections: Correction[] } };
      expect(held.find((member) => member.person.id === ids["Gezin Bee.child"])!.person.birthDate).toBe(winner.applyRectification.corrections[0]!.corrected);
    });

    it("lets a parent file for a child below the age", async () => {
      const filed = await okClient<{ submitMyRightsRequest: Request }>(SUBMIT_MINE, { input: { kind: "RECTIFICATION", description: "Kees's school is wrong" }, for: ids["Gezin Aa.child"] }, accounts.mother!);
      const forKees = (await okClient<{ myRequests: { nodes: Request[] } }>(MY_REQUESTS, { for: ids["Gezin Aa.child"] }, accounts.mother!)).myRequests.nodes;
      expect(forKees.map((request) => request.id)).toEqual([filed.submitMyRightsRequest.id]);
      refused(await asClient(SUBMIT_MINE, { input: { kind: "RECTIFICATION", description: "x" }, for: ids["Gezin Aa.child"] }, accounts.stepfather!), "NOT_FOUND");
    });
  });

  // --- parents apart, and what the keepers may learn on a client's behalf ------------------------

  describe("a child in two households, and the reference index on a client's behalf", () => {
    // Gezin Vader: the father (custody) and the child. Gezin Moeder: the mother (fled), her new partner and the child.
    const KID = { bsn: bsnNumber(64_000_001), givenName: "Kind", familyName: "Kw", birthDate: "2014-01-01", relation: "CHILD", legalCustody: false };
    const DAD = { bsn: bsnNumber(64_000_101), givenName: "Vader", familyName: "Kw", birthDate: "1980-01-01", relation: "PARENT", legalCustody: true };
    const MUM = { bsn: bsnNumber(64_000_201), givenName: "Moeder", familyName: "Mw", birthDate: "1985-01-01", relation: "PARENT", legalCustody: true };
    const NEW_PARTNER = { bsn: bsnNumber(64_000_301), givenName: "Nieuwepartner", familyName: "Pw", birthDate: "1983-01-01", relation: "PARTNER", legalCustody: false };
    const SECRET = "Moeder verblijft in de opvang, adres geheim; vader niet informeren.";
    let dads: string;
    let mums: string;
    let dadAccount: string;
    let mumAccount: string;
    let policeRequest: string;

    beforeAll(async () => {
      dads = await register("Gezin Vader", { father: DAD, child: KID });
      mums = await register("Gezin Moeder", { mother: MUM, partner: NEW_PARTNER, child: KID }, otherCoach);
      await ok(START_PLAN, { familyId: mums }, otherCoach);
      await ok(SET_ANALYSIS, { familyId: mums, v: 1, input: { lifeDomain: "SAFETY", text: SECRET } }, otherCoach);
      await ok(READ_FAMILY, { id: mums }, otherCoach);
      dadAccount = (await ok<{ openClientAccount: { id: string } }>(OPEN_ACCOUNT, { personId: ids["Gezin Vader.father"], email: "vader@kw.example" }, coach)).openClientAccount.id;
      mumAccount = (await ok<{ openClientAccount: { id: string } }>(OPEN_ACCOUNT, { personId: ids["Gezin Moeder.mother"], email: "moeder@mw.example" }, otherCoach)).openClientAccount.id;
      // The mother asks, for the child, through her own household.
      await okClient(SUBMIT_MINE, { input: { kind: "RECTIFICATION", description: "Kind woont bij mij in de opvang" }, for: ids["Gezin Moeder.child"] }, mumAccount);
      // Woonstede signalled the mother and withdrew (history only); the police signal stands, its erasure refused.
      const housingSignal = (await ok<{ signal: { id: string } }>(SIGNAL, { input: { bsn: MUM.bsn, birthDate: MUM.birthDate, discussedWithFamily: true } }, housingPro)).signal.id;
      await ok(`mutation($id: ID!) { withdrawSignal(id: $id) { id } }`, { id: housingSignal }, housingPro);
      const policeSignal = (await ok<{ signal: { id: string } }>(SIGNAL, { input: { bsn: MUM.bsn, birthDate: MUM.birthDate, discussedWithFamily: true } }, policePro)).signal.id;
      await ok(`query($bsn: String!) { whoIsInvolved(bsn: $bsn) { organisation } }`, { bsn: MUM.bsn }, policePro);
      policeRequest = (await okClient<{ submitMyRightsRequest: Request }>(SUBMIT_MINE, { input: { kind: "ERASURE", signalId: policeSignal, description: "Weg ermee" } }, mumAccount))
        .submitMyRightsRequest.id;
      await ok(DECIDE, { id: policeRequest, input: { decision: "REFUSED", reason: "Lopend onderzoek naar huiselijk geweld" } }, policePro);
    });

    it("gives a parent asking for the child only the households where the parent has custody, not the other parent's", async () => {
      const kids = (await okClient<{ myChildren: { personId: string; givenName: string }[] }>(MY_CHILDREN, {}, dadAccount)).myChildren;
      expect(kids.map((kid) => kid.givenName)).toEqual(["Kind"]);
      const forKid = await exportOf(dadAccount, kids[0]!.personId);
      expect(forKid.about.bsn).toBe(KID.bsn);
      expect(forKid.households.map((household) => [household.familyId, household.name])).toEqual([[dads, "Gezin Vader"]]);
      const text = JSON.stringify(forKid);
      for (const secret of ["Gezin Moeder", "Nieuwepartner", SECRET, "Olga Andere", "opvang", mums, ids["Gezin Moeder.child"]!]) expect(text, secret).not.toContain(secret);
      expect(forKid.notIncluded).toContainEqual(expect.objectContaining({ what: "otherHouseholds" }));
      // The mother's own view of the child, through her household, still has it.
      const hers = await exportOf(mumAccount, ids["Gezin Moeder.child"]);
      expect(hers.households.map((household) => household.name)).toEqual(["Gezin Moeder"]);
    });

    it("shows a parent asking for the child nobody who opened the other parent's household, nor its requests", async () => {
      const log = (await okClient<{ myAccessLog: { nodes: LogEntry[] } }>(MY_LOG, { for: ids["Gezin Vader.child"] }, dadAccount)).myAccessLog.nodes;
      expect(log.length).toBeGreaterThan(0);
      expect(log.every((entry) => entry.family === "Gezin Vader" || (entry.family === null && entry.client === "Vader Kw")), JSON.stringify(log)).toBe(true);
      expect(log.some((entry) => entry.professional === "Olga Andere")).toBe(false);
      const requests = (await okClient<{ myRequests: { nodes: Request[] } }>(MY_REQUESTS, { for: ids["Gezin Vader.child"] }, dadAccount)).myRequests.nodes;
      expect(requests).toEqual([]);
    });

    it("tells the keepers on a client's behalf nothing of the reference index they could not see anyway; the client's own views stay complete", async () => {
      const document = (await ok<{ clientExport: Export }>(CLIENT_EXPORT, { personId: ids["Gezin Moeder.mother"] }, otherCoach)).clientExport;
      // Only the active signal, as Family.involvements shows it; not the withdrawn one.
      expect(document.referenceIndex.map((signal) => `${signal.organisation} ${signal.status}`)).toEqual(["Politie Rechtstad ACTIVE"]);
      expect(JSON.stringify(document)).not.toContain("Lopend onderzoek");
      expect(JSON.stringify(document)).not.toContain("Woonstede");
      const requests = (await ok<{ clientRightsRequests: { nodes: { id: string }[] } }>(CLIENT_REQUESTS, { personId: ids["Gezin Moeder.mother"] }, otherCoach)).clientRightsRequests.nodes;
      expect(requests.map((request) => request.id)).not.toContain(policeRequest);
      const log = (await ok<{ clientAccessLog: { nodes: LogEntry[] } }>(CLIENT_LOG, { personId: ids["Gezin Moeder.mother"] }, otherCoach)).clientAccessLog.nodes;
      expect(log.length).toBeGreaterThan(0);
      expect(log.filter((entry) => ["Woonstede", "Politie Rechtstad"].includes(entry.organisation ?? "")), JSON.stringify(log)).toEqual([]);
      expect(log.some((entry) => entry.action === "LOOKUP" || entry.action === "MATCH")).toBe(false);

      const own = await exportOf(mumAccount);
      expect(own.referenceIndex.map((signal) => signal.organisation).sort()).toEqual(["Politie Rechtstad", "Woonstede"]);
      expect(own.rightsRequests).toContainEqual(expect.objectContaining({ kind: "ERASURE", status: "REFUSED", reason: "Lopend onderzoek naar huiselijk geweld" }));
      const ownLog = (await okClient<{ myAccessLog: { nodes: LogEntry[] } }>(MY_LOG, {}, mumAccount)).myAccessLog.nodes;
      expect(ownLog.some((entry) => entry.organisation === "Politie Rechtstad" && entry.action === "LOOKUP")).toBe(true);
    });
  });

  // --- the demo --------------------------------------------------------------------------------

  describe("the demo clients", () => {
    let demo: TestApp;
    beforeAll(async () => {
      demo = await startTestApp();
      await seedDemo(demo.database.db, demo.clock.now());
    });
    afterAll(() => demo?.close());
    const asDemoClient = <T>(query: string, variables: Vars, email: string): Promise<GraphQLResponse<T>> =>
      demo.gqlWithHeader<T>(query, `Bearer ${signClientToken(demo.config, demoClientAccountId(email))}`, variables);

    it("logs Linda Bakker in, with her data and her children's (Gezin Bakker, Groningen)", async () => {
      const email = "linda.bakker@groningen.client.demo";
      expect(data(await asDemoClient<{ myAccount: { name: string } }>(MY_ACCOUNT, {}, email)).myAccount.name).toBe("Linda Bakker-Smit");
      const own = data(await asDemoClient<{ myData: Export }>(MY_DATA, {}, email)).myData;
      expect(own.households.map((household) => household.name)).toEqual(["Gezin Bakker"]);
      expect(own.households[0]!.plan!.goals.length).toBeGreaterThan(0);
      const children = data(await asDemoClient<{ myChildren: { personId: string; givenName: string }[] }>(MY_CHILDREN, {}, email)).myChildren;
      expect(children.map((child) => child.givenName).sort()).toEqual(["Daan", "Lotte"]);
      const daan = data(await asDemoClient<{ myData: Export }>(MY_DATA, { for: children.find((child) => child.givenName === "Daan")!.personId }, email)).myData;
      expect(daan.referenceIndex.map((signal) => signal.organisation).sort()).toEqual(["Gemeente Groningen – OCSW", "MJD"]);
    });

    it("shows Linda which demo professionals looked at her data", async () => {
      const email = "linda.bakker@groningen.client.demo";
      const families = data(await demo.gql<{ families: { nodes: { name: string }[] } }>(`{ families { nodes { name members { person { givenName } } } } }`, {}, demoProfessionalId("coach1@groningen.demo")));
      expect(families.families.nodes.map((family) => family.name)).toContain("Gezin Bakker");
      data(await demo.gql(`{ families { nodes { name phase } } }`, {}, demoProfessionalId("projectleider@groningen.demo")));
      const log = data(await asDemoClient<{ myAccessLog: { nodes: LogEntry[] } }>(MY_LOG, {}, email)).myAccessLog.nodes;
      const readers = new Set(log.filter((entry) => entry.actorKind === "PROFESSIONAL" && entry.family === "Gezin Bakker").map((entry) => `${entry.professional} (${entry.organisation})`));
      expect(readers).toEqual(new Set(["Anouk de Vries (MJD)", "Marieke Dijkstra (Gemeente Groningen – Sozawe)"]));
      // Her own reads are there too, as a client's.
      expect(log.some((entry) => entry.actorKind === "CLIENT" && entry.client === "Linda Bakker-Smit" && entry.data.includes("export"))).toBe(true);
    });

    it("logs Patrick Jansen (Amsterdam) in; Tess at 17 reads her own", async () => {
      const patrick = data(await asDemoClient<{ myData: Export }>(MY_DATA, {}, "patrick.jansen@amsterdam.client.demo")).myData;
      expect(patrick.households[0]!.consents.map((consent) => consent.organisation)).toEqual(["Ymere"]);
      expect(patrick.referenceIndex.map((signal) => signal.organisation)).toEqual(["Ymere"]);
      const tess = data(await asDemoClient<{ myData: Export }>(MY_DATA, {}, "tess.jansen@amsterdam.client.demo")).myData;
      expect(tess.households[0]!.legalGrounds.map((ground) => ground.kind)).toEqual(["CHILD_PROTECTION_MEASURE"]);
      const children = data(await asDemoClient<{ myChildren: { givenName: string }[] }>(MY_CHILDREN, {}, "patrick.jansen@amsterdam.client.demo")).myChildren;
      expect(children.map((child) => child.givenName)).toEqual(["Mees"]);
    });

    it("`npm run token -- <client email>` prints a client token the server takes as that client's", async () => {
      const root = new URL("..", import.meta.url);
      const tsx = new URL("node_modules/.bin/tsx", root).pathname;
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "DATABASE_URL" && !name.startsWith("JWT_")));
      // Not execFileSync: the server runs in this process, and a blocked event loop drops its keep-alive connections.
      const token = (await execFileAsync(tsx, ["scripts/token.ts", "linda.bakker@groningen.client.demo"], { cwd: root.pathname, env, encoding: "utf8" })).stdout.trim();
      expect(createTokenVerifier(demo.config).verifyClient(token)).toBe(demoClientAccountId("linda.bakker@groningen.client.demo"));
      expect(createTokenVerifier(demo.config).verify(token)).toBeNull();
      const response = await demo.gqlWithHeader<{ myAccount: { email: string } }>(MY_ACCOUNT, `Bearer ${token}`);
      expect(data(response).myAccount.email).toBe("linda.bakker@groningen.client.demo");
      refused(await demo.gqlWithHeader(`{ families { nodes { id } } }`, `Bearer ${token}`), "FORBIDDEN");
    });
  });
});
